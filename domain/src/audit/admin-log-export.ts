/**
 * The administration log as files for the auditors' records: an Excel workbook (exceljs) and a CSV, in
 * Vietnamese: the filter and the chain's verification on top, then a row per entry (time in Vietnam, who, the
 * kind of entity, the action and the details in words, the row's hash and whether the chain verifies it).
 */
import ExcelJS from 'exceljs';
import { formatVnDateTime } from '../time/vietnam-time.ts';
import { actionWords, describeChange, entityWords } from './admin-log-words.ts';
import type { AdminLogExport, RowVerification } from './audit.service.ts';

const TITLE = 'NHẬT KÝ QUẢN TRỊ HỆ THỐNG MỘT CỬA';
const dmy = (d: string) => d.split('-').reverse().join('/');
const rowWords: Record<RowVerification, string> = {
  verified: 'Đã kiểm chứng',
  altered: 'BỊ SỬA HOẶC XÓA NGOÀI HỆ THỐNG',
  after_break: 'Sau chỗ chuỗi bị phá vỡ: không kiểm chứng được',
};
const HEADS = ['STT', 'Thời điểm', 'Người thực hiện', 'Đối tượng', 'Thao tác', 'Chi tiết', 'Mã băm (SHA-256)', 'Kiểm chứng'];

/** The lines above the table: the filter, the verification, how many rows. */
function preamble(x: AdminLogExport): string[] {
  const q = x.query;
  const filter = [
    q.entity && `Đối tượng: ${entityWords(q.entity).vi}`,
    q.action && `Thao tác: ${actionWords(q.action).vi}`,
    q.q && `Từ khóa: «${q.q}»`,
    q.from && `Từ ngày ${dmy(q.from)}`,
    q.to && `Đến ngày ${dmy(q.to)}`,
  ].filter(Boolean);
  const v = x.verification;
  const chain = v.intact
    ? `Chuỗi băm nguyên vẹn: ${v.checked} mục đã kiểm chứng, không mục nào bị sửa hay xóa.`
    : `CHUỖI BĂM BỊ PHÁ VỠ tại mục số ${v.brokenAt}${v.broken ? ` (${formatVnDateTime(v.broken.at)}, ${v.broken.actor.name})` : ''}: mục này đã bị sửa hoặc xóa ngoài hệ thống; ${v.checked} mục trước đó nguyên vẹn.`;
  return [
    `Điều kiện lọc: ${filter.length ? filter.join('; ') : 'toàn bộ nhật ký'}`,
    chain,
    `Số mục: ${x.total}${x.total > x.rows.length ? ` (tệp gồm ${x.rows.length} mục mới nhất; hãy thu hẹp điều kiện lọc)` : ''}. Lập lúc ${formatVnDateTime(x.generatedAt)}.`,
  ];
}

const cells = (x: AdminLogExport) =>
  x.rows.map((e, i) => [
    i + 1,
    formatVnDateTime(e.at),
    e.actor.name,
    entityWords(e.entity).vi,
    actionWords(e.action).vi,
    describeChange(e, 'vi'),
    e.hash,
    rowWords[e.verification],
  ]);

/** The workbook: one sheet, the title, the filter and verification, the table; the altered row in red. */
export async function adminLogExcel(x: AdminLogExport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  wb.created = x.generatedAt;
  const ws = wb.addWorksheet('Nhật ký quản trị', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const line = (text: string, bold = false, size = 11, color?: string) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, HEADS.length);
    row.getCell(1).font = { bold, size, ...(color ? { color: { argb: color } } : {}) };
    row.getCell(1).alignment = { horizontal: 'left', wrapText: true };
  };
  line(TITLE, true, 13);
  const [filter, chain, count] = preamble(x);
  line(filter!);
  line(chain!, true, 11, x.verification.intact ? 'FF1B5E20' : 'FFB71C1C');
  line(count!);
  ws.addRow([]);
  const head = ws.addRow(HEADS);
  head.eachCell((c) => {
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
  });
  ws.views = [{ state: 'frozen', ySplit: head.number }];
  const thin = { style: 'thin' } as const;
  for (const values of cells(x)) {
    const row = ws.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = { top: thin, bottom: thin, left: thin, right: thin };
    });
    if (values[7] === rowWords.altered) row.eachCell((c) => (c.font = { bold: true, color: { argb: 'FFB71C1C' } }));
  }
  [6, 18, 24, 18, 24, 60, 30, 22].forEach((width, i) => (ws.getColumn(i + 1).width = width));
  ws.getColumn(7).font = { name: 'Consolas', size: 9 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the diacritics): the table alone, a row a line. */
export function adminLogCsv(x: AdminLogExport): Buffer {
  const quote = (v: string | number) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [HEADS.map(quote).join(','), ...cells(x).map((r) => r.map(quote).join(','))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

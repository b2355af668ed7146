/**
 * The result document of a procedure (e.g. a birth certificate extract), rendered from the procedure's
 * result template and the dossier's data, then signed (PAdES) by the agency's signer.
 */
import { formatVnDate, vnParts } from '../time/vietnam-time.ts';
import type { ResultTemplate } from '../procedures/procedure-package.ts';
import { field, header, newDocument, paragraph, qr, signatureBlock, title, toBuffer, type Pdf } from './pdf-document.ts';

export interface ResultInput {
  template: ResultTemplate;
  data: Record<string, unknown>;
  dossierCode: string;
  procedureName: string;
  unitName: string;
  parentUnitName: string | undefined;
  place: string;
  approverName: string;
  approverRole: string;
  decidedAt: Date;
  verifyUrl: string;
  /** a draft for the leader to read before approving: marked «DỰ THẢO» across the page, unsigned, no QR code */
  draft?: boolean;
}

function valueAt(data: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), data);
}

function display(v: unknown, f: ResultTemplate['fields'][number]): string {
  if (v === undefined || v === null || v === '') return '';
  if (f.values && typeof v === 'string') return f.values[v] ?? v;
  if (f.format === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-');
    return `${d}/${m}/${y}`;
  }
  return String(v);
}

/** «DỰ THẢO» in large pale letters across the page, under the text. */
function draftMark(doc: Pdf): void {
  const { width, height } = doc.page;
  doc.save();
  doc.rotate(-35, { origin: [width / 2, height / 2] });
  doc
    .font('bold')
    .fontSize(110)
    .fillColor('#c62828', 0.15)
    .text('DỰ THẢO', 0, height / 2 - 60, { width, align: 'center', lineBreak: false });
  doc.restore();
  doc.fillColor('#000', 1).font('regular').fontSize(12);
  doc.x = doc.page.margins.left;
  doc.y = doc.page.margins.top;
}

export async function renderResult(r: ResultInput): Promise<Buffer> {
  const doc = newDocument({ title: `${r.template.title} - ${r.dossierCode}`, subject: r.procedureName, author: r.unitName, creationDate: r.decidedAt });
  if (r.draft) draftMark(doc);
  header(doc, r.parentUnitName, r.unitName, `Mã hồ sơ: ${r.dossierCode}`);
  title(doc, r.template.title, r.draft ? '(DỰ THẢO - chưa ký số, chưa có giá trị pháp lý)' : '(Bản điện tử có chữ ký số)');
  for (const f of r.template.fields) {
    const v = display(valueAt(r.data, f.path), f);
    if (v) field(doc, f.label, v);
  }
  doc.moveDown(0.5);
  paragraph(doc, `Kết quả giải quyết thủ tục «${r.procedureName}».`, { italic: true });
  const p = vnParts(r.decidedAt);
  signatureBlock(doc, {
    placeDate: `${r.place}, ngày ${String(p.day).padStart(2, '0')} tháng ${String(p.month).padStart(2, '0')} năm ${p.year}`,
    role: r.approverRole,
    note: r.draft ? '(Dự thảo - chưa ký)' : `(Đã ký số ngày ${formatVnDate(r.decidedAt)})`,
    name: r.approverName,
  });
  if (r.draft) return toBuffer(doc);
  const y = doc.page.height - doc.page.margins.bottom - 100;
  await qr(doc, r.verifyUrl, doc.page.margins.left, y, 80);
  doc
    .font('italic')
    .fontSize(9)
    .text(`Quét mã để kiểm tra tính xác thực của văn bản, hoặc mở ${r.verifyUrl}`, doc.page.margins.left + 90, y + 24, { width: 330 });
  return toBuffer(doc);
}

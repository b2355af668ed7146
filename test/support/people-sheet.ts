/** Excel sheets of officers, as an administrator would fill the import template. */
import ExcelJS from 'exceljs';

export const SHEET_HEADINGS = ['Tên đăng nhập', 'Họ và tên', 'Thư điện tử', 'Số điện thoại', 'Vai trò', 'Mã định danh đơn vị'];

/** A workbook whose first sheet has `headings` and then `rows` (cells in the headings' order). */
export async function peopleWorkbook(rows: (string | number | null)[][], headings: string[] = SHEET_HEADINGS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Cán bộ');
  ws.addRow(headings);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `n` officers with distinct user names (prefix-1, prefix-2 ...) in the unit of `agencyCode`. */
export function officerRows(prefix: string, n: number, agencyCode: string, role = 'Chuyên viên'): (string | number | null)[][] {
  return Array.from({ length: n }, (_, i) => [
    `${prefix}.${i + 1}`,
    `Cán Bộ Thử Số ${i + 1}`,
    `${prefix}.${i + 1}@example.vn`,
    // a phone typed as a number, its leading zero lost, as Excel does
    912000000 + i,
    i % 3 === 0 ? 'Cán bộ tiếp nhận' : role,
    agencyCode,
  ]);
}

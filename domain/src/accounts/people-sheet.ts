/**
 * The Excel sheet of officers an administrator imports: one row per person with the role they get in a unit.
 * Columns are found by their headings (Vietnamese, or English), in any order; a sheet without the required
 * columns is refused as a whole, naming what is missing. The template is the same sheet, empty, with a second
 * sheet listing the roles and the units of the administrator's region.
 */
import ExcelJS from 'exceljs';
import { InputError, msg, type Message } from '../errors/errors.ts';
import { foldVietnamese } from '../text/search.ts';
import { roleNames, roles, type Role } from './roles.ts';

export interface SheetRow {
  /** the row number in the sheet, as Excel shows it */
  row: number;
  username: string;
  fullName: string;
  email: string;
  phone: string;
  role: string;
  agencyCode: string;
}

type Column = Exclude<keyof SheetRow, 'row'>;

/** the columns, their headings (the first is the template's) and whether a row must fill them */
export const sheetColumns: { key: Column; headings: string[]; label: Message; required: boolean }[] = [
  { key: 'username', headings: ['Tên đăng nhập', 'Username'], label: msg('Tên đăng nhập', 'Username'), required: true },
  { key: 'fullName', headings: ['Họ và tên', 'Full name'], label: msg('Họ và tên', 'Full name'), required: true },
  { key: 'email', headings: ['Thư điện tử', 'Email'], label: msg('Thư điện tử', 'Email'), required: false },
  { key: 'phone', headings: ['Số điện thoại', 'Phone'], label: msg('Số điện thoại', 'Phone'), required: false },
  { key: 'role', headings: ['Vai trò', 'Role'], label: msg('Vai trò', 'Role'), required: true },
  { key: 'agencyCode', headings: ['Mã định danh đơn vị', 'Agency code'], label: msg('Mã định danh đơn vị', 'Agency code'), required: true },
];

export const MAX_SHEET_ROWS = 2000;

/** The text of a cell, whatever Excel stored (rich text, a link, a formula's result, a number). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  }
  return '';
}

/** Phone numbers typed into a number cell lose their leading zero (912345678): it comes back. */
function phoneText(value: ExcelJS.CellValue): string {
  const text = cellText(value).replace(/[\s.-]/g, '');
  return typeof value === 'number' && /^[1-9][0-9]{8}$/.test(text) ? `0${text}` : text;
}

const wrongFile = () =>
  new InputError(
    'import_file_unreadable',
    msg('Không đọc được tệp. Hãy tải lên tệp Excel (.xlsx) theo mẫu.', 'The file cannot be read. Upload an Excel workbook (.xlsx) made from the template.'),
  );

/**
 * The rows of the first sheet, blank rows skipped.
 * @throws InputError `import_file_unreadable` | `import_columns_invalid` | `import_empty` | `import_too_many_rows`
 */
export async function readPeopleSheet(content: Buffer): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw wrongFile();
  }
  const ws = wb.worksheets[0];
  if (!ws) throw wrongFile();
  const at = new Map<Column, number>();
  const unknown: string[] = [];
  ws.getRow(1).eachCell((cell, col) => {
    const heading = foldVietnamese(cellText(cell.value));
    if (!heading) return;
    const column = sheetColumns.find((c) => c.headings.some((h) => foldVietnamese(h) === heading));
    if (column && !at.has(column.key)) at.set(column.key, col);
    else unknown.push(cellText(cell.value));
  });
  const missing = sheetColumns.filter((c) => c.required && !at.has(c.key));
  if (missing.length) {
    const names = (lang: 'vi' | 'en') => missing.map((c) => `«${c.label[lang]}»`).join(', ');
    const extra = (lang: 'vi' | 'en') =>
      unknown.length
        ? lang === 'vi'
          ? ` Cột không nhận ra: ${unknown.map((u) => `«${u}»`).join(', ')}.`
          : ` Columns not recognised: ${unknown.map((u) => `"${u}"`).join(', ')}.`
        : '';
    throw new InputError(
      'import_columns_invalid',
      msg(
        `Dòng đầu của trang tính phải có các cột theo mẫu; còn thiếu ${names('vi')}.${extra('vi')}`,
        `The sheet's first row must name the template's columns; missing ${names('en')}.${extra('en')}`,
      ),
    );
  }
  if (ws.rowCount - 1 > MAX_SHEET_ROWS)
    throw new InputError(
      'import_too_many_rows',
      msg(`Mỗi lần chỉ nhập tối đa ${MAX_SHEET_ROWS} dòng; hãy chia tệp.`, `At most ${MAX_SHEET_ROWS} rows at a time; split the file.`),
    );
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const value = (key: Column) => {
      const col = at.get(key);
      return col ? row.getCell(col).value : null;
    };
    const r: SheetRow = {
      row: n,
      username: cellText(value('username')),
      fullName: cellText(value('fullName')).replace(/\s+/g, ' '),
      email: cellText(value('email')),
      phone: phoneText(value('phone')),
      role: cellText(value('role')),
      agencyCode: cellText(value('agencyCode')).toUpperCase(),
    };
    if (Object.entries(r).some(([k, v]) => k !== 'row' && v !== '')) rows.push(r);
  });
  if (!rows.length) throw new InputError('import_empty', msg('Trang tính không có dòng nào để nhập.', 'The sheet has no rows to import.'));
  return rows;
}

/** The role a cell names: its Vietnamese or English name or its key, case and accents ignored. */
export function roleOfCell(text: string): Role | undefined {
  const t = foldVietnamese(text);
  return roles.find((r) => r === text.trim() || foldVietnamese(roleNames[r].vi) === t || foldVietnamese(roleNames[r].en) === t);
}

/** The import template: the columns, and a sheet with the roles and units one may use. */
export async function peopleSheetTemplate(units: { name: string; agencyCode: string }[], assignable: readonly Role[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  const ws = wb.addWorksheet('Cán bộ');
  ws.columns = sheetColumns.map((c) => ({ header: c.headings[0], key: c.key, width: c.key === 'fullName' ? 32 : 24 }));
  ws.getRow(1).font = { bold: true };
  ws.getColumn('phone').numFmt = '@';
  const help = wb.addWorksheet('Hướng dẫn');
  help.columns = [
    { header: 'Vai trò (ghi đúng một trong các tên sau)', width: 40 },
    { header: 'Đơn vị', width: 48 },
    { header: 'Mã định danh đơn vị', width: 24 },
  ];
  help.getRow(1).font = { bold: true };
  const n = Math.max(assignable.length, units.length);
  for (let i = 0; i < n; i++) help.addRow([assignable[i] ? roleNames[assignable[i]!].vi : null, units[i]?.name ?? null, units[i]?.agencyCode ?? null]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Form 06 as files, laid out like the printed form: an Excel workbook (exceljs), a Word document (docx) and a
 * landscape PDF, all in
 * Vietnamese: the form's number, the agency, the period, the two header rows (groups over their columns), a row
 * per unit and field, and the total.
 */
import { AlignmentType, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { header, newDocument, nfc, toBuffer } from '../documents/pdf-document.ts';
import { formatVnDateTime, type IsoDate } from '../time/vietnam-time.ts';
import { form06Cells, form06Heads, type Form06Counts } from './form06.ts';
import type { Form06Report } from './reports.service.ts';

const FORM_NO = 'Biểu số 06/VPCP/KSTT';
const TITLE = 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';
const dmy = (d: IsoDate) => d.split('-').reverse().join('/');
const periodLine = (r: Form06Report) => `Kỳ báo cáo: từ ngày ${dmy(r.query.from)} đến ngày ${dmy(r.query.to)}`;
const figures = (c: Form06Counts) => form06Cells.map((k) => c[k]);

/** The workbook: one sheet, the form. */
export async function form06Excel(r: Form06Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  wb.created = r.generatedAt;
  const ws = wb.addWorksheet('Biểu 06', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1 } });
  const width = 3 + form06Cells.length;
  const line = (text: string, bold = false, size = 11) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).font = { bold, size };
    row.getCell(1).alignment = { horizontal: 'center', wrapText: true };
  };
  line(FORM_NO, false, 10);
  line(r.unit.name.toUpperCase(), true);
  line(TITLE, true, 13);
  line(periodLine(r));
  ws.addRow([]);
  // two header rows: the groups over their columns, then each column
  const top = ws.addRow(['STT', 'Đơn vị', 'Lĩnh vực', ...form06Heads.flatMap((g) => g.cells.map(() => g.group.vi))]);
  const sub = ws.addRow(['', '', '', ...form06Heads.flatMap((g) => g.cells.map((c) => c.label.vi))]);
  for (let col = 1; col <= 3; col++) ws.mergeCells(top.number, col, sub.number, col);
  let col = 4;
  for (const g of form06Heads) {
    if (g.cells.length > 1) ws.mergeCells(top.number, col, top.number, col + g.cells.length - 1);
    col += g.cells.length;
  }
  const numbers = ws.addRow(['(1)', '(2)', '(3)', ...form06Cells.map((_, i) => `(${i + 4})`)]);
  for (const row of [top, sub, numbers])
    row.eachCell((cell) => {
      cell.font = { bold: row !== numbers, italic: row === numbers };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
  r.rows.forEach((x, i) => ws.addRow([i + 1, x.unitName, x.field, ...figures(x.counts)]));
  const total = ws.addRow(['', 'Tổng cộng', '', ...figures(r.total)]);
  total.font = { bold: true };
  for (let n = numbers.number + 1; n <= total.number; n++)
    ws.getRow(n).eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 34;
  ws.getColumn(3).width = 22;
  for (let c = 4; c <= width; c++) ws.getColumn(c).width = 11;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The PDF: landscape A4, the agency header, the title and period, the table with its two header rows. */
export async function form06Pdf(r: Form06Report): Promise<Buffer> {
  const doc = newDocument({ title: `${FORM_NO} - ${r.unit.name}`, author: r.unit.name, creationDate: r.generatedAt, layout: 'landscape' });
  header(doc, r.parentName ?? undefined, r.unit.name, FORM_NO);
  doc.moveDown(1);
  doc
    .font('bold')
    .fontSize(13)
    .text(nfc(TITLE), doc.page.margins.left, doc.y, { align: 'center', width: doc.page.width - doc.page.margins.left - doc.page.margins.right });
  doc
    .font('italic')
    .fontSize(10)
    .text(nfc(periodLine(r)), { align: 'center' });
  doc.moveDown(0.8);

  const left = doc.page.margins.left;
  const usable = doc.page.width - left - doc.page.margins.right;
  const fixed = [24, 150, 96];
  const figW = (usable - fixed.reduce((a, b) => a + b, 0)) / form06Cells.length;
  const widths = [...fixed, ...form06Cells.map(() => figW)];
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const cellText = (text: string, x: number, y: number, w: number, h: number, o: { bold?: boolean; align?: 'center' | 'left' | 'right' } = {}) => {
    doc.rect(x, y, w, h).stroke();
    doc.font(o.bold ? 'bold' : 'regular').fontSize(7.5);
    const th = doc.heightOfString(nfc(text), { width: w - 4 });
    doc.text(nfc(text), x + 2, y + Math.max(2, (h - th) / 2), { width: w - 4, align: o.align ?? 'center' });
  };
  // header: groups, then their columns
  let y = doc.y;
  const h1 = 30;
  const h2 = 34;
  cellText('STT', xs[0]!, y, widths[0]!, h1 + h2, { bold: true });
  cellText('Đơn vị', xs[1]!, y, widths[1]!, h1 + h2, { bold: true });
  cellText('Lĩnh vực', xs[2]!, y, widths[2]!, h1 + h2, { bold: true });
  let i = 3;
  for (const g of form06Heads) {
    const w = widths.slice(i, i + g.cells.length).reduce((a, b) => a + b, 0);
    cellText(g.group.vi, xs[i]!, y, w, h1, { bold: true });
    g.cells.forEach((c, j) => cellText(c.label.vi, xs[i + j]!, y + h1, widths[i + j]!, h2, { bold: true }));
    i += g.cells.length;
  }
  y += h1 + h2;
  const row = (values: (string | number)[], bold = false) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(7.5);
    const h = Math.max(16, ...values.slice(0, 3).map((v, k) => doc.heightOfString(nfc(String(v)), { width: widths[k]! - 4 }) + 6));
    if (y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    values.forEach((v, k) => cellText(String(v), xs[k]!, y, widths[k]!, h, { bold, align: k === 1 || k === 2 ? 'left' : 'center' }));
    y += h;
  };
  r.rows.forEach((x, n) => row([n + 1, x.unitName, x.field, ...figures(x.counts)]));
  row(['', 'Tổng cộng', '', ...figures(r.total)], true);
  doc
    .font('italic')
    .fontSize(8)
    .text(nfc(`Số liệu lập lúc ${formatVnDateTime(r.generatedAt)} từ hệ thống một cửa.`), left, y + 8);
  return toBuffer(doc);
}

/** The Word document: landscape A4, the form's number, the agency, the title, the period, the table. */
export async function form06Docx(r: Form06Report): Promise<Buffer> {
  const text = (t: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
    new TextRun({ text: nfc(t), font: 'Times New Roman', size: o.size ?? 20, ...o });
  const centred = (t: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: [text(t, o)] });
  const cell = (t: string | number, o: { bold?: boolean; columnSpan?: number; rowSpan?: number; left?: boolean } = {}) =>
    new TableCell({
      columnSpan: o.columnSpan,
      rowSpan: o.rowSpan,
      verticalAlign: VerticalAlign.CENTER,
      children: [new Paragraph({ alignment: o.left ? AlignmentType.LEFT : AlignmentType.CENTER, children: [text(String(t), { bold: o.bold, size: 18 })] })],
    });
  const head = [
    new TableRow({
      tableHeader: true,
      children: [
        cell('STT', { bold: true, rowSpan: 2 }),
        cell('Đơn vị', { bold: true, rowSpan: 2 }),
        cell('Lĩnh vực', { bold: true, rowSpan: 2 }),
        ...form06Heads.map((g) => cell(g.group.vi, { bold: true, columnSpan: g.cells.length })),
      ],
    }),
    new TableRow({ tableHeader: true, children: form06Heads.flatMap((g) => g.cells.map((c) => cell(c.label.vi, { bold: true }))) }),
  ];
  const body = r.rows.map(
    (x, i) =>
      new TableRow({ children: [cell(i + 1), cell(x.unitName, { left: true }), cell(x.field, { left: true }), ...figures(x.counts).map((n) => cell(n))] }),
  );
  const total = new TableRow({
    children: [cell(''), cell('Tổng cộng', { bold: true, left: true }), cell(''), ...figures(r.total).map((n) => cell(n, { bold: true }))],
  });
  const doc = new Document({
    creator: 'motcua',
    title: `${FORM_NO} - ${r.unit.name}`,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ children: [text(FORM_NO, { italics: true })] }),
          ...(r.parentName ? [centred(r.parentName.toUpperCase())] : []),
          centred(r.unit.name.toUpperCase(), { bold: true }),
          centred(TITLE, { bold: true, size: 26 }),
          centred(periodLine(r), { italics: true }),
          new Paragraph({ children: [] }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [...head, ...body, total] }),
          new Paragraph({ children: [text(`Số liệu lập lúc ${formatVnDateTime(r.generatedAt)} từ hệ thống một cửa.`, { italics: true, size: 16 })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

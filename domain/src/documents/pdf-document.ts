/**
 * PDF documents in the layout of Vietnamese administrative papers (Nghị định 30/2020/NĐ-CP style): agency
 * and national motto header, centred title, body, signature block. DejaVu Serif carries every Vietnamese
 * glyph and is embedded (subset) in each file.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const fonts = {
  regular: path.join(fontDir, 'DejaVuSerif.ttf'),
  bold: path.join(fontDir, 'DejaVuSerif-Bold.ttf'),
  italic: path.join(fontDir, 'DejaVuSerif-Italic.ttf'),
};

export type Pdf = PDFKit.PDFDocument;

export interface DocumentMeta {
  title: string;
  subject?: string;
  author: string;
  creationDate: Date;
}

const MARGIN = 56;

export function newDocument(meta: DocumentMeta): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: 70, right: MARGIN },
    info: { Title: meta.title, Subject: meta.subject ?? meta.title, Author: meta.author, Creator: 'motcua', Producer: 'motcua', CreationDate: meta.creationDate },
    lang: 'vi-VN',
    pdfVersion: '1.7',
    autoFirstPage: true,
    compress: true,
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('italic', fonts.italic);
  doc.font('regular').fontSize(12);
  return doc;
}

/** Agency name on the left, national motto on the right, as on every administrative paper. */
export function header(doc: Pdf, parentAgency: string | undefined, agency: string, numberLine?: string): void {
  const top = doc.y;
  const leftW = 210;
  const rightX = doc.page.margins.left + leftW + 6;
  const rightW = doc.page.width - doc.page.margins.right - rightX;
  doc.font('regular').fontSize(9.5);
  if (parentAgency) doc.text(parentAgency.toUpperCase(), doc.page.margins.left, top, { width: leftW, align: 'center' });
  doc.font('bold').fontSize(9.5).text(agency.toUpperCase(), doc.page.margins.left, doc.y, { width: leftW, align: 'center' });
  if (numberLine) doc.font('regular').fontSize(9).text(numberLine, { width: leftW, align: 'center' });
  const leftBottom = doc.y;
  doc.font('bold').fontSize(10).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightW, align: 'center' });
  doc.font('bold').fontSize(11).text('Độc lập - Tự do - Hạnh phúc', { width: rightW, align: 'center', underline: true });
  doc.y = Math.max(leftBottom, doc.y) + 18;
  doc.x = doc.page.margins.left;
  doc.font('regular').fontSize(12);
}

export function title(doc: Pdf, text: string, subtitle?: string): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font('bold').fontSize(14).text(text, doc.page.margins.left, doc.y, { width, align: 'center' });
  if (subtitle) doc.font('italic').fontSize(11).text(subtitle, { width, align: 'center' });
  doc.moveDown(1);
  doc.font('regular').fontSize(12);
}

/** "Label: value" with the label in regular and the value in bold. */
export function field(doc: Pdf, label: string, value: string): void {
  doc.font('regular').text(`${label}: `, doc.page.margins.left, doc.y, { continued: true }).font('bold').text(value || '—');
  doc.font('regular');
}

export function paragraph(doc: Pdf, text: string, opts: { italic?: boolean; indent?: number; align?: 'left' | 'justify' } = {}): void {
  doc.font(opts.italic ? 'italic' : 'regular').text(text, doc.page.margins.left + (opts.indent ?? 0), doc.y, { align: opts.align ?? 'left' });
  doc.font('regular');
}

/** The signature block on the right: place and date, role, (signed electronically), name. */
export function signatureBlock(doc: Pdf, lines: { placeDate?: string; role: string; note?: string; name: string }): void {
  const width = 290;
  const x = doc.page.width - doc.page.margins.right - width;
  doc.moveDown(1);
  if (lines.placeDate) doc.font('italic').fontSize(11).text(lines.placeDate, x, doc.y, { width, align: 'center' });
  doc.font('bold').fontSize(12).text(lines.role.toUpperCase(), x, doc.y, { width, align: 'center' });
  if (lines.note) doc.font('italic').fontSize(10).text(lines.note, x, doc.y, { width, align: 'center' });
  doc.moveDown(2.5);
  doc.font('bold').fontSize(12).text(lines.name, x, doc.y, { width, align: 'center' });
  doc.x = doc.page.margins.left;
  doc.font('regular');
}

/** A QR code of `text` at the given position (points). */
export async function qr(doc: Pdf, text: string, x: number, y: number, size = 80): Promise<void> {
  const png = await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 1, width: size * 3 });
  doc.image(png, x, y, { width: size, height: size });
}

export function toBuffer(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

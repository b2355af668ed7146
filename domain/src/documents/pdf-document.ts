/**
 * PDF documents in the layout of Vietnamese administrative papers (Nghị định 30/2020/NĐ-CP style): agency
 * and national motto header, centred title, body, signature block. DejaVu Serif carries every Vietnamese
 * glyph and is embedded (subset) in each file (see fonts.ts). Text is written in Unicode NFC.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { documentFonts } from './fonts.ts';
import { subsetFace, TrueTypeSubset, type SubsetFace } from './truetype-subset.ts';

export type Pdf = PDFKit.PDFDocument;

export interface DocumentMeta {
  title: string;
  subject?: string;
  author: string;
  creationDate: Date;
  /** landscape for wide tables (report forms) */
  layout?: 'portrait' | 'landscape';
}

const MARGIN = 56;

export function newDocument(meta: DocumentMeta): Pdf {
  const f = documentFonts();
  const doc = new PDFDocument({
    // no default face: pdfkit would load Helvetica's metrics into every document; ours is set below
    font: null as unknown as string,
    size: 'A4',
    layout: meta.layout ?? 'portrait',
    margins: { top: MARGIN, bottom: MARGIN, left: 70, right: MARGIN },
    info: {
      Title: meta.title,
      Subject: meta.subject ?? meta.title,
      Author: meta.author,
      Creator: 'motcua',
      Producer: 'motcua',
      CreationDate: meta.creationDate,
    },
    lang: 'vi-VN',
    pdfVersion: '1.7',
    autoFirstPage: true,
    compress: true,
  });
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
  doc.registerFont('italic', f.italic);
  shareParsedFaces(doc, f);
  doc.font('regular').fontSize(12);
  return doc;
}

/** fontkit's parsed face: shareParsedFaces only hands it on */
type ParsedFace = object;
/** pdfkit's embedded font: its face, its subset, and the measured words it keeps (pdfkit 0.17) */
interface EmbeddedFont {
  font?: ParsedFace;
  subset?: unknown;
  layoutCache?: Record<string, unknown>;
  constructor: new (doc: Pdf, font: ParsedFace, id: string) => unknown;
}
/** pdfkit's internals that shareParsedFaces uses (pdfkit 0.17) */
interface PdfkitInternals {
  _fontFamilies: Record<string, EmbeddedFont>;
  _fontCount: number;
}
interface SharedFace {
  font: ParsedFace;
  Embedded: new (doc: Pdf, font: ParsedFace, id: string) => unknown;
  subsetFace: SubsetFace;
  /** words measured (laid out) by any document; emptied when it grows past LAYOUTS_KEPT */
  layouts: Record<string, unknown>;
}
const parsedFaces = new Map<string, SharedFace>();
const LAYOUTS_KEPT = 5000;

/** A document's embedded face with the shared measured words and a subset of our own (truetype-subset.ts). */
function useShared(embedded: EmbeddedFont, shared: SharedFace): void {
  embedded.subset = new TrueTypeSubset(shared.subsetFace);
  if (embedded.layoutCache) {
    if (Object.keys(shared.layouts).length > LAYOUTS_KEPT) shared.layouts = Object.create(null) as Record<string, unknown>;
    embedded.layoutCache = shared.layouts;
  }
}

/**
 * Every document embeds a subset of the same three faces. pdfkit parses a face anew for each document (about
 * 40 % of a receipt's CPU: tables, glyph outlines and metrics decoded again); here the first document's parsed
 * face serves every later one, each document keeping its own subset and text map. The words pdfkit measures
 * (their glyphs and advances, the same in every document) are kept for all documents too. Each document's subset
 * is made by truetype-subset.ts, which copies the glyphs' bytes and never asks the shared face for a glyph: a
 * glyph the face first made for a subset (an accent's base letter, without characters) would have reached later
 * documents without its characters, and their text could not be copied or searched.
 */
function shareParsedFaces(doc: Pdf, files: Record<'regular' | 'bold' | 'italic', Buffer>): void {
  const d = doc as unknown as PdfkitInternals;
  if (typeof d._fontFamilies !== 'object' || typeof d._fontCount !== 'number') return;
  for (const face of ['regular', 'bold', 'italic'] as const) {
    const known = parsedFaces.get(face);
    if (known) {
      const embedded = new known.Embedded(doc, known.font, `F${++d._fontCount}`) as EmbeddedFont;
      useShared(embedded, known);
      d._fontFamilies[face] = embedded;
      continue;
    }
    doc.font(face);
    const opened = d._fontFamilies[face];
    if (!opened?.font) continue;
    const font = opened.font;
    const shared: SharedFace = {
      font,
      Embedded: opened.constructor,
      subsetFace: subsetFace(files[face]),
      layouts: Object.create(null) as Record<string, unknown>,
    };
    useShared(opened, shared);
    parsedFaces.set(face, shared);
  }
}

/** Text as the fonts need it: precomposed (NFC), since they carry no layout tables to place combining marks. */
export const nfc = (s: string): string => s.normalize('NFC');

/** Agency name on the left, national motto on the right, as on every administrative paper. */
export function header(doc: Pdf, parentAgency: string | undefined, agency: string, numberLine?: string): void {
  const top = doc.y;
  const leftW = 210;
  const rightX = doc.page.margins.left + leftW + 6;
  const rightW = doc.page.width - doc.page.margins.right - rightX;
  doc.font('regular').fontSize(9.5);
  if (parentAgency) doc.text(nfc(parentAgency).toUpperCase(), doc.page.margins.left, top, { width: leftW, align: 'center' });
  doc.font('bold').fontSize(9.5).text(nfc(agency).toUpperCase(), doc.page.margins.left, doc.y, { width: leftW, align: 'center' });
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
  doc.font('bold').fontSize(14).text(nfc(text), doc.page.margins.left, doc.y, { width, align: 'center' });
  if (subtitle) doc.font('italic').fontSize(11).text(nfc(subtitle), { width, align: 'center' });
  doc.moveDown(1);
  doc.font('regular').fontSize(12);
}

/** "Label: value" with the label in regular and the value in bold. */
export function field(doc: Pdf, label: string, value: string): void {
  doc
    .font('regular')
    .text(`${nfc(label)}: `, doc.page.margins.left, doc.y, { continued: true })
    .font('bold')
    .text(nfc(value) || '—');
  doc.font('regular');
}

export function paragraph(doc: Pdf, text: string, opts: { italic?: boolean; indent?: number; align?: 'left' | 'justify' } = {}): void {
  doc.font(opts.italic ? 'italic' : 'regular').text(nfc(text), doc.page.margins.left + (opts.indent ?? 0), doc.y, { align: opts.align ?? 'left' });
  doc.font('regular');
}

/** The signature block on the right: place and date, role, (signed electronically), name. */
export function signatureBlock(doc: Pdf, lines: { placeDate?: string; role: string; note?: string; name: string }): void {
  const width = 290;
  const x = doc.page.width - doc.page.margins.right - width;
  doc.moveDown(1);
  if (lines.placeDate) doc.font('italic').fontSize(11).text(nfc(lines.placeDate), x, doc.y, { width, align: 'center' });
  doc.font('bold').fontSize(12).text(nfc(lines.role).toUpperCase(), x, doc.y, { width, align: 'center' });
  if (lines.note) doc.font('italic').fontSize(10).text(lines.note, x, doc.y, { width, align: 'center' });
  doc.moveDown(2.5);
  doc.font('bold').fontSize(12).text(nfc(lines.name), x, doc.y, { width, align: 'center' });
  doc.x = doc.page.margins.left;
  doc.font('regular');
}

/**
 * The QR code of `text`: the text's UTF-8 bytes as one byte-mode segment, error correction M. The library's own
 * search for the shortest mix of modes (a graph of every split of the text) cost as much as the rest of the code;
 * for a link it gives no smaller symbol in practice (a tracking link: version 6 either way, 0.6 ms against 1.4).
 */
export function qrCode(text: string): QRCode.QRCode {
  return QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
}

/** A QR code of `text` at the given position (points), drawn as vector squares: sharp at any zoom. */
export async function qr(doc: Pdf, text: string, x: number, y: number, size = 80): Promise<void> {
  const code = qrCode(text);
  const n = code.modules.size;
  const cell = size / (n + 2);
  doc.save();
  // each row's run of dark modules is one rectangle (a third of the drawing's operators, no seams between modules)
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n;) {
      if (!code.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && code.modules.get(row, col)) col++;
      doc.rect(x + (start + 1) * cell, y + (row + 1) * cell, (col - start) * cell, cell);
    }
  }
  doc.fill('#000000').restore();
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

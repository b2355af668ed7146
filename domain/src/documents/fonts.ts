/**
 * The fonts of motcua's PDF documents: DejaVu Serif (regular, bold, italic), which carries every Vietnamese
 * glyph precomposed. Each file is read once per process and trimmed for fast rendering: the OpenType layout
 * tables (GSUB, GPOS, GDEF, kern, MATH) and the PostScript glyph names are dropped. Documents are plain
 * Vietnamese text in Unicode NFC, which needs no shaping; without those tables pdfkit measures and subsets
 * a document's text in about half the time (a receipt: ~30 → ~15 ms of CPU).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const fontFiles = {
  regular: path.join(fontDir, 'DejaVuSerif.ttf'),
  bold: path.join(fontDir, 'DejaVuSerif-Bold.ttf'),
  italic: path.join(fontDir, 'DejaVuSerif-Italic.ttf'),
};

const LAYOUT_TABLES = ['GSUB', 'GPOS', 'GDEF', 'kern', 'MATH'];

/**
 * A TrueType font without the tables named in `drop`, and with a version 3 `post` table (no glyph names).
 * The table directory is rebuilt; the tables kept are copied unchanged (4-byte aligned, as the format asks).
 */
export function trimTrueType(font: Buffer, drop: string[] = LAYOUT_TABLES): Buffer {
  const count = font.readUInt16BE(4);
  const tables: { tag: string; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const rec = 12 + i * 16;
    const tag = font.toString('latin1', rec, rec + 4);
    if (drop.includes(tag)) continue;
    const offset = font.readUInt32BE(rec + 8);
    let data = font.subarray(offset, offset + font.readUInt32BE(rec + 12));
    let checksum = font.readUInt32BE(rec + 4);
    if (tag === 'post' && data.length > 32) {
      data = Buffer.from(data.subarray(0, 32));
      data.writeUInt32BE(0x00030000, 0);
      checksum = tableChecksum(data);
    }
    tables.push({ tag, checksum, data });
  }
  const n = tables.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  const directory = Buffer.alloc(12 + n * 16);
  directory.writeUInt32BE(font.readUInt32BE(0), 0);
  directory.writeUInt16BE(n, 4);
  directory.writeUInt16BE(searchRange, 6);
  directory.writeUInt16BE(entrySelector, 8);
  directory.writeUInt16BE(n * 16 - searchRange, 10);
  const parts: Buffer[] = [directory];
  let offset = directory.length;
  tables.forEach((t, i) => {
    const rec = 12 + i * 16;
    directory.write(t.tag, rec, 'latin1');
    directory.writeUInt32BE(t.checksum, rec + 4);
    directory.writeUInt32BE(offset, rec + 8);
    directory.writeUInt32BE(t.data.length, rec + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

function tableChecksum(data: Buffer): number {
  const padded = Buffer.alloc((data.length + 3) & ~3);
  data.copy(padded);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

let prepared: { regular: Buffer; bold: Buffer; italic: Buffer } | undefined;

/** The three faces, read and trimmed on first use. */
export function documentFonts(): { regular: Buffer; bold: Buffer; italic: Buffer } {
  prepared ??= {
    regular: trimTrueType(fs.readFileSync(fontFiles.regular)),
    bold: trimTrueType(fs.readFileSync(fontFiles.bold)),
    italic: trimTrueType(fs.readFileSync(fontFiles.italic)),
  };
  return prepared;
}

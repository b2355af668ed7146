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
import { readTables, writeTrueType, type SfntTable } from './truetype-subset.ts';

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
  const tables: SfntTable[] = [];
  for (const [tag, data] of readTables(font)) {
    if (drop.includes(tag)) continue;
    if (tag === 'post' && data.length > 32) {
      const post = Buffer.from(data.subarray(0, 32));
      post.writeUInt32BE(0x00030000, 0);
      tables.push({ tag, data: post });
    } else tables.push({ tag, data });
  }
  return writeTrueType(font.readUInt32BE(0), tables);
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

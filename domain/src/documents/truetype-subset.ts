/**
 * A TrueType font's subset as a PDF embeds it (FontFile2 of a CIDFontType2 with an identity CID-to-glyph map):
 * the glyphs a document uses, renumbered in the order it first uses them, with the tables a PDF reader needs
 * (head, hhea, maxp, loca, glyf, hmtx, and the hinting tables cvt, fpgm, prep). It makes the same font as
 * fontkit's subset, which pdfkit uses, by copying bytes: fontkit encodes every table field by field through its
 * generic structures (each instruction byte of the hinting tables one call at a time), a quarter of a receipt's
 * CPU; this takes a small part of that (tested glyph for glyph against fontkit's in test/domain/pdf-fonts.test.ts).
 */

export interface SfntTable {
  tag: string;
  data: Buffer;
}

/** The tables of a TrueType file, by tag (views into the file). */
export function readTables(font: Buffer): Map<string, Buffer> {
  const tables = new Map<string, Buffer>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const rec = 12 + i * 16;
    const offset = font.readUInt32BE(rec + 8);
    tables.set(font.toString('latin1', rec, rec + 4), font.subarray(offset, offset + font.readUInt32BE(rec + 12)));
  }
  return tables;
}

export function tableChecksum(data: Buffer): number {
  let sum = 0;
  const whole = data.length & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + data.readUInt32BE(i)) >>> 0;
  if (whole < data.length) {
    const tail = Buffer.alloc(4);
    data.copy(tail, 0, whole);
    sum = (sum + tail.readUInt32BE(0)) >>> 0;
  }
  return sum;
}

/** A TrueType file of these tables: the directory sorted by tag, each table 4-byte aligned, with its checksum. */
export function writeTrueType(sfntVersion: number, tables: SfntTable[]): Buffer {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const n = sorted.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  let size = 12 + n * 16;
  for (const t of sorted) size += (t.data.length + 3) & ~3;
  const out = Buffer.alloc(size);
  out.writeUInt32BE(sfntVersion, 0);
  out.writeUInt16BE(n, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(n * 16 - searchRange, 10);
  let offset = 12 + n * 16;
  sorted.forEach((t, i) => {
    const rec = 12 + i * 16;
    out.write(t.tag, rec, 'latin1');
    out.writeUInt32BE(tableChecksum(t.data), rec + 4);
    out.writeUInt32BE(offset, rec + 8);
    out.writeUInt32BE(t.data.length, rec + 12);
    t.data.copy(out, offset);
    offset += (t.data.length + 3) & ~3;
  });
  return out;
}

/** What a subset reads of its face, prepared once per face. */
export interface SubsetFace {
  glyf: Buffer;
  /** where each glyph's outline starts in glyf, and (last) where the last one ends */
  loca: Uint32Array;
  /** numberOfHMetrics and hmtx, for each glyph's advance and left side bearing */
  hMetrics: number;
  hmtx: Buffer;
  head: Buffer;
  hhea: Buffer;
  maxp: Buffer;
  /** cvt, fpgm, prep as they are, when the face has them */
  hinting: SfntTable[];
}

export function subsetFace(font: Buffer): SubsetFace {
  const t = readTables(font);
  const need = (tag: string) => {
    const data = t.get(tag);
    if (!data) throw new Error(`the font has no ${tag} table`);
    return data;
  };
  const head = need('head');
  const maxp = need('maxp');
  const hhea = need('hhea');
  const rawLoca = need('loca');
  const numGlyphs = maxp.readUInt16BE(4);
  const long = head.readInt16BE(50) === 1;
  const loca = new Uint32Array(numGlyphs + 1);
  for (let i = 0; i <= numGlyphs; i++) loca[i] = long ? rawLoca.readUInt32BE(i * 4) : rawLoca.readUInt16BE(i * 2) * 2;
  return {
    glyf: need('glyf'),
    loca,
    hMetrics: hhea.readUInt16BE(34),
    hmtx: need('hmtx'),
    head,
    hhea,
    maxp,
    hinting: ['cvt ', 'fpgm', 'prep'].flatMap((tag) => (t.has(tag) ? [{ tag, data: t.get(tag)! }] : [])),
  };
}

// composite glyph component flags (OpenType glyf table)
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/**
 * The subset pdfkit asks for (`includeGlyph` while it writes text, `encode` when the document ends), in place of
 * fontkit's. Glyph 0 (.notdef) comes first; a composite glyph brings the glyphs it is made of.
 */
export class TrueTypeSubset {
  readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();
  private readonly face: SubsetFace;

  constructor(face: SubsetFace) {
    this.face = face;
    this.includeGlyph(0);
  }

  /** the glyph's number in the subset, added at the end if new */
  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'number' ? glyph : glyph.id;
    let gid = this.mapping.get(id);
    if (gid === undefined) {
      gid = this.glyphs.push(id) - 1;
      this.mapping.set(id, gid);
    }
    return gid;
  }

  encode(): Buffer {
    const { glyf, loca, hMetrics, hmtx } = this.face;
    const outlines: Buffer[] = [];
    // a composite's parts are added to the end while this runs, so the length is read at every turn
    for (let i = 0; i < this.glyphs.length; i++) {
      const id = this.glyphs[i]!;
      let outline = glyf.subarray(loca[id]!, loca[id + 1]!);
      if (outline.length >= 10 && outline.readInt16BE(0) < 0) {
        outline = Buffer.from(outline);
        for (let pos = 10; ;) {
          const flags = outline.readUInt16BE(pos);
          outline.writeUInt16BE(this.includeGlyph(outline.readUInt16BE(pos + 2)), pos + 2);
          pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
          if (flags & WE_HAVE_A_SCALE) pos += 2;
          else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
          else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
          if (!(flags & MORE_COMPONENTS)) break;
        }
      }
      outlines.push(outline);
    }
    const n = this.glyphs.length;
    const newLoca = Buffer.alloc((n + 1) * 4);
    const newHmtx = Buffer.alloc(n * 4);
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const id = this.glyphs[i]!;
      newLoca.writeUInt32BE(offset, i * 4);
      offset += outlines[i]!.length;
      const advance = hmtx.readUInt16BE(4 * Math.min(id, hMetrics - 1));
      const lsb = id < hMetrics ? hmtx.readInt16BE(4 * id + 2) : hmtx.readInt16BE(4 * hMetrics + 2 * (id - hMetrics));
      newHmtx.writeUInt16BE(advance, i * 4);
      newHmtx.writeInt16BE(lsb, i * 4 + 2);
    }
    newLoca.writeUInt32BE(offset, n * 4);
    const head = Buffer.from(this.face.head);
    head.writeUInt32BE(0, 8); // checkSumAdjustment: not used by PDF readers
    head.writeInt16BE(1, 50); // indexToLocFormat: long offsets
    const hhea = Buffer.from(this.face.hhea);
    hhea.writeUInt16BE(n, 34); // numberOfHMetrics
    const maxp = Buffer.from(this.face.maxp);
    maxp.writeUInt16BE(n, 4); // numGlyphs
    return writeTrueType(0x00010000, [
      { tag: 'head', data: head },
      { tag: 'hhea', data: hhea },
      { tag: 'maxp', data: maxp },
      { tag: 'loca', data: newLoca },
      { tag: 'glyf', data: Buffer.concat(outlines, offset) },
      { tag: 'hmtx', data: newHmtx },
      ...this.face.hinting,
    ]);
  }
}

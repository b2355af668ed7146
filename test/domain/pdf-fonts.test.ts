/**
 * The documents' fonts: the faces are parsed once per process and shared by every document (fonts.ts,
 * pdf-document.ts), yet each document embeds its own subset holding exactly the glyphs it uses. Read back
 * with poppler, which is what a citizen's PDF reader does.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import { header, newDocument, paragraph, title, toBuffer } from '@motcua/domain/documents/pdf-document.ts';
import { documentFonts } from '@motcua/domain/documents/fonts.ts';
import { subsetFace, TrueTypeSubset } from '@motcua/domain/documents/truetype-subset.ts';

/** fontkit as pdfkit uses it (pdfkit's own dependency): the subset ours must equal */
interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  path: { toSVG(): string };
  _decode(): { numberOfContours: number } | null;
}
interface FontkitFont {
  numGlyphs: number;
  glyphsForString(s: string): FontkitGlyph[];
  getGlyph(id: number): FontkitGlyph;
  createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
}
const fontkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'))('fontkit') as { create(b: Buffer): FontkitFont };

describe('document fonts', function () {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-fonts-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function render(name: string, heading: string, body: string): Promise<{ text: string; fonts: string; size: number }> {
    const doc = newDocument({ title: heading, author: 'motcua', creationDate: new Date('2026-11-30T03:00:00Z') });
    header(doc, 'Ủy ban nhân dân Thành phố Hồ Chí Minh', 'Ủy ban nhân dân phường Bến Thành');
    title(doc, heading);
    paragraph(doc, body);
    const file = path.join(dir, `${name}.pdf`);
    const pdf = await toBuffer(doc);
    fs.writeFileSync(file, pdf);
    return {
      text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '),
      fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }),
      size: pdf.length,
    };
  }

  it('gives each document, the later ones too, its own embedded subset of the shared faces', async () => {
    const first = await render('first', 'GIẤY TIẾP NHẬN HỒ SƠ', 'Ông/bà Trần Thị Bình đã nộp hồ sơ đăng ký khai sinh.');
    const second = await render('second', 'TRÍCH LỤC KHAI SINH', 'Họ, chữ đệm, tên: Nguyễn Văn An; giới tính: Nam; quê quán: Huế.');
    const third = await render('third', 'GIẤY TIẾP NHẬN HỒ SƠ', 'Ông/bà Trần Thị Bình đã nộp hồ sơ đăng ký khai sinh.');
    expect(first.text).to.contain('Ông/bà Trần Thị Bình đã nộp hồ sơ đăng ký khai sinh.');
    expect(second.text).to.contain('Họ, chữ đệm, tên: Nguyễn Văn An; giới tính: Nam; quê quán: Huế.');
    expect(second.text).to.contain('TRÍCH LỤC KHAI SINH');
    for (const d of [first, second, third]) {
      // every face used is embedded as a subset (poppler: "yes yes" for emb and sub)
      const faces = d.fonts.split('\n').filter((l) => l.includes('DejaVuSerif'));
      expect(faces.length).to.be.greaterThan(1);
      for (const l of faces) expect(l).to.match(/\byes\s+yes\b/);
    }
    // a subset holds the glyphs of its own document only: the same text renders to the same size again,
    // and the glyphs of the documents before it do not accumulate in it
    expect(third.size).to.equal(first.size);
  });

  it("makes each document's subset as fontkit does: the same glyphs, outlines and advances, composites with their parts", () => {
    const text = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM. Độc lập - Tự do - Hạnh phúc. Người đề nghị: Nguyễn Thị Ệ, Trần Ỹ; ngày 30/11/2026 (Đà Nẵng) — ¾ №';
    for (const [name, file] of Object.entries(documentFonts())) {
      const face = fontkit.create(file);
      const glyphs = face.glyphsForString(text);
      expect(
        glyphs.some((g) => (g._decode()?.numberOfContours ?? 0) < 0),
        `${name}: the text has composite glyphs`,
      ).to.equal(true);
      const theirs = face.createSubset();
      const ours = new TrueTypeSubset(subsetFace(file));
      for (const g of glyphs) expect(ours.includeGlyph(g.id)).to.equal(theirs.includeGlyph(g.id));
      const a = fontkit.create(Buffer.from(theirs.encode()));
      const b = fontkit.create(ours.encode());
      expect(b.numGlyphs, name).to.equal(a.numGlyphs);
      expect(b.numGlyphs).to.be.greaterThan(new Set(glyphs.map((g) => g.id)).size); // the composites' parts came too
      for (let gid = 0; gid < a.numGlyphs; gid++) {
        expect(b.getGlyph(gid).path.toSVG(), `${name} glyph ${gid}`).to.equal(a.getGlyph(gid).path.toSVG());
        expect(b.getGlyph(gid).advanceWidth, `${name} glyph ${gid}`).to.equal(a.getGlyph(gid).advanceWidth);
      }
    }
  });
});

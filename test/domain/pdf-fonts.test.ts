/**
 * The documents' fonts: the faces are parsed once per process and shared by every document (fonts.ts,
 * pdf-document.ts), yet each document embeds its own subset holding exactly the glyphs it uses. Read back
 * with poppler, which is what a citizen's PDF reader does.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { header, newDocument, paragraph, title, toBuffer } from '@motcua/domain/documents/pdf-document.ts';

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
});

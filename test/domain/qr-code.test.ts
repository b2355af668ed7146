/**
 * The QR codes printed on receipts and results (tracking and verification links): rendered by poppler, every
 * module reads as the code has it, dark or light, and the quiet zone around it is light.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import { newDocument, qr, qrCode, toBuffer } from '@motcua/domain/documents/pdf-document.ts';

/** A grayscale raster of the PDF's first page (netpbm P5), one byte a pixel. */
function rasterise(pdf: Buffer, dpi: number): { width: number; height: number; px: (x: number, y: number) => number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-qr-'));
  try {
    fs.writeFileSync(path.join(dir, 'd.pdf'), pdf);
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', path.join(dir, 'd.pdf'), path.join(dir, 'p')]);
    const data = fs.readFileSync(path.join(dir, 'p.pgm'));
    // header: P5 <width> <height> <maxval>, each followed by one whitespace
    const header = data
      .subarray(0, 64)
      .toString('latin1')
      .match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
    if (!header) throw new Error('not a P5 image');
    const [, w, h] = header.map(Number) as [number, number, number];
    const start = header[0].length;
    return { width: w, height: h, px: (x, y) => data[start + Math.floor(y) * w + Math.floor(x)]! };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('QR codes in documents', function () {
  for (const text of ['https://dichvucong.example.gov.vn/tra-cuu/000.00.27.H29-261202-0001', 'https://dichvucong.example.gov.vn/xac-thuc/TN-2026-ABCDEF12']) {
    it(`prints every module of ${text.split('/').slice(-2, -1)[0]} as the code has it`, async () => {
      const doc = newDocument({ title: 'QR', author: 'motcua', creationDate: new Date('2026-12-02T00:00:00Z') });
      const [x, y, size] = [100, 120, 180];
      await qr(doc, text, x, y, size);
      const scale = 4; // pixels a point (288 dpi)
      const image = rasterise(await toBuffer(doc), 72 * scale);
      const code = qrCode(text);
      // what the symbol carries: the text itself, whole, in one segment a reader decodes as UTF-8
      expect(code.segments.map((s) => [s.mode.id, typeof s.data === 'string' ? s.data : Buffer.from(s.data).toString('utf8')])).to.deep.equal([['Byte', text]]);
      const n = code.modules.size;
      const cell = size / (n + 2);
      const at = (row: number, col: number) => image.px((x + (col + 1.5) * cell) * scale, (y + (row + 1.5) * cell) * scale);
      const wrong: string[] = [];
      for (let row = -1; row <= n; row++)
        for (let col = -1; col <= n; col++) {
          const dark = row >= 0 && col >= 0 && row < n && col < n && Boolean(code.modules.get(row, col));
          if (dark !== at(row, col) < 128) wrong.push(`${row},${col}`);
        }
      expect(wrong, 'modules printed otherwise than the code has them (row,col; -1 and n: the quiet zone)').to.deep.equal([]);
      expect(n, 'a version with more than a few modules (the check is not trivial)').to.be.greaterThan(20);
    });
  }
});

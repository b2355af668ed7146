/** PAdES signatures: a signed PDF verifies, here and with poppler's pdfsig; any change breaks it. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ensureDevPki } from '@motcua/domain/signing/dev-pki.ts';
import { LocalKeySigner } from '@motcua/domain/signing/local-key-signer.ts';
import { derPrefix, signPdf, verifyPdf } from '@motcua/domain/signing/pades.ts';
import { header, newDocument, title, toBuffer } from '@motcua/domain/documents/pdf-document.ts';

describe('PAdES signing', function () {
  let signer: LocalKeySigner;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pki-'));
    const files = await ensureDevPki(dir, 'Ủy ban nhân dân phường Bến Thành');
    signer = LocalKeySigner.fromFiles(files.keyFile, files.certFile);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function document(): Promise<Buffer> {
    const doc = newDocument({ title: 'Thử ký số', author: 'motcua', creationDate: new Date() });
    header(doc, 'Ủy ban nhân dân Thành phố Hồ Chí Minh', 'Ủy ban nhân dân phường Bến Thành');
    title(doc, 'VĂN BẢN THỬ KÝ SỐ');
    return toBuffer(doc);
  }

  it('signs with SHA-256 in ETSI.CAdES.detached form, naming signer, reason and time in Vietnamese', async () => {
    const at = new Date('2026-11-23T03:04:05Z');
    const signed = await signPdf(await document(), signer, {
      name: 'Lê Văn Lãnh',
      reason: 'Phê duyệt kết quả hồ sơ',
      location: 'Phường Bến Thành',
      signingTime: at,
    });
    const check = await verifyPdf(signed);
    expect(check.valid).to.equal(true);
    expect(check.coversWholeFile).to.equal(true);
    expect(check.subFilter).to.equal('ETSI.CAdES.detached');
    expect(check.name).to.equal('Lê Văn Lãnh');
    expect(check.reason).to.equal('Phê duyệt kết quả hồ sơ');
    expect(check.signingTime?.toISOString()).to.equal(at.toISOString());
    expect(check.signerSubject).to.contain('CN=Ủy ban nhân dân phường Bến Thành');
    expect(signed.toString('latin1')).to.contain("/M (D:20261123100405+07'00')");
    const file = path.join(dir, 'signed.pdf');
    fs.writeFileSync(file, signed);
    const out = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(out).to.contain('Signature is Valid.');
    expect(out).to.contain('Signing Hash Algorithm: SHA-256');
  });

  it('a single changed byte in the signed part makes the signature invalid', async () => {
    const signed = await signPdf(await document(), signer, { name: 'A', reason: 'B', location: 'C', signingTime: new Date() });
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('VĂN BẢN') > 0 ? tampered.indexOf('/Producer') : 200;
    tampered[at + 12] = tampered[at + 12]! ^ 0x01;
    expect((await verifyPdf(tampered)).valid).to.equal(false);
    const file = path.join(dir, 'tampered.pdf');
    fs.writeFileSync(file, tampered);
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).not.to.contain('Signature is Valid.');
  });

  it('reads the signature out of its zero padding by its DER length, also when the signature itself ends in zero bytes', () => {
    // about one signature in 256 ends in a zero byte (its value is random): trimming the padding cut it off
    const der = Buffer.from('3003020100', 'hex');
    expect(derPrefix(Buffer.concat([der, Buffer.alloc(64)])).toString('hex')).to.equal('3003020100');
    const long = Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x00]), Buffer.alloc(256, 0)]);
    expect(derPrefix(Buffer.concat([long, Buffer.alloc(100)])).length).to.equal(260);
    expect(() => derPrefix(Buffer.from('3080', 'hex'))).to.throw(/DER/);
  });

  it('refuses a key that does not match its certificate', async () => {
    const other = await ensureDevPki(path.join(dir, 'other'));
    expect(() => new LocalKeySigner(fs.readFileSync(other.keyFile, 'utf8'), fs.readFileSync(path.join(dir, 'signing-chain.pem'), 'utf8'))).to.throw(
      /does not match/,
    );
  });

  it('makes one development certificate when several processes ask at once, in a name with commas kept whole', async () => {
    const name = 'Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ';
    const at = path.join(dir, 'agencies', '000.16.00.H29');
    const all = await Promise.all(Array.from({ length: 4 }, () => ensureDevPki(at, name)));
    const signer = LocalKeySigner.fromFiles(all[0]!.keyFile, all[0]!.certFile); // throws when key and certificate differ
    expect(signer.identity().subject).to.contain(`CN=${name.replace(/,/g, '\\,')}`);
    expect(fs.readdirSync(at).filter((f) => f.startsWith('.new-'))).to.deep.equal([]);
  });
});

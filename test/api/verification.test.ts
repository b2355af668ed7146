/**
 * Verifying a document motcua issued (issue 16), without logging in: by the dossier's code (where the result's QR
 * code leads) and by uploading the PDF. The signature is checked for real over the PDF's byte ranges, and the
 * file's SHA-256 against the one recorded at issue: authentic, altered, not issued by motcua, unsigned.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import supertest from 'supertest';
import { ensureDevPki } from '@motcua/domain/signing/dev-pki.ts';
import { LocalKeySigner } from '@motcua/domain/signing/local-key-signer.ts';
import { signPdf } from '@motcua/domain/signing/pades.ts';
import { api, binary, eventually, login, type Session } from '../support/http.ts';
import { decide, samplePdf, submit, untilStatus } from '../support/dossiers.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

/** A result signed and returned online; @returns its code and the PDF the citizen downloads. */
export async function issuedResult(citizen: Session, desk: Session, specialist: Session, leader: Session): Promise<{ id: string; code: string; pdf: Buffer }> {
  const id = (await submit(citizen).expect(201)).body.id as string;
  await decide(desk, id, 'reception', { decision: 'accept', note: 'Hồ sơ đầy đủ' });
  await untilStatus(citizen, id, 2);
  await decide(specialist, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
  await decide(leader, id, 'approval', { decision: 'approve', note: 'Đồng ý' });
  const done = await untilStatus(citizen, id, 10, 60_000);
  const pdf = await eventually(async () => {
    const res = await citizen
      .get(`/api/dossiers/${id}/documents/result`)
      .buffer(true)
      .parse(binary as never);
    return res.status === 200 ? (res.body as Buffer) : undefined;
  }, 'the result PDF');
  return { id, code: done.code as string, pdf };
}

describe('verifying an issued document', function () {
  let worker: WorkerHandle;
  let citizen: Session;
  let issued: { id: string; code: string; pdf: Buffer };
  const anyone = () => supertest(api());
  const check = (content: Buffer, name = 'ket-qua.pdf', type = 'application/pdf') =>
    anyone().post('/api/public/verify').attach('file', content, { filename: name, contentType: type });

  before(async () => {
    worker = startTestWorker();
    const [c, desk, specialist, leader] = await Promise.all([
      login('congdan'),
      login('tiepnhan.benthanh'),
      login('chuyenvien.benthanh'),
      login('lanhdao.benthanh'),
    ]);
    citizen = c;
    issued = await issuedResult(citizen, desk, specialist, leader);
  });
  after(() => worker.stop());

  it("the result's QR code, and the address printed beside it, lead to the verification page of its dossier's code", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-'));
    fs.writeFileSync(path.join(dir, 'r.pdf'), issued.pdf);
    const text = execFileSync('pdftotext', [path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    fs.rmSync(dir, { recursive: true, force: true });
    // (the QR code is drawn from the same address: results.service.ts verifyUrl)
    expect(text).to.contain(`/xac-thuc/${encodeURIComponent(issued.code)}`);
  });

  it('by the code: the signed documents of the dossier, each checked from the copy kept — the result authentic, signed by the leader with the agency’s certificate', async () => {
    const res = await anyone()
      .get(`/api/public/verify/${encodeURIComponent(issued.code)}`)
      .expect(200);
    expect(res.body.dossierCode).to.equal(issued.code);
    type Checked = {
      verdict: string;
      hashMatches: boolean;
      signature: { valid: boolean; signerName: string; signedBy: string; signingTime: string };
      issued: { kind: string; procedureName: string };
    };
    const result = (res.body.documents as Checked[]).find((d) => d.issued.kind === 'result')!;
    expect(result).to.deep.include({ verdict: 'authentic', hashMatches: true });
    expect(result.signature).to.deep.include({ valid: true, signedBy: 'Lê Văn Lãnh' });
    expect(result.signature.signerName).to.match(/Bến Thành/);
    expect(result.signature.signingTime).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}.*\+07:00$/);
    expect(result.issued.procedureName).to.equal('Đăng ký khai sinh');
  });

  it('by the file: the very file issued is authentic, its SHA-256 the one recorded', async () => {
    const res = await check(issued.pdf).expect(200);
    expect(res.body.verdict).to.equal('authentic');
    expect(res.body.hashMatches).to.equal(true);
    expect(res.body.issued).to.deep.include({ kind: 'result', dossierCode: issued.code, sha256: res.body.sha256 });
    expect(res.body.signature.signedBy).to.equal('Lê Văn Lãnh');
  });

  it('a byte changed inside the signed content, or a page appended after signing: altered', async () => {
    const changed = Buffer.from(issued.pdf);
    const at = changed.indexOf('/Producer');
    changed[at + 2] = changed[at + 2]! ^ 0x01;
    const res = await check(changed).expect(200);
    expect(res.body.verdict).to.equal('altered');
    expect(res.body.signature.valid).to.equal(false);
    expect(res.body.issued).to.equal(null);

    // an incremental update after the signature: the signed bytes still verify, but no longer cover the file
    const appended = Buffer.concat([issued.pdf, Buffer.from('\n% added after signing\n%%EOF\n')]);
    const res2 = await check(appended).expect(200);
    expect(res2.body.verdict).to.equal('altered');
  });

  it('a PDF signed validly by someone else: not issued by motcua; a PDF without signature: unsigned', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-pki-'));
    const files = await ensureDevPki(dir, 'Công ty Giả Mạo');
    const signer = LocalKeySigner.fromFiles(files.keyFile, files.certFile);
    const forged = await signPdf(samplePdf('Ket qua gia'), signer, { name: 'Ai đó', reason: 'Thử', location: 'Nơi khác', signingTime: new Date() });
    fs.rmSync(dir, { recursive: true, force: true });
    const res = await check(forged).expect(200);
    expect(res.body.verdict).to.equal('not_issued');
    expect(res.body.signature).to.deep.include({ valid: true, signerName: 'Công ty Giả Mạo', signedBy: 'Ai đó' });

    const plain = await check(samplePdf()).expect(200);
    expect(plain.body).to.deep.include({ verdict: 'unsigned', signature: null, issued: null });
  });

  it('refuses what is not a PDF, a file too large, no file, and an unknown code, as problems in both languages', async () => {
    const notPdf = await check(Buffer.from('hello'), 'a.txt', 'text/plain').expect(400);
    expect(notPdf.headers['content-type']).to.match(/application\/problem\+json/);
    expect(notPdf.body.code).to.equal('verify_not_pdf');
    expect(notPdf.body.errors[0].field).to.equal('file');
    const big = await check(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024, 32)])).expect(413);
    expect(big.body.code).to.equal('payload_too_large');
    const none = await anyone().post('/api/public/verify').field('x', '1').expect(400);
    expect(none.body.code).to.equal('file_missing');
    const unknown = await anyone().get('/api/public/verify/000.00.00.H29-010101-9999').expect(404);
    expect(unknown.body.code).to.equal('verify_not_found');
    expect(unknown.body.title ?? unknown.body.detail).to.be.a('string');
  });
});

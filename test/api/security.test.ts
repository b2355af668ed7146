/**
 * The security findings of issue 12, each reproduced as the probe found it and refused now: rate limits that
 * every api process shares and that count a client behind a balancer as itself, personal data never cached,
 * identity numbers trusted only once proved.
 */
import { expect } from 'chai';
import supertest from 'supertest';
import { createApp } from '../../api/src/app.ts';
import { api, login } from '../support/http.ts';
import { platform } from '../support/platform.ts';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIRTH_REGISTRATION, buildBirthRegistration, samplePdf, submit } from '../support/dossiers.ts';
import { binary, eventually, type Session } from '../support/http.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const describeOnce = process.env.ENGINE_FLAVOR === 'camunda' ? describe.skip : describe;

describeOnce('security findings', function () {
  describe('rate limits', function () {
    /** two api processes behind one balancer: separate apps over the same database */
    const appWith = (overrides: Partial<ReturnType<typeof platform>['config']>) => {
      const p = platform();
      return createApp({ config: { ...p.config, ...overrides }, services: p.services, logger: p.logger });
    };

    it('are counted together by every api process (in PostgreSQL, not in one process memory)', async () => {
      const [a, b] = [appWith({ loginRateLimit: 4 }), appWith({ loginRateLimit: 4 })];
      const address = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
      const attempt = (app: typeof a) =>
        supertest(app).post('/api/auth/login').set('x-forwarded-for', address).send({ username: 'nobody', password: 'wrong-password' });
      const statuses = [];
      for (const app of [a, b, a, b, a, b]) statuses.push((await attempt(app)).status);
      // four attempts in all, whichever process took them; then 429 from both
      expect(statuses).to.deep.equal([401, 401, 401, 401, 429, 429]);
      const refused = await attempt(a);
      expect(refused.headers['content-type']).to.match(/application\/problem\+json/);
      expect(refused.body.code).to.equal('too_many_attempts');
      expect(refused.body.title).to.match(/quá nhiều/);
    });

    it('count each client behind a trusted balancer as itself, and trust no forwarded address otherwise (TRUST_PROXY)', async () => {
      const behindBalancer = appWith({ loginRateLimit: 2, trustProxy: 'loopback' });
      const net = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
      const login = (app: typeof behindBalancer, from: string) =>
        supertest(app).post('/api/auth/login').set('x-forwarded-for', from).send({ username: 'nobody', password: 'wrong-password' });
      await login(behindBalancer, net).expect(401);
      await login(behindBalancer, net).expect(401);
      await login(behindBalancer, net).expect(429);
      // another citizen behind the same balancer is not locked out
      await login(behindBalancer, `${net.replace(/\.\d+$/, '.')}${(Number(net.split('.')[3]) % 200) + 2}`).expect(401);

      // no proxy trusted: a forged X-Forwarded-For does not buy a fresh counter
      const direct = appWith({ loginRateLimit: 2, trustProxy: '10.255.255.1' });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await login(direct, `192.0.2.${i + 1}`)).status);
      expect(statuses.slice(-1)).to.deep.equal([429]);
      await platform().db('rate_limits').where('key', 'like', 'login:%').delete();
    });
  });

  describe('personal data', function () {
    let worker: WorkerHandle;
    before(() => {
      worker = startTestWorker();
    });
    after(() => worker.stop());

    it('is never cached: dossiers, attachments, uploads and the account carry Cache-Control: no-store', async () => {
      const citizen = await login('congdan');
      const created = await submit(citizen).expect(201);
      const id = created.body.id as string;
      expect(created.headers['cache-control']).to.equal('no-store');
      const view = await citizen.get(`/api/dossiers/${id}`).expect(200);
      expect(view.headers['cache-control']).to.equal('no-store');
      const attachment = view.body.attachments[0];
      const file = await citizen.get(`/api/dossiers/${id}/attachments/${attachment.id}`).expect(200);
      expect(file.headers['cache-control']).to.equal('no-store');
      expect((await citizen.get('/api/auth/me').expect(200)).headers['cache-control']).to.equal('no-store');
      expect((await citizen.get('/api/dossiers').expect(200)).headers['cache-control']).to.equal('no-store');
      expect((await supertest(api()).get('/api/dossiers/not-a-uuid')).headers['cache-control']).to.equal('no-store');
    });
  });

  describe('identity numbers', function () {
    let worker: WorkerHandle;
    let desk: Session;
    const randomId = () => `0${Array.from({ length: 11 }, () => Math.floor(Math.random() * 10)).join('')}`;
    const register = (username: string, idNumber?: string) =>
      supertest(api())
        .post('/api/auth/register')
        .send({ username, password: 'Mat-khau-2026!', fullName: 'Người Đăng Ký', ...(idNumber ? { idNumber } : {}) });
    const atCounter = (idNumber: string, fullName = 'Lý Văn Phúc') =>
      desk
        .post('/api/counter/dossiers')
        .field('procedureCode', BIRTH_REGISTRATION)
        .field('applicant', JSON.stringify({ fullName, idNumber, phone: '0987654321' }))
        .field('data', JSON.stringify(buildBirthRegistration()))
        .attach('birthCertificate', samplePdf('quet tai quay'), { filename: 'ban-quet.pdf', contentType: 'application/pdf' });
    /** the text of the dossier's receipt (form 01), once the reception worker issued it */
    const receiptText = async (session: Session, id: string) => {
      const pdf = await eventually(async () => {
        const res = await session.get(`/api/dossiers/${id}/documents/receipt`).buffer(true).parse(binary);
        return res.status === 200 ? (res.body as Buffer) : undefined;
      }, `the receipt of ${id}`);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-')), 'receipt.pdf');
      fs.writeFileSync(file, pdf);
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    };

    before(async () => {
      worker = startTestWorker();
      desk = await login('tiepnhan.benthanh');
    });
    after(() => worker.stop());

    it("a number typed at registration brings nobody's counter dossiers, and registration does not tell whether it has an account", async () => {
      const victim = randomId();
      const counter = await atCounter(victim, 'Nạn Nhân').expect(201);
      // the probe: register with the victim's number...
      const taken = await register(`ke.gian.${Date.now()}`, victim);
      // ...answers exactly as for a number nobody has
      const fresh = await register(`nguoi.moi.${Date.now()}`, randomId());
      expect([taken.status, fresh.status]).to.deep.equal([201, 201]);
      expect(Object.keys(taken.body.account).sort()).to.deep.equal(Object.keys(fresh.body.account).sort());
      expect(taken.body.account.idVerified).to.equal(false);
      // and reads nothing of the victim's
      const intruder = await login(taken.body.account.username, 'Mat-khau-2026!');
      expect((await intruder.get(`/api/dossiers/${counter.body.id}`)).status).to.equal(404);
      expect((await intruder.get('/api/dossiers').expect(200)).body.items).to.deep.equal([]);
      // the next counter dossier of the victim does not reach the intruder either
      const next = await atCounter(victim, 'Nạn Nhân').expect(201);
      expect((await intruder.get(`/api/dossiers/${next.body.id}`)).status).to.equal(404);
    });

    it('keeps the cccd- user names for walk-in accounts: registering one is refused, and an old one does not break the counter (was a 500)', async () => {
      const n = randomId();
      const reserved = await register(`cccd-${n}`);
      expect(reserved.status).to.equal(400);
      expect(reserved.body.code).to.equal('username_reserved');
      expect(reserved.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['username']);
      // an account named so before the names were reserved
      const m = randomId();
      await platform()
        .db('accounts')
        .insert({ username: `cccd-${m}`, full_name: 'Tài Khoản Cũ', password_hash: '!x', role: 'citizen' });
      const res = await atCounter(m);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const applicant = await platform()
        .db('accounts')
        .where({ id: (await platform().db('dossiers').where({ id: res.body.id }).first()).applicant_id })
        .first();
      expect(applicant.username).to.match(new RegExp(`^cccd-${m}-[0-9a-f]{6}$`));
      expect(applicant.walk_in).to.equal(true);
    });

    it("brings counter dossiers into the citizen's account with the claim code on the receipt, once; later ones go there directly", async () => {
      const n = randomId();
      const first = (await atCounter(n, 'Trương Thị Nhận').expect(201)).body.id as string;
      const second = (await atCounter(n, 'Trương Thị Nhận').expect(201)).body.id as string;
      const text = await receiptText(desk, first);
      const printed = /Mã nhận hồ sơ trực tuyến: ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(text.replace(/\s+/g, ' '));
      expect(printed, text).to.not.equal(null);
      const code = printed![1]!;

      const username = `truong.nhan.${Date.now()}`;
      await register(username).expect(201);
      const citizen = await login(username, 'Mat-khau-2026!');
      expect((await citizen.get(`/api/dossiers/${first}`)).status).to.equal(404);
      // typed from the paper: lower case, without the dash, an O for a zero
      const typed = code.toLowerCase().replace('-', ' ').replace(/0/g, 'o');
      const claimed = await citizen.post('/api/dossiers/claims').send({ claimCode: typed });
      expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
      expect(claimed.body.dossierIds).to.have.members([first, second]);
      const view = await citizen.get(`/api/dossiers/${first}`).expect(200);
      expect(view.body.timeline.map((e: { type: string }) => e.type)).to.include('applicant_claimed');
      const me = (await citizen.get('/api/auth/me').expect(200)).body;
      expect(me.account ?? me).to.include({ idNumber: n, idVerified: true });

      // the code works once
      const again = await citizen.post('/api/dossiers/claims').send({ claimCode: code });
      expect(again.status).to.equal(400);
      expect(again.body.code).to.equal('claim_code_invalid');
      // the next counter dossier for the number goes straight to the verified account, with no code to claim
      const third = (await atCounter(n, 'Trương Thị Nhận').expect(201)).body.id as string;
      await citizen.get(`/api/dossiers/${third}`).expect(200);
      expect(await platform().services.identity.claimCodeOf(third)).to.equal(undefined);
      expect(await receiptText(citizen, third)).not.to.match(/Mã nhận hồ sơ trực tuyến/);
    });

    it("refuses a claim code for another person's number to an account proved to be someone else, and a made-up code", async () => {
      const mine = randomId();
      await atCounter(mine, 'Người Thứ Nhất').expect(201);
      const myCode = (
        await platform().db('account_claims as c').join('accounts as a', 'a.id', 'c.walk_in_account_id').where('a.id_number', mine).first('c.code')
      ).code as string;
      const username = `nguoi.mot.${Date.now()}`;
      await register(username).expect(201);
      const citizen = await login(username, 'Mat-khau-2026!');
      await citizen.post('/api/dossiers/claims').send({ claimCode: myCode }).expect(200);

      const theirs = randomId();
      const other = (await atCounter(theirs, 'Người Thứ Hai').expect(201)).body.id as string;
      const theirCode = await platform().services.identity.claimCodeOf(other);
      const refused = await citizen.post('/api/dossiers/claims').send({ claimCode: theirCode });
      expect(refused.status).to.equal(409);
      expect(refused.body.code).to.equal('identity_mismatch');
      expect(await platform().services.identity.claimCodeOf(other), 'the code stays usable by its holder').to.equal(theirCode);
      const madeUp = await citizen.post('/api/dossiers/claims').send({ claimCode: 'ABCDE-12345' });
      expect(madeUp.status).to.equal(400);
      expect(madeUp.body.code).to.equal('claim_code_invalid');
      expect(madeUp.body.title).to.match(/Mã nhận hồ sơ/);
    });
  });
});

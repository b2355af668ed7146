/**
 * The second factor (TOTP, an authenticator app's codes): enrolled with a code from the new secret, then asked
 * at every login, each code accepted once; an administrator resets it for a person who lost their phone;
 * where the installation requires it of administrators, an administrator without one can only enrol. The
 * secret is kept encrypted in the database; one stored as text before that still works and gets encrypted.
 */
import { expect } from 'chai';
import supertest from 'supertest';
import { generate } from 'otplib';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { createApp } from '../../api/src/app.ts';
import { api, login, type Session } from '../support/http.ts';
import { platform } from '../support/platform.ts';

/** the code the app shows `inSteps` periods of 30 s from now */
const codeOf = (secret: string, inSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + inSteps * 30 });

async function enrol(s: Session): Promise<string> {
  const setup = await s.post('/api/auth/totp/setup').expect(200);
  expect(setup.body.uri).to.match(/^otpauth:\/\/totp\//);
  expect(setup.body.qr).to.match(/^data:image\/png;base64,/);
  const wrong = await s.post('/api/auth/totp/enable').send({ code: '000000' === (await codeOf(setup.body.secret)) ? '111111' : '000000' });
  expect(wrong.status).to.equal(400);
  expect(wrong.body.code).to.equal('totp_invalid');
  const on = await s.post('/api/auth/totp/enable').send({ code: await codeOf(setup.body.secret) });
  expect(on.status, JSON.stringify(on.body)).to.equal(200);
  expect(on.body.account.totpEnabled).to.equal(true);
  return setup.body.secret;
}

describe('the second factor (api)', function () {
  const tag = Date.now().toString(36);

  it('asks an enrolled officer for a code at login, accepts each code once, refuses a wrong one', async () => {
    const username = `totp.${tag}`;
    await platform().services.accounts.createAccount({
      username,
      password: DEMO_PASSWORD,
      fullName: 'Cán Bộ Hai Lớp',
      role: 'specialist',
      orgUnitId: platform().demo!.benThanh.id,
    });
    const secret = await enrol(await login(username));

    const noCode = await supertest(api()).post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
    expect(noCode.status).to.equal(401);
    expect(noCode.body.code).to.equal('totp_required');
    expect(noCode.headers['set-cookie']).to.equal(undefined);
    const wrongPassword = await supertest(api())
      .post('/api/auth/login')
      .send({ username, password: 'sai-mat-khau-roi', code: await codeOf(secret, 1) });
    expect(wrongPassword.body.code).to.equal('login_failed');
    const wrong = await supertest(api()).post('/api/auth/login').send({ username, password: DEMO_PASSWORD, code: '12345a' });
    expect(wrong.status).to.equal(400);
    expect(JSON.stringify(wrong.body.errors)).to.contain('Mã xác thực');

    // the enrolment used this period's code: the next period's logs in, once
    const code = await codeOf(secret, 1);
    await supertest(api()).post('/api/auth/login').send({ username, password: DEMO_PASSWORD, code }).expect(200);
    const replay = await supertest(api()).post('/api/auth/login').send({ username, password: DEMO_PASSWORD, code });
    expect(replay.status).to.equal(401);
    expect(replay.body.code).to.equal('totp_invalid');

    // lost phone: the administrator resets it; the password alone works again, and the log says so
    const city = await login('quantri');
    const person = (await city.get(`/api/admin/people?q=${username}`)).body.items[0];
    expect(person.totpEnabled).to.equal(true);
    await city.post(`/api/admin/people/${person.id}/reset-second-factor`).expect(200);
    await supertest(api()).post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
    expect((await city.get(`/api/admin/people/${person.id}/history`)).body.items[0].action).to.equal('second_factor_reset');
  });

  it('keeps the secret encrypted in the database, never as its base32 text; enrolment and login with a code still work', async () => {
    const p = platform();
    const username = `totp.kin.${tag}`;
    const { id } = await p.services.accounts.createAccount({
      username,
      password: DEMO_PASSWORD,
      fullName: 'Cán Bộ Kín Đáo',
      role: 'specialist',
      orgUnitId: p.demo!.benThanh.id,
    });
    const stored = () => p.db('accounts').where({ id }).first('totp_secret', 'totp_pending_secret');
    const envelope = /^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/;
    const s = await login(username);
    const setup = await s.post('/api/auth/totp/setup').expect(200);
    const pending = await stored();
    expect(pending.totp_pending_secret).to.match(envelope).and.not.contain(setup.body.secret);
    await s
      .post('/api/auth/totp/enable')
      .send({ code: await codeOf(setup.body.secret) })
      .expect(200);
    const enabled = await stored();
    expect(enabled.totp_pending_secret).to.equal(null);
    expect(enabled.totp_secret).to.match(envelope).and.not.contain(setup.body.secret);
    // the whole row as text: the secret is nowhere in it
    expect(JSON.stringify(await p.db('accounts').where({ id }).first())).not.to.contain(setup.body.secret);
    await supertest(api())
      .post('/api/auth/login')
      .send({ username, password: DEMO_PASSWORD, code: await codeOf(setup.body.secret, 1) })
      .expect(200);
    // an envelope copied onto another account does not open there: no login with it
    const other = `totp.chep.${tag}`;
    const copy = await p.services.accounts.createAccount({
      username: other,
      password: DEMO_PASSWORD,
      fullName: 'Cán Bộ Chép',
      role: 'specialist',
      orgUnitId: p.demo!.benThanh.id,
    });
    await p.db('accounts').where({ id: copy.id }).update({ totp_secret: enabled.totp_secret, totp_enabled_at: p.db.fn.now() });
    const copied = await supertest(api())
      .post('/api/auth/login')
      .send({ username: other, password: DEMO_PASSWORD, code: await codeOf(setup.body.secret, 2) });
    expect(copied.status).to.equal(500);
    await p.services.secondFactor.reset(copy.id);
  });

  it('takes a secret stored as text before encryption, and encrypts it: at its next use, or when the platform starts', async () => {
    const p = platform();
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const make = async (username: string) => {
      const { id } = await p.services.accounts.createAccount({
        username,
        password: DEMO_PASSWORD,
        fullName: 'Cán Bộ Cũ',
        role: 'specialist',
        orgUnitId: p.demo!.benThanh.id,
      });
      // as the code before encryption left it
      await p.db('accounts').where({ id }).update({ totp_secret: secret, totp_enabled_at: p.db.fn.now(), totp_last_step: 0 });
      return id;
    };
    const stored = async (id: string) => (await p.db('accounts').where({ id }).first('totp_secret')).totp_secret as string;

    const used = await make(`totp.cu.${tag}`);
    await supertest(api())
      .post('/api/auth/login')
      .send({ username: `totp.cu.${tag}`, password: DEMO_PASSWORD, code: await codeOf(secret) })
      .expect(200);
    expect(await stored(used))
      .to.match(/^v1:/)
      .and.not.contain(secret);

    const idle = await make(`totp.nghi.${tag}`);
    expect(await p.services.secondFactor.sealStoredSecrets()).to.equal(1);
    expect(await stored(idle))
      .to.match(/^v1:/)
      .and.not.contain(secret);
    expect(await p.services.secondFactor.sealStoredSecrets()).to.equal(0);
    await supertest(api())
      .post('/api/auth/login')
      .send({ username: `totp.nghi.${tag}`, password: DEMO_PASSWORD, code: await codeOf(secret) })
      .expect(200);
  });

  it('where required, lets an administrator without a second factor only enrol, and not turn it off', async () => {
    const p = platform();
    const strict = createApp({ config: { ...p.config, adminTotpRequired: true }, services: p.services, logger: p.logger });
    const username = `qt.totp.${tag}`;
    await p.services.accounts.createAccount({ username, password: DEMO_PASSWORD, fullName: 'Quản Trị Hai Lớp', role: 'administrator', orgUnitId: null });
    const admin = await login(username, DEMO_PASSWORD, strict);
    const me = await admin.get('/api/auth/me').expect(200);
    expect(me.body.account.secondFactorRequired).to.equal(true);
    const blocked = await admin.get('/api/admin/units');
    expect(blocked.status).to.equal(403);
    expect(blocked.body.code).to.equal('second_factor_required');

    const secret = await enrol(admin);
    expect((await admin.get('/api/auth/me')).body.account.secondFactorRequired).to.equal(false);
    await admin.get('/api/admin/units').expect(200);
    const off = await admin.post('/api/auth/totp/disable').send({ code: await codeOf(secret, 1) });
    expect(off.status).to.equal(403);
    expect(off.body.code).to.equal('second_factor_required');
    // an officer is not required to have one on the same installation
    const officer = await login('chuyenvien.saigon', DEMO_PASSWORD, strict);
    await officer.get('/api/tasks').expect(200);
  });
});

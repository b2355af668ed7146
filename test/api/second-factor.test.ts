/**
 * The second factor (TOTP, an authenticator app's codes): enrolled with a code from the new secret, then asked
 * at every login, each code accepted once; an administrator resets it for a person who lost their phone;
 * where the installation requires it of administrators, an administrator without one can only enrol.
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

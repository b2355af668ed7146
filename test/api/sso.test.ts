/**
 * Single sign-on against a real OpenID provider started by the test (oidc-provider): the authorization code
 * flow with PKCE, state and nonce; an identity number in the provider's claims is a verified identity that
 * brings the counter dossiers filed for it; logout ends the provider's session too; a tampered state, a
 * replayed callback, a tampered or expired ID token are refused and open no session; an officer links their
 * account, then logs in through the provider; one person coming back twice at once gets one account.
 */
import { expect } from 'chai';
import supertest from 'supertest';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { setPassword } from '@motcua/domain/accounts/accounts.repository.ts';
import { hashPassword } from '@motcua/domain/accounts/passwords.ts';
import { api, login, type Session } from '../support/http.ts';
import { platform } from '../support/platform.ts';
import { fileAtCounter } from '../support/dossiers.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

/** A browser: our cookies, and the provider's own. */
function browser() {
  return { app: supertest.agent(api()), provider: supertest.agent(platform().oidc.issuer) };
}

/**
 * Goes to the provider from `start` (a response redirecting there), logs in on its form as `subject` and comes
 * back: @returns the callback's path and query on motcua
 */
async function atProvider(b: ReturnType<typeof browser>, start: supertest.Response, subject: string): Promise<string> {
  expect(start.status, JSON.stringify(start.body)).to.equal(303);
  let location = new URL(start.headers.location!);
  expect(location.origin).to.equal(platform().oidc.issuer);
  expect(location.searchParams.get('code_challenge_method')).to.equal('S256');
  expect(location.searchParams.get('nonce')).to.be.a('string');
  for (let hop = 0; hop < 10; hop++) {
    if (location.href.startsWith(platform().config.oidcRedirectUri!)) return `/api/auth/oidc/callback${location.search}`;
    const res = await b.provider.get(location.pathname + location.search);
    if (res.status === 200 && /name="login"/.test(res.text)) {
      const posted = await b.provider.post(location.pathname).type('form').send({ prompt: 'login', login: subject, password: 'mat-khau-bat-ky' });
      location = new URL(posted.headers.location!, platform().oidc.issuer);
      continue;
    }
    expect(res.status, res.text).to.be.oneOf([302, 303]);
    location = new URL(res.headers.location!, platform().oidc.issuer);
  }
  throw new Error('the provider did not send the browser back');
}

async function ssoLogin(b: ReturnType<typeof browser>, subject: string, next = '/ho-so') {
  const callback = await atProvider(b, await b.app.get(`/api/auth/oidc/login?next=${encodeURIComponent(next)}`), subject);
  return b.app.get(callback);
}

describe('single sign-on (OpenID Connect, api)', function () {
  const id = () => `0${Array.from({ length: 11 }, () => Math.floor(Math.random() * 10)).join('')}`;
  let desk: Session;
  let worker: WorkerHandle;
  before(async () => {
    worker = startTestWorker();
    desk = await login('tiepnhan.benthanh');
  });
  after(() => worker.stop());
  afterEach(() => Object.assign(platform().oidc.faults, { tamperIdToken: false, idTokenTtlS: 3600, holdTokenMs: 0 }));

  it('says whether single sign-on is offered, and by whom', async () => {
    const res = await supertest(api()).get('/api/auth/oidc').expect(200);
    expect(res.body).to.deep.equal({ enabled: true, name: 'VNeID' });
  });

  it('logs a citizen in with PKCE, state and nonce; the verified number brings the counter dossier filed for it; logout ends the provider session too', async () => {
    const idNumber = id();
    const counter = await fileAtCounter(desk, { fullName: 'Đinh Thị Định Danh', idNumber });
    expect(counter.status, JSON.stringify(counter.body)).to.equal(201);

    platform().oidc.people.set('dinh.thi.dinh.danh', { name: 'Đinh Thị Định Danh', id_number: idNumber, email: 'dinhdanh@example.vn' });
    const b = browser();
    const back = await ssoLogin(b, 'dinh.thi.dinh.danh');
    expect(back.status).to.equal(303);
    expect(back.headers.location).to.equal('/ho-so');
    const me = await b.app.get('/api/auth/me').expect(200);
    expect(me.body.account).to.include({ role: 'citizen', idNumber, idVerified: true, fullName: 'Đinh Thị Định Danh' });
    const mine = await b.app.get('/api/dossiers').expect(200);
    expect(mine.body.items.map((d: { id: string }) => d.id)).to.include(counter.body.id);

    // the same person again: the same account
    const again = browser();
    await ssoLogin(again, 'dinh.thi.dinh.danh');
    expect((await again.app.get('/api/auth/me').expect(200)).body.account.id).to.equal(me.body.account.id);

    const out = await b.app.post('/api/auth/logout').set('x-csrf-token', me.body.csrfToken).expect(200);
    const end = new URL(out.body.logoutUrl);
    expect(end.origin).to.equal(platform().oidc.issuer);
    expect(end.searchParams.get('id_token_hint')).to.be.a('string');
    expect(end.searchParams.get('post_logout_redirect_uri')).to.match(/\/dang-nhap$/);
    expect((await b.app.get('/api/auth/me')).status).to.equal(401);
  });

  it('refuses a state that is not the browser’s, and a callback replayed', async () => {
    platform().oidc.people.set('nguoi.thu.state', { name: 'Người Thử State' });
    const b = browser();
    const callback = await atProvider(b, await b.app.get('/api/auth/oidc/login'), 'nguoi.thu.state');
    // another browser (no state cookie) brought to the callback: a login forced on someone else
    const forced = await supertest(api()).get(callback);
    expect(forced.status).to.equal(303);
    expect(forced.headers.location).to.equal('/dang-nhap?loi=sso_state_invalid');
    expect(String(forced.headers['set-cookie'] ?? '')).not.to.contain('motcua_sid=');
    // the real one works once, and only once
    const first = await b.app.get(callback);
    expect(first.headers.location).to.equal('/ho-so');
    const replay = browser();
    const replayed = await replay.app.get(callback).set('cookie', `motcua_oidc=${new URL(callback, 'http://x').searchParams.get('state')}`);
    expect(replayed.headers.location).to.equal('/dang-nhap?loi=sso_state_invalid');
    // a state changed on the way
    const c = browser();
    const another = await atProvider(c, await c.app.get('/api/auth/oidc/login'), 'nguoi.thu.state');
    const tampered = await c.app.get(another.replace(/state=[^&]+/, 'state=doi-trang-thai'));
    expect(tampered.headers.location).to.equal('/dang-nhap?loi=sso_state_invalid');
    expect((await c.app.get('/api/auth/me')).status).to.equal(401);
  });

  it('refuses an ID token changed after signing, and one that expired on the way', async () => {
    platform().oidc.people.set('nguoi.thu.token', { name: 'Người Thử Token', id_number: id() });
    platform().oidc.faults.tamperIdToken = true;
    const tampered = await ssoLogin(browser(), 'nguoi.thu.token');
    expect(tampered.headers.location).to.equal('/dang-nhap?loi=sso_token_invalid');
    expect(await platform().db('account_identities').where({ subject: 'ke-mao-danh' }).first()).to.equal(undefined);

    Object.assign(platform().oidc.faults, { tamperIdToken: false, idTokenTtlS: 1, holdTokenMs: 3_500 });
    const b = browser();
    const expired = await ssoLogin(b, 'nguoi.thu.token');
    expect(expired.headers.location).to.equal('/dang-nhap?loi=sso_token_invalid');
    expect((await b.app.get('/api/auth/me')).status).to.equal(401);
  });

  it('lets an officer link their account, then log in through the provider; never sends anyone off the site', async () => {
    const officer = await login('chuyenvien.saigon');
    const b = { app: officer.agent, provider: supertest.agent(platform().oidc.issuer) };
    const callback = await atProvider(b, await officer.get('/api/auth/oidc/login?link=true&next=/mot-cua'), 'can.bo.sai.gon');
    expect((await officer.agent.get(callback)).headers.location).to.equal('/mot-cua');

    const later = browser();
    const back = await ssoLogin(later, 'can.bo.sai.gon', 'https://ke-gian.example/lua-dao');
    expect(back.headers.location).to.equal('/');
    expect((await later.app.get('/api/auth/me').expect(200)).body.account.username).to.equal('chuyenvien.saigon');
    expect((await supertest(api()).get('/api/auth/oidc/login?link=true')).status).to.equal(401);
  });

  it('does not take a password account on a number alone, nor skip a second factor; a link asks the provider to log in again; a reset removes the links', async () => {
    const p = platform();
    // an account proved for its number with a receipt's code (not by the provider): its holder must log in and link
    const idNumber = id();
    const username = `matkhau.${Date.now().toString(36)}`;
    await supertest(api()).post('/api/auth/register').send({ username, password: 'Mat-khau-2026!', fullName: 'Người Có Mật Khẩu' }).expect(201);
    await p.db('accounts').where({ username }).update({ id_number: idNumber, id_verified_at: p.db.fn.now(), id_verified_by: 'claim_code' });
    p.oidc.people.set('nguoi.mao.nhan', { name: 'Người Mạo Nhận', id_number: idNumber });
    const taken = await ssoLogin(browser(), 'nguoi.mao.nhan');
    expect(taken.headers.location).to.equal('/dang-nhap?loi=sso_link_required');

    // the officer linked earlier turns on a second factor: the provider's login alone no longer opens the account
    const officer = await p.db('accounts').where({ username: 'chuyenvien.saigon' }).first('id');
    await p.db('accounts').where({ id: officer.id }).update({ totp_secret: 'JBSWY3DPEHPK3PXP' });
    const twoStep = await ssoLogin(browser(), 'can.bo.sai.gon');
    expect(twoStep.headers.location).to.equal('/dang-nhap?loi=sso_second_factor');
    await p.db('accounts').where({ id: officer.id }).update({ totp_secret: null });

    const linking = await (await login('chuyenvien.benthanh')).get('/api/auth/oidc/login?link=true');
    expect(new URL(linking.headers.location!).searchParams.get('prompt')).to.equal('login');

    const city = await login('quantri');
    await city.post(`/api/admin/people/${officer.id}/reset-password`).expect(200);
    expect(await p.db('account_identities').where({ account_id: officer.id })).to.deep.equal([]);
    // the demo officer gets the demo password back, for the suites after this one
    await setPassword({ db: p.db, accountId: officer.id, passwordHash: await hashPassword(DEMO_PASSWORD), changeRequired: false });
  });

  it('when one new person comes back from the provider twice at once (two tabs), makes one account for both, with no error', async () => {
    const p = platform();
    const issuer = p.oidc.issuer;
    // with a verified number (unique among verified accounts) and without one (a second account would be made)
    for (const idNumber of [id(), undefined]) {
      const subject = `hai.tab.${Date.now().toString(36)}.${idNumber ? 'so' : 'khong-so'}`;
      const claims = { sub: subject, name: 'Lý Thị Hai Tab', ...(idNumber ? { id_number: idNumber } : {}) };
      // what each callback does once the provider's token is checked
      const comeBack = () => p.services.sso.accountForIdentity({ issuer, subject, claims, linkAccountId: null });
      const outcomes = await Promise.allSettled([comeBack(), comeBack(), comeBack()]);
      expect(
        outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : o.status)),
        subject,
      ).to.deep.equal(['fulfilled', 'fulfilled', 'fulfilled']);
      const ids = outcomes.map((o) => (o as PromiseFulfilledResult<{ id: string }>).value.id);
      expect(new Set(ids).size, subject).to.equal(1);
      expect(await p.db('account_identities').where({ issuer, subject }).pluck('account_id')).to.deep.equal([ids[0]]);
      if (idNumber) expect(await p.db('accounts').where({ id_number: idNumber }).pluck('id')).to.deep.equal([ids[0]]);
    }
  });
});

/**
 * A forgotten password (issue 16): a link mailed to the account's address sets a new password once, within
 * half an hour, and ends the account's sessions; the answer is the same for an account that does not exist.
 */
import { expect } from 'chai';
import supertest from 'supertest';
import { platform } from '../support/platform.ts';
import { api, eventually, login } from '../support/http.ts';

const tokenIn = (text: string) => /\/dat-lai-mat-khau\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

describe('a forgotten password', function () {
  const username = `qm${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const email = `${username}@example.vn`;
  const idNumber = `0791${String(Date.now()).slice(-8)}`;

  before(async () => {
    await supertest(api()).post('/api/auth/register').send({ username, password: 'Forgotten-Pass-2026', fullName: 'Lê Thị Quên', email, idNumber }).expect(201);
  });

  it('mails a link that sets a new password once and ends the sessions', async () => {
    const old = await login(username, 'Forgotten-Pass-2026');
    const asked = await supertest(api()).post('/api/auth/password-reset').send({ identifier: email.toUpperCase() });
    expect(asked.status).to.equal(202);
    const mail = await eventually(
      async () =>
        platform()
          .mail.to(email)
          .find((m) => m.subject.includes('mật khẩu')),
      'the reset mail',
    );
    // the link is on the platform's public address, never on a Host a request names
    expect(mail.text).to.contain('http://motcua.test/dat-lai-mat-khau?token=');
    expect(mail.text).to.contain('30 phút');
    const token = tokenIn(mail.text)!;
    // only the token's hash is stored
    const row = await platform()
      .db('password_resets')
      .where({ account_id: (await platform().db('accounts').where({ username }).first('id')).id })
      .first();
    expect(row.token_hash).to.have.length(64);
    expect(row.token_hash).not.to.contain(token);

    const short = await supertest(api()).post('/api/auth/password-reset/confirm').send({ token, newPassword: 'ngan' });
    expect(short.status).to.equal(400);
    expect(short.body.errors[0].message.vi).to.equal('«Mật khẩu mới»: ít nhất 10 ký tự.');

    await supertest(api()).post('/api/auth/password-reset/confirm').send({ token, newPassword: 'Remembered-Pass-2026' }).expect(204);
    // the old password and the old sessions are gone; the new password logs in
    expect((await old.get('/api/auth/me')).status).to.equal(401);
    expect((await supertest(api()).post('/api/auth/login').send({ username, password: 'Forgotten-Pass-2026' })).status).to.equal(401);
    await login(username, 'Remembered-Pass-2026');

    const again = await supertest(api()).post('/api/auth/password-reset/confirm').send({ token, newPassword: 'Another-Pass-2026' });
    expect(again.status).to.equal(400);
    expect(again.headers['content-type']).to.contain('application/problem+json');
    expect(again.body.code).to.equal('password_reset_invalid');
  });

  it('answers alike for an account that does not exist, and mails nothing', async () => {
    const before = platform().mail.received.length;
    const unknown = await supertest(api()).post('/api/auth/password-reset').send({ identifier: 'khong-co-ai@example.vn' });
    expect(unknown.status).to.equal(202);
    expect(unknown.body).to.deep.equal({ sent: true });
    const bad = await supertest(api()).post('/api/auth/password-reset').send({});
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].message.vi).to.contain('«Thư điện tử hoặc số định danh cá nhân»');
    await new Promise((r) => setTimeout(r, 500));
    expect(platform().mail.received.length).to.equal(before);
  });

  it('refuses a link past its half hour, found by the identity number', async () => {
    await supertest(api()).post('/api/auth/password-reset').send({ identifier: idNumber }).expect(202);
    const mails = await eventually(async () => {
      const m = platform().mail.to(email);
      return m.length >= 2 ? m : undefined;
    }, 'the second reset mail');
    const token = tokenIn(mails.at(-1)!.text)!;
    await platform()
      .db('password_resets')
      .whereNull('used_at')
      .update({ expires_at: platform().db.raw(`now() - interval '1 minute'`) });
    const late = await supertest(api()).post('/api/auth/password-reset/confirm').send({ token, newPassword: 'Too-Late-Pass-2026' });
    expect(late.status).to.equal(400);
    expect(late.body.code).to.equal('password_reset_invalid');
  });
});

/**
 * The profile a person keeps in their account (issue 16): read and changed through /api/auth/profile, checked
 * field by field with the fields named in words; what is kept is what the apply form starts with.
 */
import { expect } from 'chai';
import supertest from 'supertest';
import { api, login } from '../support/http.ts';

describe('the profile a person keeps', function () {
  it('is read, changed, checked with the fields named in words, and cleared by an empty value', async () => {
    const username = `pf${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
    await supertest(api())
      .post('/api/auth/register')
      .send({ username, password: 'Profile-Pass-2026', fullName: 'Hà Văn Hồ Sơ', idNumber: '079190000123', phone: '0911222333' })
      .expect(201);
    const s = await login(username, 'Profile-Pass-2026');
    const first = (await s.get('/api/auth/profile').expect(200)).body;
    expect(first).to.deep.equal({
      fullName: 'Hà Văn Hồ Sơ',
      idNumber: '079190000123',
      idVerified: false,
      phone: '0911222333',
      email: '',
      dateOfBirth: '',
      residence: '',
    });

    const bad = await s.put('/api/auth/profile').send({ fullName: 'Hà Văn Hồ Sơ', phone: '12345', email: 'khong-phai-thu', dateOfBirth: '20/11/1990' });
    expect(bad.status).to.equal(400);
    expect(bad.headers['content-type']).to.contain('application/problem+json');
    expect(bad.body.errors.map((e: { message: { vi: string } }) => e.message.vi)).to.have.members([
      '«Số điện thoại»: gồm 10 chữ số, bắt đầu bằng 0.',
      '«Thư điện tử»: địa chỉ thư điện tử không hợp lệ.',
      '«Ngày sinh»: ngày không hợp lệ.',
    ]);
    const future = await s.put('/api/auth/profile').send({ fullName: 'Hà Văn Hồ Sơ', dateOfBirth: '2999-01-01' });
    expect(future.status).to.equal(400);
    expect(future.body.errors[0]).to.include({ field: 'dateOfBirth', code: 'date_of_birth_future' });
    // the identity number is not the holder's to change here
    expect((await s.put('/api/auth/profile').send({ fullName: 'Hà Văn Hồ Sơ', idNumber: '079190000999' })).status).to.equal(400);

    const saved = (
      await s
        .put('/api/auth/profile')
        .send({
          fullName: 'Hà Văn Hồ Sơ',
          phone: '',
          email: 'hoso@example.vn',
          dateOfBirth: '1990-11-20',
          residence: 'Phường Bến Thành, Thành phố Hồ Chí Minh',
        })
        .expect(200)
    ).body;
    expect(saved).to.include({ phone: '', email: 'hoso@example.vn', dateOfBirth: '1990-11-20', residence: 'Phường Bến Thành, Thành phố Hồ Chí Minh' });
    const me = (await s.get('/api/auth/me').expect(200)).body.account;
    expect(me).to.include({ phone: null, email: 'hoso@example.vn', dateOfBirth: '1990-11-20', residence: 'Phường Bến Thành, Thành phố Hồ Chí Minh' });
  });
});

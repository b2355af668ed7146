/**
 * Organisations as applicants: a citizen registers a business by its tax code and becomes its legal
 * representative, authorises a second citizen, who files a dossier for it; both see it, an outsider does
 * not; a tax code is registered once, in its legal form with its check digit right (or a person's 12-digit
 * identification number), and only the representative authorises.
 */
import { expect } from 'chai';
import supertest from 'supertest';
import { api, login, type Session } from '../support/http.ts';
import { submit } from '../support/dossiers.ts';
import { buildTaxCode } from '../support/organisations.ts';

describe('organisations as applicants (api)', function () {
  const tag = Date.now().toString().slice(-6);
  const register = async (username: string): Promise<Session> => {
    await supertest(api())
      .post('/api/auth/register')
      .send({ username, password: 'Mat-khau-2026!', fullName: `Người ${username}` })
      .expect(201);
    return login(username, 'Mat-khau-2026!');
  };
  let owner: Session, clerk: Session, outsider: Session;
  let orgId: string;
  const taxCode = buildTaxCode(`0312${tag.slice(1)}`);

  before(async () => {
    owner = await register(`chudn.${tag}`);
    clerk = await register(`nhanvien.${tag}`);
    outsider = await register(`nguoingoai.${tag}`);
  });

  it('registers a business by its tax code once, its legal form checked, the citizen as its legal representative', async () => {
    const bad = await owner.post('/api/organisations').send({ taxCode: '12345', name: 'Công ty Sai Mã' });
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body.errors)).to.contain('Mã số thuế');
    const res = await owner.post('/api/organisations').send({ taxCode, name: 'Công ty TNHH Một Cửa Thử Nghiệm', address: '1 Lê Duẩn, phường Bến Nghé' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.deep.include({ taxCode, myRole: 'representative' });
    orgId = res.body.id;
    const again = await outsider.post('/api/organisations').send({ taxCode, name: 'Công ty Mạo Danh' });
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('organisation_taken');
  });

  it('refuses a tax code whose check digit is wrong, saying so in Vietnamese and English; takes a branch and a personal number', async () => {
    // a digit typed wrong: the same code with another 10th digit
    const mistyped = `${taxCode.slice(0, 9)}${(Number(taxCode[9]) + 1) % 10}`;
    for (const code of [mistyped, `${mistyped}-001`]) {
      const res = await outsider.post('/api/organisations').send({ taxCode: code, name: 'Công ty Gõ Nhầm' });
      expect(res.status, code).to.equal(400);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      const body = JSON.parse(res.text);
      expect(body.code).to.equal('tax_code_check_digit');
      expect(body.messages.vi).to.contain('chữ số kiểm tra');
      expect(body.messages.en).to.contain('check digit');
      expect(body.errors).to.deep.equal([{ field: 'taxCode', code: 'tax_code_check_digit', message: body.messages }]);
    }
    // a prefix whose check would be 10 is never issued: no 10th digit makes it a code (031200002: weighted sum 154 = 14 × 11)
    const neverIssued = '031200002';
    for (let d = 0; d <= 9; d++) {
      const res = await outsider.post('/api/organisations').send({ taxCode: `${neverIssued}${d}`, name: 'Công ty Không Cấp' });
      expect(res.status, `${neverIssued}${d}`).to.equal(400);
      expect(res.body.code).to.equal('tax_code_check_digit');
    }
    // a branch of a valid code, and a household business's 12-digit personal identification number
    const branch = await outsider.post('/api/organisations').send({ taxCode: `${taxCode}-002`, name: 'Chi nhánh Một Cửa' });
    expect(branch.status, JSON.stringify(branch.body)).to.equal(201);
    const personal = `0790${tag}00`;
    const household = await outsider.post('/api/organisations').send({ taxCode: personal, name: 'Hộ kinh doanh Nguyễn Văn Một' });
    expect(household.status, JSON.stringify(household.body)).to.equal(201);
    expect(household.body.taxCode).to.equal(personal);
    expect((await outsider.post('/api/organisations').send({ taxCode: `${personal}1`, name: 'Mười ba số' })).status).to.equal(400);
  });

  it('lets the representative authorise a person, who files for the business; both see the dossier, an outsider does not', async () => {
    const refused = await clerk.post(`/api/organisations/${orgId}/members`).send({ username: outsider.account.username });
    expect(refused.status).to.equal(404);
    const added = await owner.post(`/api/organisations/${orgId}/members`).send({ username: clerk.account.username });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    expect(added.body.members.map((m: { username: string; role: string }) => `${m.username}:${m.role}`)).to.have.members([
      `${owner.account.username}:representative`,
      `${clerk.account.username}:authorised`,
    ]);
    expect(
      (await clerk.get('/api/organisations').expect(200)).body.items.map((o: { taxCode: string; myRole: string }) => `${o.taxCode}:${o.myRole}`),
    ).to.deep.equal([`${taxCode}:authorised`]);
    const notAuthorised = await clerk.post(`/api/organisations/${orgId}/members`).send({ username: outsider.account.username });
    expect(notAuthorised.status).to.equal(403);
    expect(notAuthorised.body.code).to.equal('representatives_only');

    const filed = await submit(clerk, {}).field('organisationId', orgId);
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    const id = filed.body.id as string;
    for (const s of [owner, clerk]) {
      expect((await s.get(`/api/dossiers/${id}`)).status, s.account.username).to.equal(200);
      expect((await s.get('/api/dossiers').expect(200)).body.items.map((d: { id: string }) => d.id)).to.include(id);
    }
    expect((await outsider.get(`/api/dossiers/${id}`)).status).to.equal(404);
    const forSomeoneElse = await submit(outsider, {}).field('organisationId', orgId);
    expect(forSomeoneElse.status).to.equal(403);
    expect(forSomeoneElse.body.code).to.equal('organisation_not_member');

    // the authorisation withdrawn: the dossier is no longer the clerk's to see
    const clerkId = added.body.members.find((m: { username: string }) => m.username === clerk.account.username).accountId;
    await owner.delete(`/api/organisations/${orgId}/members/${clerkId}`).expect(200);
    expect((await clerk.get(`/api/dossiers/${id}`)).status).to.equal(200 /* the clerk filed it: still their own */);
    expect((await clerk.get('/api/organisations').expect(200)).body.items).to.deep.equal([]);
  });
});

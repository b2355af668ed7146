/**
 * The api behind the portal and the workspace pages: uploads ahead of submission, drafts, ratings, public
 * tracking, the inbox filters, the unit's dossiers and summary, counter reception. Each with the refusals
 * a wrong user or wrong input must get.
 */
import { expect } from 'chai';
import supertest from 'supertest';
import { api, eventually, login, type Session } from '../support/http.ts';
import { platform } from '../support/platform.ts';
import { BIRTH_REGISTRATION, benThanh, buildBirthRegistration, fileAtCounter, samplePdf, submit, taskFor } from '../support/dossiers.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const randomId = () => Array.from({ length: 12 }, () => Math.floor(Math.random() * 10)).join('');

async function newCitizen(name: string): Promise<Session> {
  const username = `p${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  await supertest(api()).post('/api/auth/register').send({ username, password: 'Portal-Pass-2026', fullName: name }).expect(201);
  return login(username, 'Portal-Pass-2026');
}

const uploadFile = (s: Session, file: { name: string; content: Buffer; type: string }, procedureCode = BIRTH_REGISTRATION) =>
  s.post('/api/uploads').field('procedureCode', procedureCode).attach('birthCertificate', file.content, { filename: file.name, contentType: file.type });

describe('the portal and workspace api', function () {
  let worker: WorkerHandle;
  let citizen: Session;
  let other: Session;

  before(async () => {
    worker = startTestWorker();
    citizen = await newCitizen('Phạm Thị Hoa');
    other = await newCitizen('Đỗ Văn Khánh');
  });
  after(() => worker.stop());

  describe('uploads ahead of the submission', () => {
    it('takes a PDF for an attachment field and gives the value the field holds; only its owner reads it back', async () => {
      const res = await uploadFile(citizen, { name: 'giấy chứng sinh.pdf', content: samplePdf(), type: 'application/pdf' }).expect(201);
      expect(res.body).to.include({ fileName: 'giấy chứng sinh.pdf', mediaType: 'application/pdf', size: samplePdf().length });
      expect(res.body.sha256).to.match(/^[0-9a-f]{64}$/);
      const back = await citizen.get(`/api/uploads/${res.body.attachmentId}`).expect(200);
      expect(back.headers['content-disposition']).to.match(/^inline/);
      expect(back.headers['x-content-sha256']).to.equal(res.body.sha256);
      expect((await other.get(`/api/uploads/${res.body.attachmentId}`)).status).to.equal(404);
    });

    it('refuses a file of the wrong type or too large for the field, saying why, in Vietnamese and English', async () => {
      const gif = await uploadFile(citizen, { name: 'anh.gif', content: Buffer.from('GIF89a....'), type: 'image/gif' });
      expect(gif.status).to.equal(400);
      expect(gif.headers['content-type']).to.contain('application/problem+json');
      expect(gif.body.code).to.equal('form_invalid');
      expect(gif.body.errors[0].message.vi).to.be.a('string').and.not.equal('');
      const big = Buffer.concat([samplePdf(), Buffer.alloc(5 * 1024 * 1024)]);
      const tooBig = await uploadFile(citizen, { name: 'lon.pdf', content: big, type: 'application/pdf' });
      expect(tooBig.status).to.be.oneOf([400, 413]);
      expect(tooBig.body.code).to.be.a('string');
      const noProcedure = await citizen.post('/api/uploads').attach('birthCertificate', samplePdf(), { filename: 'a.pdf', contentType: 'application/pdf' });
      expect(noProcedure.status).to.equal(400);
      expect(noProcedure.body.code).to.equal('procedure_missing');
    });

    it('an officer other than the receiving desk uploads nothing', async () => {
      const specialist = await login('chuyenvien.benthanh');
      const res = await uploadFile(specialist, { name: 'a.pdf', content: samplePdf(), type: 'application/pdf' });
      expect(res.status).to.equal(403);
    });

    it("a submission naming its own upload carries the file; one naming another citizen's upload is refused", async () => {
      const mine = (await uploadFile(citizen, { name: 'gcs.pdf', content: samplePdf('mine'), type: 'application/pdf' }).expect(201)).body;
      const theirs = (await uploadFile(other, { name: 'gcs-khac.pdf', content: samplePdf('theirs'), type: 'application/pdf' }).expect(201)).body;
      const stolen = await citizen
        .post('/api/dossiers')
        .send({ procedureCode: BIRTH_REGISTRATION, orgUnitId: benThanh(), data: { ...buildBirthRegistration(), birthCertificate: [theirs] } });
      expect(stolen.status).to.equal(400);
      expect(stolen.body.errors.map((e: { code: string }) => e.code)).to.include('attachment.unknown');
      const ok = await citizen
        .post('/api/dossiers')
        .send({ procedureCode: BIRTH_REGISTRATION, orgUnitId: benThanh(), data: { ...buildBirthRegistration(), birthCertificate: [mine] } });
      expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
      const view = (await citizen.get(`/api/dossiers/${ok.body.id}`).expect(200)).body;
      expect(view.attachments.map((a: { fileName: string; sha256: string }) => [a.fileName, a.sha256])).to.deep.include(['gcs.pdf', mine.sha256]);
      // an upload goes into one dossier only
      const again = await citizen
        .post('/api/dossiers')
        .send({ procedureCode: BIRTH_REGISTRATION, orgUnitId: benThanh(), data: { ...buildBirthRegistration(), birthCertificate: [mine] } });
      expect(again.status).to.equal(400);
    });
  });

  describe('drafts', () => {
    it("saves, resumes and deletes a draft, one per procedure, the citizen's own", async () => {
      const data = { child: { fullName: 'Phạm Minh Tú' } };
      await citizen.put(`/api/drafts/${BIRTH_REGISTRATION}`).send({ orgUnitId: benThanh(), data }).expect(200);
      await citizen
        .put(`/api/drafts/${BIRTH_REGISTRATION}`)
        .send({ orgUnitId: benThanh(), data: { ...data, declaration: true } })
        .expect(200);
      const back = (await citizen.get(`/api/drafts/${BIRTH_REGISTRATION}`).expect(200)).body;
      expect(back).to.deep.include({ procedureCode: BIRTH_REGISTRATION, orgUnitId: benThanh(), data: { ...data, declaration: true } });
      expect((await citizen.get('/api/drafts').expect(200)).body.items).to.have.length(1);
      expect((await other.get(`/api/drafts/${BIRTH_REGISTRATION}`)).status).to.equal(404);
      await citizen.delete(`/api/drafts/${BIRTH_REGISTRATION}`).expect(204);
      const gone = await citizen.get(`/api/drafts/${BIRTH_REGISTRATION}`);
      expect(gone.status).to.equal(404);
      expect(gone.body.code).to.equal('draft_not_found');
    });

    it('refuses a draft without data, for an unknown procedure, or kept by an officer', async () => {
      const bad = await citizen.put(`/api/drafts/${BIRTH_REGISTRATION}`).send({ orgUnitId: 'nowhere', data: 'x' });
      expect(bad.status).to.equal(400);
      expect(bad.headers['content-type']).to.contain('application/problem+json');
      expect((await citizen.put('/api/drafts/9.999999').send({ data: {} })).status).to.equal(404);
      expect((await (await login('tiepnhan.benthanh')).put(`/api/drafts/${BIRTH_REGISTRATION}`).send({ data: {} })).status).to.equal(403);
    });

    it('a submission clears the draft of its procedure', async () => {
      await citizen.put(`/api/drafts/${BIRTH_REGISTRATION}`).send({ orgUnitId: benThanh(), data: {} }).expect(200);
      await submit(citizen).expect(201);
      expect((await citizen.get(`/api/drafts/${BIRTH_REGISTRATION}`)).status).to.equal(404);
    });
  });

  describe('tracking without logging in, and ratings', () => {
    let dossier: { id: string; reference: string };
    before(async () => {
      dossier = (await submit(citizen).expect(201)).body;
    });

    it('tells anyone holding the reference where the dossier stands, and nothing about the people in it', async () => {
      const res = await supertest(api()).get(`/api/public/track/${dossier.reference}`).expect(200);
      expect(res.body).to.include({ reference: dossier.reference });
      expect(res.body.procedure.code).to.equal(BIRTH_REGISTRATION);
      expect(res.body.status.code).to.be.a('number');
      const text = JSON.stringify(res.body);
      for (const secret of ['Phạm Thị Hoa', 'Nguyễn Văn An', '079195000001', 'binh@example.vn']) expect(text).not.to.contain(secret);
      expect(res.body).not.to.have.property('data');
      // typed in small letters, it still finds the dossier
      expect((await supertest(api()).get(`/api/public/track/${dossier.reference.toLowerCase()}`).expect(200)).body.reference).to.equal(dossier.reference);
      const missing = await supertest(api()).get('/api/public/track/000.00.27.H29-991231-9999');
      expect(missing.status).to.equal(404);
      expect(missing.body.code).to.equal('dossier_not_found');
      expect((await supertest(api()).get(`/api/public/track/${'X'.repeat(80)}`)).status).to.equal(400);
    });

    it('takes no rating before the result is delivered, nor one from someone else, nor a level out of scale', async () => {
      const early = await citizen.post(`/api/dossiers/${dossier.id}/rating`).send({ overall: 3 });
      expect(early.status).to.equal(409);
      expect(early.body.code).to.equal('rating_not_open');
      expect((await other.post(`/api/dossiers/${dossier.id}/rating`).send({ overall: 3 })).status).to.equal(404);
      const bad = await citizen.post(`/api/dossiers/${dossier.id}/rating`).send({ overall: 5, comment: 'x' });
      expect(bad.status).to.equal(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).to.include('overall');
      const open = (await citizen.get(`/api/dossiers/${dossier.id}/rating`).expect(200)).body;
      expect(open.rating).to.equal(null);
      // steps are rated once done: none yet
      expect(open.steps).to.deep.equal([]);
    });
  });

  describe('the inbox filters', () => {
    let hoa: { id: string; reference: string };
    before(async () => {
      // the inbox searches the submitter's name (the account), as the unit's list shows it
      hoa = (await submit(await newCitizen('Vũ Thị Ánh Tuyết')).expect(201)).body;
      await taskFor(await login('tiepnhan.benthanh'), hoa.id, 'reception');
    });

    const ids = async (s: Session, query: string) => {
      const res = await s.get(`/api/tasks?limit=200&${query}`);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return (res.body.items as { dossier: { id: string } | null }[]).map((t) => t.dossier?.id);
    };

    it("finds a task by the applicant's name with or without diacritics, by reference, procedure, status and date", async () => {
      const desk = await login('tiepnhan.benthanh');
      for (const q of ['Vũ Thị Ánh Tuyết', 'vu thi anh tuyet', 'ANH TUYET', hoa.reference.toLowerCase(), 'khai sinh tuyet'])
        expect(await ids(desk, `q=${encodeURIComponent(q)}`), q).to.include(hoa.id);
      expect(await ids(desk, 'q=khong-co-ai-ten-nay')).to.deep.equal([]);
      expect(await ids(desk, `procedure=${BIRTH_REGISTRATION}&status=1`)).to.include(hoa.id);
      expect(await ids(desk, 'status=4')).not.to.include(hoa.id);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
      expect(await ids(desk, `from=${today}&to=${today}`)).to.include(hoa.id);
      expect(await ids(desk, 'from=2020-01-01&to=2020-01-31')).not.to.include(hoa.id);
    });

    it('refuses a malformed filter with a problem naming it', async () => {
      const desk = await login('tiepnhan.benthanh');
      const res = await desk.get('/api/tasks?status=abc&from=31/12/2026');
      expect(res.status).to.equal(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).to.include.members(['status', 'from']);
    });

    it('an officer of another unit finds nothing of it, however it is searched', async () => {
      expect(await ids(await login('tiepnhan.saigon'), `q=${encodeURIComponent(hoa.reference)}`)).to.deep.equal([]);
    });
  });

  describe('the unit at a glance', () => {
    it("the unit's leader sees its open dossiers by SLA state and who holds what; another unit does not", async () => {
      const d = (await submit(citizen).expect(201)).body;
      const leader = await login('lanhdao.benthanh');
      const summary = (await leader.get('/api/unit/summary').expect(200)).body;
      expect(summary.bySla.on_time + summary.bySla.nearly_late + summary.bySla.late).to.be.greaterThan(0);
      expect(summary.holders).to.be.an('array').that.is.not.empty;
      const list = (await leader.get(`/api/unit/dossiers?open=true&q=${encodeURIComponent(d.reference)}`).expect(200)).body;
      expect(list.items.map((x: { id: string }) => x.id)).to.deep.equal([d.id]);
      expect(list.items[0].applicantName).to.equal('Phạm Thị Hoa');
      const saigon = (await (await login('lanhdao.saigon')).get(`/api/unit/dossiers?q=${encodeURIComponent(d.reference)}`).expect(200)).body;
      expect(saigon.items).to.deep.equal([]);
      expect((await citizen.get('/api/unit/summary')).status).to.equal(403);
    });
  });

  describe('counter reception', () => {
    it('enters a walk-in application with the scans and accepts it at once: a code, channel 1, the officer recorded', async () => {
      const desk = await login('tiepnhan.benthanh');
      const idNumber = randomId();
      const res = await fileAtCounter(desk, { fullName: 'Lý Văn Phúc', idNumber });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      // accepted in the same request; the code comes from the code-issuing step right after
      const row = await eventually(async () => {
        const r = await platform().db('dossiers').where({ id: res.body.id }).first();
        return r.code ? r : undefined;
      }, "the counter dossier's code");
      expect(row.code).to.match(/^000\.00\.27\.H29-\d{6}-\d{4}$/);
      expect(row.channel).to.equal(1);
      expect(row.entered_by).to.equal(desk.account.id);
      // the same person again: the same applicant account, not a second one
      const again = await desk.post('/api/counter/dossiers').send({
        procedureCode: BIRTH_REGISTRATION,
        applicant: { fullName: 'Lý Văn Phúc', idNumber },
        data: { ...buildBirthRegistration(), birthCertificate: undefined },
      });
      expect(again.status).to.equal(400);
      expect((await platform().db('accounts').where({ id_number: idNumber })).length).to.equal(1);
    });

    it('refuses a malformed applicant, and anyone but the receiving desk', async () => {
      const desk = await login('tiepnhan.benthanh');
      const bad = await desk
        .post('/api/counter/dossiers')
        .send({ procedureCode: BIRTH_REGISTRATION, applicant: { fullName: 'L', idNumber: '123' }, data: buildBirthRegistration() });
      expect(bad.status).to.equal(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).to.include.members(['applicant.fullName', 'applicant.idNumber']);
      expect((await (await login('chuyenvien.benthanh')).post('/api/counter/dossiers').send({ procedureCode: BIRTH_REGISTRATION })).status).to.equal(403);
      expect((await citizen.post('/api/counter/dossiers').send({ procedureCode: BIRTH_REGISTRATION })).status).to.equal(403);
    });
  });
});

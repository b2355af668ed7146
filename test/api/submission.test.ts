/** Bad input gets a clear problem+json and stores nothing; a retried submission never makes a second dossier. */
import { expect } from 'chai';
import supertest from 'supertest';
import { createApp } from '../../api/src/app.ts';
import { createServices } from '@motcua/domain/services.ts';
import { EngineClient } from '@motcua/domain/engine/engine.client.ts';
import { api, login, type Session } from '../support/http.ts';
import { buildBirthRegistration, samplePdf, submit, benThanh, BIRTH_REGISTRATION } from '../support/dossiers.ts';
import { freePort, platform } from '../support/platform.ts';

async function counts() {
  const db = platform().db;
  // the processes of earlier submissions, started after their answers, write their events first
  await platform().services.commands.settle();
  const [d, f, e] = await Promise.all([
    db('dossiers').count({ n: '*' }).first(),
    db('stored_files').count({ n: '*' }).first(),
    db('dossier_events').count({ n: '*' }).first(),
  ]);
  return { dossiers: Number(d!.n), files: Number(f!.n), events: Number(e!.n) };
}

function expectProblem(res: supertest.Response, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
  const body = typeof res.body === 'object' && Object.keys(res.body).length ? res.body : JSON.parse(res.text);
  expect(body.code).to.equal(code);
  expect(body.status).to.equal(status);
  expect(body.title).to.be.a('string').and.not.empty;
  expect(body.messages.vi).to.be.a('string').and.not.empty;
  expect(body.messages.en).to.be.a('string').and.not.empty;
  return body;
}

describe('dossier submission: bad input', function () {
  let citizen: Session;
  before(async () => {
    citizen = await login('congdan');
  });

  it('when the form data is not JSON, answers 400 body_malformed and stores nothing', async () => {
    const before = await counts();
    const res = await citizen
      .post('/api/dossiers')
      .field('procedureCode', BIRTH_REGISTRATION)
      .field('orgUnitId', benThanh())
      .field('data', '{"child": ')
      .attach('birthCertificate', samplePdf(), 'gcs.pdf');
    expectProblem(res, 400, 'body_malformed');
    expect(await counts()).to.deep.equal(before);
  });

  it('when a JSON request body is malformed, answers 400 body_malformed', async () => {
    const res = await citizen.post('/api/dossiers').set('content-type', 'application/json').send('{"procedureCode":');
    expectProblem(res, 400, 'body_malformed');
  });

  it('when required fields are missing or unknown ones present, lists each field in Vietnamese and English', async () => {
    const before = await counts();
    const data = buildBirthRegistration({
      child: { fullName: '', sex: 'khac', dateOfBirth: '2026-02-30', placeOfBirth: 'X', ethnicity: 'Kinh', nationality: 'Việt Nam' },
      extra: 'x',
    });
    const res = await submit(citizen, { data });
    const body = expectProblem(res, 400, 'form_invalid');
    const fields = body.errors.map((e: { field: string }) => e.field);
    expect(fields).to.include.members(['child.fullName', 'child.sex', 'child.dateOfBirth', 'extra']);
    const fullName = body.errors.find((e: { field: string }) => e.field === 'child.fullName');
    expect(fullName.message.vi).to.contain('«Thông tin người được đăng ký khai sinh › Họ, chữ đệm và tên»');
    expect(fullName.message.en).to.contain('required');
    expect(await counts()).to.deep.equal(before);
  });

  it("requires the father's details unless the father is unknown (the form's own condition, evaluated on the server)", async () => {
    const withoutFather = buildBirthRegistration({ father: undefined });
    const res = await submit(citizen, { data: withoutFather });
    const body = expectProblem(res, 400, 'form_invalid');
    expect(body.errors.map((e: { field: string }) => e.field)).to.include('father.fullName');
    const unknownFather = buildBirthRegistration({ father: undefined, fatherUnknown: true });
    const ok = await submit(citizen, { data: unknownFather });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
  });

  it('when the attachment is missing, says so on its field', async () => {
    const before = await counts();
    const res = await submit(citizen, { files: [] });
    const body = expectProblem(res, 400, 'form_invalid');
    expect(body.errors.map((e: { field: string }) => e.field)).to.include('birthCertificate');
    expect(await counts()).to.deep.equal(before);
  });

  it('when a file is not what it claims (an executable named .pdf), refuses it by its content', async () => {
    const before = await counts();
    const res = await submit(citizen, {
      files: [{ field: 'birthCertificate', name: 'gcs.pdf', content: Buffer.from('MZ\x90\x00 this is not a pdf'), type: 'application/pdf' }],
    });
    const body = expectProblem(res, 400, 'form_invalid');
    expect(body.errors[0].code).to.equal('attachment.type');
    expect(await counts()).to.deep.equal(before);
  });

  it('when a file only starts like a PDF or an image (5 bytes of %PDF-, a PNG header over garbage), refuses it as unreadable, in submission and upload alike', async () => {
    const before = await counts();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300, 7)]);
    for (const [name, content, type] of [
      ['gcs.pdf', Buffer.from('%PDF-'), 'application/pdf'],
      ['gcs.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x41)]), 'application/pdf'],
      ['anh.png', png, 'image/png'],
      ['anh.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 3)]), 'image/jpeg'],
    ] as const) {
      const res = await submit(citizen, { files: [{ field: 'birthCertificate', name, content, type }] });
      const body = expectProblem(res, 400, 'form_invalid');
      expect(
        body.errors.map((e: { code: string }) => e.code),
        name,
      ).to.deep.equal(['attachment.unreadable']);
      expect(body.errors[0].message.vi).to.contain(name);
      const upload = await citizen
        .post('/api/uploads')
        .field('procedureCode', '1.001193')
        .attach('birthCertificate', content, { filename: name, contentType: type });
      expect(upload.status, name).to.equal(400);
    }
    expect(await counts()).to.deep.equal(before);
  });

  it('when a file is larger than its field allows (5 MB), refuses it before anything is stored', async () => {
    const before = await counts();
    const big = Buffer.concat([samplePdf(), Buffer.alloc(5 * 1024 * 1024 + 1, 32)]);
    const res = await submit(citizen, { files: [{ field: 'birthCertificate', name: 'gcs.pdf', content: big }] });
    const body = expectProblem(res, 400, 'form_invalid');
    expect(body.errors[0].code).to.equal('attachment.too_large');
    expect(await counts()).to.deep.equal(before);
  });

  it('when an upload is larger than the server takes at all, answers 413 payload_too_large', async () => {
    const before = await counts();
    const huge = Buffer.concat([samplePdf(), Buffer.alloc(platform().config.uploadMaxBytes + 10, 32)]);
    const res = await submit(citizen, { files: [{ field: 'birthCertificate', name: 'gcs.pdf', content: huge }] });
    expectProblem(res, 413, 'payload_too_large');
    expect(await counts()).to.deep.equal(before);
  });

  it('when a file is attached to a field the form does not have, refuses it', async () => {
    const res = await submit(citizen, {
      files: [
        { field: 'birthCertificate', name: 'gcs.pdf', content: samplePdf() },
        { field: 'passport', name: 'hc.pdf', content: samplePdf() },
      ],
    });
    const body = expectProblem(res, 400, 'form_invalid');
    expect(body.errors.map((e: { code: string }) => e.code)).to.include('attachment.unknown_field');
  });

  it('when the procedure or the unit is unknown, answers with a problem', async () => {
    const unknown = await citizen.post('/api/dossiers').field('procedureCode', '9.999999').field('orgUnitId', benThanh()).field('data', '{}');
    expectProblem(unknown, 404, 'procedure_not_found');
    const unit = await citizen
      .post('/api/dossiers')
      .field('procedureCode', BIRTH_REGISTRATION)
      .field('orgUnitId', '00000000-0000-4000-8000-000000000000')
      .field('data', '{}');
    expectProblem(unit, 400, 'org_unit_unknown');
    const notUuid = await citizen.post('/api/dossiers').field('procedureCode', BIRTH_REGISTRATION).field('orgUnitId', 'abc').field('data', '{}');
    expectProblem(notUuid, 400, 'id_invalid');
  });

  it('without a login answers 401, without the CSRF token 403, for an officer 403', async () => {
    expectProblem(await supertest(api()).post('/api/dossiers').send({}), 401, 'login_required');
    expectProblem(await citizen.agent.post('/api/dossiers').field('procedureCode', BIRTH_REGISTRATION), 403, 'csrf_token_invalid');
    const officer = await login('tiepnhan.benthanh');
    expectProblem(await officer.post('/api/dossiers').field('procedureCode', BIRTH_REGISTRATION), 403, 'role_not_allowed');
  });

  it('a retried submission with the same Idempotency-Key returns the first dossier and stores one', async () => {
    const key = `retry-${Date.now()}`;
    const first = await submit(citizen, { idempotencyKey: key }).expect(201);
    const before = await counts();
    const again = await submit(citizen, { idempotencyKey: key }).expect(201);
    expect(again.body.id).to.equal(first.body.id);
    expect(await counts()).to.deep.equal(before);
    // the first answer shows what was just stored (its process starts after it); a retry's, all there is by then
    expect(first.body.attachments.length).to.be.greaterThan(0);
    expect(first.body.timeline).to.deep.equal([]);
    for (let i = 0; i < 100 && !(await citizen.get(`/api/dossiers/${first.body.id}`).expect(200)).body.timeline.length; i++)
      await new Promise((r) => setTimeout(r, 100));
    const later = await submit(citizen, { idempotencyKey: key }).expect(201);
    expect(later.body.timeline.map((e: { type: string }) => e.type)).to.deep.equal(['submitted']);
    expect(later.body.attachments).to.deep.equal(first.body.attachments);
  });

  it('unknown routes and ids answer problem+json too', async () => {
    expectProblem(await citizen.get('/api/nothing-here'), 404, 'route_not_found');
    expectProblem(await citizen.get('/api/dossiers/not-a-uuid'), 400, 'id_invalid');
    expectProblem(await citizen.get('/api/dossiers/00000000-0000-4000-8000-000000000000'), 404, 'dossier_not_found');
  });
});

describe('dossier submission: the engine does not answer', function () {
  it('stores the dossier with the command that starts its process, and the relay starts it exactly once later', async () => {
    const p = platform();
    const deadEngine = new EngineClient({ baseUrl: `http://127.0.0.1:${await freePort()}/engine-rest`, user: 'x', password: 'y', timeoutMs: 2000 });
    const services = createServices({ config: p.config, db: p.db, engine: deadEngine });
    const app = createApp({ config: p.config, services, logger: p.logger });
    const agent = supertest.agent(app);
    const csrf = (await agent.post('/api/auth/login').send({ username: 'congdan', password: 'MotCua@2026' }).expect(200)).body.csrfToken;
    // given the engine does not answer
    const res = await agent
      .post('/api/dossiers')
      .set('x-csrf-token', csrf)
      .field('procedureCode', BIRTH_REGISTRATION)
      .field('orgUnitId', benThanh())
      .field('data', JSON.stringify(buildBirthRegistration()))
      .attach('birthCertificate', samplePdf(), 'gcs.pdf');
    // then the citizen's dossier is kept, not refused: its process starts when the engine is back
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const id = res.body.id as string;
    // (the api tries to start it after answering)
    await services.commands.settle();
    const [start] = await p.services.commands.list(id);
    expect(start).to.include({ kind: 'start', state: 'pending' });
    expect((await p.db('dossiers').where({ id }).first()).process_instance_id).to.equal(null);
    // when the relay runs twice (a retried job) with the engine answering
    await p.services.commands.runDossier(id);
    await p.services.commands.runDossier(id);
    // then exactly one instance carries the dossier, linked, with the submission on the timeline
    const instances = await p.services.engine.historicProcessInstances({ businessKey: id });
    expect(instances).to.have.length(1);
    const row = await p.db('dossiers').where({ id }).first();
    expect(row.process_instance_id).to.equal(instances[0]!.id);
    const events = await p.db('dossier_events').where({ dossier_id: id, type: 'submitted' });
    expect(events).to.have.length(1);
    expect((await p.services.commands.list(id))[0]).to.include({ state: 'done' });
  });

  it('after a start whose answer was lost, looks the instance up by business key instead of starting another', async () => {
    const p = platform();
    const citizen = await login('congdan');
    const res = await submit(citizen).expect(201);
    const id = res.body.id as string;
    await p.services.commands.settle();
    // the engine started it, but the relay never heard back: the command is pending again, with an attempt behind it
    await p.db('engine_commands').where({ dossier_id: id, kind: 'start' }).update({ state: 'pending', done_at: null, outcome: null, lease_until: null });
    await p.services.commands.runDossier(id);
    expect(await p.services.engine.historicProcessInstances({ businessKey: id })).to.have.length(1);
    expect((await p.services.commands.list(id))[0]).to.include({ state: 'done', outcome: 'already_done', attempts: 2 });
  });
});

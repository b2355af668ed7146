/** Every endpoint authorised by role and org unit: nobody sees or acts on what is not theirs. */
import { expect } from 'chai';
import supertest from 'supertest';
import { api, login, type Session } from '../support/http.ts';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { platform } from '../support/platform.ts';
import { claim, submit, taskFor } from '../support/dossiers.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

describe('access to dossiers and tasks', function () {
  let worker: WorkerHandle;
  let owner: Session;
  let other: Session;
  let dossierId: string;
  let receptionTask: string;

  before(async () => {
    worker = startTestWorker();
    owner = await login('congdan');
    const username = `other.${Date.now()}`;
    await supertest(api()).post('/api/auth/register').send({ username, password: 'Another-Pass-2026', fullName: 'Người Khác' }).expect(201);
    other = await login(username, 'Another-Pass-2026');
    dossierId = (await submit(owner).expect(201)).body.id;
    receptionTask = await taskFor(await login('tiepnhan.benthanh'), dossierId, 'reception');
  });
  after(() => worker.stop());

  it("a citizen reading another citizen's dossier is told it does not exist (404)", async () => {
    const res = await other.get(`/api/dossiers/${dossierId}`);
    expect(res.status).to.equal(404);
    expect(res.body.code).to.equal('dossier_not_found');
    expect((await other.get(`/api/dossiers/${dossierId}/documents/receipt`)).status).to.equal(404);
    expect((await other.get('/api/dossiers').expect(200)).body.items.map((d: { id: string }) => d.id)).not.to.include(dossierId);
  });

  it("a citizen cannot supplement another citizen's dossier", async () => {
    const res = await other.post(`/api/dossiers/${dossierId}/supplement`).field('data', '{}');
    expect(res.status).to.equal(404);
  });

  it('an officer of another unit neither sees the dossier nor its task, and cannot claim it', async () => {
    const saigon = await login('tiepnhan.saigon');
    expect((await saigon.get(`/api/dossiers/${dossierId}`)).status).to.equal(404);
    const tasks = (await saigon.get('/api/tasks?limit=200').expect(200)).body.items.map((t: { id: string }) => t.id);
    expect(tasks).not.to.include(receptionTask);
    expect((await saigon.get(`/api/tasks/${receptionTask}`)).status).to.equal(404);
    const claim = await saigon.post(`/api/tasks/${receptionTask}/claim`);
    expect(claim.status).to.equal(404);
    expect(claim.body.code).to.equal('task_not_found');
  });

  it('an officer of the unit in another role cannot take the step', async () => {
    const specialist = await login('chuyenvien.benthanh');
    expect((await specialist.post(`/api/tasks/${receptionTask}/claim`)).status).to.equal(404);
  });

  it('an officer cannot complete a task without claiming it, nor one another officer holds', async () => {
    const officer = await login('tiepnhan.benthanh');
    const notHeld = await officer.post(`/api/tasks/${receptionTask}/complete`).send({ decision: 'accept' });
    expect(notHeld.status).to.equal(409);
    expect(notHeld.body.code).to.equal('task_not_held');
  });

  it('leaders and auditors above the unit read its dossiers; administrators and citizens do not act on tasks', async () => {
    expect((await (await login('lanhdao.benthanh')).get(`/api/dossiers/${dossierId}`)).status).to.equal(200);
    expect((await (await login('thanhtra')).get(`/api/dossiers/${dossierId}`)).status).to.equal(200);
    expect((await (await login('lanhdao.saigon')).get(`/api/dossiers/${dossierId}`)).status).to.equal(404);
    expect((await (await login('quantri')).get(`/api/dossiers/${dossierId}`)).status).to.equal(404);
    expect((await owner.get('/api/tasks')).status).to.equal(403);
  });

  it("lists the officer's own, the unclaimed or all of the unit's tasks with their holders; a colleague's task is seen, not acted on", async () => {
    const demo = platform().demo!;
    const tag = Date.now().toString(36);
    await platform().services.accounts.createAccount({
      username: `dongnghiep.${tag}`,
      password: DEMO_PASSWORD,
      fullName: 'Đỗ Thị Đồng Nghiệp',
      role: 'receiving_officer',
      orgUnitId: demo.benThanh.id,
    });
    const [desk, colleague] = await Promise.all([login('tiepnhan.benthanh'), login(`dongnghiep.${tag}`)]);
    const [theirs, mine] = await Promise.all([submit(owner).expect(201), submit(owner).expect(201)]);
    const theirTask = await claim(colleague, theirs.body.id, 'reception');
    const myTask = await claim(desk, mine.body.id, 'reception');
    type Item = { id: string; assignee: string | null; assigneeName: string | null; assignedToMe: boolean };
    const list = async (s: Session, holder?: string) =>
      (await s.get(`/api/tasks?limit=200${holder ? `&holder=${holder}` : ''}`).expect(200)).body.items as Item[];
    const ids = (items: Item[]) => items.map((t) => t.id);

    // by default, as before: one's own and the unclaimed ones
    const usual = await list(desk);
    expect(ids(usual)).to.include.members([myTask, receptionTask]).and.not.include(theirTask);
    const own = await list(desk, 'mine');
    expect(ids(own)).to.include(myTask).and.not.include.members([receptionTask, theirTask]);
    expect(own.every((t) => t.assignedToMe)).to.equal(true);
    const free = await list(desk, 'unclaimed');
    expect(ids(free)).to.include(receptionTask).and.not.include.members([myTask, theirTask]);
    expect(free.every((t) => t.assignee === null)).to.equal(true);
    // the whole unit: the colleague's task too, named by its holder
    const unit = await list(desk, 'unit');
    expect(ids(unit)).to.include.members([myTask, receptionTask, theirTask]);
    expect(unit.find((t) => t.id === theirTask)).to.include({ assigneeName: 'Đỗ Thị Đồng Nghiệp', assignedToMe: false });
    // only the role's group in the unit: not another unit's officer, not another role
    expect(ids(await list(await login('tiepnhan.saigon'), 'unit'))).not.to.include.members([myTask, receptionTask, theirTask]);
    expect(ids(await list(await login('chuyenvien.benthanh'), 'unit'))).not.to.include.members([myTask, receptionTask, theirTask]);

    // seen, but the colleague's to act on
    expect((await desk.get(`/api/tasks/${theirTask}`).expect(200)).body).to.include({ assigneeName: 'Đỗ Thị Đồng Nghiệp', assignedToMe: false });
    const taken = await desk.post(`/api/tasks/${theirTask}/claim`);
    expect(taken.status).to.equal(409);
    expect(taken.body.code).to.equal('task_claimed');
    const completed = await desk.post(`/api/tasks/${theirTask}/complete`).send({ decision: 'accept' });
    expect(completed.status).to.equal(409);
    expect(completed.body.code).to.equal('task_not_held');
    expect((await desk.post(`/api/tasks/${theirTask}/unclaim`)).status).to.equal(409);

    // a word the list does not know is refused, naming the parameter
    const bad = await desk.get('/api/tasks?holder=everyone');
    expect(bad.status).to.equal(400);
    expect(bad.headers['content-type']).to.contain('application/problem+json');
    expect(bad.body.code).to.equal('query_invalid');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).to.include('holder');
  });
});

describe('accounts and sessions', function () {
  it('refuses a wrong password with 401 login_failed, the same as an unknown user', async () => {
    const a = await supertest(api()).post('/api/auth/login').send({ username: 'congdan', password: 'wrong-password' });
    const b = await supertest(api()).post('/api/auth/login').send({ username: 'nobody-here', password: 'wrong-password' });
    expect([a.status, b.status]).to.deep.equal([401, 401]);
    expect(a.body.code).to.equal('login_failed');
    expect(b.body.code).to.equal('login_failed');
  });

  it('sets an httpOnly, SameSite session cookie and forgets it at logout', async () => {
    const agent = supertest.agent(api());
    const res = await agent.post('/api/auth/login').send({ username: 'congdan', password: 'MotCua@2026' }).expect(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie)
      .to.match(/motcua_sid=/)
      .and.match(/HttpOnly/i)
      .and.match(/SameSite=Lax/i);
    await agent.get('/api/auth/me').expect(200);
    await agent.post('/api/auth/logout').set('x-csrf-token', res.body.csrfToken).expect(204);
    expect((await agent.get('/api/auth/me')).status).to.equal(401);
  });

  it('registers a citizen once per username and stores only an argon2id hash', async () => {
    const username = `citizen.${Date.now()}`;
    await supertest(api())
      .post('/api/auth/register')
      .send({ username, password: 'Mot-Cua-2026!', fullName: 'Công Dân Mới', email: 'moi@example.vn' })
      .expect(201);
    const again = await supertest(api()).post('/api/auth/register').send({ username, password: 'Mot-Cua-2026!', fullName: 'Công Dân Mới' });
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('username_taken');
    const row = await platform().db('accounts').where({ username }).first();
    expect(row.password_hash).to.match(/^\$argon2id\$/);
  });

  it('refuses a weak registration with the fields named', async () => {
    const res = await supertest(api()).post('/api/auth/register').send({ username: 'x', password: 'short', fullName: 'A', role: 'administrator' });
    expect(res.status).to.equal(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).to.include.members(['username', 'password', 'fullName', 'role']);
    // each field once, named in words
    const password = res.body.errors.filter((e: { field: string }) => e.field === 'password');
    expect(password).to.have.length(1);
    expect(password[0].message.vi).to.equal('«Mật khẩu»: ít nhất 10 ký tự.');
  });
});

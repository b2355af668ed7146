/**
 * Legal time on the real engine: SLA timers that turn a step and its dossier amber then red, supplements
 * that pause the clock and re-plan it in either mode, the supplement's own deadline, withdrawal, the apology
 * letter (form 04) and the process control sheet (form 05).
 *
 * The test unit keeps an office open round the clock (its own calendar, set through the admin api), so working
 * time is wall time. Nothing waits for the clock: a test moves the services' clock past a deadline and fires
 * the engine's timer job itself (the boundary timer's id: `review_warn`, `review_due`, `supplement_expired`).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { upsertOrgUnit } from '@motcua/domain/org-units/org-units.repository.ts';
import { loadProcedurePackage, processesDir } from '@motcua/domain/procedures/procedure-package.ts';
import { parseProcessModel } from '@motcua/domain/procedures/bpmn-model.ts';
import { oneStopModel } from '@motcua/domain/procedures/one-stop-template.ts';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { insertRules } from '@motcua/domain/sla/sla-rules.repository.ts';
import { engineDate } from '@motcua/domain/engine/engine.client.ts';
import { nextDate, vnDate } from '@motcua/domain/time/vietnam-time.ts';
import { verifyPdf } from '@motcua/domain/signing/pades.ts';
import { binary, eventually, expectInOrder, login, type Session } from '../support/http.ts';
import { claim, decide, dossierView, samplePdf, submit, taskFor, untilStatus } from '../support/dossiers.ts';
import { artifactsDir, platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const CODE = 'TEST.SLA';
const HOUR = 3600_000;
/** working hours */
const REVIEW_H = 4;
const LIMIT_H = 16;
const SUPPLEMENT_H = 8;

describe('legal time on the engine', function () {
  this.timeout(120_000);
  let worker: WorkerHandle;
  let unitId: string;
  let citizen: Session;
  let reception: Session;
  let specialist: Session;
  let leader: Session;
  let admin: Session;
  const addedRules: string[] = [];

  before(async () => {
    const p = platform();
    const unit = await upsertOrgUnit({ db: p.db, unit: { name: 'Ủy ban nhân dân phường Thời Gian', agencyCode: '000.00.92.H29', parentId: p.demo!.city.id } });
    unitId = unit.id;
    const suffix = Date.now().toString(36);
    for (const [role, name, full] of [
      ['receiving_officer', 'tn', 'Nguyễn Tiếp Nhận Thời Gian'],
      ['specialist', 'cv', 'Trần Chuyên Viên Thời Gian'],
      ['leader', 'ld', 'Lê Lãnh Đạo Thời Gian'],
    ] as const) {
      await p.services.accounts.createAccount({ username: `${name}.time.${suffix}`, password: DEMO_PASSWORD, fullName: full, role, orgUnitId: unit.id });
    }
    [citizen, reception, specialist, leader, admin] = await Promise.all([
      login('congdan'),
      login(`tn.time.${suffix}`),
      login(`cv.time.${suffix}`),
      login(`ld.time.${suffix}`),
      login('quantri'),
    ]);

    // the unit's office is open round the clock, every day
    const saved = await admin.agent
      .put(`/api/admin/calendars/units/${unitId}`)
      .set('x-csrf-token', admin.csrf)
      .send({ name: 'Lịch thử nghiệm 24/7', officeHours: [{ start: '00:00', end: '24:00' }], weekendDays: [] });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);

    // a procedure of seconds, built from the standard one-stop template
    const birth = await loadProcedurePackage(path.join(processesDir, 'birth-registration.procedure.json'));
    const bpmnXml = await oneStopModel({ processId: 'test_sla', name: 'Thủ tục thử nghiệm thời hạn', applicationFormId: birth.applicationFormId });
    await p.services.procedures.publishPackage({
      ...birth,
      code: CODE,
      name: 'Thủ tục thử nghiệm thời hạn',
      timeLimit: { value: LIMIT_H, unit: 'working_hours' },
      stepAllowances: {
        reception: { value: 1, unit: 'working_hours' },
        review: { value: REVIEW_H, unit: 'working_hours' },
        approval: { value: LIMIT_H - REVIEW_H, unit: 'working_hours' },
      },
      bpmnXml,
      bpmnFileName: 'test-sla.bpmn',
      model: await parseProcessModel(bpmnXml),
    });

    // rules from yesterday on: the extend mode, and hours to supplement
    const yesterday = nextDate(vnDate(new Date()), -1);
    const rules = await insertRules({
      db: p.db,
      rules: {
        effectiveFrom: yesterday,
        supplementClock: 'extend',
        warnThreshold: { maxWorkingHours: 24, share: 0.2 },
        moveCalendarDeadlines: true,
        supplementAllowance: { value: SUPPLEMENT_H, unit: 'working_hours' },
        note: 'test',
      },
    });
    addedRules.push(rules!.id);
    worker = startTestWorker();
  });

  afterEach(() => platform().clock.reset());
  after(async () => {
    await worker.stop();
    // the rule versions of this suite go; the dossiers that kept them move to the seeded version
    const p = platform();
    const seeded = await p.db('sla_rule_versions').where({ version: 1 }).first('id');
    await p.db('dossiers').whereIn('sla_rule_version_id', addedRules).update({ sla_rule_version_id: seeded.id });
    await p.db('sla_rule_versions').whereIn('id', addedRules).delete();
  });

  async function received(): Promise<string> {
    const id = (await submit(citizen, { unitId, procedureCode: CODE }).expect(201)).body.id as string;
    await decide(reception, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen, id, 2);
    return id;
  }

  const taskView = async (s: Session, taskId: string) => (await s.get(`/api/tasks/${taskId}`).expect(200)).body;
  const listIds = async (s: Session, sla: string) =>
    (await s.get(`/api/tasks?sla=${sla}&limit=200`).expect(200)).body.items.map((t: { id: string }) => t.id) as string[];
  const notificationKinds = async (s: Session, dossierId: string) =>
    ((await s.get('/api/notifications?limit=200').expect(200)).body.items as { kind: string; dossierId: string }[])
      .filter((n) => n.dossierId === dossierId)
      .map((n) => n.kind);

  /**
   * The moment `at` reached without waiting for it: the services' clock moves there and the engine's timer on
   * `activityId` in the dossier's process fires (its job executed now).
   */
  async function reach(at: Date, dossierId: string, activityId: string): Promise<void> {
    const p = platform();
    p.clock.setTo(at);
    const { process_instance_id: pid } = await p.db('dossiers').where({ id: dossierId }).first('process_instance_id');
    const [job] = await eventually(async () => {
      const jobs = await p.services.engine.timerJobs(pid, activityId);
      return jobs.length ? jobs : undefined;
    }, `the ${activityId} timer`);
    expect(engineDate(job!.dueDate)!.getTime(), `the ${activityId} timer is due by then`).to.be.at.most(at.getTime());
    // a job racing another transaction on the instance (a notice's branch still ending) is rolled back by the
    // engine and executed again, as its job executor would
    await eventually(
      async () => {
        await p.services.engine.executeJob(job!.id);
        return true;
      },
      `the ${activityId} timer to fire`,
      15_000,
      200,
    );
  }

  let lateDossier: string;

  it('turns a step and its dossier amber at the warn time and red at the due time, tells the officer and the leader, and counts the dossier late', async () => {
    const id = await received();
    lateDossier = id;
    const taskId = await claim(specialist, id, 'review');
    const task = await taskView(specialist, taskId);
    const due = engineDate(task.due)!;
    const warn = engineDate(task.warnAt)!;
    // the review step gets its allowance and warns 20 % of it before its due time
    expect(due.getTime() - warn.getTime()).to.be.closeTo(REVIEW_H * 0.2 * HOUR, 1000);
    expect(task.slaState).to.equal('on_time');
    expect(await listIds(specialist, 'on_time')).to.include(taskId);

    // amber: a second past the warn time
    await reach(new Date(warn.getTime() + 1000), id, 'review_warn');
    expect((await taskView(specialist, taskId)).slaState).to.equal('nearly_late');
    await eventually(async () => (await dossierView(citizen, id)).slaState === 'nearly_late', 'the dossier to turn nearly late', 10_000);
    expect(await listIds(specialist, 'nearly_late')).to.include(taskId);
    expect(await listIds(specialist, 'on_time')).not.to.include(taskId);
    await eventually(async () => (await notificationKinds(leader, id)).includes('sla_nearly_late'), 'the leader to be told', 10_000);
    expect(await notificationKinds(specialist, id)).to.include('sla_nearly_late');

    // red: a second past the due time
    await reach(new Date(due.getTime() + 1000), id, 'review_due');
    expect((await taskView(specialist, taskId)).slaState).to.equal('late');
    const late = await eventually(
      async () => {
        const d = await dossierView(citizen, id);
        return d.slaState === 'late' ? d : undefined;
      },
      'the dossier to turn late',
      15_000,
    );
    expect(late.lateAt).to.be.a('string');
    expect(await listIds(specialist, 'late')).to.include(taskId);
    await eventually(async () => (await notificationKinds(leader, id)).includes('sla_late'), 'the leader to be told it is late', 10_000);
    const types = late.timeline.map((e: { type: string }) => e.type);
    expectInOrder(types, ['received', 'task_claimed', 'sla_nearly_late', 'sla_late']);
    expect(late.timeline.find((e: { type: string }) => e.type === 'sla_late').step).to.equal('review');

    // finished: late, even though the decision comes the same day
    await specialist.post(`/api/tasks/${taskId}/complete`).send({ decision: 'approve', opinion: 'Đủ điều kiện' }).expect(200);
    await decide(leader, id, 'approval', { decision: 'approve' });
    const done = await untilStatus(citizen, id, 10);
    expect(done.outcome).to.equal('late');
    expect(done.slaState).to.equal('late');
    expect(done.pending).to.equal(null);
  });

  it('gives the control sheet (form 05) of a finished dossier from its real history', async () => {
    const sheet = (await leader.get(`/api/dossiers/${lateDossier}/control-sheet`).expect(200)).body;
    const d = await dossierView(citizen, lateDossier);
    const history = await platform().services.engine.historicTasks(d.timeline[0].data.processInstanceId);
    expect(history.map((t) => t.taskDefinitionKey)).to.deep.equal(['reception', 'review', 'approval']);
    const names = [reception, specialist, leader].map((s) => s.account.fullName);
    expect(sheet.rows.map((r: { step: string }) => r.step)).to.deep.equal([
      'Nộp hồ sơ',
      'Tiếp nhận hồ sơ',
      'Thẩm định hồ sơ',
      'Phê duyệt kết quả',
      'Trả kết quả',
    ]);
    expect(sheet.rows[0].handedOverBy).to.equal(citizen.account.fullName);
    expect(sheet.rows[0].receivedBy).to.equal(names[0]);
    // each step is handed over when it ends, by its holder, to the holder of the next
    for (let i = 0; i < 3; i++) {
      const row = sheet.rows[i + 1];
      expect(row.handedOverBy).to.equal(names[i]);
      expect(new Date(row.at).getTime()).to.equal(engineDate(history[i]!.endTime)!.getTime());
      expect(new Date(row.due).getTime()).to.equal(engineDate(history[i]!.due)!.getTime());
      expect(row.atText).to.match(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    }
    expect(sheet.rows[1].receivedBy).to.equal(names[1]);
    expect(sheet.rows[2].receivedBy).to.equal(names[2]);
    // reception has an hour: it ends before its due moment, the same day (on time) unless the suite runs in the
    // last hour of a Vietnamese day, when the due moment falls on the next day (early)
    const [receivedAt, receptionDue] = [new Date(sheet.rows[1].at), new Date(sheet.rows[1].due)];
    expect(receivedAt.getTime()).to.be.below(receptionDue.getTime());
    expect(sheet.rows[1].result).to.equal(vnDate(receivedAt) === vnDate(receptionDue) ? 'on_time' : 'early');
    expect(sheet.rows[2].result).to.equal('late');
    expect(sheet.rows[2].note).to.equal('Đồng ý');
    expect(sheet.rows[4].receivedBy).to.equal(citizen.account.fullName);
    expect(sheet.rows[4].result).to.equal('late');
    expect(sheet.dossierCode).to.equal(d.code);
    // an officer of another unit may not read it
    expect((await (await login('tiepnhan.saigon')).get(`/api/dossiers/${lateDossier}/control-sheet`)).status).to.equal(404);
  });

  /** A received dossier sent back from review and then asked to supplement: its clock is paused. */
  async function pausedForSupplement(): Promise<{ id: string; before: { dueAt: string; code: string } }> {
    const id = await received();
    const before = await dossierView(citizen, id);
    await decide(specialist, id, 'review', { decision: 'sendBack', opinion: 'Thiếu giấy tờ' });
    await decide(reception, id, 'reception', { decision: 'supplement', missingItems: 'Bản sao giấy chứng sinh' });
    const waiting = await untilStatus(citizen, id, 5);
    expect(waiting.clock.paused).to.equal(true);
    expect(waiting.pending).to.equal(null);
    expect(waiting.supplementRequest.dueAt).to.be.a('string');
    return { id, before };
  }

  /** the applicant supplies `ms` after the request (the clock moved on that much) */
  async function supplyAfter(id: string, ms: number) {
    platform().clock.advance(ms);
    const res = await citizen
      .post(`/api/dossiers/${id}/supplement`)
      .attach('birthCertificate', samplePdf('bo sung'), { filename: 'bo-sung.pdf', contentType: 'application/pdf' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body.timeline.find((e: { type: string }) => e.type === 'supplement_provided');
  }

  let extendDossier: string;

  it('extend mode: the paused working time is added to the due moment when the supplement comes in', async () => {
    const { id, before } = await pausedForSupplement();
    extendDossier = id;
    const event = await supplyAfter(id, 2 * HOUR);
    expect(event.data.clock.mode).to.equal('extend');
    const paused = event.data.clock.pausedWorkingMinutes as number;
    expect(paused).to.be.within(120, 121);
    expect(event.data.clock.previousDueAt).to.equal(before.dueAt);
    // round the clock, working time is wall time
    expect(new Date(event.data.clock.dueAt).getTime() - new Date(before.dueAt).getTime()).to.be.closeTo(paused * 60_000, 5);
    const after = await dossierView(citizen, id);
    expect(after.dueAt).to.equal(event.data.clock.dueAt);
    expect(after.clock).to.deep.include({ paused: false, supplementClock: 'extend' });
    expect(after.clock.pausedWorkingMinutes).to.be.closeTo(paused, 1e-6);
    // back through reception, keeping its code
    await decide(reception, id, 'reception', { decision: 'accept' });
    const again = await untilStatus(citizen, id, 2);
    expect(again.code).to.equal(before.code);
    expect(again.dueAt).to.equal(event.data.clock.dueAt);
  });

  it('restart mode (a newer rule version): the full limit counts again from the supplement, while an earlier dossier keeps its version', async () => {
    const p = platform();
    const rules = await insertRules({
      db: p.db,
      rules: {
        effectiveFrom: vnDate(new Date()),
        supplementClock: 'restart',
        warnThreshold: { maxWorkingHours: 24, share: 0.2 },
        moveCalendarDeadlines: true,
        supplementAllowance: { value: SUPPLEMENT_H, unit: 'working_hours' },
        note: 'test',
      },
    });
    addedRules.push(rules!.id);
    const { id } = await pausedForSupplement();
    const event = await supplyAfter(id, HOUR);
    expect(event.data.clock.mode).to.equal('restart');
    // the limit (16 working hours) from the moment the supplement came in
    const resumedAt = new Date((await dossierView(citizen, id)).timeline.find((e: { type: string }) => e.type === 'supplement_provided').at).getTime();
    expect(new Date(event.data.clock.dueAt).getTime() - resumedAt).to.be.closeTo(LIMIT_H * HOUR, 1000);
    expect((await dossierView(citizen, id)).clock.supplementClock).to.equal('restart');
    expect((await dossierView(citizen, extendDossier)).clock.supplementClock, 'received under the earlier version').to.equal('extend');
  });

  it('stops a dossier whose supplement does not come in time (status 8) and tells the applicant', async () => {
    const id = (await submit(citizen, { unitId, procedureCode: CODE }).expect(201)).body.id as string;
    await decide(reception, id, 'reception', { decision: 'supplement', missingItems: 'Tờ khai có chữ ký' });
    const waiting = await untilStatus(citizen, id, 5);
    // a second past the time to supplement
    await reach(new Date(new Date(waiting.supplementRequest.dueAt).getTime() + 1000), id, 'supplement_expired');
    const stopped = await untilStatus(citizen, id, 8);
    expect(new Date(stopped.timeline.at(-1).at).getTime()).to.be.at.least(new Date(waiting.supplementRequest.dueAt).getTime() - 1000);
    expect(stopped.timeline.at(-1)).to.deep.include({ type: 'stopped', statusFrom: 5, statusTo: 8 });
    expect(await notificationKinds(citizen, id)).to.include('stopped');
    const pid = stopped.timeline[0].data.processInstanceId as string;
    await eventually(async () => (await platform().services.engine.historicProcessInstance(pid)).state === 'COMPLETED', 'the process to end');
    expect((await platform().services.engine.historicActivities(pid)).map((a) => a.activityId)).to.include.members([
      'supplement_expired',
      'stop_expired',
      'stopped',
    ]);
    // too late now
    const late = await citizen
      .post(`/api/dossiers/${id}/supplement`)
      .attach('birthCertificate', samplePdf('bo sung'), { filename: 'x.pdf', contentType: 'application/pdf' });
    expect(late.status).to.equal(409);
    expect(late.body.code).to.equal('dossier_status_conflict');
  });

  it('lets the applicant withdraw before a decision (status 7): the process stops and nothing is left to do', async () => {
    const id = await received();
    const taskId = await taskFor(specialist, id, 'review');
    const other = await login('tiepnhan.saigon');
    expect((await other.post(`/api/dossiers/${id}/withdraw`).send({})).status, 'an officer cannot withdraw it').to.equal(403);
    const res = await citizen.post(`/api/dossiers/${id}/withdraw`).send({ reason: 'Đã đăng ký ở nơi khác' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.status.code).to.equal(7);
    expect(res.body.timeline.at(-1)).to.deep.include({ type: 'withdrawn', statusFrom: 2, statusTo: 7 });
    expect(((await specialist.get('/api/tasks?limit=200').expect(200)).body.items as { id: string }[]).map((t) => t.id)).not.to.include(taskId);
    const pid = res.body.timeline[0].data.processInstanceId as string;
    const h = await platform().services.engine.historicProcessInstance(pid);
    expect(h.state).to.equal('COMPLETED');
    expect((await platform().services.engine.historicActivities(pid)).map((a) => a.activityId)).to.include('withdrawn');
    expect(await notificationKinds(citizen, id)).to.include('withdrawn');
    // a second time, or after a decision: a conflict
    const again = await citizen.post(`/api/dossiers/${id}/withdraw`).send({});
    expect(again.status).to.equal(409);
    expect(again.headers['content-type']).to.match(/application\/problem\+json/);
    expect((await citizen.post(`/api/dossiers/${lateDossier}/withdraw`).send({})).status).to.equal(409);
  });

  it('issues the apology and new appointment (form 04) before a step is overdue, keeping both dates', async () => {
    const id = await received();
    const before = await dossierView(citizen, id);
    const taskId = await claim(specialist, id, 'review');
    const newDueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    // not by someone who does not hold the step, not to an earlier date
    expect((await leader.post(`/api/tasks/${taskId}/apology`).send({ reason: 'Cần xác minh thêm', newDueAt })).status).to.equal(404);
    const early = await specialist.post(`/api/tasks/${taskId}/apology`).send({ reason: 'Cần xác minh thêm', newDueAt: before.dueAt });
    expect(early.status).to.equal(400);
    expect(early.body.code).to.equal('apology_date_invalid');
    expect((await specialist.post(`/api/tasks/${taskId}/apology`).send({ reason: 'x', newDueAt })).status, 'a reason of a few words').to.equal(400);

    const res = await specialist.post(`/api/tasks/${taskId}/apology`).send({ reason: 'Cần xác minh thông tin nơi sinh với bệnh viện', newDueAt });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const d = await dossierView(citizen, id);
    expect(d.dueAt, 'the legal due date stays').to.equal(before.dueAt);
    expect(new Date(d.extendedDueAt).toISOString()).to.equal(newDueAt);
    expect(d.apologies).to.have.length(1);
    expect(d.apologies[0]).to.deep.include({ step: 'review', reason: 'Cần xác minh thông tin nơi sinh với bệnh viện', issuedBy: specialist.account.fullName });
    expect(d.timeline.at(-1)).to.deep.include({ type: 'apology_issued', step: 'review' });
    expect(await notificationKinds(citizen, id)).to.include('apology');
    const letter = await citizen
      .get(`/api/dossiers/${id}/documents/apology`)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    const check = await verifyPdf(letter.body as Buffer);
    expect(check.valid).to.equal(true);
    expect(check.reason).to.contain(d.code);
    const file = path.join(artifactsDir, `apology-${platform().flavor}.pdf`);
    fs.writeFileSync(file, letter.body as Buffer);
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).to.contain('Signature is Valid.');
    // its dates are written as dates ("ngày dd tháng MM năm yyyy"), not a clock time after «Ngày»
    const words = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(words).to.match(/Ngày \d{2} tháng \d{2} năm \d{4}, /);
    expect(words).to.not.match(/Ngày \d{2}:\d{2}/);

    // once the step is overdue it is too late for a letter
    const due = engineDate((await taskView(specialist, taskId)).due)!;
    platform().clock.setTo(new Date(due.getTime() + 1000));
    const tooLate = await specialist
      .post(`/api/tasks/${taskId}/apology`)
      .send({ reason: 'Cần xác minh thêm lần nữa', newDueAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    expect(tooLate.status).to.equal(409);
    expect(tooLate.body.code).to.equal('apology_too_late');
  });

  it('orders and filters the inbox: by due time either way, and only the late ones', async () => {
    // two more review steps, there before the lists are read
    for (const id of [await received(), await received()]) await taskFor(specialist, id, 'review');
    const asc = (await specialist.get('/api/tasks?sort=due&limit=200').expect(200)).body.items.map((t: { due: string }) => engineDate(t.due)!.getTime());
    const desc = (await specialist.get('/api/tasks?sort=-due&limit=200').expect(200)).body.items.map((t: { due: string }) => engineDate(t.due)!.getTime());
    expect(asc.length).to.be.greaterThan(1);
    expect(asc).to.deep.equal([...asc].sort((a: number, b: number) => a - b));
    expect(desc).to.deep.equal([...asc].reverse());
    const late = (await specialist.get('/api/tasks?sla=late&limit=200').expect(200)).body.items as { slaState: string }[];
    expect(late.every((t) => t.slaState === 'late')).to.equal(true);
    const bad = await specialist.get('/api/tasks?sla=purple');
    expect(bad.status).to.equal(400);
    expect(bad.body.code).to.equal('query_invalid');
  });
});

describe('administering legal time', function () {
  let admin: Session;
  before(async () => {
    admin = await login('quantri');
  });
  const put = (url: string, body: unknown) =>
    admin.agent
      .put(url)
      .set('x-csrf-token', admin.csrf)
      .send(body as object);

  it('refuses office hours that overlap or leave no working day, with the reason, and anyone but an administrator', async () => {
    const unit = platform().demo!.saiGon.id;
    const overlap = await put(`/api/admin/calendars/units/${unit}`, {
      name: 'Sai',
      officeHours: [
        { start: '07:00', end: '12:00' },
        { start: '11:00', end: '17:00' },
      ],
      weekendDays: [0, 6],
    });
    expect(overlap.status).to.equal(400);
    expect(overlap.body.code).to.equal('calendar_invalid');
    expect(overlap.body.detail ?? overlap.body.title).to.be.a('string');
    const noDays = await put(`/api/admin/calendars/units/${unit}`, {
      name: 'Sai',
      officeHours: [{ start: '07:00', end: '17:00' }],
      weekendDays: [0, 1, 2, 3, 4, 5, 6],
    });
    expect(noDays.status).to.equal(400);
    const badClock = await put(`/api/admin/calendars/units/${unit}`, { name: 'Sai', officeHours: [{ start: '7h', end: '17:00' }], weekendDays: [] });
    expect(badClock.status).to.equal(400);
    expect(badClock.body.code).to.equal('request_invalid');
    const officer = await login('lanhdao.saigon');
    expect(
      (
        await officer.agent
          .put(`/api/admin/calendars/units/${unit}`)
          .set('x-csrf-token', officer.csrf)
          .send({ name: 'x', officeHours: [{ start: '07:00', end: '17:00' }], weekendDays: [] })
      ).status,
    ).to.equal(403);
  });

  it('a day off entered for an agency moves its deadlines, and only its own', async () => {
    const p = platform();
    const { saiGon, benThanh } = p.demo!;
    const saved = await put(`/api/admin/calendars/units/${saiGon.id}`, {
      name: 'UBND phường Sài Gòn',
      officeHours: [
        { start: '07:30', end: '11:30' },
        { start: '13:00', end: '17:00' },
      ],
      weekendDays: [0, 6],
    });
    expect(saved.status).to.equal(200);
    const rules = await p.services.sla.rulesAt(new Date());
    const limit = { value: 1, unit: 'working_days' as const };
    const monday = new Date('2027-03-01T09:00:00+07:00');
    expect((await p.services.sla.dueAtFor(saiGon.id, limit, monday, rules)).toISOString()).to.equal(new Date('2027-03-02T17:00:00+07:00').toISOString());
    const day = await put('/api/admin/calendar-days', { calendarId: saved.body.id, date: '2027-03-02', kind: 'day_off', name: 'Nghỉ thử nghiệm' });
    expect(day.status, JSON.stringify(day.body)).to.equal(200);
    expect((await p.services.sla.dueAtFor(saiGon.id, limit, monday, rules)).toISOString()).to.equal(new Date('2027-03-03T17:00:00+07:00').toISOString());
    expect((await p.services.sla.dueAtFor(benThanh.id, limit, monday, rules)).toISOString(), 'another unit is unaffected').to.equal(
      new Date('2027-03-02T17:00:00+07:00').toISOString(),
    );
    const listed = (await admin.get(`/api/admin/calendar-days?year=2027&calendarId=${saved.body.id}`).expect(200)).body.items;
    expect(listed.map((d: { date: string }) => d.date)).to.deep.equal(['2027-03-02']);
    await admin.agent.delete(`/api/admin/calendar-days/${day.body.id}`).set('x-csrf-token', admin.csrf).expect(204);
    const national = (await admin.get('/api/admin/calendar-days?year=2026').expect(200)).body.items;
    expect(national.map((d: { date: string }) => d.date)).to.include.members(['2026-02-17', '2026-04-30', '2026-09-02']);
    expect(national.find((d: { date: string }) => d.date === '2026-02-17').basis).to.equal('decision');
  });

  it('adds SLA rule versions only for the future, one per date', async () => {
    const tomorrow = nextDate(vnDate(new Date()), 400);
    const body = {
      effectiveFrom: tomorrow,
      supplementClock: 'extend',
      warnThreshold: { maxWorkingHours: 16, share: 0.25 },
      moveCalendarDeadlines: false,
      supplementAllowance: { value: 10, unit: 'working_days' },
      note: 'Thử nghiệm',
    };
    const past = await admin.post('/api/admin/sla-rules').send({ ...body, effectiveFrom: '2020-01-01' });
    expect(past.status).to.equal(400);
    expect(past.body.code).to.equal('sla_rules_date_past');
    const added = await admin.post('/api/admin/sla-rules').send(body);
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    expect(added.body.version).to.be.greaterThan(1);
    expect((await admin.post('/api/admin/sla-rules').send(body)).status).to.equal(409);
    const listed = (await admin.get('/api/admin/sla-rules').expect(200)).body.items;
    expect(listed.map((r: { effectiveFrom: string }) => r.effectiveFrom)).to.include(tomorrow);
    await platform().db('sla_rule_versions').where({ id: added.body.id }).delete();
  });
});

/**
 * The reconciler repairs each kind of divergence between the dossiers and the engine, made here on purpose,
 * and records the repair on the dossier's timeline.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { insertDossier } from '@motcua/domain/dossiers/dossiers.repository.ts';
import { lockDossier } from '@motcua/domain/dossiers/dossiers.repository.ts';
import { eventually, login, type Session } from '../support/http.ts';
import { BIRTH_REGISTRATION, benThanh, buildBirthRegistration, submit, taskFor } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const reconcileNow = () => platform().services.reconciler.reconcile({ graceSeconds: 0 });

async function events(dossierId: string) {
  return (await platform().db('dossier_events').where({ dossier_id: dossierId }).orderBy('seq')) as {
    type: string;
    data: Record<string, unknown>;
    actor_name: string;
  }[];
}

describe('the reconciler', function () {
  let worker: WorkerHandle;
  let citizen: Session;
  let desk: Session;

  before(async () => {
    worker = startTestWorker({ jobs: false });
    [citizen, desk] = await Promise.all([login('congdan'), login('tiepnhan.benthanh')]);
  });
  after(() => worker.stop());

  it('starts the process of a dossier that has none (row without instance)', async () => {
    const p = platform();
    const version = await p.services.procedures.publishedByCode(BIRTH_REGISTRATION);
    const id = randomUUID();
    await insertDossier({
      db: p.db,
      dossier: {
        id,
        reference: `TN000000-${id.slice(0, 8).toUpperCase()}`,
        procedureVersionId: version.version.id,
        orgUnitId: benThanh(),
        applicantId: citizen.account.id,
        channel: 2,
        status: 1,
        data: buildBirthRegistration(),
        idempotencyKey: null,
        submittedAt: new Date(Date.now() - 120_000),
      },
    });
    const report = await reconcileNow();
    expect(report.repaired.dossier_without_instance).to.be.at.least(1);
    const row = await p.db('dossiers').where({ id }).first();
    expect(row.process_instance_id).to.be.a('string');
    expect(await p.services.engine.historicProcessInstances({ businessKey: id })).to.have.length(1);
    const types = (await events(id)).map((e) => e.type);
    expect(types).to.include.members(['reconciled', 'submitted']);
    expect((await events(id)).find((e) => e.type === 'reconciled')!.data.divergence).to.equal('dossier_without_instance');
    // and a second pass finds nothing more to do for it
    await reconcileNow();
    expect(await p.services.engine.historicProcessInstances({ businessKey: id })).to.have.length(1);
  });

  it('deletes a process instance whose business key names no dossier (instance without row)', async () => {
    const p = platform();
    const version = await p.services.procedures.publishedByCode(BIRTH_REGISTRATION);
    const orphanKey = randomUUID();
    const orphan = await p.services.engine.startProcess(version.version.engineProcessDefinitionId!, {
      businessKey: orphanKey,
      variables: { orgUnitId: benThanh() },
    });
    const report = await reconcileNow();
    expect(report.repaired.instance_without_dossier).to.be.at.least(1);
    const history = await p.services.engine.historicProcessInstance(orphan.id);
    expect(history.state).to.equal('EXTERNALLY_TERMINATED');
  });

  it('records on the dossier a decision made in the engine only (the lost supplement request)', async () => {
    const p = platform();
    const id = (await submit(citizen).expect(201)).body.id as string;
    const taskId = await taskFor(desk, id, 'reception');
    // the decision reaches the engine by another way than motcua (an operator's tool)
    await p.services.engine.claimTask(taskId, desk.account.id);
    await p.services.engine.completeTask(taskId, { receptionDecision: 'supplement', supplementDueAt: new Date(Date.now() + 7 * 86400_000) }, desk.account.id);
    expect((await p.db('dossiers').where({ id }).first()).status).to.equal(1);
    const report = await reconcileNow();
    expect(report.repaired.step_done_in_engine_only).to.be.at.least(1);
    const row = await p.db('dossiers').where({ id }).first();
    expect(row.status).to.equal(5);
    const log = await events(id);
    const decided = log.find((e) => e.type === 'reception_supplement')!;
    expect(decided.data).to.include({ taskId, reconciled: true });
    expect(decided.actor_name).to.equal(desk.account.fullName);
    expect(log.find((e) => e.type === 'reconciled' && e.data.divergence === 'step_done_in_engine_only')).to.not.equal(undefined);
    // the applicant can supply it now: the dossier and the engine agree
    const supplied = await citizen.post(`/api/dossiers/${id}/supplement`).field('data', JSON.stringify((await citizen.get(`/api/dossiers/${id}`)).body.data));
    expect(supplied.status, JSON.stringify(supplied.body)).to.equal(200);
    await eventually(
      async () => (await p.services.engine.queryTasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'reception' })).length === 1,
      'the reception task after the supplement',
    );
  });

  it('refuses an officer’s decision on a task decided meanwhile by the engine’s tools (recorded by the reconciler): no second decision', async () => {
    const p = platform();
    const id = (await submit(citizen).expect(201)).body.id as string;
    const taskId = await taskFor(desk, id, 'reception');
    await desk.post(`/api/tasks/${taskId}/claim`).expect(204);
    await p.services.engine.completeTask(taskId, { receptionDecision: 'supplement', supplementDueAt: new Date(Date.now() + 7 * 86400_000) }, desk.account.id);
    expect((await reconcileNow()).repaired.step_done_in_engine_only).to.be.at.least(1);
    const late = await desk.post(`/api/tasks/${taskId}/complete`).send({ decision: 'accept' });
    // the task is gone from the engine: refused before anything is recorded
    expect(late.status, JSON.stringify(late.body)).to.equal(404);
    expect(late.body.code).to.equal('task_not_found');
    const decided = (await events(id)).filter((e) => e.type.startsWith('reception_'));
    expect(decided.map((e) => e.type)).to.deep.equal(['reception_supplement']);
  });

  it('completes in the engine a decision the dossier has but the engine lacks (row ahead of engine)', async () => {
    const p = platform();
    const id = (await submit(citizen).expect(201)).body.id as string;
    const taskId = await taskFor(desk, id, 'reception');
    await desk.post(`/api/tasks/${taskId}/claim`).expect(204);
    // the decision is on the dossier, but its command is gone (written by an older version, or lost)
    const loaded = await p.services.procedures.publishedByCode(BIRTH_REGISTRATION);
    await p.db.transaction(async (tx) => {
      const d = (await lockDossier({ tx, id }))!;
      await p.services.tasks.recordDecision(tx, d, {
        step: loaded.step('reception')!,
        decision: 'accept',
        values: { decision: 'accept' },
        actor: { id: desk.account.id, fullName: desk.account.fullName },
        taskId,
        at: new Date(),
      });
    });
    const report = await reconcileNow();
    expect(report.repaired.step_done_in_dossier_only).to.be.at.least(1);
    expect(await p.services.engine.task(taskId)).to.equal(undefined);
    expect((await p.services.engine.historicTask(taskId))!.deleteReason).to.equal('completed');
    // the process goes on: the workers receive it
    await eventually(async () => (await p.db('dossiers').where({ id }).first()).status === 2, 'the dossier received');
    expect((await events(id)).some((e) => e.type === 'reconciled' && e.data.divergence === 'step_done_in_dossier_only')).to.equal(true);
  });

  it('reads from the engine’s history only what finished since its last pass (a little before), never the whole window again', async () => {
    const p = platform();
    await reconcileNow();
    const marks = (await p.db('reconciler_marks').orderBy('name').select('name', 'checked_until')) as { name: string; checked_until: Date }[];
    expect(marks.map((m) => m.name)).to.deep.equal(['instance_without_dossier', 'step_done_in_engine_only']);
    // at most the latest time the engine wrote among what was read (the engine's clock, not the platform's)
    for (const m of marks) expect(Date.now() - m.checked_until.getTime()).to.be.within(0, 10 * 60_000);
    // what the engine wrote a little before a mark but committed after the pass read past it is read again
    const late = (await submit(citizen).expect(201)).body.id as string;
    const lateTask = await taskFor(desk, late, 'reception');
    await p.services.engine.claimTask(lateTask, desk.account.id);
    await p.services.engine.completeTask(lateTask, { receptionDecision: 'supplement', supplementDueAt: new Date(Date.now() + 7 * 86400_000) }, desk.account.id);
    await p.db('reconciler_marks').update({ checked_until: new Date(Date.now() + 60_000) });
    expect((await reconcileNow()).repaired.step_done_in_engine_only).to.equal(1);
    expect((await events(late)).some((e) => e.type === 'reconciled' && e.data.divergence === 'step_done_in_engine_only')).to.equal(true);
    // nothing younger than the grace period is read (it is in flight): with a grace as long as the window, nothing
    const allInFlight = await p.services.reconciler.reconcile({ graceSeconds: p.config.reconcileWindowHours * 3600 });
    expect(allInFlight.looked).to.deep.equal({ instances: 0, tasks: 0 });
    // a pass whose marks stand beyond everything the engine has finished reads nothing of it
    await p.db('reconciler_marks').update({ checked_until: new Date(Date.now() + 3600_000) });
    const quiet = await reconcileNow();
    expect(quiet.looked).to.deep.equal({ instances: 0, tasks: 0 });
    // a decision made in the engine before the marks: found once they are gone (the window is the limit)
    const id = (await submit(citizen).expect(201)).body.id as string;
    const taskId = await taskFor(desk, id, 'reception');
    await p.services.engine.claimTask(taskId, desk.account.id);
    await p.services.engine.completeTask(taskId, { receptionDecision: 'supplement', supplementDueAt: new Date(Date.now() + 7 * 86400_000) }, desk.account.id);
    expect((await reconcileNow()).repaired.step_done_in_engine_only).to.equal(0);
    await p.db('reconciler_marks').delete();
    const full = await reconcileNow();
    expect(full.looked.tasks).to.be.at.least(1);
    expect(full.repaired.step_done_in_engine_only).to.be.at.least(1);
    expect((await events(id)).some((e) => e.type === 'reconciled' && e.data.divergence === 'step_done_in_engine_only')).to.equal(true);
  });
});

/**
 * A worker process killed in the middle of a task (after its side effects, before it reports completion):
 * the engine redelivers the task when the lock expires, and the redelivery issues neither a second dossier
 * code nor a second signature.
 */
import { expect } from 'chai';
import { upsertOrgUnit } from '@motcua/domain/org-units/org-units.repository.ts';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { eventually, login, type Session } from '../support/http.ts';
import { decide, submit, untilStatus } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { spawnWorkerProcess, startTestWorker } from '../support/workers.ts';

function exited(child: ReturnType<typeof spawnWorkerProcess>): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

describe('a worker killed mid-task', function () {
  this.timeout(180_000);
  let unitId: string;
  let citizen: Session;
  let reception: Session;
  let specialist: Session;
  let leader: Session;

  before(async () => {
    const p = platform();
    // a unit of its own, so that its code counter counts this test's receptions only
    const unit = await upsertOrgUnit({
      db: p.db,
      unit: { name: 'Ủy ban nhân dân phường Thử Nghiệm Sự Cố', agencyCode: '000.00.91.H29', parentId: p.demo!.city.id },
    });
    unitId = unit.id;
    const suffix = Date.now().toString(36);
    for (const [role, name] of [
      ['receiving_officer', 'tn'],
      ['specialist', 'cv'],
      ['leader', 'ld'],
    ] as const) {
      await p.services.accounts.createAccount({
        username: `${name}.crash.${suffix}`,
        password: DEMO_PASSWORD,
        fullName: `Cán bộ ${name}`,
        role,
        orgUnitId: unit.id,
      });
    }
    [citizen, reception, specialist, leader] = await Promise.all([
      login('congdan'),
      login(`tn.crash.${suffix}`),
      login(`cv.crash.${suffix}`),
      login(`ld.crash.${suffix}`),
    ]);
  });

  it('is redelivered without a second code or a second signature', async () => {
    const p = platform();
    // worker A dies right after giving the code, before telling the engine
    const a = spawnWorkerProcess({ WORKER_FAULT_EXIT_BEFORE_COMPLETE: 'reception', WORKER_LOCK_MS: '3000' });
    const id = (await submit(citizen, { unitId }).expect(201)).body.id as string;
    await decide(reception, id, 'reception', { decision: 'accept' });
    expect(await exited(a), a.output()).to.equal(137);
    const afterCrash = await p.db('dossiers').where({ id }).first();
    expect(afterCrash.code, 'the code was given before the crash').to.match(/^000\.00\.91\.H29-\d{6}-0001$/);
    const pid = afterCrash.process_instance_id as string;
    const [locked] = await p.services.engine.externalTasks({ processInstanceId: pid, topicName: 'reception' });
    expect(locked, 'the reception task is still open in the engine').to.not.equal(undefined);

    // worker B takes the task again when its lock expires; it dies after signing
    const b = spawnWorkerProcess({ WORKER_FAULT_EXIT_BEFORE_COMPLETE: 'signing', WORKER_LOCK_MS: '3000' });
    try {
      await decide(specialist, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
      await decide(leader, id, 'approval', { decision: 'approve' });
      expect(await exited(b), b.output()).to.equal(137);
    } finally {
      if (b.exitCode === null) b.kill('SIGKILL');
    }
    const signedBefore = await p.db('dossier_documents').where({ dossier_id: id, kind: 'result' });
    expect(signedBefore).to.have.length(1);

    // worker C finishes the job
    const c = startTestWorker();
    try {
      const done = await untilStatus(citizen, id, 10, 60_000);
      expect(done.code).to.equal(afterCrash.code);
      const types = done.timeline.map((e: { type: string }) => e.type);
      expect(types.filter((t: string) => t === 'received')).to.have.length(1);
      expect(types.filter((t: string) => t === 'result_signed')).to.have.length(1);
      const results = await p.db('dossier_documents').where({ dossier_id: id, kind: 'result' });
      expect(results).to.have.length(1);
      expect(results[0].sha256).to.equal(signedBefore[0].sha256);
      const counter = await p.db('dossier_code_counters').where({ org_unit_id: unitId });
      expect(counter.map((r: { last_value: number }) => r.last_value)).to.deep.equal([1]);
      const receipts = await p.db('dossier_documents').where({ dossier_id: id, kind: 'receipt' });
      expect(receipts).to.have.length(1);
      const notices = await p.db('notifications').where({ dossier_id: id, kind: 'received' });
      expect(notices).to.have.length(1);
      await eventually(async () => (await p.services.engine.historicProcessInstance(pid)).state === 'COMPLETED', 'the process to end');
    } finally {
      await c.stop();
    }
  });
});

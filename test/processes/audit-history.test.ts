/**
 * A dossier's history as an auditor reads it: the application's timeline with its hash chain verified, beside
 * the engine's own record (every activity, who claimed and completed each task), which it matches; a timeline
 * row altered behind the database's back shown as broken.
 */
import { expect } from 'chai';
import { login, type Session } from '../support/http.ts';
import { decide, submit, untilStatus } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

describe("a dossier's history for auditors", function () {
  this.timeout(120_000);
  let worker: WorkerHandle;
  let auditor: Session;
  let id: string;

  before(async () => {
    worker = startTestWorker();
    const [citizen, desk, specialist, leader] = await Promise.all(
      ['congdan', 'tiepnhan.benthanh', 'chuyenvien.benthanh', 'lanhdao.benthanh'].map((u) => login(u)),
    );
    auditor = await login('thanhtra');
    id = (await submit(citizen!).expect(201)).body.id;
    await decide(desk!, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen!, id, 2);
    await decide(specialist!, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    await decide(leader!, id, 'approval', { decision: 'approve' });
    await untilStatus(citizen!, id, 10, 60_000);
  });
  after(() => worker.stop());

  it("matches the engine's own history: every activity, and who claimed and completed each task", async () => {
    const h = (await auditor.get(`/api/audit/dossiers/${id}/history`).expect(200)).body;
    expect(h.timeline.intact).to.equal(true);
    const pid = h.dossier.processInstanceId as string;
    const engine = platform().services.engine;
    const own = await engine.historicActivities(pid);
    expect(h.engine.activities.map((a: { activityId: string }) => a.activityId)).to.deep.equal(own.map((a) => a.activityId));
    expect(h.engine.activities.map((a: { activityId: string }) => a.activityId)).to.include.members(['reception', 'review', 'approval']);
    const officers = Object.fromEntries(
      await Promise.all(
        ['tiepnhan.benthanh', 'chuyenvien.benthanh', 'lanhdao.benthanh'].map(async (u) => [
          u,
          (await platform().db('accounts').where({ username: u }).first('full_name')).full_name,
        ]),
      ),
    );
    const did = (op: string) =>
      h.engine.operations
        .filter((o: { operation: string; property: string | null }) => o.operation === op && (op !== 'Claim' || o.property === 'assignee'))
        .map((o: { userName: string }) => o.userName);
    expect(did('Claim')).to.deep.equal([officers['tiepnhan.benthanh'], officers['chuyenvien.benthanh'], officers['lanhdao.benthanh']]);
    expect(did('Complete')).to.include.members(Object.values(officers));
    expect(h.engine.tasks.map((t: { step: string; outcome: string }) => [t.step, t.outcome])).to.deep.equal([
      ['reception', 'completed'],
      ['review', 'completed'],
      ['approval', 'completed'],
    ]);
    // the timeline and the engine tell the same decisions
    const decisions = h.timeline.events.filter((e: { type: string }) => /_(accept|approve)$/.test(e.type)).map((e: { step: string }) => e.step);
    expect(decisions).to.deep.equal(['reception', 'review', 'approval']);
  });

  it('shows a timeline row altered behind the database’s back', async () => {
    const db = platform().db;
    const row = await db('dossier_events').where({ dossier_id: id, type: 'review_approve' }).first('id', 'seq', 'data');
    await db.raw('alter table dossier_events disable trigger dossier_events_no_update');
    try {
      await db('dossier_events')
        .where({ id: row.id })
        .update({ data: JSON.stringify({ ...row.data, opinion: 'Không đủ điều kiện' }) });
      const h = (await auditor.get(`/api/audit/dossiers/${id}/history`).expect(200)).body;
      expect(h.timeline).to.include({ intact: false, brokenAtSeq: row.seq });
    } finally {
      await db('dossier_events')
        .where({ id: row.id })
        .update({ data: JSON.stringify(row.data) });
      await db.raw('alter table dossier_events enable trigger dossier_events_no_update');
    }
    expect((await auditor.get(`/api/audit/dossiers/${id}/history`).expect(200)).body.timeline.intact).to.equal(true);
  });

  it('is for auditors who may read the dossier', async () => {
    const officer = await login('chuyenvien.benthanh');
    expect((await officer.get(`/api/audit/dossiers/${id}/history`)).status).to.equal(403);
  });
});

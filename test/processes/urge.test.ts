/**
 * A leader urges (đôn đốc) a late dossier: the officers who may take its open step are told, or, once one holds
 * it, that officer alone; the urge joins the timeline. A dossier on time is not urged, and only leaders urge.
 */
import { expect } from 'chai';
import { login, type Session } from '../support/http.ts';
import { claim, decide, submit, taskFor, untilStatus } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

describe('urging a late dossier', function () {
  this.timeout(120_000);
  let worker: WorkerHandle;
  let citizen: Session, desk: Session, specialist: Session, leader: Session;
  before(async () => {
    worker = startTestWorker();
    [citizen, desk, specialist, leader] = (await Promise.all(
      ['congdan', 'tiepnhan.benthanh', 'chuyenvien.benthanh', 'lanhdao.benthanh'].map((u) => login(u)),
    )) as [Session, Session, Session, Session];
  });
  after(() => worker.stop());

  it('tells who may take the open step, then only its holder, and records each urge', async () => {
    const id = (await submit(citizen).expect(201)).body.id as string;
    await decide(desk, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen, id, 2);
    await taskFor(specialist, id, 'review');
    const urge = (note?: string) => leader.post(`/api/unit/dossiers/${id}/urge`).send(note ? { note } : {});

    const onTime = await urge();
    expect(onTime.status).to.equal(409);
    expect(onTime.body.code).to.equal('urge_not_due');

    // the step's timer has turned it late
    await platform().db('dossiers').where({ id }).update({ sla_state: 'late' });
    const first = await urge('Đề nghị hoàn thành trong hôm nay');
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body.told).to.be.greaterThan(0);
    const told = await platform().db('notifications').where({ dossier_id: id, kind: 'urged', account_id: specialist.account.id }).first('body');
    expect(told.body.vi).to.contain('Đề nghị hoàn thành trong hôm nay');

    await claim(specialist, id, 'review');
    const second = await urge();
    expect(second.body.told).to.equal(1);
    const events = await platform().db('dossier_events').where({ dossier_id: id, type: 'urged' }).orderBy('seq').select('actor_id', 'data');
    expect(events.map((e: { actor_id: string; data: { told: number } }) => [e.actor_id, e.data.told])).to.deep.equal([
      [leader.account.id, first.body.told],
      [leader.account.id, 1],
    ]);
    expect((await specialist.post(`/api/unit/dossiers/${id}/urge`).send({})).status).to.equal(403);
  });
});

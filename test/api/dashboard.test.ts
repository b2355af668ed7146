/**
 * The leaders' dashboard from dossiers of known lives (report-dossiers.ts, straight in the database) and a few
 * real ones handled on the engine in the same ward: every monthly figure, the satisfaction trend, the late
 * dossiers by step and holder, the workload; each figure's dossiers counted as many as it says; who may read which
 * unit.
 */
import { expect } from 'chai';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import type { OrgUnit } from '@motcua/domain/org-units/org-units.repository.ts';
import { login, type Session } from '../support/http.ts';
import { claim, decide, submit, taskFor, untilStatus } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { reportWorld } from '../support/report-dossiers.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const PERIOD = 'from=2026-06&to=2026-10';
const at = (s: string) => new Date(`${s}:00+07:00`);

interface Month {
  month: string;
  received: number;
  finished: number;
  finishedOnTime: number;
  finishedLate: number;
  onTimeRate: number | null;
  pending: number;
}
interface Dashboard {
  query: { unitId: string; from: string; to: string };
  series: Month[];
  satisfaction: { month: string; ratings: number; verySatisfied: number; satisfied: number; notSatisfied: number; satisfactionRate: number | null }[];
  late: { total: number; byStep: { step: string; stepName: string; count: number }[]; byOfficer: { officerId: string; officerName: string; count: number }[] };
  workload: { officerId: string; officerName: string; count: number }[];
}

describe('the leaders’ dashboard (api)', function () {
  this.timeout(180_000);
  let worker: WorkerHandle;
  let ward: OrgUnit, quarter: OrgUnit;
  let leader: Session, quarterLeader: Session, specialist: Session;
  let ids: Record<string, string> = {};
  /** real dossiers: late and waiting to be taken, late and held, held in time */
  const real = { lateWaiting: '', lateHeld: '', heldInTime: '' };
  // the one dossier of the world whose due (1 December 2026) may be past when the suite runs
  const businessLate = Date.now() >= at('2026-12-01T17:00').getTime();

  before(async () => {
    const p = platform();
    worker = startTestWorker();
    const world = await reportWorld(41);
    ({ ward, quarter, ids } = world);
    const tag = Date.now().toString(36);
    for (const [role, name] of [
      ['receiving_officer', `tn.dash.${tag}`],
      ['specialist', `cv.dash.${tag}`],
    ] as const)
      await p.services.accounts.createAccount({ username: name, password: DEMO_PASSWORD, fullName: `Cán Bộ ${role}`, role, orgUnitId: ward.id });
    let desk: Session, citizen: Session;
    [leader, quarterLeader, specialist, desk, citizen] = (await Promise.all(
      [world.wardLeader, world.quarterLeader, `cv.dash.${tag}`, `tn.dash.${tag}`, 'congdan'].map((u) => login(u)),
    )) as [Session, Session, Session, Session, Session];
    // three birth registrations in the ward, accepted; the specialist takes two of them
    for (const name of Object.keys(real) as (keyof typeof real)[]) {
      const res = await submit(citizen, { unitId: ward.id });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      real[name] = res.body.id;
      await decide(desk, real[name], 'reception', { decision: 'accept' });
      await untilStatus(citizen, real[name], 2);
      if (name === 'lateWaiting') await taskFor(specialist, real[name], 'review');
      else await claim(specialist, real[name], 'review');
    }
    await p
      .db('dossiers')
      .whereIn('id', [real.lateWaiting, real.lateHeld])
      .update({ due_at: at('2026-11-02T17:00') });
    await p
      .db('dossiers')
      .where({ id: real.heldInTime })
      .update({ due_at: new Date(Date.now() + 30 * 86_400_000) });
    // ratings: July one very satisfied; August (in Vietnam, still July in UTC) one not satisfied, then one satisfied
    const applicant = (await p.db('accounts').where({ username: 'congdan' }).first('id')).id as string;
    for (const [dossier, overall, ratedAt] of [
      [ids.carriedEarly, 3, '2026-07-06T10:00'],
      [ids.quarterEarly, 1, '2026-08-01T05:00'],
      [ids.counterLate, 2, '2026-08-11T09:00'],
    ] as const)
      await p.db('dossier_ratings').insert({ dossier_id: dossier, applicant_id: applicant, overall, rated_at: at(ratedAt) });
  });
  after(() => worker.stop());

  const get = async (s: Session, q: string) => {
    const res = await s.get(`/api/reports/dashboard?${q}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as Dashboard;
  };
  const drill = async (s: Session, q: string) => {
    const res = await s.get(`/api/reports/dashboard/dossiers?${q}&limit=200`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as {
      total: number;
      items: { id: string; code: string | null; holders: { step: string; stepName: string; officerId: string | null; officerName: string | null }[] }[];
    };
  };

  it('counts the received, finished and pending dossiers and the on-time rate of each month (Vietnam time)', async () => {
    const d = await get(leader, PERIOD);
    expect(d.query).to.deep.equal({ unitId: ward.id, from: '2026-06', to: '2026-10' });
    const row = (month: string, received: number, finished: number, finishedOnTime: number, finishedLate: number, pending: number): Month => ({
      month,
      received,
      finished,
      finishedOnTime,
      finishedLate,
      onTimeRate: finished ? finishedOnTime / finished : null,
      pending,
    });
    expect(d.series).to.deep.equal([
      // carriedEarly, carriedOverdue, before received; before decided late; carriedEarly and carriedOverdue open at the end
      row('2026-06', 3, 1, 0, 1, 2),
      // onlineOnTime and quarterEarly received; carriedEarly, onlineOnTime, quarterEarly decided in time
      row('2026-07', 2, 3, 3, 0, 1),
      // counterLate (decided late) and withdrawn (ended) received
      row('2026-08', 2, 1, 0, 1, 1),
      // postWithin, decidedAfter, business received and open at the end, with carriedOverdue
      row('2026-09', 3, 0, 0, 0, 4),
      // after received; decidedAfter decided late
      row('2026-10', 1, 1, 0, 1, 4),
    ]);
    // the quarter's leader sees the quarter alone
    const q = await get(quarterLeader, PERIOD);
    expect(q.series.map((m) => [m.received, m.finished, m.pending])).to.deep.equal([
      [0, 0, 0],
      [1, 1, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('shows the satisfaction of each month', async () => {
    const d = await get(leader, PERIOD);
    expect(d.satisfaction.map((m) => [m.month, m.ratings, m.verySatisfied, m.satisfied, m.notSatisfied, m.satisfactionRate])).to.deep.equal([
      ['2026-06', 0, 0, 0, 0, null],
      ['2026-07', 1, 1, 0, 0, 1],
      ['2026-08', 2, 0, 1, 1, 0.5],
      ['2026-09', 0, 0, 0, 0, null],
      ['2026-10', 0, 0, 0, 0, null],
    ]);
  });

  it('finds the late dossiers by the step they wait in and by who holds it, and each officer’s workload', async () => {
    const d = await get(leader, PERIOD);
    const none = 3 + (businessLate ? 1 : 0);
    expect(d.late.total).to.equal(none + 2);
    expect(d.late.byStep.map((s) => [s.step, s.count])).to.deep.equal(
      [
        ['', none],
        ['review', 2],
      ].sort((a, b) => Number(b[1]) - Number(a[1])),
    );
    expect(d.late.byStep.find((s) => s.step === 'review')!.stepName)
      .to.be.a('string')
      .and.not.equal('');
    expect(d.late.byOfficer.map((o) => [o.officerId, o.count])).to.deep.equal([
      ['', none + 1],
      [specialist.account.id, 1],
    ]);
    expect(d.workload.map((o) => [o.officerId, o.officerName, o.count])).to.deep.equal([[specialist.account.id, 'Cán Bộ specialist', 2]]);
    // the quarter has none of them
    const q = await get(quarterLeader, PERIOD);
    expect([q.late.total, q.late.byStep, q.workload]).to.deep.equal([0, [], []]);
  });

  it('opens every figure as the list of as many dossiers', async () => {
    const d = await get(leader, PERIOD);
    const series = ['received', 'finished', 'finishedOnTime', 'finishedLate', 'pending'] as const;
    for (const m of d.series)
      for (const s of series) {
        const list = await drill(leader, `${PERIOD}&bucket=${s}&month=${m.month}`);
        expect(list.total, `${s} ${m.month}`).to.equal(m[s]).and.equal(list.items.length);
      }
    for (const m of d.satisfaction) {
      expect((await drill(leader, `${PERIOD}&bucket=rated&month=${m.month}`)).total, m.month).to.equal(m.ratings);
      expect((await drill(leader, `${PERIOD}&bucket=notSatisfied&month=${m.month}`)).total, m.month).to.equal(m.notSatisfied);
    }
    for (const s of d.late.byStep) expect((await drill(leader, `${PERIOD}&bucket=lateStep${s.step ? `&step=${s.step}` : ''}`)).total).to.equal(s.count);
    for (const o of d.late.byOfficer)
      expect((await drill(leader, `${PERIOD}&bucket=lateOfficer${o.officerId ? `&officer=${o.officerId}` : ''}`)).total).to.equal(o.count);
    for (const o of d.workload) expect((await drill(leader, `${PERIOD}&bucket=workload&officer=${o.officerId}`)).total).to.equal(o.count);

    // which dossiers, and who holds them
    const pendingSep = await drill(leader, `${PERIOD}&bucket=pending&month=2026-09`);
    expect(pendingSep.items.map((i) => i.id)).to.have.members([ids.carriedOverdue, ids.postWithin, ids.decidedAfter, ids.business]);
    const held = await drill(leader, `${PERIOD}&bucket=lateOfficer&officer=${specialist.account.id}`);
    expect(held.items.map((i) => i.id)).to.deep.equal([real.lateHeld]);
    expect(held.items[0]!.holders).to.deep.equal([
      { step: 'review', stepName: held.items[0]!.holders[0]!.stepName, officerId: specialist.account.id, officerName: 'Cán Bộ specialist' },
    ]);
    const review = await drill(leader, `${PERIOD}&bucket=lateStep&step=review`);
    expect(review.items.map((i) => i.id)).to.have.members([real.lateWaiting, real.lateHeld]);
    expect(review.items.find((i) => i.id === real.lateWaiting)!.holders.map((h) => h.officerId)).to.deep.equal([null]);
    const load = await drill(leader, `${PERIOD}&bucket=workload&officer=${specialist.account.id}`);
    expect(load.items.map((i) => i.id)).to.have.members([real.lateHeld, real.heldInTime]);
    // paged: the figure stays the total
    const page = await leader.get(`/api/reports/dashboard/dossiers?${PERIOD}&bucket=received&month=2026-06&limit=2&offset=2`).expect(200);
    expect([page.body.total, page.body.items.length]).to.deep.equal([3, 1]);
  });

  it('takes the last twelve months by default, or as many as asked', async () => {
    const d = await get(leader, '');
    expect(d.series).to.have.length(12);
    const now = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 7);
    expect(d.query.to).to.equal(now);
    expect(d.series[11]!.month).to.equal(now);
    expect((await get(leader, 'months=3')).series.map((m) => m.month).at(-1)).to.equal(now);
    expect((await get(leader, 'months=3')).series).to.have.length(3);
  });

  it('refuses a unit outside the reader’s region, officers, and periods or buckets that make no sense', async () => {
    const outside = await quarterLeader.get(`/api/reports/dashboard?${PERIOD}&unitId=${ward.id}`);
    expect(outside.status).to.equal(403);
    expect(outside.headers['content-type']).to.match(/application\/problem\+json/);
    expect(outside.body.code).to.equal('org_unit_outside_scope');
    expect((await quarterLeader.get(`/api/reports/dashboard/dossiers?${PERIOD}&unitId=${ward.id}&bucket=received&month=2026-07`)).status).to.equal(403);
    const officer = await specialist.get(`/api/reports/dashboard?${PERIOD}`);
    expect(officer.status).to.equal(403);
    expect(officer.headers['content-type']).to.match(/application\/problem\+json/);
    expect((await specialist.get(`/api/reports/dashboard/dossiers?${PERIOD}&bucket=received&month=2026-07`)).status).to.equal(403);
    // the leader of the ward reads the quarter below it
    expect((await get(leader, `${PERIOD}&unitId=${quarter.id}`)).series[1]!.received).to.equal(1);
    for (const [q, code] of [
      ['from=2026-10&to=2026-06', 'period_invalid'],
      ['from=2026-13', 'query_invalid'],
      ['months=121', 'query_invalid'],
    ] as const) {
      const res = await leader.get(`/api/reports/dashboard?${q}`);
      expect([res.status, res.body.code], q).to.deep.equal([400, code]);
    }
    for (const [q, code] of [
      [`${PERIOD}&bucket=received`, 'query_invalid'],
      [`${PERIOD}&bucket=workload`, 'query_invalid'],
      [`${PERIOD}&bucket=received&month=2026-11`, 'month_outside_period'],
      [`${PERIOD}&bucket=nothing&month=2026-07`, 'query_invalid'],
    ] as const) {
      const res = await leader.get(`/api/reports/dashboard/dossiers?${q}`);
      expect([res.status, res.body.code], q).to.deep.equal([400, code]);
    }
  });
});

/**
 * The reports' counts (dossier_counts, kept by a trigger on the dossiers) against the dossiers themselves: for
 * dossiers of random lives over 2026, with moments on and around month bounds, Form 06 from the counts (and the
 * dossiers of the months a period cuts through) equals Form 06 counted dossier by dossier, for periods whole
 * and cut, past, running and to come; and still after dossiers are decided, withdrawn, moved, re-dated and
 * deleted, before and after the changes are folded. As in life, no reception, decision or end is recorded after
 * the moment a report is made (the first of the moments judged at); the legal due moments run on beyond it.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { foldDossierCounts, monthBounds } from '@motcua/domain/reports/dossier-counts.ts';
import { form06Rows, form06RowsFromDossiers, periodMoments, type Form06Filter } from '@motcua/domain/reports/form06.ts';
import { platform } from '../support/platform.ts';
import { reportWorld } from '../support/report-dossiers.ts';

/** A fixed pseudo-random sequence (so a failure can be replayed). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PERIODS: [string, string][] = [
  ['2026-07-01', '2026-09-30'],
  ['2026-01-01', '2026-12-31'],
  ['2026-03-01', '2026-03-31'],
  ['2026-03-15', '2026-05-10'],
  ['2026-02-28', '2026-03-01'],
  ['2026-06-01', '2026-06-01'],
  ['2025-06-01', '2026-08-31'],
  ['2026-01-01', '2026-11-30'],
  ['2026-10-10', '2026-12-31'],
  ['2026-11-20', '2026-12-31'],
];
/** the last moment a dossier's life is recorded at: the first instant of a month */
const HORIZON = new Date('2026-11-01T00:00:00+07:00');
/** the moments the running periods are judged at: the first instant of a month, mid-month, and after them all */
const NOWS = [HORIZON, new Date('2026-11-12T10:00:00+07:00'), new Date('2027-02-01T09:00:00+07:00')];

describe('Reports: the counts agree with the dossiers', function () {
  let filter: Omit<Form06Filter, 'from' | 'to'>;
  const ids: string[] = [];
  const rnd = random(20261130);

  async function expectAgreement(label: string) {
    const { db } = platform();
    for (const now of NOWS)
      for (const [from, to] of PERIODS)
        for (const extra of [{}, { channel: 2 as const }, { field: 'Hộ tịch' }]) {
          const f = { ...filter, ...extra, from, to };
          const sorted = (rows: Awaited<ReturnType<typeof form06Rows>>) => rows.sort((a, b) => `${a.unitId}${a.field}`.localeCompare(`${b.unitId}${b.field}`));
          const counted = sorted(await form06Rows(db, f, now));
          const read = sorted(await form06RowsFromDossiers(db, f, now));
          expect(counted, `${label}: ${from}..${to} at ${now.toISOString()} ${JSON.stringify(extra)}`).to.deep.equal(read);
        }
  }

  /** A moment of January 2025 – October 2026: often exactly on a month's first instant or its last minute (Vietnam time). */
  function moment(): Date {
    const month = 1 + Math.floor(rnd() * 22);
    const [y, m] = [2025 + Math.floor((month - 1) / 12), ((month - 1) % 12) + 1];
    const first = new Date(`${y}-${String(m).padStart(2, '0')}-01T00:00:00+07:00`);
    const r = rnd();
    if (r < 0.15) return first;
    if (r < 0.3) return new Date(first.getTime() - 60_000);
    return new Date(first.getTime() + rnd() * 30 * 86_400_000);
  }

  before(async () => {
    const p = platform();
    const world = await reportWorld(57);
    filter = { unitIds: [world.ward.id, world.quarter.id] };
    const versions = (await p
      .db('procedure_versions as v')
      .join('procedures as p', 'p.id', 'v.procedure_id')
      .whereIn('p.code', ['1.001193', '1.001612'])
      .pluck('v.id')) as string[];
    const applicant = (await p.db('accounts').where({ username: 'congdan' }).first('id')).id as string;
    const rows = [];
    for (let i = 0; i < 400; i++) {
      const received = moment();
      const after = (d: Date) => new Date(d.getTime() + rnd() * 70 * 86_400_000);
      // (a decision or end not yet come by the horizon has not happened: the dossier is still pending)
      const happened = (d: Date) => (d.getTime() <= HORIZON.getTime() ? d : null);
      const fate = rnd();
      const decided = fate < 0.5 ? happened(after(received)) : null;
      const ended = fate >= 0.5 && fate < 0.6 ? happened(after(received)) : null;
      const id = randomUUID();
      ids.push(id);
      rows.push({
        id,
        reference: `RC${i}-${randomUUID().slice(0, 8).toUpperCase()}`,
        procedure_version_id: versions[i % versions.length],
        org_unit_id: i % 3 ? world.ward.id : world.quarter.id,
        applicant_id: applicant,
        channel: 1 + (i % 3),
        status: decided ? 10 : ended ? 7 : 4,
        data: '{}',
        submitted_at: received,
        received_at: received,
        due_at: rnd() < 0.1 ? null : after(received),
        decided_at: decided,
        ended_at: ended,
        outcome: decided ? (['early', 'on_time', 'late'] as const)[i % 3] : null,
      });
    }
    await p.db('dossiers').insert(rows);
  });

  it('names the months a period cuts through', () => {
    const at = (from: string, to: string, now: Date) => monthBounds(periodMoments({ from, to }, now), now);
    const past = new Date('2027-01-01T00:00:00+07:00');
    expect(at('2026-07-01', '2026-09-30', past)).to.deep.equal({
      start: '2026-07-01',
      end: '2026-10-01',
      asOf: '2026-10-01',
      eventCut: [],
      dueDayCut: [],
      dueMonthCut: [],
    });
    expect(at('2026-07-15', '2026-09-10', past)).to.deep.equal({
      start: '2026-07-01',
      end: '2026-09-01',
      asOf: '2026-09-11',
      eventCut: ['2026-07-01', '2026-09-01'],
      dueDayCut: [],
      dueMonthCut: ['2026-09-01'],
    });
    // a running period: its end cuts nothing; now cuts its day for the open dossiers due that day
    expect(at('2026-01-01', '2026-12-31', new Date('2026-11-12T10:00:00+07:00'))).to.deep.equal({
      start: '2026-01-01',
      end: 'infinity',
      asOf: '2026-11-12',
      eventCut: [],
      dueDayCut: ['2026-11-12'],
      dueMonthCut: [],
    });
    expect(at('2026-11-20', '2026-12-31', HORIZON)).to.deep.include({ start: 'infinity', end: 'infinity', asOf: '2026-11-01', dueDayCut: [] });
  });

  it('gives every figure as the dossiers do, for whole and cut periods, past and running', async () => {
    await expectAgreement('as written');
  });

  it('follows the dossiers as they change, before and after the changes are folded', async () => {
    const { db } = platform();
    // decided, withdrawn, re-dated, moved to the other unit, one deleted
    await db('dossiers')
      .whereIn('id', ids.slice(300, 320))
      .whereNull('decided_at')
      .whereNull('ended_at')
      .update({ decided_at: new Date('2026-10-31T23:59:00+07:00'), outcome: 'late', status: 10 });
    await db('dossiers')
      .whereIn('id', ids.slice(320, 330))
      .whereNull('decided_at')
      .update({ ended_at: new Date('2026-11-01T00:00:00+07:00'), status: 7 });
    // due on the day a report is judged at, before and after the moment
    await db('dossiers')
      .whereIn('id', ids.slice(330, 335))
      .update({ due_at: new Date('2026-11-12T09:00:00+07:00') });
    await db('dossiers')
      .whereIn('id', ids.slice(335, 340))
      .update({ due_at: new Date('2026-11-12T15:00:00+07:00') });
    await db('dossiers').whereIn('id', ids.slice(340, 350)).update({ org_unit_id: filter.unitIds[1], channel: 2 });
    await db('dossiers').whereIn('id', ids.slice(350, 352)).delete();
    await expectAgreement('changed, not folded');
    // (the scheduled job may have folded some already)
    await foldDossierCounts(db);
    expect(Number((await db('dossier_count_changes').count({ n: '*' }))[0]!.n)).to.equal(0);
    expect(Number((await db('dossier_counts').where('n', '<=', 0).count({ n: '*' }))[0]!.n), 'no empty or negative count kept').to.equal(0);
    await expectAgreement('folded');
  });
});

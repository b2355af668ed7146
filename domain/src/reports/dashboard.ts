/**
 * The leaders' dashboard (issue 14 §4): for a unit and the units under it, month by month (Vietnamese calendar)
 * the dossiers received, finished (decided) and pending at the month's end, the on-time rate of the finished and
 * the citizens' satisfaction; and now, the late dossiers by the step they wait in and the officer holding it, and
 * each officer's workload. Every figure is a count of dossiers under a predicate that its list (`dashboardDossiers`)
 * applies too, so a bar and the dossiers it opens agree.
 *
 * The monthly figures use Form 06's words (form06.ts): received = received_at in the month; finished = decided_at
 * in the month, on time = outcome early or on_time; pending at the month's end = received before it and neither
 * decided nor ended before it. Late now = open (neither decided nor ended) and past its legal due (due_at).
 * The late dossiers and the workload, now, are dashboard-now.ts's; the dossiers behind a figure, dashboard-dossiers.ts's.
 */
import type { Knex } from 'knex';
import { vnDate, vnMoment } from '../time/vietnam-time.ts';
import { fromCounts } from './dossier-counts.ts';

/** A month of the Vietnamese calendar, `YYYY-MM`. */
export type YearMonth = string;

export interface DashboardFilter {
  /** the units counted (a unit and its subtree, within the reader's region) */
  unitIds: string[];
  /** the first and last months, inclusive */
  from: YearMonth;
  to: YearMonth;
}

export interface MonthFigures {
  month: YearMonth;
  received: number;
  finished: number;
  /** finished early or on time */
  finishedOnTime: number;
  finishedLate: number;
  /** finishedOnTime / finished, 0..1; null when nothing was finished */
  onTimeRate: number | null;
  /** pending at the month's end */
  pending: number;
}

export interface MonthSatisfaction {
  month: YearMonth;
  ratings: number;
  verySatisfied: number;
  satisfied: number;
  notSatisfied: number;
  /** (very satisfied + satisfied) / ratings; null without ratings */
  satisfactionRate: number | null;
}

/** The series a month's figure belongs to (what a point of a chart drills down to). */
export const monthSeries = ['received', 'finished', 'finishedOnTime', 'finishedLate', 'pending', 'rated', 'notSatisfied'] as const;
export type MonthSeries = (typeof monthSeries)[number];

/** A bucket of the dashboard: a month's figure, the late dossiers of a step or of a holder, an officer's workload. */
export type DashboardBucket =
  | { kind: 'month'; series: MonthSeries; month: YearMonth }
  /** step: the step's key; '' for the late dossiers in no open step (waiting for a supplement, between steps) */
  | { kind: 'lateStep'; step: string }
  /** officer: the holder's account id; '' for the late dossiers nobody holds */
  | { kind: 'lateOfficer'; officer: string }
  | { kind: 'workload'; officer: string };

const ONE_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The months from `from` to `to`, inclusive, with the moments they start and end at. */
export function monthsOf(from: YearMonth, to: YearMonth): { month: YearMonth; start: Date; end: Date }[] {
  const index = (m: YearMonth) => {
    const [, y, mm] = ONE_MONTH.exec(m) ?? [];
    return Number(y) * 12 + Number(mm) - 1;
  };
  const name = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  const out = [];
  for (let i = index(from); i <= index(to); i++) out.push({ month: name(i), start: vnMoment(`${name(i)}-01`), end: vnMoment(`${name(i + 1)}-01`) });
  return out;
}

/** The month of a moment (Vietnamese calendar). */
export function monthOf(at: Date): YearMonth {
  return vnDate(at).slice(0, 7);
}

/** The month `k` months after `m` (before it when negative). */
export function addMonths(m: YearMonth, k: number): YearMonth {
  const i = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + k;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * The dossiers the months count in any figure: received before the last month's end and still open at the first
 * month's start (Form 06's dossiers of the whole period); the indexes on received_at, decided_at and the open
 * dossiers of a unit find them.
 */
export function rangeDossiers(db: Knex, f: DashboardFilter): Knex.QueryBuilder {
  const months = monthsOf(f.from, f.to);
  const start = months[0]!.start;
  const end = months[months.length - 1]!.end;
  return db('dossiers as d')
    .whereIn('d.org_unit_id', f.unitIds)
    .whereNotNull('d.received_at')
    .where('d.received_at', '<', end)
    .where((w) => w.whereNull('d.decided_at').orWhere('d.decided_at', '>=', start))
    .where((w) => w.whereNull('d.ended_at').orWhere('d.ended_at', '>=', start));
}

const ON_TIME = `d.outcome in ('early', 'on_time')`;

/** Each month series' predicate over a dossier `d` (SQL with the bindings :start, :end of the month). */
export const monthPredicates: Record<Exclude<MonthSeries, 'rated' | 'notSatisfied'>, string> = {
  received: 'd.received_at >= :start and d.received_at < :end',
  finished: 'd.decided_at >= :start and d.decided_at < :end',
  finishedOnTime: `d.decided_at >= :start and d.decided_at < :end and ${ON_TIME}`,
  finishedLate: `d.decided_at >= :start and d.decided_at < :end and d.outcome = 'late'`,
  pending: 'd.received_at < :end and (d.decided_at is null or d.decided_at >= :end) and (d.ended_at is null or d.ended_at >= :end)',
};

/**
 * The monthly figures of the period, in one pass over its dossiers: each is placed by the month it was received
 * in, decided in and closed (decided or ended) in (`width_bucket` over the months' bounds: -1 before the period,
 * n after it), then the months are summed here; read from the dossiers' monthly counts.
 */
export async function dashboardSeries(db: Knex, f: DashboardFilter, _now: Date): Promise<MonthFigures[]> {
  const months = monthsOf(f.from, f.to);
  const n = months.length;
  const figures: MonthFigures[] = months.map((m) => ({
    month: m.month,
    received: 0,
    finished: 0,
    finishedOnTime: 0,
    finishedLate: 0,
    onTimeRate: null,
    pending: 0,
  }));
  if (!f.unitIds.length || !n) return figures;
  // from the dossiers' counts by month (dossier-counts.ts): the months are whole, so no dossier is read
  const bounds = [...months.map((m) => `${m.month}-01`), `${addMonths(months[n - 1]!.month, 1)}-01`];
  // the bounds as one array parameter (pg sends a JS array as a PostgreSQL array); 'infinity' falls after them all
  const bucket = (col: string) => `width_bucket(${col}, ?::date[]) - 1`;
  const rows = await fromCounts<{ rm: number; dm: number | null; cm: number; oc: string | null; n: string }>(db, (counts) =>
    counts
      .whereIn('c.org_unit_id', f.unitIds)
      .where('c.received_month', '<', bounds[n]!)
      .where('c.decided_month', '>=', bounds[0]!)
      .where('c.ended_month', '>=', bounds[0]!)
      .select(
        db.raw(`${bucket('c.received_month')} as rm`, [bounds]),
        db.raw(`${bucket('c.decided_month')} as dm`, [bounds]),
        db.raw(`${bucket('least(c.decided_month, c.ended_month)')} as cm`, [bounds]),
        db.raw(`case when c.outcome in ('early', 'on_time') then 'on_time' when c.outcome = 'late' then 'late' end as oc`),
        db.raw('sum(c.n) as n'),
      )
      .groupByRaw('1, 2, 3, 4'),
  );
  for (const r of rows) {
    const count = Number(r.n);
    if (r.rm >= 0 && r.rm < n) figures[r.rm]!.received += count;
    if (r.dm !== null && r.dm >= 0 && r.dm < n) {
      const m = figures[r.dm]!;
      m.finished += count;
      if (r.oc === 'on_time') m.finishedOnTime += count;
      if (r.oc === 'late') m.finishedLate += count;
    }
    // pending at the end of month i: received by then (rm <= i), not closed by then (cm > i)
    for (let i = Math.max(0, r.rm); i < Math.min(n, r.cm); i++) figures[i]!.pending += count;
  }
  for (const m of figures) m.onTimeRate = m.finished ? m.finishedOnTime / m.finished : null;
  return figures;
}

/** The ratings given in each month of the period to the dossiers of the units (overall level). */
export async function dashboardSatisfaction(db: Knex, f: DashboardFilter): Promise<MonthSatisfaction[]> {
  const months = monthsOf(f.from, f.to);
  const n = months.length;
  const out: MonthSatisfaction[] = months.map((m) => ({ month: m.month, ratings: 0, verySatisfied: 0, satisfied: 0, notSatisfied: 0, satisfactionRate: null }));
  if (!f.unitIds.length || !n) return out;
  const bounds = [...months.map((m) => m.start), months[n - 1]!.end];
  // the units' own ratings (by their index; a rating carries its dossier's unit), as the satisfaction report counts them
  const rows = (await db('dossier_ratings as r')
    .whereIn('r.org_unit_id', f.unitIds)
    .where('r.rated_at', '>=', bounds[0]!)
    .where('r.rated_at', '<', bounds[n]!)
    .select(
      db.raw('width_bucket(r.rated_at, ?::timestamptz[]) - 1 as m', [bounds]),
      db.raw('count(*) as ratings'),
      db.raw('count(*) filter (where r.overall = 3) as very'),
      db.raw('count(*) filter (where r.overall = 2) as sat'),
      db.raw('count(*) filter (where r.overall = 1) as notsat'),
    )
    .groupByRaw('1')) as { m: number; ratings: string; very: string; sat: string; notsat: string }[];
  for (const r of rows) {
    const m = out[r.m];
    if (!m) continue;
    m.ratings = Number(r.ratings);
    m.verySatisfied = Number(r.very);
    m.satisfied = Number(r.sat);
    m.notSatisfied = Number(r.notsat);
    m.satisfactionRate = m.ratings ? (m.verySatisfied + m.satisfied) / m.ratings : null;
  }
  return out;
}

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
 * Where a dossier is (its open step, who holds it) is the engine's to know (ARCHITECTURE.md): the database keeps
 * no table of open steps, so the late dossiers are found in the database and their steps asked of the engine.
 */
import type { Knex } from 'knex';
import type { EngineClient } from '../engine/engine.client.ts';
import type { Task } from '../engine/engine-types.ts';
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
function rangeDossiers(db: Knex, f: DashboardFilter): Knex.QueryBuilder {
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
const monthPredicates: Record<Exclude<MonthSeries, 'rated' | 'notSatisfied'>, string> = {
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

type Engine = Pick<EngineClient, 'queryTasks'>;
const ENGINE_PAGE = 1000;
const OFFICER_ROLES = ['receiving_officer', 'specialist', 'leader'];

/** Every task of a query, page by page. */
async function allTasks(engine: Engine, query: Parameters<EngineClient['queryTasks']>[0]): Promise<Task[]> {
  const tasks: Task[] = [];
  for (;;) {
    const page = await engine.queryTasks({ ...query, sorting: [{ sortBy: 'id', sortOrder: 'asc' }] }, { firstResult: tasks.length, maxResults: ENGINE_PAGE });
    tasks.push(...page);
    if (page.length < ENGINE_PAGE) return tasks;
  }
}

/** The open tasks of these process instances, by instance. */
async function openTasks(engine: Engine, instances: string[]): Promise<Map<string, Task[]>> {
  const out = new Map<string, Task[]>();
  for (let i = 0; i < instances.length; i += 500)
    for (const t of await allTasks(engine, { processInstanceIdIn: instances.slice(i, i + 500) }))
      out.set(t.processInstanceId, [...(out.get(t.processInstanceId) ?? []), t]);
  return out;
}

export interface LateNow {
  total: number;
  /** the late dossiers by the step open in each (a dossier with two open steps counts in both) */
  byStep: { step: string; stepName: string; count: number }[];
  /** by whoever holds an open step ('' nobody: not taken yet, or no step open) */
  byOfficer: { officerId: string; officerName: string; unitName: string; count: number }[];
}

/** The open dossiers of the units past their legal due now (Form 06's overdue at `now`). */
function lateQuery(db: Knex, unitIds: string[], now: Date): Knex.QueryBuilder {
  return db('dossiers as d')
    .whereIn('d.org_unit_id', unitIds)
    .whereNotNull('d.received_at')
    .whereNull('d.decided_at')
    .whereNull('d.ended_at')
    .where('d.due_at', '<', now);
}

/** The late dossiers with the steps open in each (asked of the engine). */
async function lateWithSteps(db: Knex, engine: Engine, unitIds: string[], now: Date) {
  if (!unitIds.length) return [];
  const late = (await lateQuery(db, unitIds, now).select('d.id', 'd.process_instance_id')) as { id: string; process_instance_id: string | null }[];
  const tasks = await openTasks(
    engine,
    late.map((d) => d.process_instance_id).filter((i): i is string => Boolean(i)),
  );
  return late.map((d) => ({ id: d.id, tasks: (d.process_instance_id && tasks.get(d.process_instance_id)) || [] }));
}

const stepsOf = (tasks: Task[]) => (tasks.length ? [...new Set(tasks.map((t) => t.taskDefinitionKey))] : ['']);
const holdersOf = (tasks: Task[]) => {
  const held = [...new Set(tasks.map((t) => t.assignee).filter((a): a is string => Boolean(a)))];
  return held.length ? held : [''];
};

async function officerNames(db: Knex, ids: string[]): Promise<Map<string, { name: string; unitName: string }>> {
  const rows = ids.length
    ? ((await db('accounts as a').leftJoin('org_units as u', 'u.id', 'a.org_unit_id').whereIn('a.id', ids).select('a.id', 'a.full_name', 'u.name')) as {
        id: string;
        full_name: string;
        name: string | null;
      }[])
    : [];
  return new Map(rows.map((r) => [r.id, { name: r.full_name, unitName: r.name ?? '' }]));
}

/** The late dossiers now, by step and by holder. */
export async function lateNow(db: Knex, engine: Engine, unitIds: string[], now: Date): Promise<LateNow> {
  const late = await lateWithSteps(db, engine, unitIds, now);
  const steps = new Map<string, { stepName: string; count: number }>();
  const officers = new Map<string, number>();
  for (const d of late) {
    for (const key of stepsOf(d.tasks)) {
      const s = steps.get(key) ?? { stepName: d.tasks.find((t) => t.taskDefinitionKey === key)?.name ?? key, count: 0 };
      s.count++;
      steps.set(key, s);
    }
    for (const o of holdersOf(d.tasks)) officers.set(o, (officers.get(o) ?? 0) + 1);
  }
  const names = await officerNames(db, [...officers.keys()].filter(Boolean));
  return {
    total: late.length,
    byStep: [...steps].map(([step, s]) => ({ step, ...s })).sort((a, b) => b.count - a.count || a.stepName.localeCompare(b.stepName, 'vi')),
    byOfficer: [...officers]
      .map(([officerId, count]) => ({ officerId, officerName: names.get(officerId)?.name ?? '', unitName: names.get(officerId)?.unitName ?? '', count }))
      .sort((a, b) => b.count - a.count || a.officerName.localeCompare(b.officerName, 'vi')),
  };
}

/** The dossiers held by the officers of the units (their open steps, in the engine), by holder. */
async function heldDossiers(db: Knex, engine: Engine, unitIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (!unitIds.length) return out;
  const groups = unitIds.flatMap((u) => OFFICER_ROLES.map((r) => `${r}:${u}`));
  const tasks = await allTasks(engine, { candidateGroups: groups, includeAssignedTasks: true, assigned: true });
  const instances = [...new Set(tasks.map((t) => t.processInstanceId))];
  const byInstance = new Map<string, string>();
  for (let i = 0; i < instances.length; i += 1000)
    for (const r of (await db('dossiers')
      .whereIn('process_instance_id', instances.slice(i, i + 1000))
      .select('id', 'process_instance_id')) as { id: string; process_instance_id: string }[])
      byInstance.set(r.process_instance_id, r.id);
  for (const t of tasks) {
    const dossierId = byInstance.get(t.processInstanceId);
    if (!dossierId || !t.assignee) continue;
    out.set(t.assignee, (out.get(t.assignee) ?? new Set()).add(dossierId));
  }
  return out;
}

/** Each officer's workload: the dossiers whose open step they hold, most first. */
export async function workload(
  db: Knex,
  engine: Engine,
  unitIds: string[],
): Promise<{ officerId: string; officerName: string; unitName: string; count: number }[]> {
  const held = await heldDossiers(db, engine, unitIds);
  const names = await officerNames(db, [...held.keys()]);
  return [...held]
    .map(([officerId, ids]) => ({ officerId, officerName: names.get(officerId)?.name ?? '', unitName: names.get(officerId)?.unitName ?? '', count: ids.size }))
    .sort((a, b) => b.count - a.count || a.officerName.localeCompare(b.officerName, 'vi'));
}

export interface DashboardDossier {
  id: string;
  code: string | null;
  reference: string;
  procedureCode: string;
  procedureName: string;
  unitName: string;
  receivedAt: Date;
  dueAt: Date | null;
  decidedAt: Date | null;
  endedAt: Date | null;
  outcome: string | null;
  status: number;
  /** the open steps and who holds each (null: nobody yet); empty when closed or nothing is open */
  holders: { step: string; stepName: string; officerId: string | null; officerName: string | null }[];
}

/**
 * The dossiers of one bucket, oldest reception first, paged; `total` is the bucket's figure.
 * @param engine asked for the late and workload buckets' membership and for the page's holders
 */
export async function dashboardDossiers(
  db: Knex,
  engine: Engine,
  f: DashboardFilter,
  bucket: DashboardBucket,
  page: { limit: number; offset: number },
  now: Date,
): Promise<{ items: DashboardDossier[]; total: number }> {
  if (!f.unitIds.length) return { items: [], total: 0 };
  let q: Knex.QueryBuilder;
  if (bucket.kind === 'month') {
    const m = monthsOf(bucket.month, bucket.month)[0]!;
    if (bucket.series === 'rated' || bucket.series === 'notSatisfied') {
      q = db('dossiers as d')
        .join('dossier_ratings as r', 'r.dossier_id', 'd.id')
        .whereIn('r.org_unit_id', f.unitIds)
        .where('r.rated_at', '>=', m.start)
        .where('r.rated_at', '<', m.end);
      if (bucket.series === 'notSatisfied') q.where('r.overall', 1);
    } else q = rangeDossiers(db, f).whereRaw(monthPredicates[bucket.series], { start: m.start, end: m.end });
  } else {
    let ids: string[];
    if (bucket.kind === 'workload') ids = [...((await heldDossiers(db, engine, f.unitIds)).get(bucket.officer) ?? [])];
    else {
      const late = await lateWithSteps(db, engine, f.unitIds, now);
      ids = late
        .filter((d) => (bucket.kind === 'lateStep' ? stepsOf(d.tasks).includes(bucket.step) : holdersOf(d.tasks).includes(bucket.officer)))
        .map((d) => d.id);
    }
    if (!ids.length) return { items: [], total: 0 };
    q = db('dossiers as d').whereIn('d.id', ids);
  }
  const n = ((await q.clone().count({ n: '*' })) as { n: string }[])[0]?.n ?? 0;
  const rows = (await q
    .join('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .join('procedures as p', 'p.id', 'v.procedure_id')
    .join('org_units as u', 'u.id', 'd.org_unit_id')
    .select(
      'd.id',
      'd.code',
      'd.reference',
      'p.code as procedure_code',
      'p.name as procedure_name',
      'u.name as unit_name',
      'd.received_at',
      'd.due_at',
      'd.decided_at',
      'd.ended_at',
      'd.outcome',
      'd.status',
      'd.process_instance_id',
    )
    .orderBy([{ column: 'd.received_at' }, { column: 'd.id' }])
    .limit(page.limit)
    .offset(page.offset)) as {
    id: string;
    code: string | null;
    reference: string;
    procedure_code: string;
    procedure_name: string;
    unit_name: string;
    received_at: Date;
    due_at: Date | null;
    decided_at: Date | null;
    ended_at: Date | null;
    outcome: string | null;
    status: number;
    process_instance_id: string | null;
  }[];
  // who holds the open ones now; without the engine, the list says nobody
  const open = rows.filter((r) => r.process_instance_id && !r.decided_at && !r.ended_at).map((r) => r.process_instance_id!);
  const tasks = await openTasks(engine, open).catch(() => new Map<string, Task[]>());
  const names = await officerNames(
    db,
    [...new Set([...tasks.values()].flat().map((t) => t.assignee))].filter((a): a is string => Boolean(a)),
  );
  return {
    total: Number(n),
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      reference: r.reference,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      unitName: r.unit_name,
      receivedAt: r.received_at,
      dueAt: r.due_at,
      decidedAt: r.decided_at,
      endedAt: r.ended_at,
      outcome: r.outcome,
      status: r.status,
      holders: (tasks.get(r.process_instance_id ?? '') ?? []).map((t) => ({
        step: t.taskDefinitionKey,
        stepName: t.name ?? t.taskDefinitionKey,
        officerId: t.assignee,
        officerName: t.assignee ? (names.get(t.assignee)?.name ?? null) : null,
      })),
    })),
  };
}

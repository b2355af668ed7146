/**
 * Form 06 (Biểu số 06/VPCP/KSTT, Thông tư 01/2020/TT-VPCP, DOMAIN.md §6): the dossiers a unit took on in a
 * period and what became of them, by unit and field (lĩnh vực). Every figure is a count of dossiers under one
 * of the predicates below, so a figure and the list it drills down to come from the same words:
 *
 * - taken on (nhận giải quyết) = carried over from before the period (received before it, still open at its
 *   start) + received in it, online (channel 2) or in person / by post (channels 1, 3);
 * - finished (đã giải quyết) in the period, by outcome: early, on time, late (against the legal due, by date);
 * - ended without a result in the period (withdrawn by the applicant, stopped when a supplement did not come);
 * - pending (đang giải quyết) at the period's end: within its time or overdue (its legal due passed by the end,
 *   or by now for a period not over yet).
 *
 * taken on = finished + ended + pending, in every row: the sums reconcile.
 */
import type { Knex } from 'knex';
import { nextDate, vnMoment, type IsoDate } from '../time/vietnam-time.ts';
import { form06Cells, type Form06Cell, type Form06Counts } from './form06-form.ts';
import { fromCounts, monthBounds, reportQuery, outsideCut, withinCut, type MonthBounds } from './dossier-counts.ts';

export { form06Cells, form06Heads, namedPeriod, sumCounts, type Form06Cell, type Form06Counts } from './form06-form.ts';

export interface Form06Filter {
  /** the period, Vietnamese dates, inclusive */
  from: IsoDate;
  to: IsoDate;
  /** the receiving units counted (a unit and its subtree, within the reader's region) */
  unitIds: string[];
  field?: string;
  procedureCode?: string;
  channel?: 1 | 2 | 3;
}

export interface Form06Row {
  unitId: string;
  field: string;
  counts: Form06Counts;
}

/** The moments a period's predicates compare with: its start, its end, and the moment overdue is judged at. */
export function periodMoments(f: Pick<Form06Filter, 'from' | 'to'>, now: Date): { start: Date; end: Date; asOf: Date } {
  const start = vnMoment(f.from);
  const end = vnMoment(nextDate(f.to));
  return { start, end, asOf: end.getTime() < now.getTime() ? end : now };
}

/** Where a figure reads a dossier's data: a dossier's own columns, or a count's months (dossier-counts.ts). */
interface Columns {
  received: string;
  /** decided, ended, due: 'infinity' when not known, so every comparison below needs no null case */
  decided: string;
  ended: string;
  due: string;
  outcome: string;
  channel: string;
}

/** Each figure's predicate (SQL with the bindings :start, :end, :asOf). */
function predicatesOver(c: Columns): Record<Form06Cell, string> {
  const pendingAtEnd = `${c.decided} >= :end and ${c.ended} >= :end`;
  return {
    taken_total: 'true',
    taken_online: `${c.received} >= :start and ${c.channel} = 2`,
    taken_direct: `${c.received} >= :start and ${c.channel} <> 2`,
    taken_carried: `${c.received} < :start`,
    finished_total: `${c.decided} < :end`,
    finished_early: `${c.decided} < :end and ${c.outcome} = 'early'`,
    finished_on_time: `${c.decided} < :end and ${c.outcome} = 'on_time'`,
    finished_late: `${c.decided} < :end and ${c.outcome} = 'late'`,
    ended: `${c.ended} < :end`,
    pending_total: pendingAtEnd,
    pending_within: `${pendingAtEnd} and ${c.due} >= :asOf`,
    pending_overdue: `${pendingAtEnd} and ${c.due} < :asOf`,
  };
}

const predicates = predicatesOver({
  received: 'd.received_at',
  decided: "coalesce(d.decided_at, 'infinity')",
  ended: "coalesce(d.ended_at, 'infinity')",
  due: "coalesce(d.due_at, 'infinity')",
  outcome: 'd.outcome',
  channel: 'd.channel',
});
const countPredicates = predicatesOver({
  received: 'c.received_month',
  decided: 'c.decided_month',
  ended: 'c.ended_month',
  due: 'c.due_on',
  outcome: 'c.outcome',
  channel: 'c.channel',
});

/**
 * The dossiers of a period and filter (those it counts in any figure: received before its end and still open at
 * its start), as a query over `dossiers d` joined to their procedure `p`.
 */
function periodDossiers(db: Knex, f: Form06Filter, m: { start: Date; end: Date }): Knex.QueryBuilder {
  const q = db('dossiers as d')
    .join('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .join('procedures as p', 'p.id', 'v.procedure_id')
    .whereNotNull('d.received_at')
    .where('d.received_at', '<', m.end)
    .where((w) => w.whereNull('d.decided_at').orWhere('d.decided_at', '>=', m.start))
    .where((w) => w.whereNull('d.ended_at').orWhere('d.ended_at', '>=', m.start))
    .whereIn('d.org_unit_id', f.unitIds);
  if (f.field) q.where('p.field', f.field);
  if (f.procedureCode) q.where('p.code', f.procedureCode);
  if (f.channel) q.where('d.channel', f.channel);
  return q;
}

type FiguresRow = { org_unit_id: string; field: string } & Record<Form06Cell, string>;

/**
 * The figures by unit and field: the dossiers of the months the period cuts through read one by one, the others
 * from their counts.
 */
export async function form06Rows(db: Knex, f: Form06Filter, now: Date): Promise<Form06Row[]> {
  if (!f.unitIds.length) return [];
  const m = periodMoments(f, now);
  const months = monthBounds(m, now);
  const cut = months.eventCut.length || months.dueDayCut.length || months.dueMonthCut.length;
  const [counted, read] = await Promise.all([countedFigures(db, f, months), cut ? dossierFigures(db, f, now, months) : []]);
  const rows = new Map<string, Form06Row>();
  for (const r of [...counted, ...read]) {
    const key = `${r.org_unit_id}|${r.field}`;
    const row = rows.get(key) ?? { unitId: r.org_unit_id, field: r.field, counts: Object.fromEntries(form06Cells.map((c) => [c, 0])) as Form06Counts };
    for (const c of form06Cells) row.counts[c] += Number(r[c]);
    rows.set(key, row);
  }
  return [...rows.values()].filter((r) => r.counts.taken_total > 0);
}

/** The figures counted from the dossiers themselves (of the given months only, if any): the reference the counts must match. */
export async function form06RowsFromDossiers(db: Knex, f: Form06Filter, now: Date): Promise<Form06Row[]> {
  if (!f.unitIds.length) return [];
  return (await dossierFigures(db, f, now)).map((r) => ({
    unitId: r.org_unit_id,
    field: r.field,
    counts: Object.fromEntries(form06Cells.map((c) => [c, Number(r[c])])) as Form06Counts,
  }));
}

async function dossierFigures(db: Knex, f: Form06Filter, now: Date, cut?: MonthBounds): Promise<FiguresRow[]> {
  const m = periodMoments(f, now);
  return reportQuery(db, async (tx) => {
    const figures = form06Cells.map((c) => tx.raw(`count(*) filter (where ${predicates[c]}) as ${c}`, m));
    const q = periodDossiers(tx, f, m);
    if (cut) withinCut(q, cut);
    return (await q
      .groupBy('d.org_unit_id', 'p.field')
      .select('d.org_unit_id', 'p.field', ...figures)
      .orderBy(['d.org_unit_id', 'p.field'])) as FiguresRow[];
  });
}

async function countedFigures(db: Knex, f: Form06Filter, b: MonthBounds): Promise<FiguresRow[]> {
  const bounds = { start: b.start, end: b.end, asOf: b.asOf };
  const figures = form06Cells.map((c) => db.raw(`coalesce(sum(c.n) filter (where ${countPredicates[c]}), 0) as ${c}`, bounds));
  return fromCounts<FiguresRow>(db, (counts) => {
    const q = counts
      .whereIn('c.org_unit_id', f.unitIds)
      .where('c.received_month', '<', b.end)
      .where('c.decided_month', '>=', b.start)
      .where('c.ended_month', '>=', b.start);
    outsideCut(q, b);
    if (f.field || f.procedureCode) {
      const procedures = db('procedures').select('id');
      if (f.field) procedures.where('field', f.field);
      if (f.procedureCode) procedures.where('code', f.procedureCode);
      q.whereIn('c.procedure_id', procedures);
    }
    if (f.channel) q.where('c.channel', f.channel);
    // by unit and procedure (the rows are summed by field in form06Rows)
    const byProcedure = q.groupBy('c.org_unit_id', 'c.procedure_id').select('c.org_unit_id', 'c.procedure_id', ...figures);
    return db.from(byProcedure.as('g')).join('procedures as p', 'p.id', 'g.procedure_id').select('g.*', 'p.field');
  });
}

export interface Form06Dossier {
  id: string;
  code: string | null;
  procedureCode: string;
  procedureName: string;
  unitId: string;
  field: string;
  channel: number;
  receivedAt: Date;
  dueAt: Date | null;
  decidedAt: Date | null;
  endedAt: Date | null;
  outcome: string | null;
  status: number;
}

/** The dossiers behind one figure (optionally of one unit and field), oldest reception first. */
export async function form06Dossiers(
  db: Knex,
  f: Form06Filter,
  cell: Form06Cell,
  o: { unitId?: string; field?: string; limit: number; offset: number },
  now: Date,
): Promise<{ items: Form06Dossier[]; total: number }> {
  if (!f.unitIds.length) return { items: [], total: 0 };
  const m = periodMoments(f, now);
  const q = periodDossiers(db, f, m).whereRaw(predicates[cell], m);
  if (o.unitId) q.where('d.org_unit_id', o.unitId);
  if (o.field) q.where('p.field', o.field);
  const n = ((await q.clone().count({ n: '*' })) as { n: string }[])[0]?.n ?? 0;
  const rows = await q
    .select(
      'd.id',
      'd.code',
      'p.code as procedure_code',
      'p.name as procedure_name',
      'd.org_unit_id',
      'p.field',
      'd.channel',
      'd.received_at',
      'd.due_at',
      'd.decided_at',
      'd.ended_at',
      'd.outcome',
      'd.status',
    )
    .orderBy([{ column: 'd.received_at' }, { column: 'd.id' }])
    .limit(o.limit)
    .offset(o.offset);
  return {
    total: Number(n),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the row of the select above
    items: (rows as any[]).map((r): Form06Dossier => ({
      id: r.id,
      code: r.code,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      unitId: r.org_unit_id,
      field: r.field,
      channel: r.channel,
      receivedAt: r.received_at,
      dueAt: r.due_at,
      decidedAt: r.decided_at,
      endedAt: r.ended_at,
      outcome: r.outcome,
      status: r.status,
    })),
  };
}

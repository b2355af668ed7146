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

const pendingAtEnd = '(d.decided_at is null or d.decided_at >= :end) and (d.ended_at is null or d.ended_at >= :end)';
const overdue = `${pendingAtEnd} and d.due_at is not null and d.due_at < :asOf`;

/** Each figure's predicate over a dossier `d` of the period (SQL with the bindings :start, :end, :asOf). */
const predicates: Record<Form06Cell, string> = {
  taken_total: 'true',
  taken_online: 'd.received_at >= :start and d.channel = 2',
  taken_direct: 'd.received_at >= :start and d.channel <> 2',
  taken_carried: 'd.received_at < :start',
  finished_total: 'd.decided_at < :end',
  finished_early: "d.decided_at < :end and d.outcome = 'early'",
  finished_on_time: "d.decided_at < :end and d.outcome = 'on_time'",
  finished_late: "d.decided_at < :end and d.outcome = 'late'",
  ended: 'd.ended_at < :end',
  pending_total: pendingAtEnd,
  pending_within: `${pendingAtEnd} and not (d.due_at is not null and d.due_at < :asOf)`,
  pending_overdue: overdue,
};

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

/** The figures by unit and field. */
export async function form06Rows(db: Knex, f: Form06Filter, now: Date): Promise<Form06Row[]> {
  if (!f.unitIds.length) return [];
  const m = periodMoments(f, now);
  const figures = form06Cells.map((c) => db.raw(`count(*) filter (where ${predicates[c]}) as ${c}`, m));
  const rows = (await periodDossiers(db, f, m)
    .groupBy('d.org_unit_id', 'p.field')
    .select('d.org_unit_id', 'p.field', ...figures)
    .orderBy(['d.org_unit_id', 'p.field'])) as ({ org_unit_id: string; field: string } & Record<Form06Cell, string>)[];
  return rows.map((r) => ({
    unitId: r.org_unit_id,
    field: r.field,
    counts: Object.fromEntries(form06Cells.map((c) => [c, Number(r[c])])) as Form06Counts,
  }));
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

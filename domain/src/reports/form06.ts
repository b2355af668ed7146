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
import { msg, type Message } from '../errors/errors.ts';
import { nextDate, vnMoment, type IsoDate } from '../time/vietnam-time.ts';

export const form06Cells = [
  'taken_total',
  'taken_online',
  'taken_direct',
  'taken_carried',
  'finished_total',
  'finished_early',
  'finished_on_time',
  'finished_late',
  'ended',
  'pending_total',
  'pending_within',
  'pending_overdue',
] as const;
export type Form06Cell = (typeof form06Cells)[number];

/** The column groups and columns as the printed form heads them. */
export const form06Heads: { group: Message; cells: { key: Form06Cell; label: Message }[] }[] = [
  {
    group: msg('Số hồ sơ nhận giải quyết', 'Dossiers taken on'),
    cells: [
      { key: 'taken_total', label: msg('Tổng số', 'Total') },
      { key: 'taken_online', label: msg('Trong kỳ: trực tuyến', 'In the period: online') },
      { key: 'taken_direct', label: msg('Trong kỳ: trực tiếp, bưu chính', 'In the period: in person, by post') },
      { key: 'taken_carried', label: msg('Từ kỳ trước', 'Carried over') },
    ],
  },
  {
    group: msg('Số hồ sơ đã giải quyết', 'Dossiers finished'),
    cells: [
      { key: 'finished_total', label: msg('Tổng số', 'Total') },
      { key: 'finished_early', label: msg('Trước hạn', 'Early') },
      { key: 'finished_on_time', label: msg('Đúng hạn', 'On time') },
      { key: 'finished_late', label: msg('Quá hạn', 'Late') },
    ],
  },
  {
    group: msg('Rút, dừng giải quyết', 'Withdrawn or stopped'),
    cells: [{ key: 'ended', label: msg('Tổng số', 'Total') }],
  },
  {
    group: msg('Số hồ sơ đang giải quyết', 'Dossiers pending'),
    cells: [
      { key: 'pending_total', label: msg('Tổng số', 'Total') },
      { key: 'pending_within', label: msg('Trong hạn', 'Within time') },
      { key: 'pending_overdue', label: msg('Quá hạn', 'Overdue') },
    ],
  },
];

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

export type Form06Counts = Record<Form06Cell, number>;

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

/** The sum of rows' figures. */
export function sumCounts(rows: { counts: Form06Counts }[]): Form06Counts {
  const total = Object.fromEntries(form06Cells.map((c) => [c, 0])) as Form06Counts;
  for (const r of rows) for (const c of form06Cells) total[c] += r.counts[c];
  return total;
}

/** The named periods of the form (month, quarter, 6 and 9 months, year) as date ranges. */
export function namedPeriod(kind: 'month' | 'quarter' | 'half' | 'nine_months' | 'year', year: number, index = 1): { from: IsoDate; to: IsoDate } {
  const pad = (n: number) => String(n).padStart(2, '0');
  const monthRange = (first: number, last: number) => ({
    from: `${year}-${pad(first)}-01`,
    to: nextDate(`${last === 12 ? year + 1 : year}-${pad(last === 12 ? 1 : last + 1)}-01`, -1),
  });
  switch (kind) {
    case 'month':
      return monthRange(index, index);
    case 'quarter':
      return monthRange(3 * index - 2, 3 * index);
    case 'half':
      return index === 1 ? monthRange(1, 6) : monthRange(7, 12);
    case 'nine_months':
      return monthRange(1, 9);
    case 'year':
      return monthRange(1, 12);
  }
}

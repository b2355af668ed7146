/**
 * The received dossiers counted by unit, procedure, channel, outcome and the months (Vietnam time) of their
 * reception, decision, end and legal due (migration 20261203010000): what lets a report over ten years of a city
 * read thousands of counts instead of millions of dossiers.
 *
 * A count answers a period's question exactly for every dossier whose moments all fall outside the months the
 * period cuts through: for a moment t in another month than a bound x, t < x exactly when t's month is before
 * x's month. So a report counts those dossiers from here, and reads the dossiers themselves only for the months
 * a period cuts through: a past bound mid-month, and the moment overdue is judged at (now, while the period is not
 * over) for the dossiers due in its month and still pending. A bound still to come cuts nothing, since every
 * reception, decision and end recorded so far falls before it: a running period reads only the few dossiers due
 * this month and still open.
 */
import type { Knex } from 'knex';
import type { DbOrTx } from '../db/db.ts';
import { nextDate, vnDate, vnMoment, type IsoDate } from '../time/vietnam-time.ts';

const KEY = ['org_unit_id', 'procedure_id', 'channel', 'received_month', 'decided_month', 'ended_month', 'due_on', 'outcome'];

/** The first day of a date's month. */
export const monthOf = (date: IsoDate): IsoDate => `${date.slice(0, 7)}-01`;

export interface MonthBounds {
  /**
   * What the months of reception, decision and end are compared with: the months of the period's start and end.
   * A bound still to come is 'infinity': every moment recorded so far falls before it, whatever its month.
   */
  start: IsoDate | 'infinity';
  end: IsoDate | 'infinity';
  /**
   * The day of the moment overdue is judged at, which the due days of the open dossiers and the due months of the
   * others are compared with.
   */
  asOf: IsoDate;
  /** the months a past bound cuts through: the dossiers received, decided or ended in them are read one by one */
  eventCut: IsoDate[];
  /** the day the moment overdue is judged at cuts through (not at its first instant): the open dossiers due that day are read one by one */
  dueDayCut: IsoDate[];
  /**
   * the month the moment overdue is judged at cuts through (not at its first instant): the decided or ended
   * dossiers due in it that were still pending at the period's end are read one by one
   */
  dueMonthCut: IsoDate[];
}

/** Whether a moment is the first instant of its day, or of its month (Vietnam time). */
const dayStarts = (t: Date) => vnMoment(vnDate(t)).getTime() === t.getTime();
const monthStarts = (t: Date) => vnMoment(monthOf(vnDate(t))).getTime() === t.getTime();

/**
 * The months a period's moments are compared with (`end` is the instant after its last day, `asOf` the end or,
 * while the period is not over, now), and what those moments cut through. A bound after `now` cuts nothing:
 * a dossier is received, decided or ended at the moment it happens, never later than now.
 */
export function monthBounds(m: { start: Date; end: Date; asOf: Date }, now: Date): MonthBounds {
  const eventCut = new Set<IsoDate>();
  const eventBound = (t: Date): IsoDate | 'infinity' => {
    if (t.getTime() > now.getTime()) return 'infinity';
    if (!monthStarts(t)) eventCut.add(monthOf(vnDate(t)));
    return monthOf(vnDate(t));
  };
  const [start, end] = [eventBound(m.start), eventBound(m.end)];
  const asOf = vnDate(m.asOf);
  return {
    start,
    end,
    asOf,
    eventCut: [...eventCut].sort(),
    dueDayCut: dayStarts(m.asOf) ? [] : [asOf],
    // (while the period runs, a dossier pending at its end is an open one: none of these)
    dueMonthCut: monthStarts(m.asOf) || end === 'infinity' ? [] : [monthOf(asOf)],
  };
}

/**
 * Runs a query over the counts (as `c`) on the folded counts and on the changes not folded yet, apart, so that
 * the large table is read by parallel workers, and gives both results' rows: the caller sums them by its groups.
 * (Group by the counts' own columns, whose statistics the planner knows, and join what names them afterwards.)
 */
export async function fromCounts<T>(db: Knex, query: (counts: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<T[]> {
  const tables = ['dossier_counts', 'dossier_count_changes'];
  const rows = await Promise.all(tables.map((t) => reportQuery(db, (tx) => query(tx.from(`${t} as c`)))));
  return rows.flat() as T[];
}

/**
 * Runs a report's query (read only) with the memory a report needs to group and sort its hundreds of thousands of
 * rows in memory (hash aggregates; the default is sized for a request's small queries, and spills them to disk).
 */
export function reportQuery<T>(db: Knex, run: (tx: Knex.Transaction) => Promise<T> | Knex.QueryBuilder): Promise<T> {
  return db.transaction(
    async (tx) => {
      await tx.raw(`set local work_mem = '${REPORT_WORK_MEM}'`);
      return (await run(tx)) as T;
    },
    { readOnly: true },
  );
}

const REPORT_WORK_MEM = '64MB';

const OPEN = "c.decided_month = 'infinity' and c.ended_month = 'infinity'";

/** Restricts counts `c` to the dossiers a period's bounds do not cut through (the others are read one by one). */
export function outsideCut(q: Knex.QueryBuilder, b: MonthBounds): Knex.QueryBuilder {
  if (b.eventCut.length) for (const col of ['received_month', 'decided_month', 'ended_month']) q.whereRaw(`c.${col} <> all(?::date[])`, [b.eventCut]);
  if (b.dueDayCut.length) q.whereRaw(`not (${OPEN} and c.due_on = any(?::date[]))`, [b.dueDayCut]);
  if (b.dueMonthCut.length)
    q.whereRaw(`not (not (${OPEN}) and c.due_on = any(?::date[]) and c.decided_month >= ?::date and c.ended_month >= ?::date)`, [b.dueMonthCut, b.end, b.end]);
  return q;
}

/** Restricts dossiers `d` to those a period's bounds cut through: exactly the ones `outsideCut` leaves out. */
export function withinCut(q: Knex.QueryBuilder, b: MonthBounds): Knex.QueryBuilder {
  const within = (x: Knex.QueryBuilder, col: string, from: IsoDate, to: IsoDate) => x.where(col, '>=', vnMoment(from)).where(col, '<', vnMoment(to));
  const open = (x: Knex.QueryBuilder) => x.whereNull('d.decided_at').whereNull('d.ended_at');
  return q.where((w) => {
    for (const month of b.eventCut)
      for (const col of ['d.received_at', 'd.decided_at', 'd.ended_at']) w.orWhere((x) => within(x, col, month, monthOf(nextDate(month, 31))));
    for (const day of b.dueDayCut) w.orWhere((x) => open(within(x, 'd.due_at', day, nextDate(day))));
    for (const month of b.dueMonthCut)
      w.orWhere((x) => {
        within(x, 'd.due_at', month, monthOf(nextDate(month, 31)));
        x.where((y) => y.whereNotNull('d.decided_at').orWhereNotNull('d.ended_at'));
        // pending at the period's end, as the counts' months tell it
        for (const col of ['d.decided_at', 'd.ended_at']) x.where((y) => y.whereNull(col).orWhere(col, '>=', vnMoment(b.end as IsoDate)));
      });
  });
}

/**
 * Folds the changes appended by the dossiers' trigger into the counts (the scheduled job; one at a time), and
 * drops counts that came to nothing. Returns how many changes it folded.
 */
export async function foldDossierCounts(db: DbOrTx): Promise<number> {
  const cols = KEY.join(', ');
  return db.transaction(async (tx) => {
    await tx.raw(`select pg_advisory_xact_lock(hashtext('motcua.dossier_counts'))`);
    const { rows } = (await tx.raw(
      `with moved as (delete from dossier_count_changes returning ${cols}, n),
         summed as (select ${cols}, sum(n) as n, count(*) as changes from moved group by ${cols}),
         folded as (insert into dossier_counts (${cols}, n) select ${cols}, n from summed
                    on conflict (${cols}) do update set n = dossier_counts.n + excluded.n returning ${cols}, n)
       select (select coalesce(sum(changes), 0) from summed) as changes,
              (select coalesce(json_agg(folded), '[]') from folded where folded.n = 0) as empty`,
    )) as { rows: { changes: string; empty: Record<string, unknown>[] }[] };
    const { changes, empty } = rows[0]!;
    if (empty.length)
      await tx.raw(
        `delete from dossier_counts c using json_populate_recordset(null::dossier_counts, ?::json) z
         where ${KEY.map((k) => `c.${k} = z.${k}`).join(' and ')} and c.n = 0`,
        [JSON.stringify(empty)],
      );
    return Number(changes);
  });
}

/**
 * Counts every received dossier afresh (after a bulk load written with the trigger disabled, or should the counts
 * ever be doubted): one pass over the dossiers, under the fold's lock.
 */
export async function recountDossiers(db: DbOrTx): Promise<void> {
  const cols = KEY.join(', ');
  await db.transaction(async (tx) => {
    await tx.raw(`select pg_advisory_xact_lock(hashtext('motcua.dossier_counts'))`);
    await tx.raw('lock table dossiers in share mode');
    await tx.raw('delete from dossier_count_changes');
    await tx.raw('delete from dossier_counts');
    await tx.raw(`insert into dossier_counts (${cols}, n)
      select d.org_unit_id, v.procedure_id, d.channel, motcua_vn_month(d.received_at), motcua_vn_month(d.decided_at),
        motcua_vn_month(d.ended_at), motcua_vn_due(d.due_at, d.decided_at, d.ended_at), coalesce(d.outcome, ''), count(*)
      from dossiers d join procedure_versions v on v.id = d.procedure_version_id
      where d.received_at is not null
      group by 1, 2, 3, 4, 5, 6, 7, 8`);
  });
}

/**
 * The received dossiers counted by unit, procedure, channel, outcome and the months (Vietnam time) of their
 * reception, decision, end and legal due (migration 20261203010000): what lets a report over ten years of a city
 * read thousands of counts instead of millions of dossiers.
 *
 * A count answers a period's question exactly for every dossier whose moments all fall outside the months the
 * period cuts through: for a moment t in another month than a bound x, t < x exactly when t's month is before
 * x's month. So a report counts those dossiers from here, and reads the dossiers themselves only for the cut
 * months (a period starting or ending mid-month, and the current month while the period is not over).
 */
import type { Knex } from 'knex';
import type { DbOrTx } from '../db/db.ts';
import { nextDate, vnDate, vnMoment, type IsoDate } from '../time/vietnam-time.ts';

const KEY = ['org_unit_id', 'procedure_id', 'channel', 'received_month', 'decided_month', 'ended_month', 'due_month', 'outcome'];

/** The first day of a date's month. */
export const monthOf = (date: IsoDate): IsoDate => `${date.slice(0, 7)}-01`;

export interface MonthBounds {
  /** the months of the period's start, end and the moment overdue is judged at */
  start: IsoDate;
  end: IsoDate;
  asOf: IsoDate;
  /** the months cut through by one of those moments: their dossiers are read one by one */
  cut: IsoDate[];
}

/**
 * The months of a period's moments (`end` is the instant after its last day, `asOf` the end or, while the period
 * is not over, now), and the months those moments cut through.
 */
export function monthBounds(p: { from: IsoDate; to: IsoDate }, m: { end: Date; asOf: Date }): MonthBounds {
  const after = nextDate(p.to);
  const cut = new Set<IsoDate>();
  if (!p.from.endsWith('-01')) cut.add(monthOf(p.from));
  if (!after.endsWith('-01')) cut.add(monthOf(p.to));
  const asOfMonth = m.asOf.getTime() < m.end.getTime() ? monthOf(vnDate(m.asOf)) : monthOf(after);
  if (m.asOf.getTime() < m.end.getTime()) cut.add(asOfMonth);
  return { start: monthOf(p.from), end: monthOf(after), asOf: asOfMonth, cut: [...cut].sort() };
}

/** The counts, folded and not yet folded, as `c` with the procedure counted as `p`. */
export function countsOf(db: Knex): Knex.QueryBuilder {
  const cols = [...KEY, 'n'].join(', ');
  return db
    .from(db.raw(`(select ${cols} from dossier_counts union all select ${cols} from dossier_count_changes) as c`))
    .join('procedures as p', 'p.id', 'c.procedure_id');
}

/** Restricts counts `c` to dossiers none of whose moments fall in the given months. */
export function outsideMonths(q: Knex.QueryBuilder, months: IsoDate[]): Knex.QueryBuilder {
  if (!months.length) return q;
  for (const col of ['received_month', 'decided_month', 'ended_month', 'due_month']) q.whereRaw(`c.${col} <> all(?::date[])`, [months]);
  return q;
}

/** Restricts dossiers `d` to those with a moment (received, decided, ended, due) in one of the given months. */
export function withinMonths(q: Knex.QueryBuilder, months: IsoDate[]): Knex.QueryBuilder {
  return q.where((w) => {
    for (const month of months) {
      const [from, to] = [vnMoment(month), vnMoment(monthOf(nextDate(month, 31)))];
      for (const col of ['d.received_at', 'd.decided_at', 'd.ended_at', 'd.due_at']) w.orWhere((x) => x.where(col, '>=', from).where(col, '<', to));
    }
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
        motcua_vn_month(d.ended_at), motcua_vn_month(d.due_at), coalesce(d.outcome, ''), count(*)
      from dossiers d join procedure_versions v on v.id = d.procedure_version_id
      where d.received_at is not null
      group by 1, 2, 3, 4, 5, 6, 7, 8`);
  });
}

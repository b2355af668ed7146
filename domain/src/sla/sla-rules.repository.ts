/** Versioned SLA rules (DOMAIN.md §5, configurable): the one in force on a date, by id, and new versions. */
import type { DbOrTx } from '../db/db.ts';
import type { IsoDate } from '../time/vietnam-time.ts';
import type { Allowance, DayCount, WarnThreshold } from './deadlines.ts';

export type SupplementClock = 'extend' | 'restart';
/** pause: the clock stands still while the dossier waits for payment (status 6); run: it keeps running */
export type PaymentClock = 'pause' | 'run';

export interface SlaRules {
  id: string;
  version: number;
  effectiveFrom: IsoDate;
  /** extend: due += the paused working time; restart: the full limit counts again from the complete supplement */
  supplementClock: SupplementClock;
  warnThreshold: WarnThreshold;
  /** a calendar-day deadline landing on a non-working day moves to the next working day */
  moveCalendarDeadlines: boolean;
  /** how a limit in days counts: the law's (the day of reception not counted) or 8 working hours a day from reception */
  dayCount: DayCount;
  /** how long the applicant has to supplement before the dossier may be stopped */
  supplementAllowance: Allowance;
  /** whether the clock stands still while the dossier waits for payment */
  paymentClock: PaymentClock;
  note: string | null;
}

interface DbRow {
  id: string;
  version: number;
  effective_from: string;
  supplement_clock: SupplementClock;
  warn_threshold: WarnThreshold;
  move_calendar_deadlines: boolean;
  day_count: DayCount;
  supplement_allowance: Allowance;
  payment_clock: PaymentClock;
  note: string | null;
}

const toRules = (r: DbRow): SlaRules => ({
  id: r.id,
  version: r.version,
  effectiveFrom: r.effective_from,
  supplementClock: r.supplement_clock,
  warnThreshold: r.warn_threshold,
  moveCalendarDeadlines: r.move_calendar_deadlines,
  dayCount: r.day_count,
  supplementAllowance: r.supplement_allowance,
  paymentClock: r.payment_clock,
  note: r.note,
});

/** The version in force on a Vietnamese date. @throws Error when none is (the seed was removed) */
export async function rulesInForce({ db, date }: { db: DbOrTx; date: IsoDate }): Promise<SlaRules> {
  const row = await db<DbRow>('sla_rule_versions').where('effective_from', '<=', date).orderBy('effective_from', 'desc').first();
  if (!row) throw new Error(`no SLA rule version in force on ${date}`);
  return toRules(row);
}

export async function findRules({ db, id }: { db: DbOrTx; id: string }): Promise<SlaRules | undefined> {
  const row = await db<DbRow>('sla_rule_versions').where({ id }).first();
  return row && toRules(row);
}

export async function listRules({ db }: { db: DbOrTx }): Promise<SlaRules[]> {
  return (await db<DbRow>('sla_rule_versions').orderBy('effective_from')).map(toRules);
}

/** Adds the next version. @returns undefined when a version already starts on that date */
export async function insertRules({
  db,
  rules,
}: {
  db: DbOrTx;
  rules: Omit<SlaRules, 'id' | 'version' | 'dayCount' | 'paymentClock'> & { dayCount?: DayCount; paymentClock?: PaymentClock };
}): Promise<SlaRules | undefined> {
  const { rows } = await db.raw<{ rows: DbRow[] }>(
    `insert into sla_rule_versions (version, effective_from, supplement_clock, warn_threshold, move_calendar_deadlines, day_count, supplement_allowance, payment_clock, note)
     select coalesce(max(version), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ? from sla_rule_versions
     on conflict (effective_from) do nothing
     returning *`,
    [
      rules.effectiveFrom,
      rules.supplementClock,
      JSON.stringify(rules.warnThreshold),
      rules.moveCalendarDeadlines,
      rules.dayCount ?? 'civil_code',
      JSON.stringify(rules.supplementAllowance),
      rules.paymentClock ?? 'pause',
      rules.note,
    ],
  );
  return rows[0] && toRules(rows[0]);
}

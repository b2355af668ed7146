import type { Knex } from 'knex';
import { yearCalendar } from '../domain/src/sla/holidays.ts';

/**
 * The 2026 national calendar as decided (VPCP letter 12729/VPCP-KGVX of 25/12/2025): Friday 2/1 off for Saturday
 * 10/1 worked, Monday 31/8 off for Saturday 22/8 worked, National Day 1–2/9. The year's seeded rows (the rule's
 * and the decision's, not those an administrator entered) are replaced by the decision.
 */
const YEAR = 2026;

export async function up(knex: Knex): Promise<void> {
  const byAdmin = (await knex('calendar_days')
    .whereNull('calendar_id')
    .where('basis', 'admin')
    .whereBetween('date', [`${YEAR}-01-01`, `${YEAR}-12-31`])
    .select(knex.raw(`to_char(date, 'YYYY-MM-DD') as day`))) as { day: string }[];
  const kept = new Set(byAdmin.map((r) => r.day));
  await knex('calendar_days')
    .whereNull('calendar_id')
    .whereIn('basis', ['rule', 'decision'])
    .whereBetween('date', [`${YEAR}-01-01`, `${YEAR}-12-31`])
    .delete();
  const rows = yearCalendar(YEAR)
    .filter((d) => !kept.has(d.date))
    .map((d) => ({ date: d.date, kind: d.kind, name: d.name, basis: d.basis }));
  if (rows.length) await knex('calendar_days').insert(rows);
}

export async function down(): Promise<void> {
  // the decision stays: the rows before it were a default the decision replaced
}

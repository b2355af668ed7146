import type { Knex } from 'knex';

/**
 * How a limit in days is counted becomes part of the versioned SLA rules (DOMAIN.md §5): `civil_code`, the law's
 * count (Bộ luật Dân sự 2015, Art. 147: the day of reception is not counted; a limit ends at its last day's
 * close), or `working_hours` (8 working hours a day from the moment of reception), which is what every version
 * counted so far and keeps counting. New versions take the law's count unless they say otherwise; an
 * installation that has not received a dossier yet starts with it too.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sla_rule_versions', (t) => {
    t.text('day_count')
      .notNullable()
      .defaultTo('civil_code')
      .comment("civil_code: the day of reception not counted (the law's); working_hours: 8 h a day from reception");
  });
  await knex.raw(`alter table sla_rule_versions add constraint sla_rule_versions_day_count_check check (day_count in ('civil_code','working_hours'))`);
  const received = await knex('dossiers').whereNotNull('received_at').first('id');
  if (received) await knex('sla_rule_versions').update({ day_count: 'working_hours' });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sla_rule_versions', (t) => {
    t.dropColumn('day_count');
  });
}

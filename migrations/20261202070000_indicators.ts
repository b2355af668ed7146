import type { Knex } from 'knex';
import { DEFAULT_INDICATOR_BANDS } from '../domain/src/reports/index-tt01.ts';

/**
 * The indicators of QĐ 766/QĐ-TTg and the nine-indicator index of TT 01/2018/TT-VPCP (DOMAIN.md §6–§7): the
 * point bands, a setting kept in versions (the last one in force), and the points a unit gives itself for the
 * indicators the system cannot know (feedback handled, agencies the applicant had to contact), per period.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('indicator_bands', (t) => {
    t.comment('Point bands of the TT 01/2018 index, in versions: the highest version is in force.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.integer('version').notNullable().unique();
    t.jsonb('bands')
      .notNullable()
      .comment('{ indicators: { <code>: { two, one } } shares 0..1 for 2 and 1 points, grades: { excellent, good, fair } totals of 18 }');
    t.uuid('created_by').references('accounts.id').comment('The administrator who set it; null for the seeded defaults');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex('indicator_bands').insert({ version: 1, bands: JSON.stringify(DEFAULT_INDICATOR_BANDS) });

  await knex.schema.createTable('unit_indicator_entries', (t) => {
    t.comment('Points a unit gives itself (do đơn vị tự đánh giá) for an indicator of the TT 01/2018 index the system holds no data for, per period.');
    t.uuid('org_unit_id').notNullable().references('org_units.id');
    t.date('period_from').notNullable().comment('The period the points are for (Vietnamese dates, inclusive)');
    t.date('period_to').notNullable();
    t.text('code').notNullable().comment('Indicator code, e.g. tt01.feedback');
    t.smallint('points').notNullable().comment('0, 1 or 2');
    t.text('note').comment('What the unit bases its points on');
    t.uuid('entered_by').notNullable().references('accounts.id');
    t.timestamp('entered_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['org_unit_id', 'period_from', 'period_to', 'code']);
  });
  await knex.raw('alter table unit_indicator_entries add constraint unit_indicator_entries_points check (points between 0 and 2)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('unit_indicator_entries');
  await knex.schema.dropTableIfExists('indicator_bands');
}

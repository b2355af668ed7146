import type { Knex } from 'knex';

/**
 * Dossiers across agencies (liên thông): the unit each step of a dossier belongs to, as its rule resolved when
 * handling started. An officer of such a unit sees the dossier (acting only while the engine gives its unit the
 * step); leaders of the holding unit are told of its SLA flags.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('dossier_step_units', (t) => {
    t.comment('The unit each step of a dossier belongs to, resolved from the step rule (receiving unit, named unit, competent unit)');
    t.uuid('dossier_id').notNullable().references('dossiers.id').onDelete('CASCADE');
    t.text('step').notNullable().comment('The user task id');
    t.uuid('org_unit_id').notNullable().references('org_units.id');
    t.text('rule').notNullable().comment('The rule it was resolved from, e.g. competent:Hoạt động xây dựng');
    t.timestamp('resolved_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['dossier_id', 'step']);
    t.index(['org_unit_id', 'dossier_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('dossier_step_units');
}

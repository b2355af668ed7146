import type { Knex } from 'knex';

/**
 * A unit handed a step of a dossier (liên thông) sees the dossier from the moment its step is reached, not from
 * the moment its rule was resolved (when handling started). Steps already resolved count as reached, as before.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dossier_step_units', (t) => {
    t.timestamp('reached_at', { useTz: true }).comment('When the engine first gave the step to the unit; null: not yet (the unit does not see the dossier)');
  });
  await knex('dossier_step_units').update({ reached_at: knex.ref('resolved_at') });
  // the lists read the reached rows of a unit; the full (org_unit_id, dossier_id) index stays for the foreign key
  await knex.raw('create index dossier_step_units_reached on dossier_step_units (org_unit_id, dossier_id) where reached_at is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists dossier_step_units_reached');
  await knex.schema.alterTable('dossier_step_units', (t) => {
    t.dropColumn('reached_at');
  });
}

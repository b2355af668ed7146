import type { Knex } from 'knex';

/**
 * The auditors find the dossiers an officer handled (received, claimed, decided a step) from the timeline: the
 * events with a step are indexed by their actor, so the search stays an index look-up at ten million dossiers.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index dossier_events_step_actor on dossier_events (actor_id, dossier_id) where actor_id is not null and step is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists dossier_events_step_actor');
}

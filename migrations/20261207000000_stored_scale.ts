import type { Knex } from 'knex';

/**
 * Issue 17: with a million finished dossiers stored, four look-ups read whole tables (measured by the e2e bench
 * with 100,000 stored: listing a dossier's documents took 117 ms per dossier):
 * - a dossier's documents, in order (the partial unique index serves only the receipt and the result);
 * - decisions recorded on the timeline by engine task (the reconciler, every minute);
 * - the timeline's events of a time window (the reconciler, every minute);
 * - earlier dossiers of an applicant's identity number (the counter's look-up).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index dossier_documents_of_dossier on dossier_documents (dossier_id, created_at)');
  await knex.raw(`create index dossier_events_decided_task on dossier_events ((data->>'taskId')) where jsonb_exists(data, 'decision')`);
  await knex.raw('create index dossier_events_at on dossier_events (at)');
  await knex.raw(`create index dossiers_applicant_id_number on dossiers ((data->'applicant'->>'idNumber'), submitted_at)`);
}

export async function down(knex: Knex): Promise<void> {
  for (const i of ['dossier_documents_of_dossier', 'dossier_events_decided_task', 'dossier_events_at', 'dossiers_applicant_id_number'])
    await knex.raw(`drop index if exists ${i}`);
}

import type { Knex } from 'knex';

/**
 * Reports (Form 06, TT 01/2020/TT-VPCP): a dossier's life in the columns a report reads (received, decided,
 * ended without a result), and indexes that let a period's figures be read without scanning ten years.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dossiers', (t) => {
    t.timestamp('ended_at', { useTz: true }).comment('When it left handling without a result: withdrawn (7) or stopped (8)');
  });
  // the moment of the last status change is the best this database knows for those already ended
  await knex('dossiers')
    .whereIn('status', [7, 8])
    .update({ ended_at: knex.ref('updated_at') });
  // a period's dossiers: those received before its end that were still open at its start
  await knex.raw('create index dossiers_report_received on dossiers (received_at, org_unit_id) where received_at is not null');
  await knex.raw(
    'create index dossiers_report_open on dossiers (org_unit_id, received_at) where received_at is not null and decided_at is null and ended_at is null',
  );
  await knex.raw('create index dossiers_report_decided on dossiers (decided_at, org_unit_id) where decided_at is not null');
  // the satisfaction of a period (the public statistics, the ranking)
  await knex.raw('create index dossier_ratings_rated_at on dossier_ratings (rated_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists dossiers_report_received');
  await knex.raw('drop index if exists dossiers_report_open');
  await knex.raw('drop index if exists dossiers_report_decided');
  await knex.raw('drop index if exists dossier_ratings_rated_at');
  await knex.schema.alterTable('dossiers', (t) => {
    t.dropColumn('ended_at');
  });
}

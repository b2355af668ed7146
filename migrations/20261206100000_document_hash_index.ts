import type { Knex } from 'knex';

/**
 * Verifying a document by uploading it (issue 16): the file's SHA-256 is looked up among the signed documents
 * issued, so that lookup needs an index.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index dossier_documents_sha256 on dossier_documents (sha256) where signed');
  await knex.raw(`comment on index dossier_documents_sha256 is 'Finds the signed document issued with a given SHA-256 (verification by upload)'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists dossier_documents_sha256');
}

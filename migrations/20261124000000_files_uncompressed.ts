import type { Knex } from 'knex';

/**
 * Stored files are PDFs, JPEGs and PNGs: already compressed. PostgreSQL would try to compress each one
 * again (and fail) on every insert; store them out of line as they are.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table stored_files alter column content set storage external');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table stored_files alter column content set storage extended');
}

import type { Knex } from 'knex';

/**
 * The catalogue searched as citizens type (issue 16): PostgreSQL's own tools, pg_trgm for words typed with a
 * small slip or run together, unaccent for words with or without diacritics. `motcua_fold` is the folding the
 * search compares in (lower case, no diacritics, đ → d, single spaces), immutable so it can be indexed.
 * Both extensions are trusted (PostgreSQL 13+): a database owner may create them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create extension if not exists pg_trgm');
  await knex.raw('create extension if not exists unaccent');
  await knex.raw(`create function motcua_fold(t text) returns text language sql immutable parallel safe as $$
    select btrim(regexp_replace(lower(unaccent('unaccent'::regdictionary, coalesce(t, ''))), '\\s+', ' ', 'g')) $$`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists motcua_fold(text)');
}

import type { Knex } from 'knex';

/**
 * An identity number is trusted only once verified. Registration takes any number (and no longer says
 * whether one already has an account); dossiers filed at the counter for a number reach only the account
 * verified for it: the walk-in account the counter made (the officer saw the identity card), or a citizen's
 * own account once its holder entered the claim code printed on the counter receipt (SSO plugs in here).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => {
    t.boolean('walk_in').notNullable().defaultTo(false).comment('Made at the counter for an applicant without an account: no password, claimed later');
    t.timestamp('id_verified_at', { useTz: true }).comment('When id_number was verified; unverified numbers are only what the citizen typed');
    t.text('id_verified_by').comment('How: counter (an officer saw the card) | claim_code | seed | sso');
  });
  await knex.raw(`update accounts set walk_in = true, id_verified_at = created_at, id_verified_by = 'counter' where password_hash = '!walk-in'`);
  await knex.raw('drop index if exists accounts_id_number_unique');
  await knex.raw('create unique index accounts_verified_id_number on accounts (id_number) where id_verified_at is not null and id_number is not null');
  await knex.raw('create index accounts_id_number on accounts (id_number) where id_number is not null');

  await knex.schema.createTable('account_claims', (t) => {
    t.comment('Claim codes printed on counter receipts: whoever holds the receipt can take the dossiers of the walk-in account into their own account');
    t.text('code').primary().comment('Printed on the receipt (form 01); ten characters of Crockford base32');
    t.uuid('walk_in_account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.uuid('dossier_id').notNullable().unique().references('dossiers.id').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('claimed_by').references('accounts.id');
    t.timestamp('claimed_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('account_claims');
  await knex.raw('drop index if exists accounts_verified_id_number');
  await knex.raw('drop index if exists accounts_id_number');
  await knex.raw(`create unique index accounts_id_number_unique on accounts (id_number) where id_number is not null`);
  await knex.schema.alterTable('accounts', (t) => {
    t.dropColumn('walk_in');
    t.dropColumn('id_verified_at');
    t.dropColumn('id_verified_by');
  });
}

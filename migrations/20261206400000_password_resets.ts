import type { Knex } from 'knex';

/**
 * A forgotten password (issue 16): a link mailed to the account's address sets a new one. Only the SHA-256 of
 * the link's token is kept; a link works once, for a short while.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('password_resets', (t) => {
    t.comment('Links that set a new password, asked for by someone who forgot theirs. Only the SHA-256 of the token is kept.');
    t.uuid('id').primary();
    t.uuid('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('token_hash').notNullable().unique().comment('SHA-256 (hex) of the token in the mailed link');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true }).comment('When it set a new password; a link is used once');
    t.index(['account_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('password_resets');
}

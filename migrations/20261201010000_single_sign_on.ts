import type { Knex } from 'knex';

/**
 * Single sign-on with an OpenID Connect provider: the provider's subjects linked to accounts, the logins under
 * way (PKCE verifier, state and nonce, used once), and the ID token of a session for the provider's logout.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('account_identities', (t) => {
    t.comment('The identity of an account at an OpenID provider: logging in there logs into this account');
    t.text('issuer').notNullable();
    t.text('subject').notNullable().comment('The subject (sub) the provider gives the person');
    t.uuid('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_login_at', { useTz: true });
    t.primary(['issuer', 'subject']);
    t.index(['account_id']);
  });
  await knex.schema.createTable('oidc_logins', (t) => {
    t.comment('Logins sent to the OpenID provider and not yet back: each state is used once, within minutes');
    t.text('state').primary();
    t.text('code_verifier').notNullable().comment('PKCE verifier');
    t.text('nonce').notNullable();
    t.text('next').comment('Where to go after the login');
    t.uuid('link_account_id').references('accounts.id').onDelete('CASCADE').comment('Set when a logged-in person links their account');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.alterTable('sessions', (t) => {
    t.text('id_token').comment("The provider's ID token of a single sign-on session (its logout needs it)");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sessions', (t) => t.dropColumn('id_token'));
  await knex.schema.dropTable('oidc_logins');
  await knex.schema.dropTable('account_identities');
}

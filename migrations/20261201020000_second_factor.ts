import type { Knex } from 'knex';

/**
 * A second factor for officers and administrators: a TOTP secret (RFC 6238, the authenticator apps'), the
 * secret being enrolled until its first code is confirmed, and the last time step used (a code works once).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => {
    t.text('totp_secret').comment('Base32 TOTP secret once confirmed; the login then asks for a code');
    t.timestamp('totp_enabled_at', { useTz: true });
    t.bigInteger('totp_last_step').comment('The time step of the last code accepted: a code is not accepted twice');
    t.text('totp_pending_secret').comment('A secret being enrolled, until a code from it is confirmed');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => {
    t.dropColumn('totp_secret');
    t.dropColumn('totp_enabled_at');
    t.dropColumn('totp_last_step');
    t.dropColumn('totp_pending_secret');
  });
}

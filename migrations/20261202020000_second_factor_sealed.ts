import type { Knex } from 'knex';

/**
 * Second-factor secrets are stored encrypted (AES-256-GCM under TOTP_ENCRYPTION_KEY, bound to their account):
 * the columns say so. The encryption itself needs the key, which migrations do not have: the service encrypts a
 * secret stored as text when it reads it, and all of them at start (domain/src/accounts/second-factor.service.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    "comment on column accounts.totp_secret is 'TOTP secret once confirmed, encrypted as v1:<iv>:<tag>:<ciphertext> (base64 each); the login then asks for a code'",
  );
  await knex.raw("comment on column accounts.totp_pending_secret is 'A secret being enrolled, until a code from it is confirmed; encrypted like totp_secret'");
}

export async function down(knex: Knex): Promise<void> {
  // only the comments go back: the secrets stay encrypted, which the code before this cannot read (its people
  // would enrol again)
  await knex.raw("comment on column accounts.totp_secret is 'Base32 TOTP secret once confirmed; the login then asks for a code'");
  await knex.raw("comment on column accounts.totp_pending_secret is 'A secret being enrolled, until a code from it is confirmed'");
}

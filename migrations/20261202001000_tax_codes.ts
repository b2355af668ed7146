import type { Knex } from 'knex';

/**
 * Tax codes of organisations: since 1/7/2025 (Thông tư 86/2024/TT-BTC) a person's or household business's tax
 * code is their 12-digit personal identification number, beside the enterprises' 10 digits (10-3 for a
 * branch). The check digit of a 10-digit code is checked by the service (domain/src/accounts/tax-codes.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table organisations drop constraint organisations_tax_code_format');
  await knex.raw(`alter table organisations add constraint organisations_tax_code_format check (tax_code ~ '^([0-9]{10}(-[0-9]{3}){0,1}|[0-9]{12})$')`);
  await knex.raw(
    "comment on column organisations.tax_code is '10 digits (the 10th a check digit), 10-3 for a branch, or a 12-digit personal identification number'",
  );
}

export async function down(knex: Knex): Promise<void> {
  // a 12-digit code registered meanwhile does not fit the old form: refuse rather than drop it
  await knex.raw('alter table organisations drop constraint organisations_tax_code_format');
  await knex.raw(`alter table organisations add constraint organisations_tax_code_format check (tax_code ~ '^[0-9]{10}(-[0-9]{3}){0,1}$')`);
  await knex.raw("comment on column organisations.tax_code is '10 digits, or 10-3 for a branch'");
}

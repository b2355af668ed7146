import type { Knex } from 'knex';

/**
 * Organisations (businesses, cooperatives) as applicants: identified by their tax code, with the people who act
 * for them (the legal representative who registered it, and the people they authorise). A dossier filed for an
 * organisation is seen by each of them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('organisations', (t) => {
    t.comment('Organisations that apply for procedures: a business by its tax code (mã số thuế / mã số doanh nghiệp)');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('tax_code').notNullable().unique().comment('10 digits, or 10-3 for a branch');
    t.text('name').notNullable();
    t.text('address');
    t.uuid('created_by').notNullable().references('accounts.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table organisations add constraint organisations_tax_code_format check (tax_code ~ '^[0-9]{10}(-[0-9]{3}){0,1}$')`);
  await knex.schema.createTable('organisation_members', (t) => {
    t.comment('The people who act for an organisation: its legal representative and those they authorise');
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.uuid('account_id').notNullable().references('accounts.id');
    t.text('role').notNullable().comment('representative | authorised');
    t.uuid('added_by').notNullable().references('accounts.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['organisation_id', 'account_id']);
    t.index(['account_id']);
  });
  await knex.raw(`alter table organisation_members add constraint organisation_members_role check (role in ('representative','authorised'))`);
  await knex.schema.alterTable('dossiers', (t) => {
    t.uuid('organisation_id').references('organisations.id').comment('The organisation the dossier was filed for; its members see it');
    t.index(['organisation_id', 'submitted_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dossiers', (t) => t.dropColumn('organisation_id'));
  await knex.schema.dropTable('organisation_members');
  await knex.schema.dropTable('organisations');
}

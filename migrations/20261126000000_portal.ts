import type { Knex } from 'knex';
import { foldVietnamese } from '../domain/src/text/search.ts';

/**
 * What the portal and the workspace need beside the walking platform: files uploaded ahead of a submission
 * (with progress, kept in drafts), drafts of applications, satisfaction ratings, citizens' identity numbers
 * (a walk-in applicant is found by it at the counter), names folded for search, and who entered a counter
 * dossier.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('uploads', (t) => {
    t.comment('A file uploaded for an attachment field before the form is submitted; becomes a dossier attachment (same id) when used.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('owner_id').notNullable().references('accounts.id').comment('Who uploaded it: the applicant, or the officer at the counter');
    t.text('procedure_code').notNullable();
    t.text('field_key').notNullable().comment('Attachment field of the application form it was checked against');
    t.uuid('file_id').notNullable().references('stored_files.id');
    t.text('file_name').notNullable();
    t.text('media_type').notNullable();
    t.bigInteger('size').notNullable();
    t.text('sha256').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('used_at', { useTz: true }).comment('When a submission or supplement took it');
    t.index(['owner_id', 'created_at']);
  });

  await knex.schema.createTable('dossier_drafts', (t) => {
    t.comment('An application saved before submission, to resume later: one per applicant and procedure.');
    t.uuid('applicant_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('procedure_code').notNullable();
    t.uuid('org_unit_id').references('org_units.id');
    t.jsonb('data').notNullable().comment('Form data as entered, not yet validated; attachment values point to uploads');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['applicant_id', 'procedure_code']);
  });

  await knex.schema.createTable('dossier_ratings', (t) => {
    t.comment('Satisfaction (đánh giá sự hài lòng) of a finished dossier: overall and per step, on three levels.');
    t.uuid('dossier_id').primary().references('dossiers.id');
    t.uuid('applicant_id').notNullable().references('accounts.id');
    t.smallint('overall').notNullable().comment('3 Rất hài lòng, 2 Hài lòng, 1 Không hài lòng');
    t.jsonb('steps').notNullable().defaultTo('[]').comment('[{ step, officerId, level }] per handling step');
    t.text('comment');
    t.text('channel').notNullable().defaultTo('online').comment('online | counter | kiosk');
    t.timestamp('rated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('alter table dossier_ratings add constraint dossier_ratings_overall_check check (overall between 1 and 3)');

  await knex.schema.alterTable('accounts', (t) => {
    t.text('id_number').comment('Citizen identity number (CCCD, 12 digits): how the counter finds a walk-in applicant');
  });
  await knex.raw('create unique index accounts_id_number_unique on accounts (id_number) where id_number is not null');
  await knex.schema.alterTable('accounts', (t) => {
    t.text('search_name').comment('full_name folded (lower case, no diacritics): what the workspace searches');
  });
  for (const a of (await knex('accounts').select('id', 'full_name')) as { id: string; full_name: string }[]) {
    await knex('accounts')
      .where({ id: a.id })
      .update({ search_name: foldVietnamese(a.full_name) });
  }
  await knex.schema.alterTable('dossiers', (t) => {
    t.uuid('entered_by').references('accounts.id').comment("Officer who entered a counter (channel 1) dossier on the applicant's behalf");
  });
  await knex.raw(`create index dossiers_unit_submitted on dossiers (org_unit_id, submitted_at desc)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists dossiers_unit_submitted');
  await knex.schema.alterTable('dossiers', (t) => t.dropColumn('entered_by'));
  await knex.raw('drop index if exists accounts_id_number_unique');
  await knex.schema.alterTable('accounts', (t) => {
    t.dropColumn('id_number');
    t.dropColumn('search_name');
  });
  await knex.schema.dropTableIfExists('dossier_ratings');
  await knex.schema.dropTableIfExists('dossier_drafts');
  await knex.schema.dropTableIfExists('uploads');
}

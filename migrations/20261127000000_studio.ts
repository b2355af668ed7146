import type { Knex } from 'knex';

/**
 * The procedure studio: a version is first a draft that administrators edit (catalogue data included, since a
 * published version pins what the catalogue said), then published, then retired. At most one draft per
 * procedure. Where a version came from (a seeded file or the studio) decides whether a changed seed file may
 * publish over it at start.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('procedure_versions', (t) => {
    t.jsonb('procedure_data').comment('Catalogue data of this version: { name, nameEn, field, catalogue } (copied to procedures when published)');
    t.text('source').notNullable().defaultTo('seed').comment('seed (a file in processes/) | studio');
    t.uuid('created_by').references('accounts.id').comment('Administrator who opened the draft (null for seeded versions)');
    t.timestamp('updated_at', { useTz: true }).comment('Last edit of a draft');
    t.timestamp('retired_at', { useTz: true });
  });
  await knex.raw(`alter table procedure_versions add constraint procedure_versions_source_check check (source in ('seed','studio'))`);
  await knex.raw(`create unique index procedure_versions_one_draft on procedure_versions (procedure_id) where status = 'draft'`);
  await knex.raw(
    `update procedure_versions v set procedure_data = jsonb_build_object('name', p.name, 'nameEn', p.name_en, 'field', p.field, 'catalogue', p.catalogue) from procedures p where p.id = v.procedure_id`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists procedure_versions_one_draft');
  await knex.raw('alter table procedure_versions drop constraint if exists procedure_versions_source_check');
  await knex.schema.alterTable('procedure_versions', (t) => {
    t.dropColumn('procedure_data');
    t.dropColumn('source');
    t.dropColumn('created_by');
    t.dropColumn('updated_at');
    t.dropColumn('retired_at');
  });
}

import type { Knex } from 'knex';

/**
 * "Provide once" (issue 15 §4): the papers a citizen gave with their applications and the results motcua issued to
 * them are kept in their account, so that a later application can name a paper again instead of uploading it.
 * A paper points at the stored file its dossier holds (the content is never copied); its SHA-256 is the one
 * recorded when it was first given, and is checked against the content each time the paper is used again.
 * An upload made from a paper (`uploads.paper_id`) shares the paper's file: purging unused uploads keeps it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('citizen_papers', (t) => {
    t.comment('Papers of a citizen: a file they attached to an application, or a result issued to them; reusable by reference.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('owner_id').notNullable().references('accounts.id');
    t.text('kind').notNullable().comment('attachment (given by the citizen) | result (issued by motcua)');
    t.text('title').comment("The attachment field's label, or the procedure's name for a result");
    t.text('field_key').comment('Key of the attachment field it was first given for');
    t.uuid('file_id').notNullable().references('stored_files.id');
    t.text('file_name').notNullable();
    t.text('media_type').notNullable();
    t.bigInteger('size').notNullable();
    t.text('sha256').notNullable().comment('hex SHA-256 recorded when the paper was first kept');
    t.uuid('dossier_id').references('dossiers.id').comment('The dossier it came with');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('removed_at', { useTz: true }).comment('Removed from the account by its owner (the dossiers keep their files)');
    t.unique(['owner_id', 'sha256'], { indexName: 'citizen_papers_once_per_owner' });
  });
  await knex.raw("alter table citizen_papers add constraint citizen_papers_kind check (kind in ('attachment', 'result'))");
  await knex.schema.alterTable('uploads', (t) => {
    t.uuid('paper_id').references('citizen_papers.id').comment("Made from the owner's paper: shares its file");
  });
  // what citizens gave and received before: their online dossiers' files and returned results
  await knex.raw(`
    insert into citizen_papers (owner_id, kind, title, field_key, file_id, file_name, media_type, size, sha256, dossier_id, created_at)
    select distinct on (d.applicant_id, a.sha256) d.applicant_id, 'attachment', null, a.field_key, a.file_id, a.file_name, a.media_type, a.size, a.sha256, d.id, a.uploaded_at
      from dossier_attachments a join dossiers d on d.id = a.dossier_id join accounts c on c.id = d.applicant_id
     where d.channel = 2 and c.role = 'citizen'
     order by d.applicant_id, a.sha256, a.uploaded_at
    on conflict do nothing`);
  await knex.raw(`
    insert into citizen_papers (owner_id, kind, title, field_key, file_id, file_name, media_type, size, sha256, dossier_id, created_at)
    select d.applicant_id, 'result', p.name, null, r.file_id, r.file_name, f.media_type, f.size, r.sha256, d.id, r.created_at
      from dossier_documents r join dossiers d on d.id = r.dossier_id join accounts c on c.id = d.applicant_id
      join stored_files f on f.id = r.file_id
      join procedure_versions v on v.id = d.procedure_version_id join procedures p on p.id = v.procedure_id
     where r.kind = 'result' and d.status = 10 and c.role = 'citizen'
    on conflict do nothing`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('uploads', (t) => t.dropColumn('paper_id'));
  await knex.schema.dropTable('citizen_papers');
}

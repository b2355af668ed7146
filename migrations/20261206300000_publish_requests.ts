import type { Knex } from 'knex';

/**
 * Four eyes on a procedure going live (issue 16): with PUBLISH_APPROVAL on, publishing a draft asks for it, and
 * another administrator approves (the draft is then published) or rejects (with a reason). A request is for the
 * draft as it was when asked: saving the draft again withdraws it. One pending request per version.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('procedure_publish_requests', (t) => {
    t.comment('A request to publish a procedure draft, decided by a second administrator (PUBLISH_APPROVAL).');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('version_id').notNullable().references('procedure_versions.id').onDelete('CASCADE').comment('The draft to publish');
    t.uuid('requested_by').notNullable().references('accounts.id').comment('The administrator asking');
    t.timestamp('requested_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('status').notNullable().defaultTo('pending').comment('pending | approved | rejected | withdrawn (the draft was changed)');
    t.uuid('decided_by').references('accounts.id').comment('The other administrator who approved or rejected it');
    t.timestamp('decided_at', { useTz: true });
    t.text('reason').comment('Why it was rejected');
  });
  await knex.raw(
    "alter table procedure_publish_requests add constraint procedure_publish_requests_status check (status in ('pending', 'approved', 'rejected', 'withdrawn'))",
  );
  await knex.raw("create unique index procedure_publish_requests_one_pending on procedure_publish_requests (version_id) where status = 'pending'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('procedure_publish_requests');
}

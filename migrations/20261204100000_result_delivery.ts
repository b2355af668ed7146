import type { Knex } from 'knex';

/**
 * How a dossier's result reaches its applicant (issue 15 §2): the channel chosen at submission (online, at the
 * counter, by public post to an address), and where the return stands. The dossier is "decided" (status 9)
 * when its result is signed and "returned" (10) only when this delivery says so. Documents issued more than
 * once per dossier (forms 02, the handover slip) carry a key that makes a retried issue find the first.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('result_deliveries', (t) => {
    t.comment('How the result of a dossier is returned to its applicant, and where that return stands (one row per dossier).');
    t.uuid('dossier_id').primary().references('dossiers.id').onDelete('CASCADE').comment('the dossier');
    t.text('channel')
      .notNullable()
      .comment('online (the signed result in the account of the applicant) | counter (at the return desk) | post (bưu chính công ích)');
    t.jsonb('address').comment('post: the recipient and address the result is posted to (recipientName, phone, street, ward, province)');
    t.text('state')
      .notNullable()
      .defaultTo('chosen')
      .comment('chosen | awaiting_collection | posting | in_transit | delivered | returned_to_sender | handed_over | published');
    t.integer('attempt').notNullable().defaultTo(0).comment('post: the consignment attempt (a parcel sent again after a return is attempt 2...)');
    t.text('tracking_number').comment('post: the tracking number of the current consignment at the postal service');
    t.text('postal_status').comment('post: the last status the postal service reported for it');
    t.jsonb('recipient').comment('counter: who took the result (kind applicant | authorised, name, identity number, authorisation paper)');
    t.uuid('handed_over_by').references('accounts.id').comment('counter: the officer who handed the result over');
    t.timestamp('ready_at', { useTz: true }).comment('when the result was ready for this channel (at the desk, posted, published)');
    t.timestamp('delivered_at', { useTz: true }).comment('when the applicant had it (handed over, delivered by post, published online)');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('last change');
    t.check("channel in ('online','counter','post')", [], 'result_deliveries_channel');
  });
  await knex.raw("create index result_deliveries_in_transit on result_deliveries (updated_at) where state in ('posting','in_transit')");
  await knex.schema.alterTable('dossier_documents', (t) => {
    t.text('issue_key').comment('for kinds issued more than once: what this one was issued for (a supplement round, a handover); one document per key');
  });
  await knex.raw('create unique index dossier_documents_one_per_key on dossier_documents (dossier_id, kind, issue_key) where issue_key is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists dossier_documents_one_per_key');
  await knex.schema.alterTable('dossier_documents', (t) => {
    t.dropColumn('issue_key');
  });
  await knex.schema.dropTable('result_deliveries');
}

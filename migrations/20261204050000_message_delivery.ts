import type { Knex } from 'knex';

/**
 * Messages that reach people: each account's choice of channels (and language), one delivery per notification
 * and channel (the unit of "sent once"), and every attempt of it, kept per dossier for the officers.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notification_preferences', (t) => {
    t.comment('How an account wants to be told, beside the in-account notification it always gets. No row: the configured defaults.');
    t.uuid('account_id').primary().references('accounts.id').onDelete('cascade').comment('The account (citizen or officer)');
    t.boolean('email').notNullable().comment('Send notifications by email (to the account’s email address)');
    t.boolean('sms').notNullable().comment('Send notifications by SMS (to the account’s phone number)');
    t.text('language').comment('vi | en: the language of its mail and SMS; null: Vietnamese with English below');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('Last change');
  });
  await knex.raw(`alter table notification_preferences add constraint notification_preferences_language check (language is null or language in ('vi','en'))`);

  await knex.schema.createTable('notification_deliveries', (t) => {
    t.comment(
      'One notification on one outside channel: created with the notification (in its transaction), claimed before each send and marked sent after; a delivery marked sent is never sent again.',
    );
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()')).comment('Also the idempotency key handed to the provider (mail Message-ID, SMS reference)');
    t.uuid('notification_id').notNullable().references('notifications.id').onDelete('cascade').comment('The event and recipient');
    t.uuid('dossier_id').references('dossiers.id').comment('The dossier it is about (null for a notification about none)');
    t.uuid('account_id').notNullable().references('accounts.id').comment('The recipient');
    t.text('channel').notNullable().comment('email | sms');
    t.text('recipient').comment('The address used (email address, phone number); null when the account has none');
    t.text('language').comment('vi | en; null: Vietnamese with English below');
    t.text('status')
      .notNullable()
      .comment(
        'pending | sending (claimed, outcome not yet recorded) | sent | failed (will be retried) | rejected (refused for good, not retried) | skipped (no address)',
      );
    t.integer('attempts').notNullable().defaultTo(0).comment('Send attempts begun');
    t.timestamp('attempt_started_at', { useTz: true }).comment('When the current or last attempt was claimed');
    t.text('last_error').comment('Error of the last failed attempt');
    t.text('provider_id').comment("The provider's id of the sent message (SMTP response, SMS message id)");
    t.timestamp('sent_at', { useTz: true }).comment('When the provider accepted it');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('When the event was raised');
    t.unique(['notification_id', 'channel']);
    t.index(['dossier_id']);
  });
  await knex.raw(
    `alter table notification_deliveries add constraint notification_deliveries_status check (status in ('pending','sending','sent','failed','rejected','skipped'))`,
  );
  await knex.raw(`alter table notification_deliveries add constraint notification_deliveries_channel check (channel in ('email','sms'))`);

  await knex.schema.createTable('notification_delivery_attempts', (t) => {
    t.comment('The delivery log: every attempt to send a notification on a channel, with its outcome. Append-only.');
    t.bigIncrements('id').comment('Order of the attempts');
    t.uuid('delivery_id').notNullable().references('notification_deliveries.id').onDelete('cascade').comment('The delivery');
    t.uuid('dossier_id').references('dossiers.id').comment('The dossier (copied from the delivery, for the per-dossier log)');
    t.text('channel').notNullable().comment('email | sms');
    t.text('recipient').comment('The address it went to');
    t.integer('attempt').notNullable().comment('1 for the first attempt, 2 for the first retry, ...');
    t.text('status').notNullable().comment('sent | failed | skipped');
    t.text('error').comment('Why it failed, or was skipped');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('When the outcome was recorded');
    t.index(['dossier_id', 'at']);
  });
  await knex.raw(
    `alter table notification_delivery_attempts add constraint notification_delivery_attempts_status check (status in ('sent','failed','skipped'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('notification_delivery_attempts');
  await knex.schema.dropTableIfExists('notification_deliveries');
  await knex.schema.dropTableIfExists('notification_preferences');
}

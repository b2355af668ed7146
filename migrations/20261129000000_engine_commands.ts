import type { Knex } from 'knex';

/**
 * One truth between the application database and the engine: every engine command a dossier change needs is
 * written in the same transaction as the change (a transactional outbox) and carried out after the commit,
 * idempotently, by whichever process gets to it first (the request itself, or the relay job queued with it).
 * Commands of one dossier run in the order they were written.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('engine_commands', (t) => {
    t.comment('Transactional outbox of engine commands: written with the dossier change, carried out after the commit, exactly once in effect.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.bigIncrements('seq', { primaryKey: false }).comment('Order of writing: commands of one dossier run in this order');
    t.uuid('dossier_id').notNullable().references('dossiers.id').onDelete('CASCADE');
    t.text('kind').notNullable().comment('start | claim | unclaim | complete | message | delete_instance');
    t.text('dedupe_key').notNullable().unique().comment('One command per intent, e.g. complete:<taskId>: a repeated request writes nothing new');
    t.jsonb('payload').notNullable().comment('What the engine is told: task id, variables, message name, process definition');
    t.uuid('actor_id').comment('Account that caused it (named in the engine operation log)');
    t.text('request_id').comment('Request id of the HTTP request that wrote it (carried into the engine and the logs)');
    t.text('state').notNullable().defaultTo('pending').comment('pending | done | failed');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('lease_until', { useTz: true }).comment('A runner holds the command until then (no lock is held while the engine answers)');
    t.text('outcome').comment('How it ended: done | already_done (found in effect) | the engine exception type of a refusal');
    t.text('last_error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('done_at', { useTz: true });
  });
  await knex.raw(`alter table engine_commands add constraint engine_commands_state_check check (state in ('pending','done','failed'))`);
  await knex.raw(`create index engine_commands_open on engine_commands (dossier_id, seq) where state = 'pending'`);
  await knex.raw(`create index engine_commands_failed on engine_commands (created_at) where state = 'failed'`);
  await knex.raw(`create index engine_commands_task on engine_commands ((payload->>'taskId')) where kind = 'complete'`);
  // the reconciler looks at the dossiers changed lately
  await knex.raw(`create index if not exists dossiers_updated_at on dossiers (updated_at)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists dossiers_updated_at');
  await knex.schema.dropTableIfExists('engine_commands');
}

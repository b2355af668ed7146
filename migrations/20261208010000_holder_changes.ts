import type { Knex } from 'knex';

/** Issue 17: a task's last change of holder in the outbox, looked up at every completion (held-by-record.ts). */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create index engine_commands_holder_changes on engine_commands ((payload->>'taskId'), seq) where kind in ('claim', 'unclaim')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists engine_commands_holder_changes');
}

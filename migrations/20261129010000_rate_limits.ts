import type { Knex } from 'knex';

/**
 * Rate limits shared by every api process: behind a balancer a limit kept in one process's memory counts a
 * fraction of a client's requests. One row per limit and client (fixed window).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rate_limits', (t) => {
    t.comment('Requests counted per limit and client key in the current fixed window (login, submission, tracking...)');
    t.text('key').primary().comment('<limit name>:<client key> (address or account)');
    t.integer('hits').notNullable();
    t.timestamp('reset_at', { useTz: true }).notNullable().comment('End of the current window');
  });
  await knex.raw('create index rate_limits_reset_at on rate_limits (reset_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('rate_limits');
}

import type { Knex } from 'knex';

/**
 * Issue 17: the reconciler looked at the whole of its window (a day) at every pass (every minute): at 9,000
 * dossiers a day, 27,000 finished tasks and 9,000 instances read from the engine's history each minute. It now
 * remembers, per check, up to when it has looked, and goes on from there (the window stays its limit).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('reconciler_marks', (t) => {
    t.comment('How far each check of the reconciler has looked: the next pass goes on from there, a little before.');
    t.text('name').primary().comment('instance_without_dossier | step_done_in_engine_only');
    t.timestamp('checked_until', { useTz: true }).notNullable().comment('Everything before this moment was looked at and is in order (or repaired)');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('reconciler_marks');
}

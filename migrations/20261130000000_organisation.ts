import type { Knex } from 'knex';

/**
 * The organisation, administered: a unit's level, the fields (lĩnh vực) it handles, its address, and its
 * deactivation (a deactivated unit keeps its dossiers and reports); an append-only log of every change to
 * units, people, roles and rights (who, when, before, after), which PostgreSQL refuses to alter or delete.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('org_units', (t) => {
    t.text('level').notNullable().defaultTo('commune').comment('province | department | commune | centre');
    t.specificType('fields', 'text[]').notNullable().defaultTo('{}').comment('Fields (lĩnh vực) the unit handles, e.g. "Hộ tịch"');
    t.text('address').comment('Postal address of the unit');
    t.timestamp('deactivated_at', { useTz: true }).comment('Set when the unit stops receiving and handling dossiers; its history stays');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table org_units add constraint org_units_level_check check (level in ('province','department','commune','centre'))`);
  await knex.raw(`update org_units set level = 'province' where parent_id is null`);

  await knex.schema.createTable('admin_audit_log', (t) => {
    t.comment('Every change to units, people, roles and rights: append-only (a trigger refuses updates and deletes)');
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('actor_id').comment('The administrator who made the change; null for the system');
    t.text('actor_name').notNullable();
    t.text('entity').notNullable().comment('org_unit | account | role');
    t.uuid('entity_id').notNullable();
    t.text('action').notNullable().comment('created | updated | moved | deactivated | reactivated ...');
    t.jsonb('before').comment('The entity before the change (null when created)');
    t.jsonb('after').comment('The entity after the change');
    t.text('request_id').comment('The HTTP request that made it');
  });
  await knex.raw('create index admin_audit_log_entity on admin_audit_log (entity, entity_id, id)');
  await knex.raw(`
    create function admin_audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'admin_audit_log is append-only' using errcode = 'P0001';
    end $$`);
  await knex.raw(`
    create trigger admin_audit_log_append_only before update or delete or truncate on admin_audit_log
    for each statement execute function admin_audit_log_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists admin_audit_log');
  await knex.raw('drop function if exists admin_audit_log_append_only()');
  await knex.raw('alter table org_units drop constraint if exists org_units_level_check');
  await knex.schema.alterTable('org_units', (t) => {
    t.dropColumn('level');
    t.dropColumn('fields');
    t.dropColumn('address');
    t.dropColumn('deactivated_at');
    t.dropColumn('updated_at');
  });
}

import type { Knex } from 'knex';

/**
 * People, administered: an account holds one or more roles, each in a unit (citizens and city-wide
 * administrators in none). `accounts.role` and `accounts.org_unit_id` stay as the account's first role, the one
 * a login starts in; a session works in one of the account's roles at a time (an officer switches between them),
 * and dies with that role. An administrator's reset gives a temporary password that must be changed at the
 * next login.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('account_roles', (t) => {
    t.comment('The roles an account holds, each in a unit: an officer may be a specialist in one unit and a leader in another');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('role').notNullable().comment('citizen | receiving_officer | specialist | leader | administrator | auditor');
    t.uuid('org_unit_id').references('org_units.id').comment('The unit the role is held in; null for citizens and city-wide administrators');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_unit_id', 'role']);
  });
  await knex.raw(
    `alter table account_roles add constraint account_roles_role_check check (role in ('citizen','receiving_officer','specialist','leader','administrator','auditor'))`,
  );
  await knex.raw(`alter table account_roles add constraint account_roles_unit check (role in ('citizen','administrator') or org_unit_id is not null)`);
  await knex.raw(
    `create unique index account_roles_unique on account_roles (account_id, role, coalesce(org_unit_id, '00000000-0000-0000-0000-000000000000'::uuid))`,
  );
  await knex.raw(`insert into account_roles (account_id, role, org_unit_id, created_at) select id, role, org_unit_id, created_at from accounts`);
  // an account is created with its first role, in the same statement
  await knex.raw(`
    create function accounts_first_role() returns trigger language plpgsql as $$
    begin
      insert into account_roles (account_id, role, org_unit_id) values (new.id, new.role, new.org_unit_id);
      return new;
    end $$`);
  await knex.raw(`create trigger accounts_first_role after insert on accounts for each row execute function accounts_first_role()`);

  await knex.schema.alterTable('sessions', (t) => {
    t.uuid('account_role_id').references('account_roles.id').onDelete('CASCADE').comment('The role the session works in; removing the role ends it');
  });
  await knex.raw(
    `update sessions s set account_role_id = r.id from accounts a, account_roles r
      where a.id = s.account_id and r.account_id = a.id and r.role = a.role and r.org_unit_id is not distinct from a.org_unit_id`,
  );
  await knex.raw('delete from sessions where account_role_id is null');
  await knex.raw('alter table sessions alter column account_role_id set not null');

  await knex.schema.alterTable('accounts', (t) => {
    t.boolean('password_change_required')
      .notNullable()
      .defaultTo(false)
      .comment('Set by an administrator reset or creation: the next login must choose a new password');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => {
    t.dropColumn('password_change_required');
    t.dropColumn('updated_at');
  });
  await knex.schema.alterTable('sessions', (t) => t.dropColumn('account_role_id'));
  await knex.raw('drop trigger if exists accounts_first_role on accounts');
  await knex.raw('drop function if exists accounts_first_role()');
  await knex.schema.dropTable('account_roles');
}

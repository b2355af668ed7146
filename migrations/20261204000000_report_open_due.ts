import type { Knex } from 'knex';

/**
 * Reports on a running period (issue 14 §6): whether an open dossier is overdue changes with the day, so the
 * counts keep a dossier still open (neither decided nor ended) by the day it is due, and a decided or ended one by
 * the month, as before (`due_month` becomes `due_on`). A report made now then reads one by one only the open
 * dossiers due today, instead of every open dossier due this month. The open dossiers are also indexed by due
 * moment, for those and for the lists of what is late now.
 */
const KEY = ['org_unit_id', 'procedure_id', 'channel', 'received_month', 'decided_month', 'ended_month', 'due_on', 'outcome'];

function trackFunction(due: (r: string) => string, key: string[]): string {
  const row = (r: 'old' | 'new', n: number) => `
    insert into dossier_count_changes (${key.join(', ')}, n)
    select ${r}.org_unit_id, v.procedure_id, ${r}.channel, motcua_vn_month(${r}.received_at), motcua_vn_month(${r}.decided_at),
      motcua_vn_month(${r}.ended_at), ${due(r)}, coalesce(${r}.outcome, ''), ${n}
    from procedure_versions v where v.id = ${r}.procedure_version_id;`;
  return `create or replace function motcua_dossier_counts_track() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' and old.received_at is not null then ${row('old', -1)} end if;
      if tg_op <> 'DELETE' and new.received_at is not null then ${row('new', 1)} end if;
      return null;
    end $$`;
}

async function recount(knex: Knex, due: (r: string) => string, key: string[]): Promise<void> {
  await knex.raw(`select pg_advisory_xact_lock(hashtext('motcua.dossier_counts'))`);
  await knex.raw('lock table dossiers in share mode');
  await knex.raw('delete from dossier_count_changes');
  await knex.raw('delete from dossier_counts');
  await knex.raw(`insert into dossier_counts (${key.join(', ')}, n)
    select d.org_unit_id, v.procedure_id, d.channel, motcua_vn_month(d.received_at), motcua_vn_month(d.decided_at),
      motcua_vn_month(d.ended_at), ${due('d')}, coalesce(d.outcome, ''), count(*)
    from dossiers d join procedure_versions v on v.id = d.procedure_version_id
    where d.received_at is not null
    group by 1, 2, 3, 4, 5, 6, 7, 8`);
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create function motcua_vn_due(due_at timestamptz, decided_at timestamptz, ended_at timestamptz) returns date
    language sql immutable parallel safe as $$
      select case when decided_at is null and ended_at is null
        then coalesce((due_at at time zone 'Asia/Ho_Chi_Minh')::date, 'infinity'::date)
        else motcua_vn_month(due_at) end $$`);
  for (const t of ['dossier_counts', 'dossier_count_changes']) {
    await knex.raw(`alter table ${t} rename column due_month to due_on`);
    await knex.raw(
      `comment on column ${t}.due_on is 'the legal due moment''s day (Vietnam time) while the dossier is open, its month (first day) once decided or ended; infinity without one'`,
    );
  }
  const due = (r: string) => `motcua_vn_due(${r}.due_at, ${r}.decided_at, ${r}.ended_at)`;
  await knex.raw(trackFunction(due, KEY));
  await recount(knex, due, KEY);
  await knex.raw('analyze dossier_counts');
  await knex.raw('create index dossiers_report_open_due on dossiers (due_at) where received_at is not null and decided_at is null and ended_at is null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists dossiers_report_open_due');
  for (const t of ['dossier_counts', 'dossier_count_changes']) await knex.raw(`alter table ${t} rename column due_on to due_month`);
  const key = KEY.map((k) => (k === 'due_on' ? 'due_month' : k));
  const due = (r: string) => `motcua_vn_month(${r}.due_at)`;
  await knex.raw(trackFunction(due, key));
  await recount(knex, due, key);
  await knex.raw('drop function if exists motcua_vn_due(timestamptz, timestamptz, timestamptz)');
}

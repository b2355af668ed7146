import type { Knex } from 'knex';

/**
 * Reports at a city's ten-year scale (issue 14 §6): the received dossiers counted by unit, procedure, channel,
 * outcome and the months (Vietnam time) of their reception, decision, end and legal due. A report reads a few
 * thousand of these counts instead of millions of dossiers, and the dossiers themselves only for the months its
 * period cuts through (domain/src/reports/dossier-counts.ts).
 *
 * The counts follow every change of a dossier whatever wrote it: a trigger appends a -1 for the dossier as it was
 * and a +1 for it as it is to `dossier_count_changes` (appends only, so concurrent dossiers never wait on a shared
 * row), and a scheduled job folds the changes into `dossier_counts`. A reader sums both tables. A month not
 * known (never decided, never ended, no due) is 'infinity', which compares after every period.
 */
const KEY = ['org_unit_id', 'procedure_id', 'channel', 'received_month', 'decided_month', 'ended_month', 'due_month', 'outcome'];

function countsTable(t: Knex.CreateTableBuilder) {
  t.uuid('org_unit_id').notNullable();
  t.uuid('procedure_id').notNullable();
  t.smallint('channel').notNullable();
  t.date('received_month').notNullable();
  t.date('decided_month').notNullable();
  t.date('ended_month').notNullable();
  t.date('due_month').notNullable();
  t.text('outcome').notNullable().comment("early, on_time, late, or '' while undecided");
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create function motcua_vn_month(at timestamptz) returns date language sql immutable parallel safe
    as $$ select coalesce(date_trunc('month', at at time zone 'Asia/Ho_Chi_Minh')::date, 'infinity'::date) $$`);
  await knex.schema.createTable('dossier_counts', (t) => {
    countsTable(t);
    t.bigInteger('n').notNullable();
    t.primary(KEY);
  });
  await knex.schema.createTable('dossier_count_changes', (t) => {
    countsTable(t);
    t.integer('n').notNullable().comment('+1 or -1');
  });
  const row = (r: 'old' | 'new', n: number) => `
    insert into dossier_count_changes (${KEY.join(', ')}, n)
    select ${r}.org_unit_id, v.procedure_id, ${r}.channel, motcua_vn_month(${r}.received_at), motcua_vn_month(${r}.decided_at),
      motcua_vn_month(${r}.ended_at), motcua_vn_month(${r}.due_at), coalesce(${r}.outcome, ''), ${n}
    from procedure_versions v where v.id = ${r}.procedure_version_id;`;
  await knex.raw(`create function motcua_dossier_counts_track() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' and old.received_at is not null then ${row('old', -1)} end if;
      if tg_op <> 'DELETE' and new.received_at is not null then ${row('new', 1)} end if;
      return null;
    end $$`);
  const columns = 'org_unit_id, procedure_version_id, channel, received_at, decided_at, ended_at, due_at, outcome';
  await knex.raw(`create trigger dossiers_counts_insert_delete after insert or delete on dossiers
    for each row execute function motcua_dossier_counts_track()`);
  await knex.raw(`create trigger dossiers_counts_update after update of ${columns} on dossiers
    for each row when ((${columns
      .split(', ')
      .map((c) => `old.${c}`)
      .join(', ')}) is distinct from (${columns
      .split(', ')
      .map((c) => `new.${c}`)
      .join(', ')}))
    execute function motcua_dossier_counts_track()`);
  // the dossiers already here, counted once
  await knex.raw(`insert into dossier_counts (${KEY.join(', ')}, n)
    select d.org_unit_id, v.procedure_id, d.channel, motcua_vn_month(d.received_at), motcua_vn_month(d.decided_at),
      motcua_vn_month(d.ended_at), motcua_vn_month(d.due_at), coalesce(d.outcome, ''), count(*)
    from dossiers d join procedure_versions v on v.id = d.procedure_version_id
    where d.received_at is not null
    group by 1, 2, 3, 4, 5, 6, 7, 8`);
  // the dossiers of the months a period cuts through, found by any of their moments
  await knex.raw('create index dossiers_report_due on dossiers (due_at) where received_at is not null');
  await knex.raw('create index dossiers_report_ended on dossiers (ended_at) where ended_at is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists dossiers_counts_update on dossiers');
  await knex.raw('drop trigger if exists dossiers_counts_insert_delete on dossiers');
  await knex.raw('drop function if exists motcua_dossier_counts_track()');
  await knex.schema.dropTableIfExists('dossier_count_changes');
  await knex.schema.dropTableIfExists('dossier_counts');
  await knex.raw('drop function if exists motcua_vn_month(timestamptz)');
  await knex.raw('drop index if exists dossiers_report_due');
  await knex.raw('drop index if exists dossiers_report_ended');
}

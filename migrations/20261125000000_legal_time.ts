import type { Knex } from 'knex';
import { yearCalendar } from '../domain/src/sla/holidays.ts';

/**
 * Legal time: working-time calendars (office hours per agency, the national table of days off and swapped
 * working days, seeded 2024–2030), versioned SLA rules, and on each dossier the rule version it was received
 * under, the clock's pauses, its extended appointment (form 04) and its outcome.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('calendars', (t) => {
    t.comment('Office hours and weekly rest days of an agency. The row without org unit is the default; a unit uses the nearest calendar up its tree.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_unit_id').unique().references('org_units.id').comment('Agency this calendar belongs to; null for the default calendar');
    t.text('name').notNullable();
    t.jsonb('office_hours').notNullable().comment('Office periods of a working day, e.g. [{"start":"07:00","end":"11:30"},{"start":"13:30","end":"17:00"}]');
    t.jsonb('weekend_days').notNullable().comment('Weekly rest days, 0 = Sunday ... 6 = Saturday (QĐ 188/1999: [0,6])');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create unique index calendars_one_default on calendars ((org_unit_id is null)) where org_unit_id is null');

  await knex.schema.createTable('calendar_days', (t) => {
    t.comment(
      'Dates that differ from the weekly pattern: days off (holidays, Tết, swapped weekdays) and extra working days (swapped Saturdays). National rows have no calendar; an agency calendar may add or override dates.',
    );
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('calendar_id').references('calendars.id').onDelete('CASCADE').comment('null: the national table, for every calendar');
    t.date('date').notNullable().comment('Vietnamese calendar date');
    t.text('kind').notNullable().comment('day_off | working_day');
    t.text('name').notNullable().comment('Why, e.g. "Tết Nguyên đán Bính Ngọ", "Làm bù cho thứ Hai 27/01"');
    t.text('basis').notNullable().comment("law | decision (the Prime Minister's notice) | rule (default until decided) | admin");
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table calendar_days add constraint calendar_days_kind_check check (kind in ('day_off','working_day'))`);
  await knex.raw(`alter table calendar_days add constraint calendar_days_basis_check check (basis in ('law','decision','rule','admin'))`);
  await knex.raw('create unique index calendar_days_national_date on calendar_days (date) where calendar_id is null');
  await knex.raw('create unique index calendar_days_calendar_date on calendar_days (calendar_id, date) where calendar_id is not null');

  await knex.schema.createTable('sla_rule_versions', (t) => {
    t.comment('Versioned SLA rules (DOMAIN.md §5, configurable). A dossier keeps the version in force on the day it was received.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.integer('version').notNullable().unique();
    t.date('effective_from').notNullable().unique().comment('First Vietnamese date the version applies to');
    t.text('supplement_clock').notNullable().comment('extend: due += paused working time | restart: the full limit counts again from the complete supplement');
    t.jsonb('warn_threshold').notNullable().comment('Nearly late from the smaller of { maxWorkingHours } and { share } of the allowance before the due time');
    t.boolean('move_calendar_deadlines').notNullable().comment('A calendar-day deadline on a non-working day moves to the next working day');
    t.jsonb('supplement_allowance')
      .notNullable()
      .comment('How long the applicant has to supplement, e.g. { value: 15, unit: working_days }; then the dossier may be stopped');
    t.text('note').comment('Legal basis or reason of the change');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table sla_rule_versions add constraint sla_rule_versions_clock_check check (supplement_clock in ('extend','restart'))`);

  await knex.schema.alterTable('dossiers', (t) => {
    t.uuid('sla_rule_version_id').references('sla_rule_versions.id').comment('SLA rules in force at reception');
    t.timestamp('clock_paused_at', { useTz: true }).comment('Set while the clock is paused (status 5, waiting for a supplement)');
    t.double('paused_working_minutes').notNullable().defaultTo(0).comment('Working minutes the clock has stood still in all (fractions kept)');
    t.timestamp('extended_due_at', { useTz: true }).comment('New appointment given with an apology (form 04); lateness is judged against due_at');
    t.timestamp('late_at', { useTz: true }).comment('When the dossier first turned late; it stays late');
    t.text('outcome').comment('early | on_time | late, set when decided');
  });
  await knex.raw(`alter table dossiers add constraint dossiers_outcome_check check (outcome is null or outcome in ('early','on_time','late'))`);

  await knex.schema.createTable('dossier_apologies', (t) => {
    t.comment('Apology and new appointment (Phiếu xin lỗi và hẹn lại ngày trả kết quả, form 04), issued before a due time passes.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('dossier_id').notNullable().references('dossiers.id');
    t.text('step').notNullable().comment('Step whose officer issued it');
    t.text('reason').notNullable();
    t.timestamp('original_due_at', { useTz: true }).notNullable().comment('The legal due time (unchanged)');
    t.timestamp('previous_due_at', { useTz: true }).notNullable().comment('The appointment before this apology');
    t.timestamp('new_due_at', { useTz: true }).notNullable();
    t.uuid('issued_by').notNullable().references('accounts.id');
    t.uuid('document_id').references('dossier_documents.id');
    t.timestamp('issued_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['dossier_id']);
  });

  // several apologies may be issued for one dossier: one receipt and one result, any number of letters
  await knex.raw('alter table dossier_documents drop constraint dossier_documents_one_per_kind');
  await knex.raw(`create unique index dossier_documents_one_per_kind on dossier_documents (dossier_id, kind) where kind in ('receipt','result')`);

  await knex('calendars').insert({
    name: 'Lịch làm việc chung (QĐ 188/1999/QĐ-TTg)',
    office_hours: JSON.stringify([
      { start: '07:00', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ]),
    weekend_days: JSON.stringify([0, 6]),
  });
  const rows = [];
  for (let year = 2024; year <= 2030; year++) for (const d of yearCalendar(year)) rows.push({ date: d.date, kind: d.kind, name: d.name, basis: d.basis });
  await knex('calendar_days').insert(rows);
  await knex('sla_rule_versions').insert({
    version: 1,
    effective_from: '2018-07-01',
    supplement_clock: 'restart',
    warn_threshold: JSON.stringify({ maxWorkingHours: 24, share: 0.2 }),
    move_calendar_deadlines: true,
    supplement_allowance: JSON.stringify({ value: 15, unit: 'working_days' }),
    note: 'NĐ 61/2018/NĐ-CP, TT 01/2018/TT-VPCP: thời hạn tính lại từ khi nhận đủ hồ sơ bổ sung',
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists dossier_documents_one_per_kind');
  await knex.raw('alter table dossier_documents add constraint dossier_documents_one_per_kind unique (dossier_id, kind)');
  await knex.schema.dropTableIfExists('dossier_apologies');
  await knex.raw('alter table dossiers drop constraint if exists dossiers_outcome_check');
  await knex.schema.alterTable('dossiers', (t) => {
    t.dropColumn('sla_rule_version_id');
    t.dropColumn('clock_paused_at');
    t.dropColumn('paused_working_minutes');
    t.dropColumn('extended_due_at');
    t.dropColumn('late_at');
    t.dropColumn('outcome');
  });
  await knex.schema.dropTableIfExists('sla_rule_versions');
  await knex.schema.dropTableIfExists('calendar_days');
  await knex.schema.dropTableIfExists('calendars');
}

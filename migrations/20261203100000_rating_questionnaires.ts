import type { Knex } from 'knex';

/**
 * The satisfaction questionnaire becomes versioned data (issue 14 §3): an administrator publishes a new
 * version, never edits one; each rating keeps the version it answered and the answers to its extra questions.
 * Counter dossiers get a one-time rating code (printed on the receipt, kept here only as a hash) with which the
 * applicant rates on the counter's tablet, and the tablets hold a kiosk session an officer opened for their unit.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rating_questionnaires', (t) => {
    t.comment('Versions of the satisfaction questionnaire (phiếu đánh giá). Immutable once published; the highest version is current.');
    t.integer('version').primary().comment('1, 2, ... in the order published');
    t.uuid('id').notNullable().unique().defaultTo(knex.raw('gen_random_uuid()')).comment('the entity id of the version in the administration log');
    t.jsonb('content')
      .notNullable()
      .comment('{ overall: {vi,en}, rateSteps, stepsText: {vi,en}, extra: [{ key, scale: yes_no|levels, text: {vi,en} }], comment: { asked, text: {vi,en} } }');
    t.timestamp('published_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('published_by').references('accounts.id').comment('null for the version the migration seeded');
  });
  await knex.raw(`create function motcua_questionnaire_immutable() returns trigger language plpgsql as $$
    begin raise exception 'a published questionnaire version cannot be changed or removed'; end $$`);
  await knex.raw(
    'create trigger rating_questionnaires_immutable before update or delete on rating_questionnaires for each row execute function motcua_questionnaire_immutable()',
  );
  await knex('rating_questionnaires').insert({
    version: 1,
    content: JSON.stringify({
      overall: { vi: 'Đánh giá chung', en: 'Overall' },
      rateSteps: true,
      stepsText: { vi: 'Đánh giá từng bước xử lý', en: 'Each handling step' },
      extra: [],
      comment: { asked: true, text: { vi: 'Góp ý (không bắt buộc)', en: 'Comment (optional)' } },
    }),
  });

  await knex.schema.alterTable('dossier_ratings', (t) => {
    t.integer('questionnaire_version').references('rating_questionnaires.version').comment('the questionnaire version answered');
    t.jsonb('answers').notNullable().defaultTo('{}').comment("answers to the version's extra questions: { key: 'yes' | 'no' | 1..3 }");
  });
  await knex('dossier_ratings').update({ questionnaire_version: 1 });
  await knex.raw('alter table dossier_ratings alter column questionnaire_version set not null');
  // whatever writes a rating without naming the version answered the current one
  await knex.raw(`create function motcua_rating_questionnaire() returns trigger language plpgsql as $$
    begin
      if new.questionnaire_version is null then
        select max(version) into new.questionnaire_version from rating_questionnaires;
      end if;
      return new;
    end $$`);
  await knex.raw('create trigger dossier_ratings_questionnaire before insert on dossier_ratings for each row execute function motcua_rating_questionnaire()');

  await knex.schema.createTable('dossier_rating_codes', (t) => {
    t.comment('One-time rating codes of counter dossiers, printed on the receipt; the applicant rates with it at the tablet of the counter.');
    t.uuid('dossier_id').primary().references('dossiers.id');
    t.text('code_hash').notNullable().unique().comment('SHA-256 (hex) of the code as printed, XXXX-XXXX');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).comment('set when the result is returned (the return plus 90 days); null before');
    t.timestamp('used_at', { useTz: true }).comment('when the code was spent on a rating');
  });

  await knex.schema.createTable('rating_kiosks', (t) => {
    t.comment('Kiosk sessions of the rating tablets at the counter: opened by a receiving officer for their unit, they carry no login of anyone.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('token_hash').notNullable().unique().comment('SHA-256 (hex) of the token the tablet holds');
    t.uuid('org_unit_id').notNullable().references('org_units.id').comment("the officer's unit: the tablet rates that unit's dossiers");
    t.uuid('opened_by').notNullable().references('accounts.id');
    t.timestamp('opened_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('closed_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('rating_kiosks');
  await knex.schema.dropTableIfExists('dossier_rating_codes');
  await knex.raw('drop trigger if exists dossier_ratings_questionnaire on dossier_ratings');
  await knex.raw('drop function if exists motcua_rating_questionnaire()');
  await knex.schema.alterTable('dossier_ratings', (t) => {
    t.dropColumn('answers');
    t.dropColumn('questionnaire_version');
  });
  await knex.schema.dropTableIfExists('rating_questionnaires');
  await knex.raw('drop function if exists motcua_questionnaire_immutable()');
}

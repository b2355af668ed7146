import type { Knex } from 'knex';

/**
 * The application database of the walking platform: org units, accounts and sessions, procedures and their
 * versions, dossiers with their attachments, issued documents, timeline, code counters, SLA flags and
 * notifications. The engine keeps its own database; this one owns what a dossier *is*.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create extension if not exists pgcrypto');

  await knex.schema.createTable('org_units', (t) => {
    t.comment('Administrative units: province/city, departments, districts where they exist, communes/wards. Any depth.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('parent_id').references('org_units.id').comment('Parent unit; null for the top level');
    t.text('name').notNullable().comment('Official name, e.g. "UBND phường Bến Thành"');
    t.text('agency_code').notNullable().unique().comment('QCVN 102:2016/BTTTT identifier, e.g. 000.00.27.H29; first part of dossier codes');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table org_units add constraint org_units_agency_code_format check (agency_code ~ '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$')`);

  await knex.schema.createTable('accounts', (t) => {
    t.comment('People who log in: citizens and officers. Officers belong to one org unit.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('username').notNullable().comment('Login name, lower case');
    t.text('full_name').notNullable();
    t.text('email');
    t.text('phone');
    t.text('password_hash').notNullable().comment('argon2id hash (PHC string)');
    t.text('role').notNullable().comment('citizen | receiving_officer | specialist | leader | administrator | auditor');
    t.uuid('org_unit_id').references('org_units.id').comment('Unit of an officer; null for citizens');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('disabled_at', { useTz: true }).comment('Set when the account may no longer log in');
  });
  await knex.raw('create unique index accounts_username_unique on accounts (lower(username))');
  await knex.raw(
    `alter table accounts add constraint accounts_role_check check (role in ('citizen','receiving_officer','specialist','leader','administrator','auditor'))`,
  );
  await knex.raw(`alter table accounts add constraint accounts_officer_unit check (role in ('citizen','administrator') or org_unit_id is not null)`);

  await knex.schema.createTable('sessions', (t) => {
    t.comment('Login sessions. The cookie holds a random token; only its SHA-256 is stored.');
    t.text('token_hash').primary();
    t.uuid('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.text('csrf_token').notNullable().comment('Must come back in the X-CSRF-Token header of state-changing requests');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['account_id']);
  });

  await knex.schema.createTable('procedures', (t) => {
    t.comment('Administrative procedures (TTHC) of the catalogue, by national code.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('code').notNullable().unique().comment('National procedure code, d.dddddd, e.g. 1.001193; or a local key for procedures without one');
    t.text('name').notNullable();
    t.text('name_en').comment('English name');
    t.text('field').notNullable().comment('Lĩnh vực, e.g. Hộ tịch');
    t.jsonb('catalogue').notNullable().comment('Catalogue data of DOMAIN.md §2: channels, fees, documents, result, legal basis, online level');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('procedure_versions', (t) => {
    t.comment('A version of a procedure: BPMN model + forms + time limit + step allowances. Dossiers keep the version they started with.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('procedure_id').notNullable().references('procedures.id');
    t.integer('version').notNullable();
    t.text('status').notNullable().comment('draft | published | retired');
    t.text('process_key').notNullable().comment('id of the executable BPMN process');
    t.text('bpmn_xml').notNullable();
    t.text('application_form_id').notNullable().comment('form-js id of the application form (key of forms)');
    t.jsonb('forms').notNullable().comment('form-js schemas by form id: the application form and the task forms');
    t.jsonb('time_limit').notNullable().comment('{ value, unit: working_days | calendar_days | working_hours, cutoff? }');
    t.jsonb('step_allowances').notNullable().comment('Working time per user task, by step key, e.g. { reception: {value: 4, unit: working_hours} }');
    t.jsonb('result_template').notNullable().comment('What the result document shows: title and the form fields it prints');
    t.text('content_hash').notNullable().comment('SHA-256 of model + forms + limits: a start that finds the same hash deploys nothing new');
    t.text('engine_deployment_id').comment('Deployment id in the engine, set at publication');
    t.text('engine_process_definition_id').comment('Process definition id in the engine, set at publication');
    t.timestamp('published_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['procedure_id', 'version']);
  });
  await knex.raw(`alter table procedure_versions add constraint procedure_versions_status_check check (status in ('draft','published','retired'))`);
  await knex.raw(`create unique index procedure_versions_one_published on procedure_versions (procedure_id) where status = 'published'`);

  await knex.schema.createTable('dossiers', (t) => {
    t.comment('Dossiers (hồ sơ): what an application is. Where it is in its process is for the engine to know (businessKey = id).');
    t.uuid('id').primary();
    t.text('reference').notNullable().unique().comment('Tracking reference given at submission, before the dossier code exists');
    t.text('code').unique().comment('Dossier code (mã hồ sơ), TT 01/2018 Art. 19, assigned at reception');
    t.uuid('procedure_version_id').notNullable().references('procedure_versions.id');
    t.uuid('org_unit_id').notNullable().references('org_units.id').comment('Receiving and handling unit');
    t.uuid('applicant_id').notNullable().references('accounts.id').comment('Account of the applicant (citizen)');
    t.smallint('channel').notNullable().comment('1 in person, 2 online, 3 public postal service');
    t.smallint('status').notNullable().comment('Status code 1-10 of the National Public Service Portal');
    t.jsonb('data').notNullable().comment('Form data, validated against the application form');
    t.text('process_instance_id').unique().comment('Engine process instance');
    t.text('idempotency_key').comment('Client key of the submission: a retried submission returns the same dossier');
    t.jsonb('supplement_request').comment('Open request to supplement: { items, note, requestedAt, requestedBy }');
    t.jsonb('refusal').comment('Refusal reasons: { reasons, note, refusedAt, refusedBy }');
    t.timestamp('submitted_at', { useTz: true }).notNullable();
    t.timestamp('received_at', { useTz: true }).comment('Reception (clock start)');
    t.timestamp('due_at', { useTz: true }).comment('Legal due time of the result');
    t.text('sla_state').notNullable().defaultTo('on_time').comment('on_time | nearly_late | late; late stays late');
    t.timestamp('decided_at', { useTz: true });
    t.timestamp('returned_at', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['applicant_id', 'submitted_at']);
    t.index(['org_unit_id', 'status']);
  });
  await knex.raw('alter table dossiers add constraint dossiers_status_range check (status between 1 and 10)');
  await knex.raw('alter table dossiers add constraint dossiers_channel_range check (channel between 1 and 3)');
  await knex.raw(`alter table dossiers add constraint dossiers_sla_state_check check (sla_state in ('on_time','nearly_late','late'))`);
  await knex.raw(
    `alter table dossiers add constraint dossiers_code_format check (code is null or code ~ '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}-[0-9]{6}-[0-9]{4}$')`,
  );
  await knex.raw('create unique index dossiers_idempotency on dossiers (applicant_id, idempotency_key) where idempotency_key is not null');

  await knex.schema.createTable('dossier_code_counters', (t) => {
    t.comment(
      'The sequence of dossier codes of each unit per day of receipt (Asia/Ho_Chi_Minh). Incremented in the transaction that assigns the code, so codes are gapless.',
    );
    t.uuid('org_unit_id').notNullable().references('org_units.id');
    t.date('day').notNullable();
    t.integer('last_value').notNullable();
    t.primary(['org_unit_id', 'day']);
  });

  await knex.schema.createTable('stored_files', (t) => {
    t.comment('File contents, addressed by id. Attachments and issued documents point here.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('sha256').notNullable().comment('hex SHA-256 of content');
    t.bigInteger('size').notNullable();
    t.text('media_type').notNullable();
    t.binary('content').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('dossier_attachments', (t) => {
    t.comment('Files the applicant gave: one row per file of an attachment field of the application form.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('dossier_id').notNullable().references('dossiers.id').onDelete('CASCADE');
    t.text('field_key').notNullable().comment('Key of the attachment field in the application form');
    t.text('file_name').notNullable();
    t.uuid('file_id').notNullable().references('stored_files.id');
    t.text('media_type').notNullable();
    t.bigInteger('size').notNullable();
    t.text('sha256').notNullable();
    t.integer('round').notNullable().defaultTo(0).comment('0 at submission, n for the n-th supplement');
    t.timestamp('uploaded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['dossier_id']);
  });

  await knex.schema.createTable('dossier_documents', (t) => {
    t.comment('Documents the agency issued for a dossier: receipt (form 01), supplement request (02), refusal (03), signed result.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('dossier_id').notNullable().references('dossiers.id').onDelete('CASCADE');
    t.text('kind').notNullable().comment('receipt | result | ...');
    t.text('file_name').notNullable();
    t.uuid('file_id').notNullable().references('stored_files.id');
    t.text('sha256').notNullable();
    t.boolean('signed').notNullable().defaultTo(false);
    t.jsonb('signature').comment('Signer subject, issuer, serial, signing time, for signed documents');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['dossier_id', 'kind'], { indexName: 'dossier_documents_one_per_kind' });
  });

  await knex.schema.createTable('dossier_events', (t) => {
    t.comment('The timeline (audit trail) of a dossier: append-only, hash-chained per dossier.');
    t.bigIncrements('id');
    t.uuid('dossier_id').notNullable().references('dossiers.id');
    t.integer('seq').notNullable().comment('1, 2, ... per dossier');
    t.text('type').notNullable().comment('submitted, received, supplement_requested, ...');
    t.uuid('actor_id').references('accounts.id').comment('Who acted; null for the system (workers, timers)');
    t.text('actor_name').notNullable().comment('Name of the actor at the time, or "Hệ thống"');
    t.text('step').comment('Process step the event belongs to (reception, review, approval, ...)');
    t.smallint('status_from');
    t.smallint('status_to');
    t.jsonb('data').notNullable().defaultTo('{}');
    t.timestamp('at', { useTz: true }).notNullable();
    t.text('prev_hash').notNullable();
    t.text('hash').notNullable().comment('SHA-256 over prev_hash and this row: editing any row breaks the chain');
    t.unique(['dossier_id', 'seq']);
  });
  await knex.raw(`
    create function dossier_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'dossier_events is append-only';
    end $$`);
  await knex.raw(
    `create trigger dossier_events_no_update before update or delete on dossier_events for each row execute function dossier_events_append_only()`,
  );

  await knex.schema.createTable('dossier_sla_flags', (t) => {
    t.comment('SLA flags raised by the engine timers: one row per dossier, step and level, so a redelivered timer flags once.');
    t.uuid('dossier_id').notNullable().references('dossiers.id');
    t.text('step').notNullable();
    t.text('level').notNullable().comment('nearly_late | late');
    t.timestamp('flagged_at', { useTz: true }).notNullable();
    t.primary(['dossier_id', 'step', 'level']);
  });

  await knex.schema.createTable('notifications', (t) => {
    t.comment('In-account notifications. Other channels (mail, SMS) send from these rows.');
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('account_id').notNullable().references('accounts.id');
    t.uuid('dossier_id').references('dossiers.id');
    t.text('kind').notNullable();
    t.jsonb('title').notNullable().comment('{ vi, en }');
    t.jsonb('body').notNullable().comment('{ vi, en }');
    t.text('dedupe_key').notNullable().unique().comment('Same event, same recipient: one notification, whatever the retries');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('read_at', { useTz: true });
    t.index(['account_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'notifications',
    'dossier_sla_flags',
    'dossier_events',
    'dossier_documents',
    'dossier_attachments',
    'stored_files',
    'dossier_code_counters',
    'dossiers',
    'procedure_versions',
    'procedures',
    'sessions',
    'accounts',
    'org_units',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('drop function if exists dossier_events_append_only()');
}

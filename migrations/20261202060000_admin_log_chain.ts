import type { Knex } from 'knex';
import { auditHash } from '../domain/src/audit/admin-audit.repository.ts';
import { GENESIS } from '../domain/src/timeline/timeline.repository.ts';

/**
 * The administration log becomes hash-chained like a dossier's timeline: each row carries the previous row's
 * hash and its own over its content, so an auditor can show that no row was altered or removed. The rows so
 * far are chained in their order (the append-only trigger stands aside for that one update).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('admin_audit_log', (t) => {
    t.text('prev_hash').comment("The previous row's hash (64 zeros for the first)");
    t.text('hash').comment('SHA-256 of the previous hash and this row, canonical JSON');
  });
  await knex.raw('alter table admin_audit_log disable trigger admin_audit_log_append_only');
  let prev = GENESIS;
  for (const r of await knex('admin_audit_log').orderBy('id')) {
    const { id, prev_hash: _p, hash: _h, ...body } = r;
    const hash = auditHash(prev, body);
    await knex('admin_audit_log').where({ id }).update({ prev_hash: prev, hash });
    prev = hash;
  }
  await knex.raw('alter table admin_audit_log enable trigger admin_audit_log_append_only');
  await knex.raw('alter table admin_audit_log alter column prev_hash set not null, alter column hash set not null');
  await knex.raw(`alter table admin_audit_log drop constraint if exists admin_audit_log_entity_check`);
  await knex.raw('create index admin_audit_log_at on admin_audit_log (at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists admin_audit_log_at');
  await knex.raw('alter table admin_audit_log disable trigger admin_audit_log_append_only');
  await knex.schema.alterTable('admin_audit_log', (t) => {
    t.dropColumn('prev_hash');
    t.dropColumn('hash');
  });
  await knex.raw('alter table admin_audit_log enable trigger admin_audit_log_append_only');
}

/**
 * The administration log: every change to units, people, roles and rights, calendars and SLA rules, procedure
 * versions published and retired, and officers' logins and
 * failed logins, who did it and when, the entity before and after. Append-only (PostgreSQL refuses updates and
 * deletes) and hash-chained (each row's hash covers the previous row's), so a row altered or removed behind the
 * database's back shows; written in the change's own transaction, so a change and its record exist together or
 * not at all.
 */
import { createHash } from 'node:crypto';
import type { DbOrTx } from '../db/db.ts';
import { GENESIS, canonical } from '../timeline/timeline.repository.ts';

export type AuditEntity =
  'org_unit' | 'account' | 'role' | 'calendar' | 'login' | 'procedure' | 'sla_rules' | 'indicator_entry' | 'indicator_bands' | 'questionnaire';

/** the entity of a failed login under a user name no account has */
export const NO_ACCOUNT = '00000000-0000-0000-0000-000000000000';

export interface AuditEntry {
  id: string;
  at: Date;
  actor: { id: string | null; name: string };
  entity: AuditEntity;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  /** the row's link in the chain */
  hash: string;
}

interface DbAuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  entity: AuditEntity;
  entity_id: string;
  action: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

const toEntry = (r: DbAuditRow): AuditEntry => ({
  id: String(r.id),
  at: r.at,
  actor: { id: r.actor_id, name: r.actor_name },
  entity: r.entity,
  entityId: r.entity_id,
  action: r.action,
  before: r.before,
  after: r.after,
  requestId: r.request_id,
  hash: r.hash,
});

/** The hash of a row: the previous row's hash and the row's own content, canonical. */
export function auditHash(prevHash: string, row: Omit<DbAuditRow, 'id' | 'prev_hash' | 'hash'>): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonical({ ...row, at: row.at.toISOString() }))
    .digest('hex');
}

/** JSON as the database gives it back (dates as text), so what is hashed is what is stored */
const asStored = (v: unknown) => (v === null || v === undefined ? null : JSON.parse(JSON.stringify(v)));

export async function recordChange({
  db,
  change,
}: {
  db: DbOrTx;
  change: {
    actor: { id: string; fullName: string } | null;
    entity: AuditEntity;
    entityId: string;
    action: string;
    before: unknown;
    after: unknown;
    requestId?: string | null;
  };
}): Promise<void> {
  if (!db.isTransaction) return db.transaction((tx) => recordChange({ db: tx, change }));
  // one chain: its rows are appended one at a time
  await db.raw(`select pg_advisory_xact_lock(hashtext('admin_audit_log'))`);
  const last = await db<DbAuditRow>('admin_audit_log').orderBy('id', 'desc').first('hash');
  const row = {
    at: new Date(),
    actor_id: change.actor?.id ?? null,
    actor_name: change.actor?.fullName ?? 'Hệ thống',
    entity: change.entity,
    entity_id: change.entityId,
    action: change.action,
    before: asStored(change.before),
    after: asStored(change.after),
    request_id: change.requestId ?? null,
  };
  const prevHash = last?.hash ?? GENESIS;
  await db('admin_audit_log').insert({
    ...row,
    before: row.before === null ? null : JSON.stringify(row.before),
    after: row.after === null ? null : JSON.stringify(row.after),
    prev_hash: prevHash,
    hash: auditHash(prevHash, row),
  });
}

/**
 * Recomputes the chain from its start.
 * @returns how many rows hold, and the id of the first row whose content or link does not match (none when the
 *   log is intact)
 */
export async function verifyAuditChain({ db }: { db: DbOrTx }): Promise<{ brokenAt?: string; checked: number }> {
  let prev = GENESIS;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db<DbAuditRow>('admin_audit_log').where('id', '>', after).orderBy('id').limit(1000);
    for (const r of rows) {
      const { id, prev_hash, hash, ...body } = r;
      if (prev_hash !== prev || auditHash(prev, body) !== hash) return { brokenAt: String(id), checked };
      prev = hash;
      after = Number(id);
      checked++;
    }
    if (rows.length < 1000) return { checked };
  }
}

/** One row of the log, as it is stored now. */
export async function findChange({ db, id }: { db: DbOrTx; id: string }): Promise<AuditEntry | undefined> {
  const row = await db<DbAuditRow>('admin_audit_log').where({ id }).first();
  return row ? toEntry(row) : undefined;
}

/** The log, newest first, searched as the auditors do: by kind of entity, action, name and dates. */
export async function searchChanges({
  db,
  filter,
  limit,
  offset,
}: {
  db: DbOrTx;
  filter: { entity?: AuditEntity; action?: string; q?: string; from?: Date; to?: Date };
  limit: number;
  offset: number;
}): Promise<{ items: AuditEntry[]; total: number }> {
  const q = db<DbAuditRow>('admin_audit_log');
  if (filter.entity) q.where('entity', filter.entity);
  if (filter.action) q.where('action', filter.action);
  if (filter.from) q.where('at', '>=', filter.from);
  if (filter.to) q.where('at', '<', filter.to);
  // the actor's name, or the user name a login was tried under
  if (filter.q) q.where((w) => w.whereILike('actor_name', `%${filter.q}%`).orWhereRaw(`after->>'username' ilike ?`, [`%${filter.q}%`]));
  const n = ((await q.clone().count({ n: '*' })) as { n: string }[])[0]?.n ?? 0;
  const rows = await q.orderBy('id', 'desc').limit(limit).offset(offset);
  return { items: rows.map(toEntry), total: Number(n) };
}

/** Changes, newest first, of one entity or of a kind of entity. */
export async function listChanges({
  db,
  entity,
  entityIds,
  limit,
  offset,
}: {
  db: DbOrTx;
  entity?: AuditEntity;
  /** only changes of these entities (a scoped administrator's units) */
  entityIds?: string[];
  limit: number;
  offset: number;
}): Promise<{ items: AuditEntry[]; total: number }> {
  const q = db<DbAuditRow>('admin_audit_log');
  if (entity) q.where({ entity });
  if (entityIds) q.whereIn('entity_id', entityIds);
  const [{ n }] = (await q.clone().count({ n: '*' })) as [{ n: string }];
  const rows = await q.orderBy('id', 'desc').limit(limit).offset(offset);
  return { items: rows.map(toEntry), total: Number(n) };
}

/**
 * The administration log: every change to units, people, roles and rights, who made it and when, the entity
 * before and after. Append-only (PostgreSQL refuses updates and deletes); written in the change's own
 * transaction, so a change and its record exist together or not at all.
 */
import type { DbOrTx } from '../db/db.ts';

export type AuditEntity = 'org_unit' | 'account' | 'role' | 'calendar';

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
});

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
  await db('admin_audit_log').insert({
    actor_id: change.actor?.id ?? null,
    actor_name: change.actor?.fullName ?? 'Hệ thống',
    entity: change.entity,
    entity_id: change.entityId,
    action: change.action,
    before: change.before === null || change.before === undefined ? null : JSON.stringify(change.before),
    after: change.after === null || change.after === undefined ? null : JSON.stringify(change.after),
    request_id: change.requestId ?? null,
  });
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

/**
 * The timeline of a dossier: every state change and decision, append-only (a trigger forbids UPDATE and
 * DELETE) and hash-chained per dossier (each row's hash covers the previous hash), so tampering shows.
 * Append inside the transaction that makes the change, after locking the dossier row.
 */
import { createHash } from 'node:crypto';
import type { DbOrTx } from '../db/db.ts';
import type { DossierStatus } from '../dossiers/dossier-status.ts';

export const SYSTEM_ACTOR = 'Hệ thống';
export const GENESIS = '0'.repeat(64);

export interface TimelineEvent {
  seq: number;
  type: string;
  actorId: string | null;
  actorName: string;
  step: string | null;
  statusFrom: DossierStatus | null;
  statusTo: DossierStatus | null;
  data: Record<string, unknown>;
  at: Date;
  hash: string;
}

export interface NewTimelineEvent {
  dossierId: string;
  type: string;
  actor?: { id: string; fullName: string } | null;
  step?: string | null;
  statusFrom?: DossierStatus | null;
  statusTo?: DossierStatus | null;
  data?: Record<string, unknown>;
  at?: Date;
}

interface DbEventRow {
  id: number;
  dossier_id: string;
  seq: number;
  type: string;
  actor_id: string | null;
  actor_name: string;
  step: string | null;
  status_from: number | null;
  status_to: number | null;
  data: Record<string, unknown>;
  at: Date;
  prev_hash: string;
  hash: string;
}

/** JSON with its keys sorted at every level: the same value always hashes the same. */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  return `{${Object.keys(v as object)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

function eventHash(prevHash: string, row: Omit<DbEventRow, 'id' | 'hash' | 'prev_hash'>): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonical({ ...row, at: row.at.toISOString() }))
    .digest('hex');
}

/**
 * The canonical text of an event around its `seq`, which only the database knows when it inserts: the keys
 * sorted put the dossier id just before it and the statuses just after, so `prefix + seq + suffix` is
 * `canonical(row)` exactly, and the hash the database computes is the one `eventHash` computes.
 */
function canonicalAroundSeq(row: Omit<DbEventRow, 'id' | 'hash' | 'prev_hash' | 'seq'>): { prefix: string; suffix: string } {
  const { actor_id, actor_name, at, data, dossier_id, status_from, status_to, step, type } = row;
  const head = canonical({ actor_id, actor_name, at: at.toISOString(), data, dossier_id });
  const tail = canonical({ status_from, status_to, step, type });
  return { prefix: `${head.slice(0, -1)},"seq":`, suffix: `,${tail.slice(1)}` };
}

/**
 * A new event's row, and its canonical text around the `seq` the database gives it when it appends the row
 * (and hashes it: SHA-256 of the previous hash, `prefix`, the seq and `suffix`).
 */
export function newEventRow(event: NewTimelineEvent) {
  const body = {
    dossier_id: event.dossierId,
    type: event.type,
    actor_id: event.actor?.id ?? null,
    actor_name: event.actor?.fullName ?? SYSTEM_ACTOR,
    step: event.step ?? null,
    status_from: event.statusFrom ?? null,
    status_to: event.statusTo ?? null,
    data: JSON.parse(JSON.stringify(event.data ?? {})) as Record<string, unknown>,
    at: new Date(Math.floor((event.at ?? new Date()).getTime())),
  };
  const { prefix, suffix } = canonicalAroundSeq(body);
  /** what the statement that appends it binds */
  const params = {
    dossierId: body.dossier_id,
    type: body.type,
    actorId: body.actor_id,
    actorName: body.actor_name,
    step: body.step,
    statusFrom: body.status_from,
    statusTo: body.status_to,
    data: body.data,
    at: body.at,
    prefix,
    suffix,
  };
  return { body, params };
}

/**
 * Appends one event. The caller holds the dossier row lock (select ... for update or a guarded update).
 * One statement: it reads the chain's last event, and the database hashes the new one (SHA-256 over the
 * previous hash and the canonical text, as verifyChain recomputes it).
 */
export async function appendEvent({ db, event }: { db: DbOrTx; event: NewTimelineEvent }): Promise<TimelineEvent> {
  const { body, params } = newEventRow(event);
  const {
    rows: [row],
  } = await db.raw<{ rows: { seq: number; prev_hash: string; hash: string }[] }>(
    `with last as (select seq, hash from dossier_events where dossier_id = :dossierId order by seq desc limit 1),
          chain as (select coalesce(l.seq, 0) + 1 as seq, coalesce(l.hash, :genesis) as prev from (values (1)) v left join last l on true)
     insert into dossier_events (dossier_id, seq, type, actor_id, actor_name, step, status_from, status_to, data, at, prev_hash, hash)
     select :dossierId, c.seq, :type, :actorId, :actorName, :step, :statusFrom, :statusTo, :data::jsonb, :at, c.prev,
            encode(sha256(convert_to(c.prev || :prefix || c.seq::text || :suffix, 'UTF8')), 'hex')
       from chain c
     returning seq, prev_hash, hash`,
    { ...params, genesis: GENESIS, data: JSON.stringify(params.data) },
  );
  return toEvent({ ...body, id: 0, seq: row!.seq, prev_hash: row!.prev_hash, hash: row!.hash });
}

const toEvent = (r: DbEventRow): TimelineEvent => ({
  seq: r.seq,
  type: r.type,
  actorId: r.actor_id,
  actorName: r.actor_name,
  step: r.step,
  statusFrom: r.status_from as DossierStatus | null,
  statusTo: r.status_to as DossierStatus | null,
  data: r.data,
  at: r.at,
  hash: r.hash,
});

export async function listEvents({ db, dossierId }: { db: DbOrTx; dossierId: string }): Promise<TimelineEvent[]> {
  return (await db<DbEventRow>('dossier_events').where({ dossier_id: dossierId }).orderBy('seq')).map(toEvent);
}

/** The latest event of this type, or of any of these types (e.g. the officer's `reception_accept`), or undefined. */
export async function lastEventOfType({ db, dossierId, type }: { db: DbOrTx; dossierId: string; type: string | string[] }): Promise<TimelineEvent | undefined> {
  const row = await db<DbEventRow>('dossier_events').where({ dossier_id: dossierId }).whereIn('type', [type].flat()).orderBy('seq', 'desc').first();
  return row ? toEvent(row) : undefined;
}

/** Recomputes the chain: the seq of the first row whose hash does not match, or undefined when intact. */
export async function verifyChain({ db, dossierId }: { db: DbOrTx; dossierId: string }): Promise<number | undefined> {
  const rows = await db<DbEventRow>('dossier_events').where({ dossier_id: dossierId }).orderBy('seq');
  let prev = GENESIS;
  for (const r of rows) {
    const { id: _id, hash, prev_hash, ...body } = r;
    if (prev_hash !== prev || eventHash(prev, body) !== hash) return r.seq;
    prev = hash;
  }
  return undefined;
}

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

/** Appends one event. The caller holds the dossier row lock (select ... for update or a guarded update). */
export async function appendEvent({ db, event }: { db: DbOrTx; event: NewTimelineEvent }): Promise<TimelineEvent> {
  const last = await db<DbEventRow>('dossier_events').where({ dossier_id: event.dossierId }).orderBy('seq', 'desc').first('seq', 'hash');
  const body = {
    dossier_id: event.dossierId,
    seq: (last?.seq ?? 0) + 1,
    type: event.type,
    actor_id: event.actor?.id ?? null,
    actor_name: event.actor?.fullName ?? SYSTEM_ACTOR,
    step: event.step ?? null,
    status_from: event.statusFrom ?? null,
    status_to: event.statusTo ?? null,
    data: JSON.parse(JSON.stringify(event.data ?? {})) as Record<string, unknown>,
    at: new Date(Math.floor((event.at ?? new Date()).getTime())),
  };
  const prev = last?.hash ?? GENESIS;
  const hash = eventHash(prev, body);
  await db('dossier_events').insert({ ...body, data: JSON.stringify(body.data), prev_hash: prev, hash });
  return toEvent({ ...body, id: 0, prev_hash: prev, hash });
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

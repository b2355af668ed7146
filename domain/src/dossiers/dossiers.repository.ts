/**
 * Dossiers and their code counters in the application database (their attachments are in
 * attachments.repository.ts, their apologies in apologies.repository.ts, the documents issued for them in
 * documents/documents.repository.ts). Status changes are guarded updates: `where status in (expected)`, and
 * a caller that finds no row gets a conflict.
 */
import type { Knex } from 'knex';
import type { DbOrTx, Tx } from '../db/db.ts';
import type { Outcome, SlaState } from '../sla/deadlines.ts';
import { vnDate } from '../time/vietnam-time.ts';
import type { DossierStatus } from './dossier-status.ts';

export type Channel = 1 | 2 | 3;

export interface SupplementRequest {
  items: string[];
  note: string | null;
  step: string;
  requestedAt: string;
  requestedBy: { id: string; name: string };
  /** when the applicant's time to supplement runs out (ISO) */
  dueAt?: string;
}

export interface Refusal {
  reasons: string;
  note: string | null;
  step: string;
  refusedAt: string;
  refusedBy: { id: string; name: string };
}

export interface Dossier {
  id: string;
  reference: string;
  code: string | null;
  procedureVersionId: string;
  orgUnitId: string;
  applicantId: string;
  channel: Channel;
  status: DossierStatus;
  data: Record<string, unknown>;
  processInstanceId: string | null;
  idempotencyKey: string | null;
  supplementRequest: SupplementRequest | null;
  refusal: Refusal | null;
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  slaState: SlaState;
  decidedAt: Date | null;
  returnedAt: Date | null;
  updatedAt: Date;
  slaRuleVersionId: string | null;
  clockPausedAt: Date | null;
  pausedWorkingMinutes: number;
  extendedDueAt: Date | null;
  lateAt: Date | null;
  outcome: Outcome | null;
  enteredBy: string | null;
  /** the organisation it was filed for (its members see it), if any */
  organisationId: string | null;
}

export interface DbDossierRow {
  id: string;
  reference: string;
  code: string | null;
  procedure_version_id: string;
  org_unit_id: string;
  applicant_id: string;
  channel: number;
  status: number;
  data: Record<string, unknown>;
  process_instance_id: string | null;
  idempotency_key: string | null;
  supplement_request: SupplementRequest | null;
  refusal: Refusal | null;
  submitted_at: Date;
  received_at: Date | null;
  due_at: Date | null;
  sla_state: SlaState;
  decided_at: Date | null;
  returned_at: Date | null;
  updated_at: Date;
  sla_rule_version_id: string | null;
  clock_paused_at: Date | null;
  paused_working_minutes: number;
  extended_due_at: Date | null;
  late_at: Date | null;
  outcome: Outcome | null;
  entered_by: string | null;
  organisation_id?: string | null;
}

export const toDossier = (r: DbDossierRow): Dossier => ({
  id: r.id,
  reference: r.reference,
  code: r.code,
  procedureVersionId: r.procedure_version_id,
  orgUnitId: r.org_unit_id,
  applicantId: r.applicant_id,
  channel: r.channel as Channel,
  status: r.status as DossierStatus,
  data: r.data,
  processInstanceId: r.process_instance_id,
  idempotencyKey: r.idempotency_key,
  supplementRequest: r.supplement_request,
  refusal: r.refusal,
  submittedAt: r.submitted_at,
  receivedAt: r.received_at,
  dueAt: r.due_at,
  slaState: r.sla_state,
  decidedAt: r.decided_at,
  returnedAt: r.returned_at,
  updatedAt: r.updated_at,
  slaRuleVersionId: r.sla_rule_version_id,
  clockPausedAt: r.clock_paused_at,
  pausedWorkingMinutes: r.paused_working_minutes,
  extendedDueAt: r.extended_due_at,
  lateAt: r.late_at,
  outcome: r.outcome,
  enteredBy: r.entered_by,
  organisationId: r.organisation_id ?? null,
});

export interface NewDossier {
  id: string;
  reference: string;
  procedureVersionId: string;
  orgUnitId: string;
  applicantId: string;
  channel: Channel;
  status: DossierStatus;
  data: Record<string, unknown>;
  idempotencyKey: string | null;
  submittedAt: Date;
  /** officer who entered a counter application */
  enteredBy?: string | null;
}

export async function insertDossier({ db, dossier }: { db: DbOrTx; dossier: NewDossier }): Promise<Dossier> {
  const [row] = await db('dossiers')
    .insert({
      id: dossier.id,
      reference: dossier.reference,
      procedure_version_id: dossier.procedureVersionId,
      org_unit_id: dossier.orgUnitId,
      applicant_id: dossier.applicantId,
      channel: dossier.channel,
      status: dossier.status,
      data: JSON.stringify(dossier.data),
      idempotency_key: dossier.idempotencyKey,
      submitted_at: dossier.submittedAt,
      entered_by: dossier.enteredBy ?? null,
    })
    .returning('*');
  return toDossier(row as DbDossierRow);
}

export async function findDossier({ db, id }: { db: DbOrTx; id: string }): Promise<Dossier | undefined> {
  const row = await db<DbDossierRow>('dossiers').where({ id }).first();
  return row && toDossier(row);
}

/** A dossier by its code or tracking reference as typed, in any letter case (both are written in capitals). */
export async function findDossierByCodeOrReference({ db, key }: { db: DbOrTx; key: string }): Promise<Dossier | undefined> {
  const keys = [...new Set([key, key.toUpperCase()])];
  const row = await db<DbDossierRow>('dossiers').whereIn('code', keys).orWhereIn('reference', keys).first();
  return row && toDossier(row);
}

export async function findDossierByIdempotencyKey({ db, applicantId, key }: { db: DbOrTx; applicantId: string; key: string }): Promise<Dossier | undefined> {
  const row = await db<DbDossierRow>('dossiers').where({ applicant_id: applicantId, idempotency_key: key }).first();
  return row && toDossier(row);
}

/** Dossiers by their process instances, or (not linked to one yet: their start is being finished) by their ids. */
export type DossiersBy = { instanceIds: string[] } | { unlinkedIds: string[] };

/** Limits a query of dossiers (`d`: the table's name or alias in it) to these; one text whatever their number. */
export function whereDossiersBy<Q extends Knex.QueryBuilder>(q: Q, by: DossiersBy, d = 'dossiers'): Q {
  if ('instanceIds' in by) return q.whereRaw(`${d}.process_instance_id = any(?)`, [by.instanceIds]) as Q;
  return q.whereRaw(`${d}.id = any(?::uuid[])`, [by.unlinkedIds]).whereNull(`${d}.process_instance_id`) as Q;
}

export const noDossiers = (by: DossiersBy) => ('instanceIds' in by ? by.instanceIds : by.unlinkedIds).length === 0;

export async function findDossiersBy({ db, by }: { db: DbOrTx; by: DossiersBy }): Promise<Dossier[]> {
  if (noDossiers(by)) return [];
  return ((await whereDossiersBy(db('dossiers'), by)) as DbDossierRow[]).map(toDossier);
}

/** Locks the dossier row for the rest of the transaction. */
export async function lockDossier({ tx, id }: { tx: Tx; id: string }): Promise<Dossier | undefined> {
  const row = await tx<DbDossierRow>('dossiers').where({ id }).forUpdate().first();
  return row && toDossier(row);
}

export type DossierPatch = Partial<{
  status: DossierStatus;
  code: string;
  data: Record<string, unknown>;
  processInstanceId: string;
  supplementRequest: SupplementRequest | null;
  refusal: Refusal | null;
  receivedAt: Date;
  dueAt: Date;
  slaState: SlaState;
  decidedAt: Date;
  returnedAt: Date;
  slaRuleVersionId: string;
  clockPausedAt: Date | null;
  pausedWorkingMinutes: number;
  extendedDueAt: Date;
  lateAt: Date;
  outcome: Outcome;
  /** when it left handling without a result (withdrawn, stopped) */
  endedAt: Date;
}>;

const columns: Record<keyof DossierPatch, string> = {
  status: 'status',
  code: 'code',
  data: 'data',
  processInstanceId: 'process_instance_id',
  supplementRequest: 'supplement_request',
  refusal: 'refusal',
  receivedAt: 'received_at',
  dueAt: 'due_at',
  slaState: 'sla_state',
  decidedAt: 'decided_at',
  returnedAt: 'returned_at',
  slaRuleVersionId: 'sla_rule_version_id',
  clockPausedAt: 'clock_paused_at',
  pausedWorkingMinutes: 'paused_working_minutes',
  extendedDueAt: 'extended_due_at',
  lateAt: 'late_at',
  outcome: 'outcome',
  endedAt: 'ended_at',
};
const jsonColumns = new Set(['data', 'supplementRequest', 'refusal']);

/**
 * Updates a dossier; with `expectStatus` only while its status is one of those (a guarded transition).
 * @returns the updated dossier, or undefined when the guard did not match
 */
export async function updateDossier({
  db,
  id,
  patch,
  expectStatus,
}: {
  db: DbOrTx;
  id: string;
  patch: DossierPatch;
  expectStatus?: readonly DossierStatus[];
}): Promise<Dossier | undefined> {
  const set: Record<string, unknown> = { updated_at: db.fn.now() };
  for (const [k, v] of Object.entries(patch)) {
    set[columns[k as keyof DossierPatch]] = jsonColumns.has(k) && v !== null ? JSON.stringify(v) : v;
  }
  const q = db<DbDossierRow>('dossiers').where({ id });
  if (expectStatus) q.whereIn('status', expectStatus as number[]);
  const [row] = await q.update(set).returning('*');
  return row && toDossier(row as DbDossierRow);
}

export async function listDossiersOfApplicant({
  db,
  applicantId,
  limit,
  offset,
}: {
  db: DbOrTx;
  applicantId: string;
  limit: number;
  offset: number;
}): Promise<{ items: Dossier[]; total: number }> {
  // their own, and those filed for an organisation they act for
  const mine = (q: Knex.QueryBuilder) =>
    q
      .where({ applicant_id: applicantId })
      .orWhereIn('organisation_id', db('organisation_members').where({ account_id: applicantId }).select('organisation_id'));
  const [rows, [{ count }]] = await Promise.all([
    db<DbDossierRow>('dossiers').where(mine).orderBy('submitted_at', 'desc').limit(limit).offset(offset),
    db('dossiers').where(mine).count({ count: '*' }) as unknown as Promise<[{ count: number }]>,
  ]);
  return { items: rows.map(toDossier), total: Number(count) };
}

/**
 * The next number of a unit's dossier codes for the day of receipt (Vietnamese date). The counter row stays
 * locked until the transaction ends, so concurrent receptions in one unit queue here and a rolled-back
 * reception gives its number back: codes are unique and gapless.
 */
export async function nextCodeSequence({ tx, orgUnitId, receivedAt }: { tx: Tx; orgUnitId: string; receivedAt: Date }): Promise<number> {
  const { rows } = await tx.raw<{ rows: { last_value: number }[] }>(
    `insert into dossier_code_counters (org_unit_id, day, last_value) values (?, ?, 1)
     on conflict (org_unit_id, day) do update set last_value = dossier_code_counters.last_value + 1
     returning last_value`,
    [orgUnitId, vnDate(receivedAt)],
  );
  return rows[0]!.last_value;
}

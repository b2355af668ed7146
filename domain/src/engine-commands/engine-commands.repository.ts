/**
 * The outbox of engine commands (table `engine_commands`). A command is written with the dossier change that
 * needs it, leased by one runner at a time (a lease, not a row lock: nothing waits on the engine), and ends
 * done or failed.
 */
import type { DbOrTx } from '../db/db.ts';
import type { DossierStatus } from '../dossiers/dossier-status.ts';
import type { EngineVariable } from '../engine/engine.client.ts';
import { newEventRow, type NewTimelineEvent } from '../timeline/timeline.repository.ts';

export type CommandKind = 'start' | 'claim' | 'unclaim' | 'complete' | 'message';
export type CommandState = 'pending' | 'done' | 'failed';

/** What a message command waits to see in the engine when its outcome is unknown. */
export type MessageEffect = 'message_caught' | 'instance_ended';

export type CommandPayload =
  | { kind: 'start'; processDefinitionId: string; variables: Record<string, EngineVariable>; attachments: number }
  /** group: the candidate group the claimer worked in (`<role>:<unit>`); absent in claims written before it */
  | { kind: 'claim'; taskId: string; userId: string; step: string; startsHandling: boolean; group?: string }
  /** reason: why someone other than the holder gives it back (role_removed, account_deactivated) */
  | { kind: 'unclaim'; taskId: string; userId: string; step: string; reason?: string }
  | { kind: 'complete'; taskId: string; userId: string; step: string; variables: Record<string, EngineVariable> }
  | { kind: 'message'; messageName: string; effect: MessageEffect; variables: Record<string, EngineVariable> };

export interface EngineCommand {
  id: string;
  seq: number;
  dossierId: string;
  kind: CommandKind;
  dedupeKey: string;
  payload: CommandPayload;
  actorId: string | null;
  requestId: string | null;
  state: CommandState;
  attempts: number;
  outcome: string | null;
  lastError: string | null;
  createdAt: Date;
  doneAt: Date | null;
  /** the actor's name, read with the command when it was leased (the timeline names them) */
  actorName?: string | null;
  /** a start's dossier as it was submitted, read with the command when it was leased (its `submitted` event) */
  submitted?: { channel: number; at: Date };
}

interface DbCommandRow {
  id: string;
  seq: number;
  dossier_id: string;
  kind: CommandKind;
  dedupe_key: string;
  payload: Omit<CommandPayload, 'kind'>;
  actor_id: string | null;
  request_id: string | null;
  state: CommandState;
  attempts: number;
  lease_until: Date | null;
  outcome: string | null;
  last_error: string | null;
  created_at: Date;
  done_at: Date | null;
  actor_name?: string | null;
  submitted_channel?: number | null;
  submitted_at?: Date | null;
}

const toCommand = (r: DbCommandRow): EngineCommand => ({
  id: r.id,
  seq: r.seq,
  dossierId: r.dossier_id,
  kind: r.kind,
  dedupeKey: r.dedupe_key,
  payload: { ...r.payload, kind: r.kind } as CommandPayload,
  actorId: r.actor_id,
  requestId: r.request_id,
  state: r.state,
  attempts: r.attempts,
  outcome: r.outcome,
  lastError: r.last_error,
  createdAt: r.created_at,
  doneAt: r.done_at,
  ...(r.actor_name !== undefined ? { actorName: r.actor_name } : {}),
  ...(r.submitted_channel != null && r.submitted_at ? { submitted: { channel: r.submitted_channel, at: r.submitted_at } } : {}),
});

export interface NewCommand {
  dossierId: string;
  dedupeKey: string;
  payload: CommandPayload;
  actorId?: string | null;
  requestId?: string | null;
}

/** Writes a command; one with the same dedupe key already written makes this a no-op (undefined). */
export async function insertCommand({ db, command }: { db: DbOrTx; command: NewCommand }): Promise<EngineCommand | undefined> {
  const { kind, ...payload } = command.payload;
  const [row] = await db('engine_commands')
    .insert({
      dossier_id: command.dossierId,
      kind,
      dedupe_key: command.dedupeKey,
      payload: JSON.stringify(payload),
      actor_id: command.actorId ?? null,
      request_id: command.requestId ?? null,
    })
    .onConflict('dedupe_key')
    .ignore()
    .returning('*');
  return row && toCommand(row as DbCommandRow);
}

export async function findCommand({ db, id }: { db: DbOrTx; id: string }): Promise<EngineCommand | undefined> {
  const row = await db<DbCommandRow>('engine_commands').where({ id }).first();
  return row && toCommand(row);
}

export async function findCommandByKey({ db, dedupeKey }: { db: DbOrTx; dedupeKey: string }): Promise<EngineCommand | undefined> {
  const row = await db<DbCommandRow>('engine_commands').where({ dedupe_key: dedupeKey }).first();
  return row && toCommand(row);
}

/**
 * Leases the dossier's oldest pending command, unless another runner holds it. Commands of a dossier run in
 * the order they were written, so only the oldest is ever leased.
 * @returns the leased command; `busy` when another runner holds it; undefined when nothing is pending
 */
export async function leaseNext({
  db,
  dossierId,
  leaseSeconds,
}: {
  db: DbOrTx;
  dossierId: string;
  leaseSeconds: number;
}): Promise<EngineCommand | 'busy' | undefined> {
  // one statement (it runs for every command): the oldest pending command, leased unless another runner holds
  // it, with what the timeline's record of its end needs: its actor's name, and a start's dossier as submitted
  const { rows } = await db.raw(
    `with next as (
       select id from engine_commands where dossier_id = ? and state = 'pending' order by seq limit 1
     ), leased as (
       update engine_commands c
          set lease_until = now() + make_interval(secs => ?), attempts = c.attempts + 1
         from next
        where c.id = next.id and c.state = 'pending' and (c.lease_until is null or c.lease_until < now())
       returning c.*, (select a.full_name from accounts a where a.id = c.actor_id) as actor_name
     )
     select (select count(*) from next)::int as pending, leased.*, d.channel as submitted_channel, d.submitted_at
       from (select 1) as one left join leased on true left join dossiers d on leased.kind = 'start' and d.id = leased.dossier_id`,
    [dossierId, leaseSeconds],
  );
  const [row] = rows as (DbCommandRow & { pending: number })[];
  if (!row?.pending) return undefined;
  return row.id ? toCommand(row) : 'busy';
}

/** Ends a leased command (done or failed). Guarded: a command already ended stays as it was (undefined). */
export async function finishCommand({
  db,
  id,
  state,
  outcome,
  error,
}: {
  db: DbOrTx;
  id: string;
  state: 'done' | 'failed';
  outcome: string;
  error?: string;
}): Promise<EngineCommand | undefined> {
  const [row] = await db<DbCommandRow>('engine_commands')
    .where({ id, state: 'pending' })
    .update({ state, outcome, last_error: error ?? null, done_at: db.fn.now(), lease_until: null })
    .returning('*');
  return row ? toCommand(row as DbCommandRow) : undefined;
}

/** What the end of a command records on its dossier, in the statement that ends it (`endCommand`). */
export interface CommandFollowUp {
  /** a start: the process instance the dossier is linked to; the event is recorded only when linked now */
  link?: string;
  /** a claim: the status change made when the dossier, locked, is in `from` (the event then records it) */
  change?: { from: DossierStatus; to: DossierStatus };
  /** the timeline's event, appended under the dossier's lock */
  event: NewTimelineEvent;
}

/**
 * Ends a leased command (done or failed) and records what follows on its dossier, in one statement (the
 * function `motcua_engine_command_end`, migration 20261209000000): a transaction of five or six round trips
 * before. Guarded as `finishCommand`: a command already ended stays as it was, and nothing is recorded (undefined).
 */
export async function endCommand({
  db,
  id,
  state,
  outcome,
  error,
  follow,
}: {
  db: DbOrTx;
  id: string;
  state: 'done' | 'failed';
  outcome: string;
  error?: string;
  follow: CommandFollowUp;
}): Promise<EngineCommand | undefined> {
  const { params } = newEventRow(follow.event);
  const changedSuffix = follow.change ? newEventRow({ ...follow.event, statusFrom: follow.change.from, statusTo: follow.change.to }).params.suffix : null;
  // (the event's time goes as its ISO text, as JSON writes a date: the text its canonical form has)
  const event = { ...params, changedSuffix };
  const { rows } = await db.raw<{ rows: DbCommandRow[] }>('select * from motcua_engine_command_end(?, ?, ?, ?, ?::jsonb)', [
    id,
    state,
    outcome,
    error ?? null,
    JSON.stringify({ ...(follow.link ? { link: follow.link } : {}), ...(follow.change ? { change: follow.change } : {}), event }),
  ]);
  return rows[0] && toCommand(rows[0]);
}

/** Gives a leased command back with what went wrong; its outcome is unknown until looked up. */
export async function releaseCommand({ db, id, error }: { db: DbOrTx; id: string; error: string }): Promise<void> {
  await db('engine_commands')
    .where({ id, state: 'pending' })
    .update({ lease_until: null, last_error: error.slice(0, 2000) });
}

/** Dossiers with a command pending since before `olderThan` (the relay's job has not finished it yet). */
export async function dossiersWithStalePending({ db, olderThan, limit }: { db: DbOrTx; olderThan: Date; limit: number }): Promise<string[]> {
  const rows = await db('engine_commands').where({ state: 'pending' }).where('created_at', '<', olderThan).distinct('dossier_id').limit(limit);
  return rows.map((r: { dossier_id: string }) => r.dossier_id);
}

export async function listCommands({ db, dossierId }: { db: DbOrTx; dossierId: string }): Promise<EngineCommand[]> {
  return (await db<DbCommandRow>('engine_commands').where({ dossier_id: dossierId }).orderBy('seq')).map(toCommand);
}

/**
 * The last change of a task's holder the outbox records (a claim, an unclaim or a release), whatever its state,
 * with what the one deciding the task next needs of its dossier (its procedure version and process instance).
 * Nothing else assigns tasks, so a claim carried out last names who holds the task.
 */
export async function lastHolderChange({
  db,
  taskId,
}: {
  db: DbOrTx;
  taskId: string;
}): Promise<{ command: EngineCommand; dossier: { procedureVersionId: string; processInstanceId: string | null } } | undefined> {
  const row = (await db('engine_commands as c')
    .join('dossiers as d', 'd.id', 'c.dossier_id')
    .whereIn('c.kind', ['claim', 'unclaim'])
    .whereRaw(`c.payload->>'taskId' = ?`, [taskId])
    .orderBy('c.seq', 'desc')
    .first('c.*', 'd.procedure_version_id', 'd.process_instance_id')) as
    (DbCommandRow & { procedure_version_id: string; process_instance_id: string | null }) | undefined;
  return row && { command: toCommand(row), dossier: { procedureVersionId: row.procedure_version_id, processInstanceId: row.process_instance_id } };
}

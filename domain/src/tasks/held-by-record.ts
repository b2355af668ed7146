/**
 * Who holds a task, by the outbox. Every change of a task's holder the platform makes is an engine command (a
 * claim, an unclaim, a release when a role is taken away), so the last of them for a task, when it is a claim
 * carried out, names the holder, the role they claimed it in and the dossier's step, without the engine's task
 * query by candidate group (issue 17: the api ran it before every completion, three a dossier). The engine's
 * own tools can still complete or reassign a task: the caller reads the task by its id as well. Anything less
 * certain (a claim not carried out, or written before the role was recorded) is not an answer: the caller
 * queries the engine then. A claim still pending is carried out first when the caller asks.
 */
import type { DbOrTx } from '../db/db.ts';
import type { Dossier } from '../dossiers/dossiers.repository.ts';
import { type CommandState, lastHolderChange } from '../engine-commands/engine-commands.repository.ts';

/** What deciding a task needs of its dossier. */
export type DossierRef = Pick<Dossier, 'id' | 'procedureVersionId' | 'processInstanceId'>;

export interface HolderRecord {
  dossierId: string;
  dossier: DossierRef;
  step: string;
  userId: string;
  /** the candidate group (`<role>:<unit>`) the holder worked in when they claimed it */
  group: string;
}

/**
 * @param finish carries out a claim still pending (accepted, not yet sent to the engine: the officer was told
 *   "claimed" and completes at once) and answers its state after
 */
export async function holderRecord(
  db: DbOrTx,
  taskId: string,
  finish?: (claim: { dossierId: string; commandId: string; userId: string }) => Promise<CommandState | undefined>,
): Promise<HolderRecord | undefined> {
  const found = await lastHolderChange({ db, taskId });
  const last = found?.command;
  const p = last?.payload;
  if (!last || p?.kind !== 'claim' || !p.group) return undefined;
  const state = last.state === 'pending' && finish ? await finish({ dossierId: last.dossierId, commandId: last.id, userId: p.userId }) : last.state;
  if (state !== 'done') return undefined;
  return { dossierId: last.dossierId, dossier: { id: last.dossierId, ...found!.dossier }, step: p.step, userId: p.userId, group: p.group };
}

/** Whether a decision on this task is on the dossier's timeline already (by the officer, or the reconciler). */
export async function decidedAlready(db: DbOrTx, dossierId: string, taskId: string): Promise<boolean> {
  const row = await db('dossier_events')
    .where({ dossier_id: dossierId })
    .whereRaw(`data->>'taskId' = ?`, [taskId])
    .whereRaw(`jsonb_exists(data, 'decision')`)
    .first('seq');
  return row !== undefined;
}

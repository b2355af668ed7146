/**
 * Who holds a task, by the outbox alone. Every change of a task's holder is an engine command written by the
 * platform (a claim, an unclaim, a release when a role is taken away), so the last of them for a task, when
 * it is a claim carried out, names the holder, the role they claimed it in and the dossier's step, without
 * asking the engine (issue 17: the api asked the engine before every completion, three queries a dossier).
 * Anything less certain (a claim not carried out, or written before the role was recorded) is not an answer:
 * the caller asks the engine then.
 */
import type { DbOrTx } from '../db/db.ts';
import { lastHolderChange } from '../engine-commands/engine-commands.repository.ts';

export interface HolderRecord {
  dossierId: string;
  step: string;
  userId: string;
  /** the candidate group (`<role>:<unit>`) the holder worked in when they claimed it */
  group: string;
}

export async function holderRecord(db: DbOrTx, taskId: string): Promise<HolderRecord | undefined> {
  const last = await lastHolderChange({ db, taskId });
  const p = last?.payload;
  if (!last || last.state !== 'done' || p?.kind !== 'claim' || !p.group) return undefined;
  return { dossierId: last.dossierId, step: p.step, userId: p.userId, group: p.group };
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

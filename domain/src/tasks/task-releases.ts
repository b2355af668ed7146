/**
 * Giving held tasks back to their units when the holder loses the right to them (a role taken away, an
 * account deactivated): unclaim commands written through the outbox in the caller's transaction, then carried
 * out at once where the engine answers, or later by the relay.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/db.ts';
import type { EngineCommands } from '../engine-commands/engine-commands.service.ts';
import { moduleLogger } from '../logging/logger.ts';

const log = moduleLogger('tasks');

export function createTaskReleases(commands: EngineCommands) {
  /** Writes the releases of these held tasks in the caller's transaction; `runReleases` carries them out. */
  async function enqueueReleases(
    tx: Tx,
    held: { taskId: string; dossierId: string; step: string }[],
    o: { holderId: string; actorId: string; reason: string; requestId?: string },
  ) {
    const out = [];
    for (const h of held) {
      out.push(
        await commands.enqueue(tx, {
          dossierId: h.dossierId,
          dedupeKey: `unclaim:${h.taskId}:${randomUUID()}`,
          payload: { kind: 'unclaim', taskId: h.taskId, userId: o.holderId, step: h.step, reason: o.reason },
          actorId: o.actorId,
          requestId: o.requestId ?? null,
        }),
      );
    }
    return out;
  }

  async function runReleases(enqueued: { id: string; dossierId: string }[]): Promise<void> {
    for (const c of enqueued) {
      try {
        await commands.runUpTo(c.dossierId, c.id);
      } catch (e) {
        // the relay carries it out later
        log.warn({ err: e, commandId: c.id }, 'task release left to the relay');
      }
    }
  }

  return { enqueueReleases, runReleases };
}

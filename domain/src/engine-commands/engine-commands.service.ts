/**
 * The relay of the engine-command outbox: one truth between the dossiers and the engine.
 *
 * A service that changes a dossier and needs the engine to follow writes the command with `enqueue` inside
 * its own transaction. After the commit the request carries the command out itself (`runUpTo`), so people get
 * their answer at once. A command interrupted in between (a crash, a timeout) is found by the relay: a job
 * that runs every `recoveryDelaySeconds` and carries out the commands pending longer than that (`relay`), one
 * round at a time across every worker process (one job key, each round queueing the next).
 * (A job per command, queued in the command's transaction, cost 7 job insertions, their notifications and the
 * runners' wake-ups per dossier, for the rare command a request does not finish: it made the platform slower
 * end to end than before the outbox.)
 *
 * Carrying a command out is idempotent. An attempt whose outcome is unknown (timeout, lost connection) is
 * followed by a look-up of the engine's state before anything is sent again, and an engine refusal is
 * classified by its exception type and by what the engine's history shows (engine-side.ts):
 * - in effect already (the task completed by this actor, the instance with this business key started) = done;
 * - `OptimisticLockingException` = sent again later;
 * - `TaskAlreadyClaimedException` = refused (someone else holds the task);
 * - anything else not in effect = failed, logged, recorded on the dossier's timeline.
 * What follows a command's end in the database (the process instance linked, the claim recorded, a failure put
 * on the timeline) is written in the statement that marks it done (`endCommand`): exactly once.
 */
import type { Db, DbOrTx } from '../db/db.ts';
import type { EngineClient } from '../engine/engine.client.ts';
import { addJob, JobName } from '../jobs/job-queue.ts';
import { moduleLogger } from '../logging/logger.ts';
import { DossierStatus } from '../dossiers/dossier-status.ts';
import * as repo from './engine-commands.repository.ts';
import { boundedQueue } from './bounded-queue.ts';
import { classify, execute, inEffect, type Verdict } from './engine-side.ts';
import type { CommandFollowUp, CommandPayload, EngineCommand, NewCommand } from './engine-commands.repository.ts';

const log = moduleLogger('engine-commands');
/** the relay's one job (each round queues the next under this key) */
const RELAY_JOB_KEY = 'engine-commands:relay';

export type { EngineCommand, CommandPayload };

/** Where a command stands after a run. */
export type CommandResult =
  | { state: 'done'; command: EngineCommand }
  | { state: 'failed'; command: EngineCommand; outcome: string }
  /** not carried out yet (the engine did not answer, or an earlier command of the dossier is still open) */
  | { state: 'pending'; command: EngineCommand };

export interface EngineCommandsOptions {
  db: Db;
  /** the engine client of background runs (long timeout) */
  engine: EngineClient;
  /** the relay's period, and how old a pending command must be before it is the relay's (not its request's) */
  recoveryDelaySeconds: number;
  /** attempts after which a command the engine keeps refusing is given up as failed */
  maxAttempts?: number;
  /** how many commands left by requests to run after their answer (`runSoon`) run at once */
  soonConcurrency?: number;
}

export function createEngineCommands({ db, engine, recoveryDelaySeconds, maxAttempts = 12, soonConcurrency = 4 }: EngineCommandsOptions) {
  /**
   * Writes a command in the caller's transaction (or alone, when the command is the whole change, as a claim
   * is); the relay guarantees it is carried out.
   * @returns the command, or the one already written for the same intent (dedupe key)
   */
  async function enqueue(tx: DbOrTx, command: NewCommand): Promise<EngineCommand> {
    const created = await repo.insertCommand({ db: tx, command });
    if (!created) return (await repo.findCommandByKey({ db: tx, dedupeKey: command.dedupeKey }))!;
    return created;
  }

  /**
   * Queues the relay's next round, `recoveryDelaySeconds` from now, unless one is queued already (which keeps
   * its time). Every job runner calls it when it starts, and each round calls it first: a round that fails
   * does not end the chain.
   */
  async function scheduleRelay(dbx: DbOrTx = db): Promise<void> {
    await addJob(dbx, JobName.EngineCommands, {}, { jobKey: RELAY_JOB_KEY, jobKeyMode: 'preserve_run_at', delaySeconds: recoveryDelaySeconds, maxAttempts: 1 });
  }

  /** One round of the relay: the next is queued, then the commands pending longer than a request takes are carried out. */
  async function relay(): Promise<{ dossiers: number; stillPending: number }> {
    await scheduleRelay();
    return sweep(recoveryDelaySeconds);
  }

  /**
   * Carries out the dossier's pending commands in order, up to and including `commandId` (all of them when
   * absent), with this engine client (a short timeout in requests).
   * @returns where `commandId` stands (or the last command run)
   */
  async function runUpTo(dossierId: string, commandId?: string, client: EngineClient = engine): Promise<CommandResult | undefined> {
    const leaseSeconds = Math.ceil(client.timeoutMs / 1000) * 2 + 5;
    let last: CommandResult | undefined;
    for (;;) {
      const leased = await repo.leaseNext({ db, dossierId, leaseSeconds });
      if (leased === undefined) break;
      if (leased === 'busy') {
        log.debug({ dossierId }, 'another runner holds the dossier commands');
        break;
      }
      last = await runLeased(leased, client);
      if (last.command.id === commandId || last.state === 'pending') break;
    }
    if (!commandId) return last;
    if (last?.command.id === commandId) return last;
    const cmd = await repo.findCommand({ db, id: commandId });
    if (!cmd) return undefined;
    return cmd.state === 'failed' ? { state: 'failed', command: cmd, outcome: cmd.outcome ?? 'failed' } : ({ state: cmd.state, command: cmd } as CommandResult);
  }

  /** Every pending command of the dossier; throws when some are still pending (the job is then retried). */
  async function runDossier(dossierId: string): Promise<void> {
    await runUpTo(dossierId);
    const open = await db('engine_commands').where({ dossier_id: dossierId, state: 'pending' }).first('id', 'last_error');
    if (open) throw new Error(`engine commands of dossier ${dossierId} still pending: ${open.last_error ?? 'held by another runner'}`);
  }

  async function runLeased(cmd: EngineCommand, client: EngineClient): Promise<CommandResult> {
    const clog = log.child({ commandId: cmd.id, kind: cmd.kind, dossierId: cmd.dossierId, requestId: cmd.requestId, attempt: cmd.attempts });
    let verdict: Verdict;
    try {
      // an earlier attempt's outcome is unknown: look before sending again
      const already = cmd.attempts > 1 ? await inEffect(cmd, client) : undefined;
      verdict = already ? { kind: 'done', outcome: 'already_done', ...already } : await execute(cmd, client);
    } catch (e) {
      verdict = await classify(cmd, e, client);
    }
    if (verdict.kind === 'retry' && cmd.attempts >= maxAttempts) verdict = { kind: 'failed', outcome: 'gave_up', error: verdict.error };
    if (verdict.kind === 'retry') {
      await repo.releaseCommand({ db, id: cmd.id, error: verdict.error });
      clog.warn({ error: verdict.error }, 'engine command not carried out yet; it will be tried again');
      return { state: 'pending', command: cmd };
    }
    const v = verdict;
    // a command whose end the database records nothing beside (a completion: its decision was recorded when it
    // was written) ends alone; the others end with what follows on the dossier, in the same statement
    const follow = await followUpOf(cmd, v);
    const error = v.kind === 'failed' ? v.error : undefined;
    const finished = follow
      ? await repo.endCommand({ db, id: cmd.id, state: v.kind, outcome: v.outcome, error, follow })
      : await repo.finishCommand({ db, id: cmd.id, state: v.kind, outcome: v.outcome, error });
    if (!finished) clog.info('engine command already ended by another runner');
    const ended = finished ?? (await repo.findCommand({ db, id: cmd.id }))!;
    if (v.kind === 'done') {
      clog.info({ outcome: v.outcome }, 'engine command done');
      return { state: 'done', command: ended };
    }
    clog.error({ outcome: v.outcome, error: v.error }, 'engine command failed');
    return ended.state === 'done' ? { state: 'done', command: ended } : { state: 'failed', command: ended, outcome: ended.outcome ?? v.outcome };
  }

  /**
   * What the database records on the dossier when the command ends this way, or undefined: a refused claim or
   * release changed nothing; a failed start, completion or message is put on the timeline; a done start links
   * the dossier to its process and records its submission (once), a done claim or release is recorded, the
   * first handling step's claim starting the handling (2 → 4); a release of a task no longer held changed nothing.
   */
  async function followUpOf(cmd: EngineCommand, v: Exclude<Verdict, { kind: 'retry' }>): Promise<CommandFollowUp | undefined> {
    const p = cmd.payload;
    if (v.kind === 'failed') {
      if (p.kind === 'claim' || p.kind === 'unclaim') return undefined;
      return {
        event: {
          dossierId: cmd.dossierId,
          type: 'engine_command_failed',
          data: { commandId: cmd.id, kind: cmd.kind, outcome: v.outcome, error: v.error.slice(0, 500) },
        },
      };
    }
    if (p.kind === 'start') {
      if (!v.processInstanceId) throw new Error(`start of dossier ${cmd.dossierId} done without an instance id`);
      if (!cmd.submitted) throw new Error(`start of dossier ${cmd.dossierId} leased without its dossier`);
      return {
        link: v.processInstanceId,
        event: {
          dossierId: cmd.dossierId,
          type: 'submitted',
          actor: await actorOf(cmd),
          statusTo: DossierStatus.Submitted,
          data: { channel: cmd.submitted.channel, attachments: p.attachments, processInstanceId: v.processInstanceId },
          at: cmd.submitted.at,
        },
      };
    }
    if (p.kind === 'claim')
      return {
        ...(p.startsHandling ? { change: { from: DossierStatus.Received, to: DossierStatus.InHandling } } : {}),
        event: { dossierId: cmd.dossierId, type: 'task_claimed', actor: await actorOf(cmd), step: p.step, data: { taskId: p.taskId } },
      };
    if (p.kind === 'unclaim' && v.outcome !== 'not_held')
      return {
        event: {
          dossierId: cmd.dossierId,
          type: 'task_unclaimed',
          actor: await actorOf(cmd),
          step: p.step,
          data: { taskId: p.taskId, ...(p.reason ? { reason: p.reason, holderId: p.userId } : {}) },
        },
      };
    return undefined;
  }

  /** Who the timeline names for a command: its actor, by the name the lease read with it. */
  async function actorOf(cmd: EngineCommand): Promise<{ id: string; fullName: string } | null> {
    if (!cmd.actorId) return null;
    if (cmd.actorName) return { id: cmd.actorId, fullName: cmd.actorName };
    const a = await db('accounts').where({ id: cmd.actorId }).first('id', 'full_name');
    return a ? { id: a.id, fullName: a.full_name } : null;
  }

  /** Dossiers whose commands are pending longer than their job should have taken: run them now. */
  async function sweep(olderThanSeconds: number): Promise<{ dossiers: number; stillPending: number }> {
    const ids = await repo.dossiersWithStalePending({ db, olderThan: new Date(Date.now() - olderThanSeconds * 1000), limit: 500 });
    let stillPending = 0;
    for (const id of ids) {
      const r = await runUpTo(id).catch((err: unknown) => {
        log.error({ err, dossierId: id }, 'sweeping engine commands failed');
        return undefined;
      });
      if (r?.state === 'pending') stillPending++;
    }
    return { dossiers: ids.length, stillPending };
  }

  // the commands a request left to run after its answer, carried out a few at a time: a burst of submissions
  // must not become a burst of engine calls that starve the officers' requests (a process stopped meanwhile
  // leaves the rest to the relay)
  const soon = boundedQueue(soonConcurrency);
  /** Carries out the commands up to `commandId` after the caller answered, `soonConcurrency` at a time. */
  function runSoon(dossierId: string, commandId: string): void {
    soon.push(() =>
      runUpTo(dossierId, commandId).catch((e: unknown) => log.warn({ dossierId, commandId, error: (e as Error).message }, 'engine command left to the relay')),
    );
  }

  return {
    enqueue,
    relay,
    runSoon,
    /** Waits for the commands queued by `runSoon` (a process stopping, a test ending). */
    settle: soon.settle,
    scheduleRelay,
    runUpTo,
    runDossier,
    sweep,
    find: (dbx: DbOrTx, dedupeKey: string) => repo.findCommandByKey({ db: dbx, dedupeKey }),
    list: (dossierId: string, dbx: DbOrTx = db) => repo.listCommands({ db: dbx, dossierId }),
  };
}

export type EngineCommands = ReturnType<typeof createEngineCommands>;

/**
 * The reconciler: finds where the application database and the engine disagree about a dossier and repairs
 * it, both ways, recording each repair on the dossier's timeline (event `reconciled`). It runs once per
 * schedule across every worker process (a cron job of the queue) and looks at what changed within a window.
 *
 * Divergences, and their repair (the engine owns where a dossier is; the database owns what it is):
 * - `instance_without_dossier`: a process instance of a procedure whose business key names no dossier (a
 *   submission undone after the engine started it) → the instance is deleted;
 * - `dossier_without_instance`: a submitted dossier with no process and no start pending → started;
 * - `step_done_in_engine_only`: a user task completed in the engine whose decision the dossier lacks (done
 *   through the engine's own tools) → the decision is recorded on the dossier as the engine has it;
 * - `step_done_in_dossier_only`: a decision recorded on the dossier whose task is still open in the engine
 *   and whose command is gone or failed → the completion is sent again (through the outbox).
 * Engine commands pending longer than their relay job should take are carried out first (the sweep).
 * Changes younger than the grace period are in flight and left alone.
 *
 * The two checks that read the engine's history remember how far they have looked (`reconciler_marks`) and go
 * on from a little before there (`OVERLAP_MS`): a pass reads what finished since the last one, not the whole
 * window again (at 9,000 dossiers a day, 27,000 tasks a minute), and only what is settled (older than the grace
 * period: what is younger is in flight, left alone, and read by a later pass). A mark is never beyond the latest
 * time the engine wrote among what was read, so a difference between the engine's clock and the platform's
 * loses nothing. A check whose repair failed keeps its mark, so that the next pass tries again; the window stays
 * the limit of how far back a pass looks.
 */
import { randomUUID } from 'node:crypto';
import { pickedUnitVariables } from '../org-units/step-units.ts';
import type { Db } from '../db/db.ts';
import { engineDate, toEngineVariables, type EngineClient } from '../engine/engine.client.ts';
import type { EngineCommands } from '../engine-commands/engine-commands.service.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import type { TasksService } from '../tasks/tasks.service.ts';
import { lockDossier, toDossier, type DbDossierRow } from '../dossiers/dossiers.repository.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { decidedAlready } from '../tasks/held-by-record.ts';

const log = moduleLogger('reconciler');

export type Divergence =
  'instance_without_dossier' | 'dossier_without_instance' | 'step_done_in_engine_only' | 'step_done_in_dossier_only' | 'task_held_without_right';

export interface ReconcileReport {
  commandsSwept: number;
  repaired: Record<Divergence, number>;
  /** what the marked checks read from the engine's history: process instances, finished tasks */
  looked: { instances: number; tasks: number };
}

export interface ReconcilerDeps {
  db: Db;
  engine: EngineClient;
  commands: EngineCommands;
  procedures: ProceduresService;
  /** the tasks service, which records a decision the engine made */
  tasks: () => TasksService;
  windowHours: number;
  graceSeconds: number;
}

const PAGE = 500;
/**
 * A pass looks again this far before its check's mark, for what the engine wrote before the mark but committed
 * after a pass had read past it: an engine transaction longer than the grace period. The engine's transactions
 * here only move tokens and write rows (no business code runs in it), in milliseconds; two minutes more than
 * the grace period covers any of them. Each pass re-reads this much of the engine's history, so it is not
 * longer: with ten minutes, a busy platform (4 dossiers a second) read each dossier's history twelve times.
 */
const OVERLAP_MS = 2 * 60_000;
type MarkedCheck = 'instance_without_dossier' | 'step_done_in_engine_only';
/** Dossier statuses in which the engine still has the dossier in work. */
const OPEN_STATUSES = [1, 2, 4, 5, 6];

export function createReconciler({ db, engine, commands, procedures, tasks, windowHours, graceSeconds }: ReconcilerDeps) {
  /** One pass over the window. Safe to run concurrently with the platform's own work (and with itself). */
  async function reconcile(o: { now?: Date; graceSeconds?: number } = {}): Promise<ReconcileReport> {
    const now = o.now ?? new Date();
    const grace = o.graceSeconds ?? graceSeconds;
    const since = new Date(now.getTime() - windowHours * 3600_000);
    const settled = new Date(now.getTime() - grace * 1000);
    const report: ReconcileReport = {
      commandsSwept: 0,
      repaired: {
        instance_without_dossier: 0,
        dossier_without_instance: 0,
        step_done_in_engine_only: 0,
        step_done_in_dossier_only: 0,
        task_held_without_right: 0,
      },
      looked: { instances: 0, tasks: 0 },
    };
    const started = Date.now();
    const looked = report.looked;
    report.commandsSwept = (await commands.sweep(grace)).dossiers;
    report.repaired.dossier_without_instance = await dossiersWithoutInstance(settled);
    const instances = await instancesWithoutDossier(await markedFrom('instance_without_dossier', since), settled);
    report.repaired.instance_without_dossier = instances.repaired;
    looked.instances = instances.looked;
    await advanceMark('instance_without_dossier', settled, instances.latest);
    const steps = await stepsDoneInEngineOnly(await markedFrom('step_done_in_engine_only', since), settled);
    report.repaired.step_done_in_engine_only = steps.repaired;
    looked.tasks = steps.looked;
    if (steps.allRepaired) await advanceMark('step_done_in_engine_only', settled, steps.latest);
    report.repaired.step_done_in_dossier_only = await stepsDoneInDossierOnly(since, settled);
    report.repaired.task_held_without_right = await tasksHeldWithoutRight(since);
    const total = Object.values(report.repaired).reduce((a, b) => a + b, 0);
    if (total) log.warn({ action: 'reconciled', ...report.repaired }, 'divergence between the dossiers and the engine repaired');
    const ms = Date.now() - started;
    log[ms > 1000 ? 'info' : 'debug']({ action: 'reconcile_pass', ms, looked }, 'reconciler pass');
    return report;
  }

  /** Where a marked check starts: a little before its mark, never before the window. */
  async function markedFrom(check: MarkedCheck, since: Date): Promise<Date> {
    const row = (await db('reconciler_marks').where({ name: check }).first('checked_until')) as { checked_until: Date } | undefined;
    if (!row) return since;
    return new Date(Math.max(since.getTime(), row.checked_until.getTime() - OVERLAP_MS));
  }

  /**
   * Everything of the check before `settled`, up to the latest engine time it read, is in order. The mark is
   * never beyond a time the engine itself wrote: an engine whose clock is behind the platform's loses nothing.
   * Nothing read, nothing moves. Concurrent passes: the furthest mark stays.
   */
  async function advanceMark(check: MarkedCheck, settled: Date, latestRead: Date | undefined): Promise<void> {
    if (!latestRead) return;
    const until = new Date(Math.min(settled.getTime(), latestRead.getTime()));
    await db.raw(
      `insert into reconciler_marks (name, checked_until) values (?, ?)
       on conflict (name) do update set checked_until = greatest(reconciler_marks.checked_until, excluded.checked_until), updated_at = now()`,
      [check, until],
    );
  }

  /** Submitted dossiers with no process instance and no start command to give them one. */
  async function dossiersWithoutInstance(settled: Date): Promise<number> {
    const rows: DbDossierRow[] = await db('dossiers as d')
      .whereNull('d.process_instance_id')
      .whereIn('d.status', OPEN_STATUSES)
      .where('d.submitted_at', '<', settled)
      .whereNotExists(db('engine_commands as c').whereRaw('c.dossier_id = d.id').where('c.kind', 'start').whereIn('c.state', ['pending', 'done']))
      .limit(PAGE)
      .select('d.*');
    let n = 0;
    for (const row of rows) {
      const d = toDossier(row);
      const loaded = await procedures.loadVersion(d.procedureVersionId);
      const command = await db.transaction(async (tx) => {
        await lockDossier({ tx, id: d.id });
        await appendEvent({ db: tx, event: { dossierId: d.id, type: 'reconciled', data: { divergence: 'dossier_without_instance' } } });
        return commands.enqueue(tx, {
          dossierId: d.id,
          dedupeKey: `start:${d.id}:reconciled:${randomUUID()}`,
          payload: {
            kind: 'start',
            processDefinitionId: loaded.version.engineProcessDefinitionId!,
            variables: toEngineVariables({ orgUnitId: d.orgUnitId }),
            attachments: 0,
          },
          actorId: null,
        });
      });
      await commands.runUpTo(d.id, command.id);
      n++;
    }
    return n;
  }

  /** Instances of motcua's procedures started in the window whose business key names no dossier. */
  async function instancesWithoutDossier(since: Date, settled: Date): Promise<{ repaired: number; looked: number; latest?: Date }> {
    const keys = new Set((await db('procedure_versions').distinct('process_key')).map((r: { process_key: string }) => r.process_key));
    let n = 0;
    let looked = 0;
    let latest: Date | undefined;
    for (let first = 0; ; first += PAGE) {
      const page = await engine.historicProcessInstancesStartedAfter(since, { firstResult: first, maxResults: PAGE }, settled);
      looked += page.length;
      // sorted by start time: the last one read is the latest
      if (page.length) latest = engineDate(page.at(-1)!.startTime) ?? latest;
      const candidates = page.filter((i) => i.state === 'ACTIVE' && keys.has(i.processDefinitionKey) && engineDate(i.startTime)! < settled);
      const ids = candidates.map((i) => i.businessKey).filter((k): k is string => Boolean(k) && /^[0-9a-f-]{36}$/i.test(k!));
      const known = new Set(ids.length ? (await db('dossiers').whereIn('id', ids).select('id')).map((r: { id: string }) => r.id) : []);
      for (const i of candidates) {
        if (i.businessKey && known.has(i.businessKey)) continue;
        await engine.deleteProcessInstance(i.id, 'motcua reconciler: no dossier for this instance');
        log.warn(
          { action: 'reconciled', divergence: 'instance_without_dossier', processInstanceId: i.id, businessKey: i.businessKey },
          'orphan process instance deleted',
        );
        n++;
      }
      if (page.length < PAGE) break;
    }
    return { repaired: n, looked, latest };
  }

  /**
   * User tasks completed in the engine (in the window) whose decision no dossier event records.
   * @returns also whether every such decision could be recorded (else the next pass looks at them again)
   */
  async function stepsDoneInEngineOnly(since: Date, settled: Date): Promise<{ repaired: number; looked: number; allRepaired: boolean; latest?: Date }> {
    let n = 0;
    let looked = 0;
    let allRepaired = true;
    let latest: Date | undefined;
    for (let first = 0; ; first += PAGE) {
      const page = await engine.historicTasksFinishedAfter(since, { firstResult: first, maxResults: PAGE }, settled);
      looked += page.length;
      // sorted by end time: the last one read is the latest
      if (page.length) latest = engineDate(page.at(-1)!.endTime) ?? latest;
      const completed = page.filter((t) => t.deleteReason === 'completed' && engineDate(t.endTime)! < settled);
      if (completed.length) {
        const ids = completed.map((t) => t.id);
        const recorded = new Set(
          (
            await db('dossier_events')
              .whereRaw(`data->>'taskId' = any(?)`, [ids])
              .whereRaw(`jsonb_exists(data, 'decision')`)
              .select(db.raw(`data->>'taskId' as task_id`))
          ).map((r: { task_id: string }) => r.task_id),
        );
        const commanded = new Set(
          (
            await db('engine_commands').where('kind', 'complete').whereRaw(`payload->>'taskId' = any(?)`, [ids]).select(db.raw(`payload->>'taskId' as task_id`))
          ).map((r: { task_id: string }) => r.task_id),
        );
        for (const t of completed) {
          if (recorded.has(t.id) || commanded.has(t.id)) continue;
          const outcome = await recordEngineDecision(t);
          if (outcome === 'recorded') n++;
          if (outcome === 'failed') allRepaired = false;
        }
      }
      if (page.length < PAGE) break;
    }
    return { repaired: n, looked, allRepaired, latest };
  }

  async function recordEngineDecision(t: {
    id: string;
    taskDefinitionKey: string;
    assignee: string | null;
    endTime: string | null;
    processInstanceId: string;
  }): Promise<'recorded' | 'nothing_to_do' | 'failed'> {
    const row = await db<DbDossierRow>('dossiers').where({ process_instance_id: t.processInstanceId }).first();
    if (!row) {
      // a dossier whose start command is not marked done yet has no instance linked: looked at again later
      const { businessKey } = await engine.historicProcessInstance(t.processInstanceId);
      const waiting =
        businessKey && /^[0-9a-f-]{36}$/i.test(businessKey) && (await db('dossiers').where({ id: businessKey }).whereNull('process_instance_id').first('id'));
      return waiting ? 'failed' : 'nothing_to_do';
    }
    const d = toDossier(row);
    const loaded = await procedures.loadVersion(d.procedureVersionId);
    const step = loaded.step(t.taskDefinitionKey);
    if (!step?.kind) return 'nothing_to_do';
    const vars = await engine.historicVariables(t.processInstanceId);
    const decision = vars[`${step.key}Decision`];
    if (typeof decision !== 'string') return 'nothing_to_do';
    const assignee = t.assignee
      ? await db('accounts')
          .where({ id: t.assignee })
          .first('id', 'full_name')
          .catch(() => undefined)
      : undefined;
    try {
      const recorded = await db.transaction(async (tx) => {
        const locked = (await lockDossier({ tx, id: d.id }))!;
        // the officer's own decision on it may have been recorded since the look-up
        if (await decidedAlready(tx, d.id, t.id)) return false;
        await tasks().recordDecision(tx, locked, {
          step,
          decision,
          values: { decision },
          actor: assignee ? { id: assignee.id, fullName: assignee.full_name } : null,
          taskId: t.id,
          at: engineDate(t.endTime) ?? new Date(),
          reconciled: true,
        });
        await appendEvent({
          db: tx,
          event: { dossierId: d.id, type: 'reconciled', step: step.key, data: { divergence: 'step_done_in_engine_only', taskId: t.id, decision } },
        });
        return true;
      });
      if (!recorded) return 'nothing_to_do';
    } catch (e) {
      log.error({ err: e, dossierId: d.id, taskId: t.id }, 'a decision made in the engine could not be recorded on the dossier');
      return 'failed';
    }
    return 'recorded';
  }

  /**
   * Tasks still held by someone who lost the right to act on them (a role taken away, an account deactivated,
   * in the window) that the change itself could not give back (the engine did not answer then): given back now.
   */
  async function tasksHeldWithoutRight(since: Date): Promise<number> {
    const changes = (await db('admin_audit_log')
      .where('entity', 'account')
      .whereIn('action', ['role_removed', 'deactivated'])
      .where('at', '>=', since)
      .select('entity_id', 'before')) as { entity_id: string; before: { roles?: { role: string; orgUnitId: string | null }[] } | null }[];
    let n = 0;
    for (const accountId of new Set(changes.map((c) => c.entity_id))) {
      const account = await db('accounts').where({ id: accountId }).first('disabled_at');
      if (!account) continue;
      const now = new Set(
        ((await db('account_roles').where({ account_id: accountId }).select('role', 'org_unit_id')) as { role: string; org_unit_id: string | null }[]).map(
          (r) => `${r.role}:${r.org_unit_id}`,
        ),
      );
      const lost = account.disabled_at
        ? [undefined]
        : [
            ...new Set(
              changes
                .filter((c) => c.entity_id === accountId)
                .flatMap((c) => (c.before?.roles ?? []).map((r) => `${r.role}:${r.orgUnitId}`))
                .filter((g) => !now.has(g)),
            ),
          ];
      for (const group of lost) {
        const held = await tasks().heldBy(accountId, group);
        if (!held.length) continue;
        const releases = await db.transaction((tx) =>
          tasks().enqueueReleases(tx, held, { holderId: accountId, actorId: accountId, reason: account.disabled_at ? 'account_deactivated' : 'role_removed' }),
        );
        await tasks().runReleases(releases);
        n += held.length;
      }
    }
    return n;
  }

  /** Decisions on dossiers (in the window) whose engine task is still open and no command will complete it. */
  async function stepsDoneInDossierOnly(since: Date, settled: Date): Promise<number> {
    const events: { dossier_id: string; step: string; task_id: string; decision: string; actor_id: string | null }[] = await db('dossier_events as e')
      .where('e.at', '>=', since)
      .where('e.at', '<', settled)
      .whereRaw(`jsonb_exists(e.data, 'decision') and jsonb_exists(e.data, 'taskId')`)
      .whereNotExists(
        db('engine_commands as c').where('c.kind', 'complete').whereRaw(`c.payload->>'taskId' = e.data->>'taskId'`).whereIn('c.state', ['pending', 'done']),
      )
      .join('dossiers as d', 'd.id', 'e.dossier_id')
      .whereIn('d.status', OPEN_STATUSES)
      .select('e.dossier_id', 'e.step', db.raw(`e.data->>'taskId' as task_id`), db.raw(`e.data->>'decision' as decision`), 'e.actor_id')
      .limit(PAGE);
    if (!events.length) return 0;
    const open = new Map((await engine.queryTasks({ taskIdIn: events.map((e) => e.task_id) })).map((t) => [t.id, t]));
    let n = 0;
    for (const e of events) {
      const task = open.get(e.task_id);
      if (!task) continue;
      const dossier = await db<DbDossierRow>('dossiers').where({ id: e.dossier_id }).first();
      const supplementDueAt = dossier?.supplement_request?.dueAt;
      const variables = {
        [`${e.step}Decision`]: e.decision,
        ...(e.decision === 'supplement' && supplementDueAt ? { supplementDueAt: new Date(supplementDueAt) } : {}),
        // a unit picked with the decision (liên thông) travels with its replay
        ...(await pickedUnitVariables(db, e.dossier_id)),
      };
      const command = await db.transaction(async (tx) => {
        await lockDossier({ tx, id: e.dossier_id });
        await appendEvent({
          db: tx,
          event: {
            dossierId: e.dossier_id,
            type: 'reconciled',
            step: e.step,
            data: { divergence: 'step_done_in_dossier_only', taskId: e.task_id, decision: e.decision },
          },
        });
        const userId = task.assignee ?? e.actor_id ?? '';
        return commands.enqueue(tx, {
          dossierId: e.dossier_id,
          dedupeKey: `complete:${e.task_id}:reconciled:${randomUUID()}`,
          payload: { kind: 'complete', taskId: e.task_id, userId, step: e.step, variables: toEngineVariables(variables) },
          actorId: e.actor_id,
        });
      });
      await commands.runUpTo(e.dossier_id, command.id);
      n++;
    }
    return n;
  }

  return { reconcile };
}

export type Reconciler = ReturnType<typeof createReconciler>;

/**
 * The officer's work: the tasks of their role in their unit (and those they hold), claim, unclaim, and
 * complete with a decision. The engine decides who may act (candidate group `<role>:<orgUnitId>`, assignee);
 * this service checks it for the acting user (a completion by the holder against the outbox's record of their
 * claim, held-by-record.ts, and the task read by its id instead of the engine's task query; a claim of a free
 * task the engine listed for the officer's group moments before, seen-tasks.ts, without asking again), applies
 * the decision's status change in the same transaction as its timeline event and the engine command that
 * completes the task (the outbox), then carries the command out: no row lock or connection is held while the
 * engine answers.
 */
import { systemClock, type Clock } from '../time/clock.ts';
import type { Account } from '../accounts/accounts.repository.ts';
import { isOfficer } from '../accounts/roles.ts';
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/db.ts';
import { EngineUnreachableError, toEngineVariables, type EngineClient, type Task, type TaskQuery } from '../engine/engine.client.ts';
import type { EngineCommands } from '../engine-commands/engine-commands.service.ts';
import { ConflictError, InputError, NotAllowedError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { ProcessStep } from '../procedures/bpmn-model.ts';
import { decisionsByKind } from '../procedures/bpmn-steps.ts';
import type { LoadedVersion, ProceduresService } from '../procedures/procedures.service.ts';
import type { SlaService } from '../sla/sla.service.ts';
import { recordDecision, type DecisionRecord } from './step-decisions.ts';
import { handedToAUnit, markReached, pickAfter, pickedUnitVariables, recordPickedUnit } from '../org-units/step-units.ts';
import { slaCriteria } from './task-sla.ts';
import { decidedAlready, holderRecord, type DossierRef } from './held-by-record.ts';
import { createTaskReleases } from './task-releases.ts';
import { createSeenTasks } from './seen-tasks.ts';
import { taskClaimed, taskGone, taskNotFound, unavailable } from './task-problems.ts';
import { FILTER_LIMIT, inboxDossiers, matchingDossiers, sortings, taskViews, type TaskListQuery, type TaskView } from './task-inbox.ts';

export type { TaskHolder, TaskListQuery, TaskSort, TaskView } from './task-inbox.ts';
import * as dossiersRepo from '../dossiers/dossiers.repository.ts';
import type { Dossier, DossiersBy } from '../dossiers/dossiers.repository.ts';

const log = moduleLogger('tasks');

/** the decisions that move a dossier on to the next step (the others send it back, ask or refuse) */
const FORWARD = ['accept', 'approve'] as const;

/** The unit to pick for the next step (liên thông), offered on the task of the step before. */
export interface TaskPick {
  step: string;
  stepName: string;
  field: string;
  /** the decisions that need the pick */
  decisions: readonly string[];
  units: { id: string; name: string }[];
}

export function candidateGroup(actor: Account): string {
  return `${actor.role}:${actor.orgUnitId}`;
}

export function createTasksService({
  db,
  engine,
  commands,
  procedures,
  sla,
  clock = systemClock,
}: {
  db: Db;
  engine: EngineClient;
  commands: EngineCommands;
  procedures: ProceduresService;
  sla: SlaService;
  clock?: Clock;
}) {
  // the free tasks an officer was just shown, for the claim that follows
  const seen = createSeenTasks({ now: () => clock.now().getTime() });

  function requireOfficer(actor: Account): void {
    if (!isOfficer(actor.role) || !actor.orgUnitId)
      throw new NotAllowedError('officers_only', msg('Chức năng dành cho cán bộ xử lý hồ sơ.', 'Only officers handling dossiers can do this.'));
  }

  async function engineCall<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      if (e instanceof EngineUnreachableError) throw unavailable();
      throw e;
    }
  }

  /**
   * The task, when the actor may act on it: a task of the candidate group of the role they work in now
   * (`<role>:<unit>`), held or not. Holding a task gives no right by itself: an officer who left the role (or
   * works in another of their roles) no longer acts on what they held in it.
   */
  async function authorisedTask(actor: Account, taskId: string): Promise<Task> {
    requireOfficer(actor);
    const [task] = await engineCall(() => engine.queryTasks({ taskId, candidateGroups: [candidateGroup(actor)], includeAssignedTasks: true }));
    if (!task) throw taskNotFound();
    return task;
  }

  /**
   * The dossier and step of a task the actor holds in the role they work in now, by the outbox's record
   * (held-by-record.ts) and the task read by its id: still open and still theirs (the engine's own tools may
   * have completed or reassigned it). Undefined when either does not say so, and the engine is queried.
   */
  async function heldStep(actor: Account, taskId: string): Promise<{ dossier: DossierRef; loaded: LoadedVersion; step: ProcessStep } | undefined> {
    requireOfficer(actor);
    // the officer's own claim, accepted but not yet in the engine (it was slow, or down), is carried out first
    // (still pending: the engine, or the relay holding the dossier's commands, is busy; try again, not "claim first")
    const finish = async (c: { dossierId: string; commandId: string; userId: string }) => {
      if (c.userId !== actor.id) return undefined;
      const state = (await commands.runUpTo(c.dossierId, c.commandId))?.state;
      if (state === 'pending') throw unavailable();
      return state;
    };
    const held = await holderRecord(db, taskId, finish);
    if (!held || held.userId !== actor.id || held.group !== candidateGroup(actor)) return undefined;
    const open = await engineCall(() => engine.task(taskId));
    if (open?.assignee !== actor.id) return undefined;
    const loaded = await procedures.loadVersion(held.dossier.procedureVersionId);
    const step = loaded.step(held.step);
    return step ? { dossier: held.dossier, loaded, step } : undefined;
  }

  /**
   * The task the actor holds, in the role they work in now.
   * @throws NotFoundError `task_not_found`; ConflictError `task_not_held`
   */
  async function heldTask(
    actor: Account,
    taskId: string,
    notHeld: () => Error = () => new ConflictError('task_not_held', msg('Bạn không giữ công việc này.', 'You do not hold this task.')),
  ): Promise<Task> {
    const task = await authorisedTask(actor, taskId);
    if (task.assignee !== actor.id) throw notHeld();
    return task;
  }

  /** The open tasks an account holds: those of one candidate group (a role in a unit), or all. */
  async function heldBy(accountId: string, group?: string): Promise<{ taskId: string; dossierId: string; step: string }[]> {
    const query = { assignee: accountId, ...(group ? { candidateGroups: [group], includeAssignedTasks: true } : {}) };
    const tasks: Task[] = [];
    for (;;) {
      const page = await engineCall(() => engine.queryTasks(query, { firstResult: tasks.length, maxResults: 500 }));
      tasks.push(...page);
      if (page.length < 500) break;
    }
    const dossiers = await dossiersOfInstances([...new Set(tasks.map((t) => t.processInstanceId))], dossierRows);
    const byInstance = new Map(dossiers.map((d) => [d.processInstanceId!, d.id]));
    return tasks.flatMap((t) => {
      const dossierId = byInstance.get(t.processInstanceId);
      return dossierId ? [{ taskId: t.id, dossierId, step: t.taskDefinitionKey }] : [];
    });
  }

  /**
   * The dossiers of these process instances, read by `read` (their rows; the inbox's, with what it shows). An
   * instance whose dossier is not linked yet (its start command is being finished) is found by its business key,
   * the dossier id.
   */
  async function dossiersOfInstances<D extends Dossier>(instanceIds: string[], read: (by: DossiersBy) => Promise<D[]>): Promise<D[]> {
    const linked = await read({ instanceIds });
    const missing = instanceIds.filter((id) => !linked.some((d) => d.processInstanceId === id));
    if (!missing.length) return linked;
    const instances = await engineCall(() => engine.processInstances({ processInstanceIds: missing }));
    const byKey = new Map(instances.filter((i) => i.businessKey).map((i) => [i.businessKey!, i.id]));
    const found = byKey.size ? await read({ unlinkedIds: [...byKey.keys()] }) : [];
    return [...linked, ...found.map((d) => ({ ...d, processInstanceId: byKey.get(d.id)! }))];
  }

  const dossierRows = (by: DossiersBy) => dossiersRepo.findDossiersBy({ db, by });

  async function dossierOf(task: Task): Promise<{ dossier: Dossier; loaded: LoadedVersion; step: ProcessStep }> {
    const [dossier] = await dossiersOfInstances([task.processInstanceId], dossierRows);
    if (!dossier) throw taskNotFound();
    const loaded = await procedures.loadVersion(dossier.procedureVersionId);
    const step = loaded.step(task.taskDefinitionKey);
    if (!step) throw taskNotFound();
    return { dossier, loaded, step };
  }

  async function toViews(actor: Account, tasks: Task[]): Promise<TaskView[]> {
    const dossiers = await dossiersOfInstances([...new Set(tasks.map((t) => t.processInstanceId))], (by) => inboxDossiers(db, by));
    return taskViews({ db, procedures, sla, clock }, actor, tasks, dossiers);
  }

  /**
   * Tasks the officer can work on (`searchedLatest`: a filter matched more dossiers than it looks at, so only
   * this many of the newest were searched): unclaimed ones of their role in their unit, and the ones they hold
   * (by default), or only theirs, only the unclaimed ones, or all of them held by anyone (`holder`); optionally
   * only those in one SLA state, ordered by due time (default) or arrival. Seeing a colleague's task gives no
   * right to act on it: claim and complete check the holder.
   */
  async function list(actor: Account, q: TaskListQuery): Promise<{ items: TaskView[]; total: number; searchedLatest: number | null }> {
    requireOfficer(actor);
    const filtered = q.q || q.procedure || q.status || q.from || q.to ? await matchingDossiers(db, actor, q) : undefined;
    if (filtered && !filtered.ids.length) return { items: [], total: 0, searchedLatest: null };
    const query: TaskQuery = {
      // the role's tasks in the unit: by default those free or held by this officer
      candidateGroups: [candidateGroup(actor)],
      includeAssignedTasks: true,
      ...(q.holder === 'mine'
        ? { assignee: actor.id }
        : q.holder === 'unclaimed'
          ? { unassigned: true }
          : q.holder === 'unit'
            ? {}
            : { orQueries: [{ unassigned: true, assignee: actor.id }] }),
      ...slaCriteria(q.sla, clock.now()),
      ...(filtered ? { processInstanceBusinessKeyIn: filtered.ids } : {}),
      sorting: sortings[q.sort ?? 'due'],
    };
    const tasks = await engineCall(() => engine.queryTasks(query, { firstResult: q.offset, maxResults: q.limit }));
    seen.remember(candidateGroup(actor), tasks);
    // a page that is not full ends the list: its length tells the total, without the engine counting again
    // (most inboxes fit on their first page, and an officer's screen asks for it every few seconds)
    const total = tasks.length < q.limit && (tasks.length > 0 || q.offset === 0) ? q.offset + tasks.length : await engineCall(() => engine.countTasks(query));
    return { items: await toViews(actor, tasks), total, searchedLatest: filtered?.truncated ? FILTER_LIMIT : null };
  }

  /** The unit the officer completing this step picks for the next one (liên thông), when the next step asks for it. */
  async function pickOf(dossier: DossierRef, loaded: LoadedVersion, step: ProcessStep) {
    return pickAfter({ db, dossierId: dossier.id, steps: loaded.model.steps, stepKey: step.key, procedureField: loaded.procedure.field });
  }

  async function get(actor: Account, taskId: string): Promise<TaskView & { form: unknown; decisions: readonly string[]; pick: TaskPick | null }> {
    const task = await authorisedTask(actor, taskId);
    seen.remember(candidateGroup(actor), [task]);
    const { dossier, loaded, step } = await dossierOf(task);
    const [view, pick] = await Promise.all([toViews(actor, [task]).then((v) => v[0]!), pickOf(dossier, loaded, step)]);
    return {
      ...view,
      form: step.formId ? (loaded.version.forms[step.formId] ?? null) : null,
      decisions: step.kind ? decisionsByKind[step.kind] : [],
      pick: pick
        ? { step: pick.step.key, stepName: pick.step.name, field: pick.field, decisions: FORWARD, units: pick.units.map((u) => ({ id: u.id, name: u.name })) }
        : null,
    };
  }

  /**
   * Takes a task. Taking the first handling step of a received dossier starts its handling (status 2 → 4),
   * recorded once the engine has given the task to the officer. A free task the engine listed for the
   * officer's group moments before is not asked for again: the engine's claim refuses it when someone took it
   * (or it is gone) since, and the engine is asked then, to say which.
   * @throws ConflictError `task_claimed` when someone else holds it; NotFoundError `task_not_found`
   * @returns `pending` when the engine did not answer in time (the claim is carried out by the relay)
   */
  async function claim(actor: Account, taskId: string, ctx: { requestId?: string } = {}): Promise<{ pending: boolean }> {
    requireOfficer(actor);
    const listed = seen.take(candidateGroup(actor), taskId);
    const task = listed ?? (await authorisedTask(actor, taskId));
    if (task.assignee === actor.id) return { pending: false };
    if (task.assignee) throw taskClaimed();
    const { dossier, step } = await dossierOf(task);
    // the claim is the whole change: its command is written alone (what follows it is recorded when it is done)
    const command = await commands.enqueue(db, {
      dossierId: dossier.id,
      dedupeKey: `claim:${taskId}:${randomUUID()}`,
      payload: { kind: 'claim', taskId, userId: actor.id, step: step.key, startsHandling: step.kind !== 'reception', group: candidateGroup(actor) },
      actorId: actor.id,
      requestId: ctx.requestId ?? null,
    });
    const r = await commands.runUpTo(dossier.id, command.id);
    if (r?.state === 'failed') {
      // refused: held by someone else, or (trusting a listing) gone since
      if (listed) await authorisedTask(actor, taskId);
      throw taskClaimed();
    }
    log.info({ action: 'task_claimed', taskId, dossierId: dossier.id, officerId: actor.id, engine: r?.state }, 'task claimed');
    return { pending: r?.state !== 'done' };
  }

  /** Gives a held task back to the unit. @throws ConflictError `task_not_held` */
  async function unclaim(actor: Account, taskId: string, ctx: { requestId?: string } = {}): Promise<{ pending: boolean }> {
    const task = await heldTask(actor, taskId, () => new ConflictError('task_not_held', msg('Bạn không giữ công việc này.', 'You do not hold this task.')));
    const { dossier, step } = await dossierOf(task);
    const command = await commands.enqueue(db, {
      dossierId: dossier.id,
      dedupeKey: `unclaim:${taskId}:${randomUUID()}`,
      payload: { kind: 'unclaim', taskId, userId: actor.id, step: step.key },
      actorId: actor.id,
      requestId: ctx.requestId ?? null,
    });
    const r = await commands.runUpTo(dossier.id, command.id);
    return { pending: r?.state !== 'done' };
  }

  /**
   * Completes a held task with the step's decision. The body is validated against the task's form.
   * Reception: accept (the `reception` topic then gives the code), supplement (status 5, the missing items
   * recorded), refuse (status 3, the reasons recorded). Review and approval: approve or send back.
   * @throws ConflictError `task_not_held` | `dossier_status_conflict`; InputError `form_invalid`
   */
  async function complete(actor: Account, taskId: string, body: unknown, ctx: { requestId?: string } = {}): Promise<{ decision: string; pending: boolean }> {
    const { dossier, loaded, step } =
      (await heldStep(actor, taskId)) ??
      (await dossierOf(
        await heldTask(
          actor,
          taskId,
          () => new ConflictError('task_not_held', msg('Hãy nhận xử lý công việc trước khi hoàn thành.', 'Claim the task before completing it.')),
        ),
      ));
    const form = loaded.formOf(step);
    if (!form || !step.kind) throw new InputError('task_without_form', msg('Bước xử lý này chưa có biểu mẫu.', 'This step has no form.'));
    // the unit picked for the next step (liên thông) travels beside the form's values
    const { nextUnitId, ...formBody } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const checked = form.validate(formBody);
    if (!checked.ok)
      throw new InputError(
        'form_invalid',
        msg('Nội dung xử lý chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.', 'The task form is not valid; check the marked fields.'),
        checked.problems,
      );
    const values = checked.data;
    const decision = String(values.decision ?? '');
    if (!(decisionsByKind[step.kind] as readonly string[]).includes(decision)) {
      throw new InputError('decision_unknown', msg('Quyết định không hợp lệ cho bước này.', 'This step does not offer that decision.'));
    }
    const pick = (FORWARD as readonly string[]).includes(decision) ? await pickOf(dossier, loaded, step) : undefined;
    const picked = pick?.units.find((u) => u.id === nextUnitId);
    if (pick && !picked)
      throw new InputError(
        'next_unit_required',
        msg(`Hãy chọn đơn vị thực hiện bước «${pick.step.name}».`, `Choose the unit that does the step "${pick.step.name}".`),
        [
          {
            field: 'nextUnitId',
            code: nextUnitId ? 'next_unit_invalid' : 'required',
            message: msg('Hãy chọn đơn vị trong danh sách.', 'Choose a unit from the list.'),
          },
        ],
      );
    const now = clock.now();
    const dedupeKey = `complete:${taskId}`;
    const command = await db.transaction(async (tx) => {
      const d = (await dossiersRepo.lockDossier({ tx, id: dossier.id }))!;
      if (await decidedAlready(tx, d.id, taskId)) {
        // the same decision sent twice (a retried request) is recorded once: its command was written with it
        const earlier = await commands.find(tx, dedupeKey);
        if (earlier) return earlier;
        // a task decided by other means (the engine's tools, recorded by the reconciler) is not decided again
        throw taskGone();
      }
      const unitPicked =
        pick && picked ? await recordPickedUnit(tx, { dossierId: d.id, step: pick.step.key, field: pick.field, unitId: picked.id }) : undefined;
      const recorded = unitPicked ? { ...values, nextUnit: { step: pick!.step.key, id: unitPicked, name: picked!.name } } : values;
      const { supplementDueAt } = await recordDecision(tx, sla, d, { step, decision, values: recorded, actor, taskId, at: now });
      // the model's gateways read the decision; who decided and when is the timeline's record (read by the workers)
      const variables = {
        [`${step.key}Decision`]: decision,
        ...(supplementDueAt ? { supplementDueAt } : {}),
        // the units picked so far (this one included): the engine gives a picked step only to its unit
        ...(loaded.model.steps.some((s) => s.unitRule?.kind === 'picked') ? await pickedUnitVariables(tx, d.id) : {}),
      };
      return commands.enqueue(tx, {
        dossierId: d.id,
        dedupeKey,
        payload: { kind: 'complete', taskId, userId: actor.id, step: step.key, variables: toEngineVariables(variables) },
        actorId: actor.id,
        requestId: ctx.requestId ?? null,
      });
    });
    const r = await commands.runUpTo(dossier.id, command.id);
    if (r?.state === 'failed') throw taskGone();
    if (r?.state === 'done') await reachNext(dossier, loaded);
    log.info({ action: 'task_completed', taskId, step: step.key, decision, dossierId: dossier.id, officerId: actor.id, engine: r?.state }, 'task completed');
    return { decision, pending: r?.state !== 'done' };
  }

  /** After a step is done: the steps the engine now gives to the units they were handed to are reached. */
  async function reachNext(dossier: DossierRef, loaded: LoadedVersion): Promise<void> {
    if (!dossier.processInstanceId || !loaded.model.steps.some(handedToAUnit)) return;
    if (!(await db('dossier_step_units').where({ dossier_id: dossier.id }).whereNull('reached_at').first('step'))) return;
    try {
      const open = await engine.queryTasks({ processInstanceId: dossier.processInstanceId });
      await markReached(
        db,
        dossier.id,
        open.map((t) => t.taskDefinitionKey),
      );
    } catch (e) {
      // the unit's inbox marks it when it lists the task
      log.warn({ err: e, dossierId: dossier.id }, 'next steps not marked reached');
    }
  }

  return {
    list,
    get,
    claim,
    unclaim,
    complete,
    heldTask,
    authorisedTask,
    heldBy,
    ...createTaskReleases(commands),
    dossierOf,
    recordDecision: (tx: Tx, d: Dossier, o: DecisionRecord) => recordDecision(tx, sla, d, o),
  };
}

export type TasksService = ReturnType<typeof createTasksService>;

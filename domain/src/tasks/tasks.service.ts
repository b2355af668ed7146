/**
 * The officer's work: the tasks of their role in their unit (and those they hold), claim, unclaim, and
 * complete with a decision. The engine decides who may act (candidate group `<role>:<orgUnitId>`, assignee);
 * this service checks it for the acting user, applies the decision's status change in the same transaction
 * as its timeline event and the engine command that completes the task (the outbox), then carries the
 * command out: no row lock or connection is held while the engine answers.
 */
import { systemClock, type Clock } from '../time/clock.ts';
import type { Account } from '../accounts/accounts.repository.ts';
import { isOfficer } from '../accounts/roles.ts';
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/db.ts';
import { EngineUnreachableError, engineDate, toEngineVariables, type EngineClient, type Task, type TaskQuery } from '../engine/engine.client.ts';
import type { EngineCommands } from '../engine-commands/engine-commands.service.ts';
import { ConflictError, InputError, NotAllowedError, NotFoundError, UnavailableError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { ProcessStep } from '../procedures/bpmn-model.ts';
import { decisionsByKind } from '../procedures/bpmn-steps.ts';
import type { LoadedVersion, ProceduresService } from '../procedures/procedures.service.ts';
import type { SlaState } from '../sla/deadlines.ts';
import type { SlaService } from '../sla/sla.service.ts';
import { dossiersOfUnits, whereDossierMatches } from '../dossiers/dossier-search.ts';
import { recordDecision, type DecisionRecord } from './step-decisions.ts';
import { slaCriteria, taskSlaState } from './task-sla.ts';
import { nextDate, vnMoment } from '../time/vietnam-time.ts';
import { statusNames } from '../dossiers/dossier-status.ts';
import * as dossiersRepo from '../dossiers/dossiers.repository.ts';
import type { Dossier } from '../dossiers/dossiers.repository.ts';

const log = moduleLogger('tasks');

export interface TaskView {
  id: string;
  name: string;
  stepKey: string;
  stepKind: string | undefined;
  created: string;
  due: string | null;
  /** when the step turns nearly late */
  warnAt: string | null;
  slaState: SlaState | null;
  /** working minutes left until the step's due time on the unit's calendar; negative when overdue */
  remainingWorkingMinutes: number | null;
  assignee: string | null;
  assignedToMe: boolean;
  formId: string | null;
  dossier: {
    id: string;
    code: string | null;
    reference: string;
    procedureCode: string;
    procedureName: string;
    status: { code: number; name: { vi: string; en: string } };
    slaState: SlaState;
    submittedAt: Date;
    dueAt: Date | null;
  } | null;
}

const taskNotFound = () => new NotFoundError('task_not_found', msg('Không tìm thấy công việc.', 'Task not found.'));
const unavailable = () =>
  new UnavailableError(
    'engine_unavailable',
    msg('Hệ thống xử lý đang bận, vui lòng thử lại sau ít phút.', 'The processing engine is unavailable; please try again in a few minutes.'),
  );

export function candidateGroup(actor: Account): string {
  return `${actor.role}:${actor.orgUnitId}`;
}

/** How a task list is ordered: by due time or by arrival, either way. */
export type TaskSort = 'due' | '-due' | 'created' | '-created';

export interface TaskListQuery {
  limit: number;
  offset: number;
  /** only tasks in this SLA state now */
  sla?: SlaState;
  sort?: TaskSort;
  /** words of the dossier code or reference, the applicant's name or the procedure (diacritics optional) */
  q?: string;
  /** procedure code */
  procedure?: string;
  /** dossier status */
  status?: number;
  /** dossiers submitted from / to (Vietnamese dates, inclusive) */
  from?: string;
  to?: string;
}

/** How many dossiers a filtered inbox looks at, at most (the engine gets their ids). */
const FILTER_LIMIT = 5000;

const sortings: Record<TaskSort, TaskQuery['sorting']> = {
  due: [
    { sortBy: 'dueDate', sortOrder: 'asc' },
    { sortBy: 'created', sortOrder: 'asc' },
  ],
  '-due': [
    { sortBy: 'dueDate', sortOrder: 'desc' },
    { sortBy: 'created', sortOrder: 'desc' },
  ],
  created: [{ sortBy: 'created', sortOrder: 'asc' }],
  '-created': [{ sortBy: 'created', sortOrder: 'desc' }],
};

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
   * The task, when the actor may act on it: a candidate through their role and unit, or its assignee. One
   * engine query answers both questions (the task exists, and this officer is among those who may see it).
   */
  async function authorisedTask(actor: Account, taskId: string): Promise<Task> {
    requireOfficer(actor);
    const [task] = await engineCall(() =>
      engine.queryTasks({ taskId, orQueries: [{ candidateGroups: [candidateGroup(actor)], includeAssignedTasks: true, assignee: actor.id }] }),
    );
    if (!task) throw taskNotFound();
    return task;
  }

  /**
   * The task the actor holds. Holding it proves the right to act (the claim was authorised), so the common
   * case is one lookup by id; only a task not held by the actor is checked further, to answer precisely.
   * @throws NotFoundError `task_not_found`; ConflictError `task_not_held`
   */
  async function heldTask(
    actor: Account,
    taskId: string,
    notHeld: () => Error = () => new ConflictError('task_not_held', msg('Bạn không giữ công việc này.', 'You do not hold this task.')),
  ): Promise<Task> {
    requireOfficer(actor);
    const task = await engineCall(() => engine.task(taskId));
    if (task?.assignee === actor.id) return task;
    await authorisedTask(actor, taskId);
    throw notHeld();
  }

  /**
   * The dossiers of these process instances. An instance whose dossier is not linked yet (its start command
   * is being finished) is found by its business key, the dossier id.
   */
  async function dossiersOfInstances(instanceIds: string[]): Promise<Dossier[]> {
    const linked = await dossiersRepo.findDossiersByProcessInstances({ db, ids: instanceIds });
    const missing = instanceIds.filter((id) => !linked.some((d) => d.processInstanceId === id));
    if (!missing.length) return linked;
    const instances = await engineCall(() => engine.processInstances({ processInstanceIds: missing }));
    const byKey = new Map(instances.filter((i) => i.businessKey).map((i) => [i.businessKey!, i.id]));
    const found = byKey.size
      ? (
          await db('dossiers')
            .whereIn('id', [...byKey.keys()])
            .whereNull('process_instance_id')
        ).map(dossiersRepo.toDossier)
      : [];
    return [...linked, ...found.map((d) => ({ ...d, processInstanceId: byKey.get(d.id)! }))];
  }

  async function dossierOf(task: Task): Promise<{ dossier: Dossier; loaded: LoadedVersion; step: ProcessStep }> {
    const [dossier] = await dossiersOfInstances([task.processInstanceId]);
    if (!dossier) throw taskNotFound();
    const loaded = await procedures.loadVersion(dossier.procedureVersionId);
    const step = loaded.step(task.taskDefinitionKey);
    if (!step) throw taskNotFound();
    return { dossier, loaded, step };
  }

  async function toViews(actor: Account, tasks: Task[]): Promise<TaskView[]> {
    const dossiers = await dossiersOfInstances([...new Set(tasks.map((t) => t.processInstanceId))]);
    const byInstance = new Map(dossiers.map((d) => [d.processInstanceId!, d]));
    const flags = dossiers.length
      ? await db('dossier_sla_flags').whereIn(
          'dossier_id',
          dossiers.map((d) => d.id),
        )
      : [];
    const now = clock.now();
    return Promise.all(
      tasks.map(async (t) => {
        const d = byInstance.get(t.processInstanceId);
        const loaded = d ? await procedures.loadVersion(d.procedureVersionId) : undefined;
        const step = loaded?.step(t.taskDefinitionKey);
        const stepFlags = d
          ? flags
              .filter((f: { dossier_id: string; step: string }) => f.dossier_id === d.id && f.step === t.taskDefinitionKey)
              .map((f: { level: string }) => f.level)
          : [];
        // the state now by the step's due and warn times; a flag the timers already raised counts too
        const due = engineDate(t.due);
        let state = taskSlaState(t, now);
        const cal = d && due ? await sla.calendarOf(d.orgUnitId) : undefined;
        const remaining = cal && due ? (due > now ? cal.workingMinutesBetween(now, due) : -cal.workingMinutesBetween(due, now)) : null;
        if (stepFlags.includes('late')) state = 'late';
        else if (stepFlags.includes('nearly_late') && state === 'on_time') state = 'nearly_late';
        return {
          id: t.id,
          name: t.name ?? t.taskDefinitionKey,
          stepKey: t.taskDefinitionKey,
          stepKind: step?.kind,
          created: t.created,
          due: t.due,
          warnAt: t.followUp,
          slaState: state,
          remainingWorkingMinutes: remaining === null ? null : Math.round(remaining),
          assignee: t.assignee,
          assignedToMe: t.assignee === actor.id,
          formId: step?.formId ?? null,
          dossier:
            d && loaded
              ? {
                  id: d.id,
                  code: d.code,
                  reference: d.reference,
                  procedureCode: loaded.procedure.code,
                  procedureName: loaded.procedure.name,
                  status: { code: d.status, name: statusNames[d.status] },
                  slaState: d.slaState,
                  submittedAt: d.submittedAt,
                  dueAt: d.dueAt,
                }
              : null,
        };
      }),
    );
  }

  /**
   * Tasks the officer can work on (`searchedLatest`: a filter matched more dossiers than it looks at, so only
   * this many of the newest were searched): unclaimed ones of their role in their unit, and the ones they hold;
   * optionally only those in one SLA state, ordered by due time (default) or arrival.
   */
  async function list(actor: Account, q: TaskListQuery): Promise<{ items: TaskView[]; total: number; searchedLatest: number | null }> {
    requireOfficer(actor);
    const filtered = q.q || q.procedure || q.status || q.from || q.to ? await matchingDossiers(actor, q) : undefined;
    if (filtered && !filtered.ids.length) return { items: [], total: 0, searchedLatest: null };
    const query: TaskQuery = {
      orQueries: [{ candidateGroups: [candidateGroup(actor)], includeAssignedTasks: false, assignee: actor.id }],
      ...slaCriteria(q.sla, clock.now()),
      ...(filtered ? { processInstanceBusinessKeyIn: filtered.ids } : {}),
      sorting: sortings[q.sort ?? 'due'],
    };
    const [tasks, total] = await engineCall(() =>
      Promise.all([engine.queryTasks(query, { firstResult: q.offset, maxResults: q.limit }), engine.countTasks(query)]),
    );
    return { items: await toViews(actor, tasks), total, searchedLatest: filtered?.truncated ? FILTER_LIMIT : null };
  }

  /**
   * Ids of the officer's unit's open dossiers that match the inbox filters (the engine's business keys), the
   * latest FILTER_LIMIT of them; `truncated` when more matched.
   */
  async function matchingDossiers(actor: Account, q: TaskListQuery): Promise<{ ids: string[]; truncated: boolean }> {
    const query = db('dossiers as d')
      .join('procedure_versions as v', 'v.id', 'd.procedure_version_id')
      .join('procedures as p', 'p.id', 'v.procedure_id')
      .join('accounts as a', 'a.id', 'd.applicant_id')
      // received here, or with a step handed to this unit (liên thông)
      .whereIn('d.id', dossiersOfUnits(db, [actor.orgUnitId!]))
      .whereIn('d.status', [1, 2, 4, 5, 6, 9])
      .orderBy('d.submitted_at', 'desc')
      .limit(FILTER_LIMIT + 1)
      .select('d.id');
    if (q.procedure) query.where('p.code', q.procedure);
    if (q.status) query.where('d.status', q.status);
    if (q.from) query.where('d.submitted_at', '>=', vnMoment(q.from));
    if (q.to) query.where('d.submitted_at', '<', vnMoment(nextDate(q.to)));
    if (q.q) await whereDossierMatches(db, query, q.q);
    const ids = ((await query) as { id: string }[]).map((r) => r.id);
    return { ids: ids.slice(0, FILTER_LIMIT), truncated: ids.length > FILTER_LIMIT };
  }

  async function get(actor: Account, taskId: string): Promise<TaskView & { form: unknown; decisions: readonly string[] }> {
    const task = await authorisedTask(actor, taskId);
    const { loaded, step } = await dossierOf(task);
    const [view] = await toViews(actor, [task]);
    return { ...view!, form: step.formId ? (loaded.version.forms[step.formId] ?? null) : null, decisions: step.kind ? decisionsByKind[step.kind] : [] };
  }

  /**
   * Takes a task. Taking the first handling step of a received dossier starts its handling (status 2 → 4),
   * recorded once the engine has given the task to the officer.
   * @throws ConflictError `task_claimed` when someone else holds it
   * @returns `pending` when the engine did not answer in time (the claim is carried out by the relay)
   */
  async function claim(actor: Account, taskId: string, ctx: { requestId?: string } = {}): Promise<{ pending: boolean }> {
    const task = await authorisedTask(actor, taskId);
    if (task.assignee === actor.id) return { pending: false };
    if (task.assignee) throw new ConflictError('task_claimed', msg('Công việc đã được cán bộ khác nhận xử lý.', 'Another officer already holds this task.'));
    const { dossier, step } = await dossierOf(task);
    const command = await db.transaction((tx) =>
      commands.enqueue(tx, {
        dossierId: dossier.id,
        dedupeKey: `claim:${taskId}:${randomUUID()}`,
        payload: { kind: 'claim', taskId, userId: actor.id, step: step.key, startsHandling: step.kind !== 'reception' },
        actorId: actor.id,
        requestId: ctx.requestId ?? null,
      }),
    );
    const r = await commands.runUpTo(dossier.id, command.id);
    if (r?.state === 'failed')
      throw new ConflictError('task_claimed', msg('Công việc đã được cán bộ khác nhận xử lý.', 'Another officer already holds this task.'));
    log.info({ action: 'task_claimed', taskId, dossierId: dossier.id, officerId: actor.id, engine: r?.state }, 'task claimed');
    return { pending: r?.state !== 'done' };
  }

  /** Gives a held task back to the unit. @throws ConflictError `task_not_held` */
  async function unclaim(actor: Account, taskId: string, ctx: { requestId?: string } = {}): Promise<{ pending: boolean }> {
    const task = await heldTask(actor, taskId, () => new ConflictError('task_not_held', msg('Bạn không giữ công việc này.', 'You do not hold this task.')));
    const { dossier, step } = await dossierOf(task);
    const command = await db.transaction((tx) =>
      commands.enqueue(tx, {
        dossierId: dossier.id,
        dedupeKey: `unclaim:${taskId}:${randomUUID()}`,
        payload: { kind: 'unclaim', taskId, userId: actor.id, step: step.key },
        actorId: actor.id,
        requestId: ctx.requestId ?? null,
      }),
    );
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
    const task = await heldTask(
      actor,
      taskId,
      () => new ConflictError('task_not_held', msg('Hãy nhận xử lý công việc trước khi hoàn thành.', 'Claim the task before completing it.')),
    );
    const { dossier, loaded, step } = await dossierOf(task);
    const form = loaded.formOf(step);
    if (!form || !step.kind) throw new InputError('task_without_form', msg('Bước xử lý này chưa có biểu mẫu.', 'This step has no form.'));
    const checked = form.validate(body);
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
    const now = clock.now();
    const dedupeKey = `complete:${taskId}`;
    const command = await db.transaction(async (tx) => {
      const d = (await dossiersRepo.lockDossier({ tx, id: dossier.id }))!;
      // the same decision sent twice (a retried request) is recorded once
      const earlier = await commands.find(tx, dedupeKey);
      if (earlier) return earlier;
      const { supplementDueAt } = await recordDecision(tx, sla, d, { step, decision, values, actor, taskId, at: now });
      // the model's gateways read the decision; who decided and when is the timeline's record (read by the workers)
      const variables = { [`${step.key}Decision`]: decision, ...(supplementDueAt ? { supplementDueAt } : {}) };
      return commands.enqueue(tx, {
        dossierId: d.id,
        dedupeKey,
        payload: { kind: 'complete', taskId, userId: actor.id, step: step.key, variables: toEngineVariables(variables) },
        actorId: actor.id,
        requestId: ctx.requestId ?? null,
      });
    });
    const r = await commands.runUpTo(dossier.id, command.id);
    if (r?.state === 'failed')
      throw new ConflictError('task_gone', msg('Công việc đã được xử lý hoặc không còn tồn tại.', 'The task was already completed or no longer exists.'));
    log.info({ action: 'task_completed', taskId, step: step.key, decision, dossierId: dossier.id, officerId: actor.id, engine: r?.state }, 'task completed');
    return { decision, pending: r?.state !== 'done' };
  }

  return {
    list,
    get,
    claim,
    unclaim,
    complete,
    heldTask,
    dossierOf,
    recordDecision: (tx: Tx, d: Dossier, o: DecisionRecord) => recordDecision(tx, sla, d, o),
  };
}

export type TasksService = ReturnType<typeof createTasksService>;

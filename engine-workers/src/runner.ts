/**
 * Runs a topic's handler on a fetched external task and reports the outcome on purpose:
 * - the handler's result → complete (with its variables) or handleBpmnError (a business outcome, modelled);
 * - a thrown error → handleFailure with the retries left and an exponential back-off; at zero retries the
 *   engine raises an incident an operator sees.
 * A failing report to the engine is logged, never swallowed silently: the task's lock then expires and the
 * task is delivered again, which every handler tolerates (its side effects are idempotent).
 */
import { Variables, type ExternalTask, type TaskService } from 'camunda-external-task-client-js';
import type { Logger } from '@motcua/domain/logging/logger.ts';
import { REQUEST_ID_VARIABLE, ROLLED_BACK_TYPES } from '@motcua/domain/engine/engine.client.ts';

export type Outcome = { kind: 'complete'; variables?: Record<string, unknown> } | { kind: 'bpmnError'; code: string; message: string };

/** What a handler sees of a task: ids and variable values, nothing of the client library. */
export interface TaskInput {
  id: string;
  topic: string;
  activityId: string;
  processInstanceId: string;
  businessKey: string | null;
  variable<T = unknown>(name: string): T | undefined;
}

export type TopicHandler = (task: TaskInput) => Promise<Outcome>;

export const done = (variables?: Record<string, unknown>): Outcome => ({ kind: 'complete', variables });

export interface RunnerOptions {
  retries: number;
  retryBackoffMs: number;
  /** the task's lock: kept short so a crashed worker's task comes back soon, extended while the handler runs */
  lockMs: number;
  log: Logger;
  /** fault injection for crash tests: called after the handler's side effects, before completion */
  beforeComplete?: (topic: string) => void;
}

function toVariables(values: Record<string, unknown> | undefined): Variables | undefined {
  if (!values || !Object.keys(values).length) return undefined;
  const v = new Variables();
  for (const [k, x] of Object.entries(values)) {
    // numbers go as Long/Double explicitly: the client would guess "integer" and overflow
    if (typeof x === 'number') v.setTyped(k, { value: x, type: Number.isInteger(x) ? 'Long' : 'Double' });
    else v.set(k, x);
  }
  return v;
}

export function retryPlan(
  retriesLeftBefore: number | null,
  opts: Pick<RunnerOptions, 'retries' | 'retryBackoffMs'>,
): { retries: number; retryTimeout: number } {
  const left = (retriesLeftBefore ?? opts.retries) - 1;
  const attempt = opts.retries - left;
  return { retries: Math.max(0, left), retryTimeout: opts.retryBackoffMs * 2 ** Math.max(0, attempt - 1) };
}

/**
 * Reports a task's outcome, again when the engine rolled the report back whole because a concurrent command
 * on the same instance won (an optimistic-locking conflict, a deadlock): a supplement arriving while the
 * task completes, say. Waiting for the lock to expire instead would stall the dossier for the lock's length.
 */
async function sendAgainIfRolledBack(report: () => Promise<unknown>, log: Logger, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await report();
      return;
    } catch (err) {
      const type = (err as { type?: string }).type;
      if (!type || !ROLLED_BACK_TYPES.includes(type) || attempt >= attempts) throw err;
      log.info({ type, attempt }, 'the engine rolled the report back (a concurrent command): sending it again');
      await new Promise((r) => setTimeout(r, 25 * 2 ** attempt + Math.random() * 25));
    }
  }
}

export function runner(topic: string, handler: TopicHandler, opts: RunnerOptions) {
  return async ({ task, taskService }: { task: ExternalTask; taskService: TaskService }): Promise<void> => {
    // the request behind the command that led here (the api's request id), to follow one request across the logs
    const requestId = task.variables.get(REQUEST_ID_VARIABLE) as string | undefined;
    const log = opts.log.child({ topic, externalTaskId: task.id, processInstanceId: task.processInstanceId, dossierId: task.businessKey, requestId });
    const input: TaskInput = {
      id: task.id,
      topic,
      activityId: task.activityId,
      processInstanceId: task.processInstanceId,
      businessKey: task.businessKey,
      variable: <T>(name: string) => task.variables.get(name) as T | undefined,
    };
    let outcome: Outcome;
    const started = Date.now();
    // long work (remote signing) keeps its lock: extended at half its length while the handler runs
    const keepLock = setInterval(
      () => {
        taskService.extendLock(task, opts.lockMs).catch((err: unknown) => log.warn({ err }, 'could not extend the task lock'));
      },
      Math.max(250, Math.floor(opts.lockMs / 2)),
    );
    try {
      outcome = await handler(input);
    } catch (err) {
      const plan = retryPlan(task.retries, opts);
      log.error(
        { err, retries: plan.retries, retryTimeout: plan.retryTimeout },
        plan.retries ? 'handler failed; will retry' : 'handler failed; no retries left, incident raised',
      );
      await taskService
        .handleFailure(task, {
          errorMessage: String((err as Error).message ?? err).slice(0, 500),
          errorDetails: String((err as Error).stack ?? err).slice(0, 4000),
          ...plan,
        })
        .catch((e: unknown) => log.error({ err: e }, 'could not report the failure to the engine; the task will be delivered again'));
      return;
    } finally {
      clearInterval(keepLock);
    }
    opts.beforeComplete?.(topic);
    try {
      const done = outcome;
      await sendAgainIfRolledBack(
        () => (done.kind === 'complete' ? taskService.complete(task, toVariables(done.variables)) : taskService.handleBpmnError(task, done.code, done.message)),
        log,
      );
      log.info({ ms: Date.now() - started, outcome: outcome.kind }, 'task done');
    } catch (err) {
      log.error({ err }, 'could not report the outcome to the engine; the task will be delivered again');
    }
  };
}

/**
 * The typed client of the engine's REST API (/engine-rest), the only way motcua talks to the engine. The
 * same calls work on Operaton and on Camunda 7.24. Process variables are converted both ways: Date ↔ Date,
 * objects ↔ Json (Spin), numbers ↔ Long / Double.
 */
import { moduleLogger } from '../logging/logger.ts';
import { sendJson, type HttpAnswer } from './http-transport.ts';
import { formatEngineDate, fromEngineVariables, toEngineVariables, type EngineVariable, type Variables } from './engine-variables.ts';
import type { Deployment, HistoricActivityInstance, HistoricTask, IdentityLink, ProcessDefinition, ProcessInstance, Task, TaskQuery } from './engine-types.ts';

const log = moduleLogger('engine-client');

export interface EngineClientOptions {
  /** base URL including /engine-rest */
  baseUrl: string;
  user: string;
  password: string;
  /** per-request timeout */
  timeoutMs?: number;
}

/** The engine answered with an error. `status` is the HTTP status; `type` the engine's exception type. */
/** How many times a command rolled back by an optimistic-locking conflict is sent in all. */
const OPTIMISTIC_LOCKING_ATTEMPTS = 5;

export class EngineError extends Error {
  override name = 'EngineError';
  readonly status: number;
  readonly type: string | undefined;
  constructor(status: number, type: string | undefined, message: string) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

/** The engine could not be reached (connection refused, timeout). */
export class EngineUnreachableError extends Error {
  override name = 'EngineUnreachableError';
}

export * from './engine-variables.ts';
export * from './engine-types.ts';

/** The header in which the engine's REST filter (engine/…/TechnicalUserAuthenticationFilter) reads the acting account. */
export const ACTOR_HEADER = 'X-Motcua-Actor';

/**
 * Engine exception types of a command the engine rolled back whole because of a concurrent one: an
 * optimistic-locking conflict, or a flush that failed (a PostgreSQL deadlock between two commands on one
 * instance). Nothing of it took effect; it can be sent again.
 */
export const ROLLED_BACK_TYPES: readonly string[] = ['OptimisticLockingException', 'ProcessEnginePersistenceException'];

/** statuses a balancer in front of the engine nodes answers for a node it could not use */
const GATEWAY_STATUSES = [502, 503, 504];

export function isRolledBack(e: unknown): boolean {
  return e instanceof EngineError && ROLLED_BACK_TYPES.includes(e.type ?? '');
}

export class EngineClient {
  private readonly base: string;
  private readonly auth: string;
  private readonly opts: EngineClientOptions;
  readonly timeoutMs: number;

  constructor(opts: EngineClientOptions) {
    this.opts = opts;
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.auth = 'Basic ' + Buffer.from(`${opts.user}:${opts.password}`).toString('base64');
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /** The same engine with another per-request timeout (short for calls a person waits on). */
  withTimeout(timeoutMs: number): EngineClient {
    return new EngineClient({ ...this.opts, timeoutMs });
  }

  get baseUrl(): string {
    return this.base;
  }

  /**
   * One call to the REST API. `actor` is the account that caused it: the engine records it (instead of the
   * technical user) in its user-operation log. A command that lost an optimistic-locking race with another
   * on the same process instance (a message arriving while a parallel branch ends, say), or whose flush met
   * a database deadlock, was rolled back whole by the engine, so it is sent again, a few times, after a
   * short pause.
   */
  private async request<T>(method: string, path: string, body?: unknown, init: { form?: FormData; actor?: string } = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.requestOnce<T>(method, path, body, init);
      } catch (e) {
        if (!isRolledBack(e) || attempt >= OPTIMISTIC_LOCKING_ATTEMPTS) throw e;
        log.info({ method, path, attempt, type: (e as EngineError).type }, 'engine rolled the command back (a conflict): sending again');
        await new Promise((r) => setTimeout(r, 25 * 2 ** attempt + Math.random() * 25));
      }
    }
  }

  /**
   * One JSON call, sent once: for a caller that decides itself what a conflict means (the external-task
   * client's reports, which the worker's runner sends again).
   */
  once<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.requestOnce<T>(method, path, body, {});
  }

  private async requestOnce<T>(method: string, path: string, body: unknown, init: { form?: FormData; actor?: string }): Promise<T> {
    const headers: Record<string, string> = { authorization: this.auth, accept: 'application/json' };
    if (init.actor) headers[ACTOR_HEADER] = init.actor;
    // a form (a deployment's files) goes through fetch, which encodes it; every other call through sendJson
    let payload: string | FormData | undefined;
    if (init.form) payload = init.form;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res: HttpAnswer;
    try {
      res =
        typeof payload === 'object'
          ? await fetch(this.base + path, { method, headers, body: payload, signal: AbortSignal.timeout(this.timeoutMs) }).then(async (r) => ({
              status: r.status,
              text: await r.text(),
            }))
          : await sendJson({ method, url: this.base + path, headers, body: payload, timeoutMs: this.timeoutMs });
    } catch (e) {
      throw new EngineUnreachableError(`engine unreachable: ${method} ${path}: ${(e as Error).message}`);
    }
    if (res.status === 204) return undefined as T;
    const text = res.text;
    if (res.status < 200 || res.status > 299) {
      let type: string | undefined;
      let message = text;
      try {
        const j = JSON.parse(text) as { type?: string; message?: string };
        type = j.type;
        message = j.message ?? text;
      } catch {
        /* not JSON: keep the text */
      }
      log.debug({ method, path, status: res.status, type }, 'engine error');
      // a balancer's answer for an engine node that died or did not answer (no engine exception in it): the
      // engine was not reached, or the outcome is unknown, never a refusal
      if (GATEWAY_STATUSES.includes(res.status) && !type)
        throw new EngineUnreachableError(`engine unreachable: ${method} ${path} → ${res.status} from a gateway`);
      throw new EngineError(res.status, type, `${method} ${path} → ${res.status}: ${message}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  version(): Promise<{ version: string }> {
    return this.request('GET', '/version');
  }

  /** Deploys files as one deployment; with duplicate filtering an unchanged set deploys nothing new. */
  async deploy(opts: { name: string; source: string; files: { name: string; content: string | Buffer }[]; duplicateFiltering?: boolean }): Promise<Deployment> {
    const form = new FormData();
    form.set('deployment-name', opts.name);
    form.set('deployment-source', opts.source);
    if (opts.duplicateFiltering) {
      form.set('enable-duplicate-filtering', 'true');
      form.set('deploy-changed-only', 'false');
    }
    for (const f of opts.files) form.append(f.name, new Blob([typeof f.content === 'string' ? f.content : new Uint8Array(f.content)]), f.name);
    return this.request('POST', '/deployment/create', undefined, { form });
  }

  /** Deployments by name, oldest first. */
  deployments(query: { name: string }): Promise<{ id: string; name: string; deploymentTime: string; source: string | null }[]> {
    return this.request('GET', `/deployment?name=${encodeURIComponent(query.name)}&sortBy=deploymentTime&sortOrder=asc`);
  }

  processDefinitions(query: { deploymentId?: string; key?: string; latestVersion?: boolean }): Promise<ProcessDefinition[]> {
    const qs = new URLSearchParams();
    if (query.deploymentId) qs.set('deploymentId', query.deploymentId);
    if (query.key) qs.set('key', query.key);
    if (query.latestVersion) qs.set('latestVersion', 'true');
    return this.request('GET', `/process-definition?${qs}`);
  }

  processDefinitionXml(id: string): Promise<{ id: string; bpmn20Xml: string }> {
    return this.request('GET', `/process-definition/${encodeURIComponent(id)}/xml`);
  }

  startProcess(definitionId: string, opts: { businessKey: string; variables?: Variables; actor?: string }): Promise<ProcessInstance> {
    return this.request(
      'POST',
      `/process-definition/${encodeURIComponent(definitionId)}/start`,
      { businessKey: opts.businessKey, variables: toEngineVariables(opts.variables ?? {}) },
      { actor: opts.actor },
    );
  }

  processInstances(query: { businessKey?: string; processDefinitionKey?: string; processInstanceIds?: string[] }): Promise<ProcessInstance[]> {
    return this.request('POST', '/process-instance', query);
  }

  async processInstance(id: string): Promise<ProcessInstance | undefined> {
    try {
      return await this.request<ProcessInstance>('GET', `/process-instance/${encodeURIComponent(id)}`);
    } catch (e) {
      if (e instanceof EngineError && e.status === 404) return undefined;
      throw e;
    }
  }

  deleteProcessInstance(id: string, reason = 'motcua'): Promise<void> {
    return this.request(
      'DELETE',
      `/process-instance/${encodeURIComponent(id)}?skipCustomListeners=true&skipIoMappings=true&failIfNotExists=false&deleteReason=${encodeURIComponent(reason)}`,
    );
  }

  async processVariables(processInstanceId: string): Promise<Variables> {
    const raw = await this.request<Record<string, EngineVariable>>(
      'GET',
      `/process-instance/${encodeURIComponent(processInstanceId)}/variables?deserializeValues=false`,
    );
    return fromEngineVariables(raw);
  }

  setProcessVariables(processInstanceId: string, variables: Variables): Promise<void> {
    return this.request('POST', `/process-instance/${encodeURIComponent(processInstanceId)}/variables`, { modifications: toEngineVariables(variables) });
  }

  queryTasks(query: TaskQuery & { taskIdIn?: string[] }, page: { firstResult?: number; maxResults?: number } = {}): Promise<Task[]> {
    const qs = new URLSearchParams();
    if (page.firstResult !== undefined) qs.set('firstResult', String(page.firstResult));
    if (page.maxResults !== undefined) qs.set('maxResults', String(page.maxResults));
    return this.request('POST', `/task?${qs}`, query);
  }

  async countTasks(query: TaskQuery): Promise<number> {
    const { count } = await this.request<{ count: number }>('POST', '/task/count', query);
    return count;
  }

  async task(id: string): Promise<Task | undefined> {
    try {
      return await this.request<Task>('GET', `/task/${encodeURIComponent(id)}`);
    } catch (e) {
      if (e instanceof EngineError && e.status === 404) return undefined;
      throw e;
    }
  }

  /**
   * The timer jobs of a process instance, by the activity they fire (a boundary timer's id): when each is due
   * and whether it failed.
   */
  timerJobs(processInstanceId: string, activityId?: string): Promise<{ id: string; dueDate: string | null; exceptionMessage: string | null }[]> {
    const qs = new URLSearchParams({ processInstanceId, timers: 'true' });
    if (activityId) qs.set('activityId', activityId);
    return this.request('GET', `/job?${qs}`);
  }

  /** Executes a job now, whatever its due date (a timer fired on purpose: tests, an administrator). */
  executeJob(id: string): Promise<void> {
    return this.request('POST', `/job/${encodeURIComponent(id)}/execute`);
  }

  /** Whether the engine knows this process definition (a deployed version of a model). */
  async processDefinitionExists(id: string): Promise<boolean> {
    try {
      await this.request('GET', `/process-definition/${encodeURIComponent(id)}`);
      return true;
    } catch (e) {
      if (e instanceof EngineError && e.status === 404) return false;
      throw e;
    }
  }

  taskIdentityLinks(id: string): Promise<IdentityLink[]> {
    return this.request('GET', `/task/${encodeURIComponent(id)}/identity-links`);
  }

  /** The officer `userId` takes the task (and is named as the actor). */
  claimTask(id: string, userId: string): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(id)}/claim`, { userId }, { actor: userId });
  }

  unclaimTask(id: string, actor?: string): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(id)}/unclaim`, {}, { actor });
  }

  completeTask(id: string, variables: Variables = {}, actor?: string): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(id)}/complete`, { variables: toEngineVariables(variables) }, { actor });
  }

  /** Correlates a message to the instance with this business key. @throws EngineError 400 when nothing waits for it. */
  correlateMessage(messageName: string, businessKey: string, processVariables: Variables = {}, actor?: string): Promise<void> {
    return this.request('POST', '/message', { messageName, businessKey, processVariables: toEngineVariables(processVariables) }, { actor });
  }

  /** The engine's own record of who did what to a process instance (the accounts named by `actor`). */
  userOperations(processInstanceId: string): Promise<
    {
      userId: string | null;
      operationId: string;
      operationType: string;
      entityType: string;
      taskId: string | null;
      timestamp: string;
      property: string | null;
      newValue: string | null;
    }[]
  > {
    return this.request('GET', `/history/user-operation?processInstanceId=${encodeURIComponent(processInstanceId)}&sortBy=timestamp&sortOrder=asc`);
  }

  /** The history of one variable's values, each with the id of the operation that set it. */
  historicVariableUpdates(processInstanceId: string, variableName: string): Promise<{ value: unknown; userOperationId: string | null; time: string }[]> {
    return this.request<{ variableName: string; value: unknown; userOperationId: string | null; time: string }[]>(
      'GET',
      `/history/detail?processInstanceId=${encodeURIComponent(processInstanceId)}&variableUpdates=true&deserializeValues=false&sortBy=time&sortOrder=asc`,
    ).then((rows) => rows.filter((r) => r.variableName === variableName).map(({ value, userOperationId, time }) => ({ value, userOperationId, time })));
  }

  /** The instance's activities in the order they began; those begun in the same millisecond in the engine's own order. */
  historicActivities(processInstanceId: string): Promise<HistoricActivityInstance[]> {
    return this.request('POST', '/history/activity-instance', {
      processInstanceId,
      sorting: [
        { sortBy: 'startTime', sortOrder: 'asc' },
        { sortBy: 'occurrence', sortOrder: 'asc' },
      ],
    });
  }

  /** The instance's incidents, open and resolved. */
  historicIncidents(
    processInstanceId: string,
  ): Promise<
    { id: string; incidentType: string; incidentMessage: string | null; activityId: string; createTime: string; endTime: string | null; resolved: boolean }[]
  > {
    return this.request('GET', `/history/incident?processInstanceId=${encodeURIComponent(processInstanceId)}`);
  }

  /** The user tasks of a process instance, in the order they began (open ones have no end time). */
  historicTasks(processInstanceId: string): Promise<HistoricTask[]> {
    return this.request('GET', `/history/task?processInstanceId=${encodeURIComponent(processInstanceId)}&sortBy=startTime&sortOrder=asc`);
  }

  /** Process instances with this business key, running or ended, oldest first. */
  historicProcessInstances(query: {
    businessKey: string;
  }): Promise<{ id: string; state: string; endTime: string | null; businessKey: string | null; startTime: string }[]> {
    return this.request('GET', `/history/process-instance?processInstanceBusinessKey=${encodeURIComponent(query.businessKey)}&sortBy=startTime&sortOrder=asc`);
  }

  /** Process instances started at or after this moment, running or ended (the reconciler's window). */
  historicProcessInstancesStartedAfter(
    after: Date,
    page: { firstResult: number; maxResults: number },
    before?: Date,
  ): Promise<{ id: string; state: string; businessKey: string | null; startTime: string; processDefinitionKey: string }[]> {
    const until = before ? `&startedBefore=${encodeURIComponent(formatEngineDate(before))}` : '';
    return this.request(
      'GET',
      `/history/process-instance?startedAfter=${encodeURIComponent(formatEngineDate(after))}${until}&sortBy=startTime&sortOrder=asc&firstResult=${page.firstResult}&maxResults=${page.maxResults}`,
    );
  }

  /** One user task as history has it (open or ended), or undefined. */
  async historicTask(taskId: string): Promise<HistoricTask | undefined> {
    const [t] = await this.request<HistoricTask[]>('GET', `/history/task?taskId=${encodeURIComponent(taskId)}`);
    return t;
  }

  /** User tasks ended (completed or deleted) at or after this moment (and before `before`), oldest first. */
  historicTasksFinishedAfter(
    after: Date,
    page: { firstResult: number; maxResults: number },
    before?: Date,
  ): Promise<(HistoricTask & { processInstanceId: string })[]> {
    const until = before ? `&finishedBefore=${encodeURIComponent(formatEngineDate(before))}` : '';
    return this.request(
      'GET',
      `/history/task?finished=true&finishedAfter=${encodeURIComponent(formatEngineDate(after))}${until}&sortBy=endTime&sortOrder=asc&firstResult=${page.firstResult}&maxResults=${page.maxResults}`,
    );
  }

  /** Values a process instance's variables had (history keeps the last value of each). */
  async historicVariables(processInstanceId: string): Promise<Variables> {
    const rows = await this.request<{ name: string; type: string; value: unknown }[]>(
      'GET',
      `/history/variable-instance?processInstanceId=${encodeURIComponent(processInstanceId)}&deserializeValues=false`,
    );
    return fromEngineVariables(Object.fromEntries(rows.map((r) => [r.name, { type: r.type, value: r.value }])));
  }

  historicProcessInstance(id: string): Promise<{ id: string; state: string; endTime: string | null; businessKey: string | null; processDefinitionId: string }> {
    return this.request('GET', `/history/process-instance/${encodeURIComponent(id)}`);
  }

  externalTasks(query: { processInstanceId?: string; topicName?: string; locked?: boolean }): Promise<
    {
      id: string;
      topicName: string;
      workerId: string | null;
      retries: number | null;
      errorMessage: string | null;
      lockExpirationTime: string | null;
      activityId: string;
    }[]
  > {
    return this.request('POST', '/external-task', query);
  }

  incidents(query: { processInstanceId?: string }): Promise<{ id: string; incidentType: string; incidentMessage: string | null; activityId: string }[]> {
    const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined) as [string, string][]);
    return this.request('GET', `/incident?${qs}`);
  }

  jobs(query: {
    processInstanceId?: string;
    timers?: boolean;
  }): Promise<{ id: string; dueDate: string | null; retries: number; exceptionMessage: string | null }[]> {
    const qs = new URLSearchParams();
    if (query.processInstanceId) qs.set('processInstanceId', query.processInstanceId);
    if (query.timers) qs.set('timers', 'true');
    return this.request('GET', `/job?${qs}`);
  }
}

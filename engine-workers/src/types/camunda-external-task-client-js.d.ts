// camunda-external-task-client-js 3.x ships no types (the @types package describes 1.x): the part we use.
declare module 'camunda-external-task-client-js' {
  export interface TypedValue {
    value: unknown;
    type: string;
    valueInfo?: Record<string, unknown>;
  }
  export class Variables {
    constructor();
    get(name: string): unknown;
    getTyped(name: string): TypedValue | undefined;
    getAll(): Record<string, unknown>;
    set(name: string, value: unknown): Variables;
    setTyped(name: string, typed: TypedValue): Variables;
    setAll(values: Record<string, unknown>): Variables;
  }
  export interface ExternalTask {
    id: string;
    topicName: string;
    workerId: string;
    activityId: string;
    activityInstanceId: string;
    processInstanceId: string;
    processDefinitionId: string;
    processDefinitionKey: string;
    businessKey: string | null;
    retries: number | null;
    errorMessage: string | null;
    lockExpirationTime: string;
    variables: Variables;
  }
  export interface TaskService {
    complete(task: ExternalTask, processVariables?: Variables, localVariables?: Variables): Promise<void>;
    handleFailure(task: ExternalTask, options: { errorMessage?: string; errorDetails?: string; retries?: number; retryTimeout?: number }): Promise<void>;
    handleBpmnError(task: ExternalTask, errorCode: string, errorMessage?: string, variables?: Variables): Promise<void>;
    extendLock(task: ExternalTask, newDuration: number): Promise<void>;
    unlock(task: ExternalTask): Promise<void>;
  }
  export interface SubscribeOptions {
    lockDuration?: number;
    variables?: string[];
    localVariables?: boolean;
    processDefinitionKey?: string;
  }
  export type Handler = (args: { task: ExternalTask; taskService: TaskService }) => Promise<void>;
  export interface ClientOptions {
    baseUrl: string;
    workerId?: string;
    maxTasks?: number;
    maxParallelExecutions?: number;
    interval?: number;
    lockDuration?: number;
    autoPoll?: boolean;
    asyncResponseTimeout?: number;
    usePriority?: boolean;
    interceptors?: unknown;
    use?: unknown;
  }
  /** The client's one door to the engine (internal, but a stable instance field since 1.x): every call goes through `request`. */
  export interface EngineService {
    request(method: string, path: string, options?: { json?: unknown }): Promise<unknown>;
  }
  export class Client {
    constructor(options: ClientOptions);
    engineService: EngineService;
    activeTasksCount: number;
    subscribe(topic: string, options: SubscribeOptions, handler: Handler): { unsubscribe(): void };
    start(): void;
    stop(): void;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  export class BasicAuthInterceptor {
    constructor(options: { username: string; password: string });
  }
}

/**
 * The engine's side of an engine command (engine-commands.service.ts keeps the outbox's): what a command asks
 * of the engine (`execute`), and how the outcome of an attempt is told from the engine's own state, since an
 * attempt whose answer was lost may have taken effect (`classify`, `inEffect`). Nothing here touches the
 * application database.
 */
import {
  EngineError,
  EngineUnreachableError,
  engineDate,
  fromEngineVariables,
  isRolledBack,
  type EngineClient,
  REQUEST_ID_VARIABLE,
  type Variables,
} from '../engine/engine.client.ts';
import type { EngineCommand } from './engine-commands.repository.ts';

export type Verdict =
  { kind: 'done'; outcome: string; processInstanceId?: string } | { kind: 'failed'; outcome: string; error: string } | { kind: 'retry'; error: string };

/**
 * The variables of a command with the id of the HTTP request that caused it (`motcuaRequestId`): the engine's
 * history records it with the operation (same operation id as the user-operation log entry), and the workers
 * fetch it with their tasks and log it, so one request can be followed from the api into the engine and on.
 */
function withRequestId(cmd: EngineCommand, variables: Variables): Variables {
  return cmd.requestId ? { ...variables, [REQUEST_ID_VARIABLE]: cmd.requestId } : variables;
}

export async function execute(cmd: EngineCommand, client: EngineClient): Promise<Verdict> {
  const p = cmd.payload;
  const actor = cmd.actorId ?? undefined;
  switch (p.kind) {
    case 'start': {
      // a start is never sent twice: the business key is looked up first when an attempt came before
      const started = await client.startProcess(p.processDefinitionId, {
        businessKey: cmd.dossierId,
        variables: withRequestId(cmd, fromEngineVariables(p.variables)),
        actor,
      });
      return { kind: 'done', outcome: 'done', processInstanceId: started.id };
    }
    case 'claim':
      await client.claimTask(p.taskId, p.userId);
      return { kind: 'done', outcome: 'done' };
    case 'unclaim': {
      // only the holder's claim is given back: a late or repeated release never drops someone else's new claim
      const t = await client.task(p.taskId);
      if (t && t.assignee === p.userId) await client.unclaimTask(p.taskId, p.userId);
      return { kind: 'done', outcome: t && t.assignee === p.userId ? 'done' : 'not_held' };
    }
    case 'complete':
      await client.completeTask(p.taskId, withRequestId(cmd, fromEngineVariables(p.variables)), p.userId);
      return { kind: 'done', outcome: 'done' };
    case 'message':
      await client.correlateMessage(p.messageName, cmd.dossierId, withRequestId(cmd, fromEngineVariables(p.variables)), actor);
      return { kind: 'done', outcome: 'done' };
  }
}

export async function classify(cmd: EngineCommand, e: unknown, client: EngineClient): Promise<Verdict> {
  if (e instanceof EngineUnreachableError) return { kind: 'retry', error: e.message };
  if (!(e instanceof EngineError)) return { kind: 'retry', error: String((e as Error)?.stack ?? e) };
  // rolled back whole (a conflict or a deadlock with a concurrent command): nothing took effect
  if (isRolledBack(e)) return { kind: 'retry', error: e.message };
  if (e.type === 'TaskAlreadyClaimedException') {
    // refused, unless this very officer holds it already
    const held = await inEffect(cmd, client).catch(() => undefined);
    return held ? { kind: 'done', outcome: 'already_done' } : { kind: 'failed', outcome: e.type, error: e.message };
  }
  // any other refusal: is what the command asks for in effect already (an earlier attempt got through)?
  let already: Awaited<ReturnType<typeof inEffect>>;
  try {
    already = await inEffect(cmd, client);
  } catch (lookup) {
    return { kind: 'retry', error: `${e.message}; looking it up failed: ${(lookup as Error).message}` };
  }
  if (already) return { kind: 'done', outcome: 'already_done', ...already };
  // a message the process does not wait for yet (its branch still moving) is sent again later
  if (cmd.payload.kind === 'message' && e.status === 400) return { kind: 'retry', error: e.message };
  // an engine error (5xx) while what the command acts on is still there to act on: a passing failure of the
  // engine (its database down, a node stopping), sent again; a task that no longer exists is a refusal
  if (e.status >= 500) {
    try {
      if (await stillActionable(cmd, client)) return { kind: 'retry', error: e.message };
      // gone since the first look (the engine's database was failing over): perhaps by this very attempt, whose
      // commit went through while the engine reported its connection lost; look once more
      const late = await inEffect(cmd, client);
      if (late) return { kind: 'done', outcome: 'already_done', ...late };
    } catch (lookup) {
      return { kind: 'retry', error: `${e.message}; looking it up failed: ${(lookup as Error).message}` };
    }
  }
  return { kind: 'failed', outcome: e.type ?? `http_${e.status}`, error: e.message };
}

/** Whether the engine still has what the command acts on: the task (open), the process definition, the instance. */
async function stillActionable(cmd: EngineCommand, client: EngineClient): Promise<boolean> {
  const p = cmd.payload;
  switch (p.kind) {
    case 'start':
      return client.processDefinitionExists(p.processDefinitionId);
    case 'claim':
    case 'unclaim':
    case 'complete': {
      const t = await client.task(p.taskId);
      return t !== undefined && (p.kind !== 'claim' || !t.assignee || t.assignee === p.userId);
    }
    case 'message': {
      const [instance] = await client.historicProcessInstances({ businessKey: cmd.dossierId }).then((l) => l.slice(-1));
      return !!instance && !instance.endTime;
    }
  }
}

/** Whether what the command asks for is already true in the engine. */
export async function inEffect(cmd: EngineCommand, client: EngineClient): Promise<{ processInstanceId?: string } | undefined> {
  const p = cmd.payload;
  switch (p.kind) {
    case 'start': {
      const [first] = await client.historicProcessInstances({ businessKey: cmd.dossierId });
      return first ? { processInstanceId: first.id } : undefined;
    }
    case 'claim': {
      const t = (await client.task(p.taskId)) ?? (await client.historicTask(p.taskId));
      return t?.assignee === p.userId ? {} : undefined;
    }
    case 'unclaim': {
      const t = await client.task(p.taskId);
      return !t || t.assignee !== p.userId ? {} : undefined;
    }
    case 'complete': {
      const t = await client.historicTask(p.taskId);
      return t?.endTime && t.deleteReason === 'completed' && t.assignee === p.userId ? {} : undefined;
    }
    case 'message': {
      const instance = await client.historicProcessInstances({ businessKey: cmd.dossierId }).then((l) => l.at(-1));
      if (!instance) return undefined;
      if (p.effect === 'instance_ended') return instance.endTime ? {} : undefined;
      // a message catch (intermediate event, receive task, boundary or event sub-process start) ended after the command was written
      const activities = await client.historicActivities(instance.id);
      const caught = activities.some((a) => /message|receiveTask/i.test(a.activityType) && a.endTime && !a.canceled && engineDate(a.endTime)! >= cmd.createdAt);
      return caught ? {} : undefined;
    }
  }
}

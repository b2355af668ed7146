/**
 * The dashboard's figures of now (issue 14 §4): the late dossiers by the step they wait in and the officer holding
 * it, and each officer's workload. Where a dossier is (its open step, who holds it) is the engine's to know
 * (ARCHITECTURE.md): the database keeps no table of open steps, so the late dossiers are found in the database
 * and their steps asked of the engine. Late now = open (neither decided nor ended) and past its legal due.
 */
import type { Knex } from 'knex';
import type { EngineClient } from '../engine/engine.client.ts';
import type { Task } from '../engine/engine-types.ts';

export type Engine = Pick<EngineClient, 'queryTasks'>;
const ENGINE_PAGE = 1000;
const OFFICER_ROLES = ['receiving_officer', 'specialist', 'leader'];

/** Every task of a query, page by page. */
async function allTasks(engine: Engine, query: Parameters<EngineClient['queryTasks']>[0]): Promise<Task[]> {
  const tasks: Task[] = [];
  for (;;) {
    const page = await engine.queryTasks({ ...query, sorting: [{ sortBy: 'id', sortOrder: 'asc' }] }, { firstResult: tasks.length, maxResults: ENGINE_PAGE });
    tasks.push(...page);
    if (page.length < ENGINE_PAGE) return tasks;
  }
}

/** The open tasks of these process instances, by instance. */
export async function openTasks(engine: Engine, instances: string[]): Promise<Map<string, Task[]>> {
  const out = new Map<string, Task[]>();
  for (let i = 0; i < instances.length; i += 500)
    for (const t of await allTasks(engine, { processInstanceIdIn: instances.slice(i, i + 500) }))
      out.set(t.processInstanceId, [...(out.get(t.processInstanceId) ?? []), t]);
  return out;
}

export interface LateNow {
  total: number;
  /** the late dossiers by the step open in each (a dossier with two open steps counts in both) */
  byStep: { step: string; stepName: string; count: number }[];
  /** by whoever holds an open step ('' nobody: not taken yet, or no step open) */
  byOfficer: { officerId: string; officerName: string; unitName: string; count: number }[];
}

/** The open dossiers of the units past their legal due now (Form 06's overdue at `now`). */
function lateQuery(db: Knex, unitIds: string[], now: Date): Knex.QueryBuilder {
  return db('dossiers as d')
    .whereIn('d.org_unit_id', unitIds)
    .whereNotNull('d.received_at')
    .whereNull('d.decided_at')
    .whereNull('d.ended_at')
    .where('d.due_at', '<', now);
}

/** The late dossiers with the steps open in each (asked of the engine). */
export async function lateWithSteps(db: Knex, engine: Engine, unitIds: string[], now: Date) {
  if (!unitIds.length) return [];
  const late = (await lateQuery(db, unitIds, now).select('d.id', 'd.process_instance_id')) as { id: string; process_instance_id: string | null }[];
  const tasks = await openTasks(
    engine,
    late.map((d) => d.process_instance_id).filter((i): i is string => Boolean(i)),
  );
  return late.map((d) => ({ id: d.id, tasks: (d.process_instance_id && tasks.get(d.process_instance_id)) || [] }));
}

export const stepsOf = (tasks: Task[]) => (tasks.length ? [...new Set(tasks.map((t) => t.taskDefinitionKey))] : ['']);
export const holdersOf = (tasks: Task[]) => {
  const held = [...new Set(tasks.map((t) => t.assignee).filter((a): a is string => Boolean(a)))];
  return held.length ? held : [''];
};

export async function officerNames(db: Knex, ids: string[]): Promise<Map<string, { name: string; unitName: string }>> {
  const rows = ids.length
    ? ((await db('accounts as a').leftJoin('org_units as u', 'u.id', 'a.org_unit_id').whereIn('a.id', ids).select('a.id', 'a.full_name', 'u.name')) as {
        id: string;
        full_name: string;
        name: string | null;
      }[])
    : [];
  return new Map(rows.map((r) => [r.id, { name: r.full_name, unitName: r.name ?? '' }]));
}

/** The late dossiers now, by step and by holder. */
export async function lateNow(db: Knex, engine: Engine, unitIds: string[], now: Date): Promise<LateNow> {
  const late = await lateWithSteps(db, engine, unitIds, now);
  const steps = new Map<string, { stepName: string; count: number }>();
  const officers = new Map<string, number>();
  for (const d of late) {
    for (const key of stepsOf(d.tasks)) {
      const s = steps.get(key) ?? { stepName: d.tasks.find((t) => t.taskDefinitionKey === key)?.name ?? key, count: 0 };
      s.count++;
      steps.set(key, s);
    }
    for (const o of holdersOf(d.tasks)) officers.set(o, (officers.get(o) ?? 0) + 1);
  }
  const names = await officerNames(db, [...officers.keys()].filter(Boolean));
  return {
    total: late.length,
    byStep: [...steps].map(([step, s]) => ({ step, ...s })).sort((a, b) => b.count - a.count || a.stepName.localeCompare(b.stepName, 'vi')),
    byOfficer: [...officers]
      .map(([officerId, count]) => ({ officerId, officerName: names.get(officerId)?.name ?? '', unitName: names.get(officerId)?.unitName ?? '', count }))
      .sort((a, b) => b.count - a.count || a.officerName.localeCompare(b.officerName, 'vi')),
  };
}

/** The dossiers held by the officers of the units (their open steps, in the engine), by holder. */
export async function heldDossiers(db: Knex, engine: Engine, unitIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (!unitIds.length) return out;
  const groups = unitIds.flatMap((u) => OFFICER_ROLES.map((r) => `${r}:${u}`));
  const tasks = await allTasks(engine, { candidateGroups: groups, includeAssignedTasks: true, assigned: true });
  const instances = [...new Set(tasks.map((t) => t.processInstanceId))];
  const byInstance = new Map<string, string>();
  for (let i = 0; i < instances.length; i += 1000)
    for (const r of (await db('dossiers')
      .whereIn('process_instance_id', instances.slice(i, i + 1000))
      .select('id', 'process_instance_id')) as { id: string; process_instance_id: string }[])
      byInstance.set(r.process_instance_id, r.id);
  for (const t of tasks) {
    const dossierId = byInstance.get(t.processInstanceId);
    if (!dossierId || !t.assignee) continue;
    out.set(t.assignee, (out.get(t.assignee) ?? new Set()).add(dossierId));
  }
  return out;
}

/** Each officer's workload: the dossiers whose open step they hold, most first. */
export async function workload(
  db: Knex,
  engine: Engine,
  unitIds: string[],
): Promise<{ officerId: string; officerName: string; unitName: string; count: number }[]> {
  const held = await heldDossiers(db, engine, unitIds);
  const names = await officerNames(db, [...held.keys()]);
  return [...held]
    .map(([officerId, ids]) => ({ officerId, officerName: names.get(officerId)?.name ?? '', unitName: names.get(officerId)?.unitName ?? '', count: ids.size }))
    .sort((a, b) => b.count - a.count || a.officerName.localeCompare(b.officerName, 'vi'));
}

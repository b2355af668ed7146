import type { TaskInput } from '../runner.ts';

/** The dossier a task works for: the process's business key (= dossier id). */
export function dossierIdOf(task: TaskInput): string {
  const id = task.businessKey ?? task.variable<string>('dossierId');
  if (!id) throw new Error(`process instance ${task.processInstanceId} has no dossier`);
  return id;
}

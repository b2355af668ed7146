import type { TaskInput } from '../runner.ts';

/** The dossier a task works for: the process's business key (= dossier id). */
export function dossierIdOf(task: TaskInput): string {
  if (!task.businessKey) throw new Error(`process instance ${task.processInstanceId} has no business key (dossier id)`);
  return task.businessKey;
}

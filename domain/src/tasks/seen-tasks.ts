/**
 * The free tasks an officer was just shown, as the engine listed them for the candidate group of the role they
 * work in (their inbox page, the task page). A claim that follows within seconds trusts that listing instead
 * of asking the engine again whether the task is the group's: a task's candidate group is set by its model
 * when the task is created, and who holds it is checked by the engine's claim itself (it refuses a task held
 * by someone else, or gone). A claim the engine refuses asks the engine again, to say why.
 *
 * Kept per api process, for a short time, and only for tasks nobody held: anything older, or held, or listed
 * by another process, is asked of the engine as before.
 */
import type { Task } from '../engine/engine-types.ts';

export interface SeenTasks {
  /** the tasks the engine listed for this candidate group just now */
  remember(group: string, tasks: readonly Task[]): void;
  /** the task, free when the engine listed it for this group within the time kept; taken out (used once) */
  take(group: string, taskId: string): Task | undefined;
}

export function createSeenTasks({ keepMs = 30_000, max = 20_000, now = () => Date.now() } = {}): SeenTasks {
  const seen = new Map<string, { task: Task; at: number }>();
  const key = (group: string, taskId: string) => `${group}\u0000${taskId}`;
  return {
    remember(group, tasks) {
      const at = now();
      for (const task of tasks) {
        const k = key(group, task.id);
        seen.delete(k);
        if (!task.assignee) seen.set(k, { task, at });
      }
      // the oldest go first (a Map keeps the order of insertion)
      for (const k of seen.keys()) {
        if (seen.size <= max) break;
        seen.delete(k);
      }
    },
    take(group, taskId) {
      const k = key(group, taskId);
      const entry = seen.get(k);
      if (!entry) return undefined;
      seen.delete(k);
      return now() - entry.at <= keepMs ? entry.task : undefined;
    },
  };
}

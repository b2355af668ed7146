/** A task's SLA state, and engine task queries by SLA state: shared by the inbox, the dossier and the unit's overview. */
import { engineDate, formatEngineDate, type TaskQuery } from '../engine/engine.client.ts';
import { slaStateAt, type SlaState } from '../sla/deadlines.ts';

/**
 * The engine query of tasks in an SLA state at `now`: the due date is the step's due time and the follow-up
 * date its warn time, so the engine filters (and pages) by SLA state itself.
 */
export function slaCriteria(sla: SlaState | undefined, now: Date): Partial<TaskQuery> {
  const t = formatEngineDate(now);
  if (sla === 'late') return { dueBefore: t };
  if (sla === 'nearly_late') return { dueAfter: t, followUpBefore: t };
  if (sla === 'on_time') return { followUpAfter: t };
  return {};
}

/** The SLA state of an open task at `now`, by its due and follow-up (warn) dates; null without a due date. */
export function taskSlaState(task: { due: string | null; followUp: string | null }, now: Date): SlaState | null {
  const due = engineDate(task.due);
  return due ? slaStateAt(now, due, engineDate(task.followUp) ?? due) : null;
}

/**
 * SLA in the engine: the dates every user task's due date and boundary timers read (`<step>DueAt`,
 * `<step>WarnAt`), computed here from the procedure's time limit and step allowances on the working-time
 * calendar, and the flags the timers raise (nearly late, late), recorded once per step and level.
 */
import type { Db } from '../db/db.ts';
import { listAccountsByUnitAndRole } from '../accounts/accounts.repository.ts';
import type { EngineClient } from '../engine/engine.client.ts';
import { msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { formatVnDateTime } from '../time/vietnam-time.ts';
import { findDossier, lockDossier, updateDossier } from '../dossiers/dossiers.repository.ts';
import { WorkingCalendar, defaultCalendarRules } from './calendar.ts';
import { defaultWarnThreshold, dossierDueAt, stepWindow, type Allowance, type TimeLimit, type WarnThreshold } from './deadlines.ts';

const log = moduleLogger('sla');

export type SlaLevel = 'nearly_late' | 'late';

const DEFAULT_ALLOWANCE: Allowance = { value: 1, unit: 'working_days' };
/** statuses in which the clock can still be running */
const ACTIVE_STATUSES = [1, 2, 4, 5, 6] as const;

export interface SlaServiceDeps {
  db: Db;
  engine: EngineClient;
  procedures: ProceduresService;
  notifications: NotificationsService;
  /** the calendar of a unit; the working-day rules are data (issue: calendars per agency) */
  calendarFor?: (orgUnitId: string) => Promise<WorkingCalendar>;
  threshold?: WarnThreshold;
}

export class DossierNotYetVisibleError extends Error {
  override name = 'DossierNotYetVisibleError';
}

export function createSlaService({ db, engine, procedures, notifications, calendarFor, threshold = defaultWarnThreshold }: SlaServiceDeps) {
  const defaultCalendar = new WorkingCalendar(defaultCalendarRules);
  const calendarOf = calendarFor ?? (async () => defaultCalendar);

  async function requireDossier(dossierId: string) {
    const d = await findDossier({ db, id: dossierId });
    if (!d) throw new DossierNotYetVisibleError(`dossier ${dossierId} not found`);
    return d;
  }

  /** The legal due moment of a dossier of this version received at `receivedAt`, on its unit's calendar. */
  async function dueAtFor(orgUnitId: string, timeLimit: TimeLimit, receivedAt: Date): Promise<Date> {
    return dossierDueAt(await calendarOf(orgUnitId), receivedAt, timeLimit);
  }

  /** Due and warn moments of the reception step(s), counted from `now` (a submission or a resubmission). */
  async function planReception(dossierId: string, now: Date): Promise<Record<string, Date>> {
    const d = await requireDossier(dossierId);
    const loaded = await procedures.loadVersion(d.procedureVersionId);
    const cal = await calendarOf(d.orgUnitId);
    const vars: Record<string, Date> = {};
    for (const step of loaded.model.steps.filter((s) => s.kind === 'reception')) {
      const w = stepWindow(cal, now, loaded.version.stepAllowances[step.key] ?? DEFAULT_ALLOWANCE, threshold);
      vars[`${step.key}DueAt`] = w.dueAt;
      vars[`${step.key}WarnAt`] = w.warnAt;
    }
    return vars;
  }

  /** Due and warn moments of the handling steps, one after another from the reception, and the dossier's due. */
  async function planHandling(dossierId: string): Promise<Record<string, Date>> {
    const d = await requireDossier(dossierId);
    if (!d.receivedAt) throw new Error(`dossier ${dossierId} has not been received`);
    const loaded = await procedures.loadVersion(d.procedureVersionId);
    const cal = await calendarOf(d.orgUnitId);
    const vars: Record<string, Date> = {};
    let from = d.receivedAt;
    for (const step of loaded.model.steps.filter((s) => s.kind !== 'reception')) {
      const w = stepWindow(cal, from, loaded.version.stepAllowances[step.key] ?? DEFAULT_ALLOWANCE, threshold);
      vars[`${step.key}DueAt`] = w.dueAt;
      vars[`${step.key}WarnAt`] = w.warnAt;
      from = w.dueAt;
    }
    vars.dossierDueAt = d.dueAt ?? (await dueAtFor(d.orgUnitId, loaded.version.timeLimit, d.receivedAt));
    return vars;
  }

  /**
   * Raises a flag on a step (boundary timer fired): recorded once per dossier, step and level; the dossier
   * turns amber or red (never back), the event joins the timeline, the assignee and the unit's leaders are told.
   * @returns whether this call raised it (false for a redelivered timer)
   */
  async function flag(dossierId: string, step: string, level: SlaLevel, processInstanceId?: string): Promise<boolean> {
    const raised = await db.transaction(async (tx) => {
      const d = await lockDossier({ tx, id: dossierId });
      if (!d) throw new DossierNotYetVisibleError(`dossier ${dossierId} not found`);
      const rows = await tx('dossier_sla_flags').insert({ dossier_id: dossierId, step, level, flagged_at: tx.fn.now() }).onConflict(['dossier_id', 'step', 'level']).ignore().returning('level');
      if (!rows.length) return undefined;
      const worse = level === 'late' || d.slaState === 'on_time';
      if (worse && d.slaState !== 'late') await updateDossier({ db: tx, id: dossierId, patch: { slaState: level }, expectStatus: ACTIVE_STATUSES });
      await appendEvent({ db: tx, event: { dossierId, type: level === 'late' ? 'sla_late' : 'sla_nearly_late', step, data: { level } } });
      return d;
    });
    if (!raised) return false;
    log.info({ action: 'sla_flag', dossierId, step, level }, 'SLA flag raised');
    const loaded = await procedures.loadVersion(raised.procedureVersionId);
    const stepName = loaded.step(step)?.name ?? step;
    const tasks = processInstanceId ? await engine.queryTasks({ processInstanceId, taskDefinitionKey: step }) : [];
    const leaders = await listAccountsByUnitAndRole({ db, orgUnitId: raised.orgUnitId, role: 'leader' });
    const recipients = new Set<string>([...tasks.map((t) => t.assignee).filter((a): a is string => Boolean(a)), ...leaders.map((l) => l.id)]);
    const ref = raised.code ?? raised.reference;
    const due = tasks[0]?.due ? formatVnDateTime(new Date(tasks[0].due.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))) : '';
    for (const accountId of recipients) {
      await notifications.notify({
        accountId,
        dossierId,
        kind: `sla_${level}`,
        title: level === 'late' ? msg(`Quá hạn: hồ sơ ${ref}`, `Late: dossier ${ref}`) : msg(`Sắp đến hạn: hồ sơ ${ref}`, `Nearly late: dossier ${ref}`),
        body:
          level === 'late'
            ? msg(`Bước «${stepName}» của hồ sơ ${ref} đã quá hạn${due ? ` (hạn ${due})` : ''}.`, `Step "${stepName}" of dossier ${ref} is late${due ? ` (due ${due})` : ''}.`)
            : msg(`Bước «${stepName}» của hồ sơ ${ref} sắp đến hạn${due ? ` (hạn ${due})` : ''}.`, `Step "${stepName}" of dossier ${ref} is nearly due${due ? ` (due ${due})` : ''}.`),
        dedupeKey: `sla:${dossierId}:${step}:${level}:${accountId}`,
      });
    }
    return true;
  }

  return { planReception, planHandling, flag, dueAtFor, calendarOf };
}

export type SlaService = ReturnType<typeof createSlaService>;

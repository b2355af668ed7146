/**
 * SLA in the engine: the dates every user task's due date and boundary timers read (`<step>DueAt`,
 * `<step>WarnAt`), computed here from the procedure's time limit and step allowances on the unit's
 * working-time calendar under the dossier's SLA rule version, and the flags the timers raise (nearly late,
 * late), recorded once per step and level. Also the clock's pause and resumption around a supplement.
 */
import { recordChange } from '../audit/admin-audit.repository.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import type { Db, DbOrTx } from '../db/db.ts';
import { handedToAUnit, markReached, resolveStepUnits } from '../org-units/step-units.ts';
import { unitVariableOf } from '../procedures/bpmn-steps.ts';
import { listAccountsByUnitAndRole } from '../accounts/accounts.repository.ts';
import type { CalendarsService } from '../calendars/calendars.service.ts';
import { engineDate, type EngineClient } from '../engine/engine.client.ts';
import type { Account } from '../accounts/accounts.repository.ts';
import { ConflictError, InputError, NotAllowedError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { vnDate } from '../time/vietnam-time.ts';
import { findDossier, lockDossier, updateDossier, type Dossier } from '../dossiers/dossiers.repository.ts';
import { allowanceMinutes, dossierDueAt, dueAfterSupplement, stepWindow, type Allowance, type TimeLimit } from './deadlines.ts';
import { findRules, insertRules, listRules, rulesInForce, type SlaRules, type SupplementClock } from './sla-rules.repository.ts';

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
  calendars: CalendarsService;
  clock?: Clock;
}

export class DossierNotYetVisibleError extends Error {
  override name = 'DossierNotYetVisibleError';
}

export function createSlaService({ db, engine, procedures, notifications, calendars, clock = systemClock }: SlaServiceDeps) {
  const calendarOf = (orgUnitId: string) => calendars.workingCalendar(orgUnitId);

  async function requireDossier(dossierId: string) {
    const d = await findDossier({ db, id: dossierId });
    if (!d) throw new DossierNotYetVisibleError(`dossier ${dossierId} not found`);
    return d;
  }

  /** The SLA rules in force on the Vietnamese date of `at`. */
  function rulesAt(at: Date, tx: DbOrTx = db): Promise<SlaRules> {
    return rulesInForce({ db: tx, date: vnDate(at) });
  }

  /** The rules a dossier was received under (those of today before its reception). */
  async function rulesOf(d: Pick<Dossier, 'slaRuleVersionId'>, tx: DbOrTx = db): Promise<SlaRules> {
    return (d.slaRuleVersionId && (await findRules({ db: tx, id: d.slaRuleVersionId }))) || rulesAt(clock.now(), tx);
  }

  /** The legal due moment of a dossier of this version received at `receivedAt`, on its unit's calendar. */
  async function dueAtFor(orgUnitId: string, timeLimit: TimeLimit, receivedAt: Date, rules: SlaRules): Promise<Date> {
    return dossierDueAt(await calendarOf(orgUnitId), receivedAt, timeLimit, rules);
  }

  /** Due and warn moments of the reception step(s), counted from `now` (a submission or a resubmission). */
  async function planReception(dossierId: string, now: Date): Promise<Record<string, Date>> {
    const d = await requireDossier(dossierId);
    const [loaded, cal, rules] = await Promise.all([procedures.loadVersion(d.procedureVersionId), calendarOf(d.orgUnitId), rulesOf(d)]);
    const vars: Record<string, Date> = {};
    for (const step of loaded.model.steps.filter((s) => s.kind === 'reception')) {
      const w = stepWindow(cal, now, loaded.version.stepAllowances[step.key] ?? DEFAULT_ALLOWANCE, rules.warnThreshold);
      vars[`${step.key}DueAt`] = w.dueAt;
      vars[`${step.key}WarnAt`] = w.warnAt;
    }
    return vars;
  }

  /**
   * Due and warn moments of the handling steps, one after another from `now` (entering handling), none due
   * after the dossier itself while it still has time; and the unit of each step that belongs to another
   * agency (liên thông), resolved from its rule and recorded.
   */
  async function planHandling(dossierId: string, now: Date): Promise<Record<string, Date | string>> {
    const d = await requireDossier(dossierId);
    if (!d.receivedAt || !d.dueAt) throw new Error(`dossier ${dossierId} has not been received`);
    const [loaded, cal, rules] = await Promise.all([procedures.loadVersion(d.procedureVersionId), calendarOf(d.orgUnitId), rulesOf(d)]);
    const due = d.extendedDueAt ?? d.dueAt;
    const vars: Record<string, Date | string> = await resolveStepUnits({ db, dossier: d, steps: loaded.model.steps, procedureField: loaded.procedure.field });
    // handling begins with its first step as this plan is handed to the engine: its unit sees the dossier from now
    const first = loaded.model.steps.find((s) => s.kind !== 'reception');
    if (first && handedToAUnit(first)) await markReached(db, d.id, [first.key]);
    let from = now;
    for (const step of loaded.model.steps.filter((s) => s.kind !== 'reception')) {
      // a step handed to another unit runs on that unit's office hours (liên thông)
      const holder = step.unitRule && step.unitRule.kind !== 'receiving' ? (vars[unitVariableOf(step.key, step.unitRule)] as string | undefined) : undefined;
      const stepCal = holder && holder !== d.orgUnitId ? await calendarOf(holder) : cal;
      const w = stepWindow(stepCal, from, loaded.version.stepAllowances[step.key] ?? DEFAULT_ALLOWANCE, rules.warnThreshold, due);
      vars[`${step.key}DueAt`] = w.dueAt;
      vars[`${step.key}WarnAt`] = w.warnAt;
      from = w.dueAt;
    }
    vars.dossierDueAt = due;
    return vars;
  }

  /** When the applicant's time to supplement runs out, from the request at `from`. */
  async function supplementDueAt(
    d: Pick<Dossier, 'orgUnitId' | 'slaRuleVersionId'>,
    from: Date,
    tx: DbOrTx = db,
    /** the deadline the officer set instead of the rules' allowance */
    set?: { workingDays: number } | { until: Date },
  ): Promise<Date> {
    if (set && 'until' in set) return set.until;
    const [cal, rules] = await Promise.all([calendarOf(d.orgUnitId), rulesOf(d, tx)]);
    const allowance = set ? set.workingDays * cal.minutesPerDay : allowanceMinutes(cal, rules.supplementAllowance);
    return cal.addWorkingMinutes(cal.nextWorkingMoment(from), allowance);
  }

  /**
   * The clock after a complete supplement, in the mode of the dossier's rules: the new due moment and the
   * working time it stood still. Nothing to do for a dossier whose clock never started.
   */
  async function resumeClock(d: Dossier, resumedAt: Date, tx: DbOrTx = db): Promise<{ dueAt: Date; pausedMinutes: number; mode: SupplementClock } | undefined> {
    if (!d.clockPausedAt || !d.dueAt) return undefined;
    const [loaded, cal, rules] = await Promise.all([procedures.loadVersion(d.procedureVersionId, tx), calendarOf(d.orgUnitId), rulesOf(d, tx)]);
    const r = dueAfterSupplement(cal, rules.supplementClock, {
      previousDueAt: d.dueAt,
      pausedAt: d.clockPausedAt,
      resumedAt,
      limit: loaded.version.timeLimit,
      rules,
    });
    return { ...r, mode: rules.supplementClock };
  }

  /**
   * Raises a flag on a step (boundary timer fired): recorded once per dossier, step and level; the dossier
   * turns amber or red (never back), the event joins the timeline, the assignee and the unit's leaders are told.
   * @returns whether this call raised it (false for a redelivered timer)
   */
  async function flag(dossierId: string, step: string, level: SlaLevel, processInstanceId?: string): Promise<boolean> {
    // who holds the step now, asked before the transaction: no row lock waits on the engine
    const tasks = processInstanceId ? await engine.queryTasks({ processInstanceId, taskDefinitionKey: step }) : [];
    const raised = await db.transaction(async (tx) => {
      const d = await lockDossier({ tx, id: dossierId });
      if (!d) throw new DossierNotYetVisibleError(`dossier ${dossierId} not found`);
      // a step whose timer fires was reached: its unit (and its leaders, told below) see the dossier
      await markReached(tx, dossierId, [step]);
      const rows = await tx('dossier_sla_flags')
        .insert({ dossier_id: dossierId, step, level, flagged_at: tx.fn.now() })
        .onConflict(['dossier_id', 'step', 'level'])
        .ignore()
        .returning('level');
      if (!rows.length) return undefined;
      const worse = level === 'late' || d.slaState === 'on_time';
      if (worse && d.slaState !== 'late')
        await updateDossier({
          db: tx,
          id: dossierId,
          patch: level === 'late' ? { slaState: level, lateAt: clock.now() } : { slaState: level },
          expectStatus: ACTIVE_STATUSES,
        });
      await appendEvent({ db: tx, event: { dossierId, type: level === 'late' ? 'sla_late' : 'sla_nearly_late', step, data: { level }, at: clock.now() } });
      // the assignee and the unit's leaders are told in the same transaction as the flag: never one without the other
      const loaded = await procedures.loadVersion(d.procedureVersionId, tx);
      const stepName = loaded.step(step)?.name ?? step;
      // the leaders of the unit holding the step: another agency's for a step it was handed (liên thông)
      const holder = (await tx('dossier_step_units').where({ dossier_id: dossierId, step }).first('org_unit_id'))?.org_unit_id ?? d.orgUnitId;
      const leaders = await listAccountsByUnitAndRole({ db: tx, orgUnitId: holder, role: 'leader' });
      const recipients = new Set<string>([...tasks.map((t) => t.assignee).filter((a): a is string => Boolean(a)), ...leaders.map((l) => l.id)]);
      const dueAt = engineDate(tasks[0]?.due);
      for (const accountId of recipients) {
        await notifications.notifyEvent(
          level === 'late' ? 'sla_late' : 'sla_nearly_late',
          {
            accountId,
            dossier: { id: dossierId, code: d.code, reference: d.reference, procedureName: loaded.procedure.name },
            vars: { stepName, dueAt },
            dedupeKey: `sla:${dossierId}:${step}:${level}:${accountId}`,
          },
          tx,
        );
      }
      return d;
    });
    if (!raised) return false;
    log.info({ action: 'sla_flag', dossierId, step, level }, 'SLA flag raised');
    return true;
  }

  function requireAdmin(actor: Account): void {
    if (actor.role !== 'administrator')
      throw new NotAllowedError('administrators_only', msg('Chức năng dành cho quản trị hệ thống.', 'Only administrators can do this.'));
  }

  /** Every SLA rule version, oldest first. */
  async function listRuleVersions(actor: Account): Promise<SlaRules[]> {
    requireAdmin(actor);
    return listRules({ db });
  }

  /**
   * Adds a rule version taking effect on a future date (dossiers received before keep theirs).
   * @throws InputError `sla_rules_date_past`; ConflictError `sla_rules_date_taken`
   */
  async function addRuleVersion(
    actor: Account,
    input: Omit<SlaRules, 'id' | 'version' | 'dayCount' | 'paymentClock'> & { dayCount?: SlaRules['dayCount']; paymentClock?: SlaRules['paymentClock'] },
  ): Promise<SlaRules> {
    requireAdmin(actor);
    if (input.effectiveFrom <= vnDate(clock.now()))
      throw new InputError(
        'sla_rules_date_past',
        msg('Phiên bản quy tắc mới phải có hiệu lực từ ngày mai trở đi.', 'A new rule version must take effect from tomorrow on.'),
      );
    const added = await db.transaction(async (tx) => {
      const rules = await insertRules({ db: tx, rules: input });
      if (rules) await recordChange({ db: tx, change: { actor, entity: 'sla_rules', entityId: rules.id, action: 'added', before: null, after: rules } });
      return rules;
    });
    if (!added)
      throw new ConflictError(
        'sla_rules_date_taken',
        msg('Đã có phiên bản quy tắc có hiệu lực từ ngày này.', 'A rule version already takes effect on that date.'),
      );
    log.info({ action: 'sla_rules_added', version: added.version, effectiveFrom: added.effectiveFrom }, 'SLA rule version added');
    return added;
  }

  return { planReception, planHandling, flag, dueAtFor, calendarOf, rulesAt, rulesOf, supplementDueAt, resumeClock, listRuleVersions, addRuleVersion };
}

export type SlaService = ReturnType<typeof createSlaService>;

/**
 * The process control sheet (Phiếu kiểm soát quá trình giải quyết hồ sơ, form 05): one row per hand-off of
 * a dossier, from the applicant to the one-stop desk, between officers, and back to the applicant, with the
 * time and the result of the step handed over (early, on time, late). Derived, never stored: from the
 * engine's history of the user tasks (who held each step, when it began and ended, its due time) and the
 * dossier's timeline (submission, decisions, return). A dossier handled across agencies (liên thông) shows
 * each hand-off between units: the unit handing over and the unit receiving.
 */
import { systemClock, type Clock } from '../time/clock.ts';
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import { engineDate, type EngineClient, type HistoricTask } from '../engine/engine.client.ts';
import { findOrgUnit } from '../org-units/org-units.repository.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import { pendingState } from '../sla/deadlines.ts';
import { listEvents } from '../timeline/timeline.repository.ts';
import { formatVnDateTime, vnDate } from '../time/vietnam-time.ts';
import { assertCanReadDossier } from './dossier-access.ts';
import * as repo from './dossiers.repository.ts';

export type StepResult = 'early' | 'on_time' | 'late' | 'within' | 'overdue';

export interface ControlSheetRow {
  seq: number;
  /** the unit handing over (the unit of the step) */
  unit: string;
  /** the unit receiving: another agency's at a hand-off between agencies (liên thông) */
  toUnit: string;
  /** the dossier passes from one agency to another here */
  interAgency: boolean;
  /** the step handed over (for the first row: the submission) */
  step: string;
  stepKey: string | null;
  handedOverBy: string;
  receivedBy: string;
  /** moment of the hand-off */
  at: Date;
  atText: string;
  due: Date | null;
  result: StepResult | null;
  note: string | null;
}

export interface ControlSheet {
  dossierCode: string | null;
  reference: string;
  procedureName: string;
  applicantName: string;
  receivedAt: Date | null;
  dueAt: Date | null;
  extendedDueAt: Date | null;
  outcome: repo.Dossier['outcome'];
  rows: ControlSheetRow[];
}

/** A finished step by its due moment: after it, late; on an earlier date, early; else on time. */
export function stepResult(endedAt: Date, dueAt: Date, flaggedLate = false): 'early' | 'on_time' | 'late' {
  if (flaggedLate || endedAt.getTime() > dueAt.getTime()) return 'late';
  return vnDate(endedAt) < vnDate(dueAt) ? 'early' : 'on_time';
}

const decisionNames: Record<string, string> = { accept: 'Tiếp nhận', supplement: 'Yêu cầu bổ sung', refuse: 'Từ chối', approve: 'Đồng ý', sendBack: 'Trả lại' };

export function createControlSheetService({
  db,
  engine,
  procedures,
  clock = systemClock,
}: {
  db: Db;
  engine: EngineClient;
  procedures: ProceduresService;
  clock?: Clock;
}) {
  /** The control sheet of a dossier the actor may read. @throws NotFoundError `dossier_not_found` */
  async function of(actor: Account, dossierId: string): Promise<ControlSheet> {
    const d = await assertCanReadDossier(db, actor, await repo.findDossier({ db, id: dossierId }));
    const [loaded, unit, events, history, lateFlags, stepUnits] = await Promise.all([
      procedures.loadVersion(d.procedureVersionId),
      findOrgUnit({ db, id: d.orgUnitId }),
      listEvents({ db, dossierId }),
      d.processInstanceId ? engine.historicTasks(d.processInstanceId) : Promise.resolve([] as HistoricTask[]),
      db('dossier_sla_flags').where({ dossier_id: dossierId, level: 'late' }).select('step', 'flagged_at') as Promise<{ step: string; flagged_at: Date }[]>,
      db('dossier_step_units as su').join('org_units as u', 'u.id', 'su.org_unit_id').where('su.dossier_id', dossierId).select('su.step', 'u.name') as Promise<
        { step: string; name: string }[]
      >,
    ]);
    // the unit of each step: the one it was handed to, else the receiving unit
    const unitOf = (stepKey: string | null | undefined) => stepUnits.find((u) => u.step === stepKey)?.name ?? unit!.name;
    // a step whose due timer fired while it ran was late, whatever its end time says (the timer is the SLA's record)
    const flaggedLate = (t: HistoricTask, ended: Date) =>
      lateFlags.some((f) => f.step === t.taskDefinitionKey && f.flagged_at >= engineDate(t.startTime)! && f.flagged_at <= ended);
    const ids = [...new Set([d.applicantId, ...history.map((t) => t.assignee).filter((a): a is string => Boolean(a))])];
    const names = new Map(
      (await db('accounts').whereIn('id', ids).select('id', 'full_name')).map((r: { id: string; full_name: string }) => [r.id, r.full_name]),
    );
    const nameOf = (id: string | null) => (id ? (names.get(id) ?? id) : '');
    const applicant = nameOf(d.applicantId);
    const decisionOf = (taskId: string) => events.find((e) => e.data.taskId === taskId && e.data.decision)?.data.decision as string | undefined;
    const steps = history.filter((t) => !t.deleteReason || t.deleteReason === 'completed' || !t.endTime);
    const now = clock.now();
    const rows: ControlSheetRow[] = [];
    const push = (r: Omit<ControlSheetRow, 'seq' | 'atText' | 'unit' | 'toUnit' | 'interAgency'> & { unit?: string; toUnit?: string }) => {
      const from = r.unit ?? unit!.name;
      const to = r.toUnit ?? from;
      rows.push({ seq: rows.length + 1, atText: formatVnDateTime(r.at), ...r, unit: from, toUnit: to, interAgency: from !== to });
    };

    // 1. the applicant hands the dossier to the one-stop desk
    const submitted = events.find((e) => e.type === 'submitted');
    const first = steps[0];
    push({
      step: 'Nộp hồ sơ',
      stepKey: null,
      toUnit: unitOf(first?.taskDefinitionKey),
      handedOverBy: applicant,
      receivedBy: nameOf(first?.assignee ?? null) || 'Bộ phận tiếp nhận và trả kết quả',
      at: submitted?.at ?? d.submittedAt,
      due: null,
      result: null,
      note: d.channel === 2 ? 'Nộp trực tuyến' : null,
    });

    // 2. each step hands over to the next when it ends
    steps.forEach((t, i) => {
      const ended = engineDate(t.endTime);
      if (!ended) return;
      const due = engineDate(t.due);
      const next = steps[i + 1];
      const decision = decisionOf(t.id);
      const receivedBy = next
        ? nameOf(next.assignee) || '(chưa nhận)'
        : decision === 'approve' || decision === 'accept'
          ? 'Bộ phận tiếp nhận và trả kết quả'
          : applicant;
      push({
        step: t.name ?? t.taskDefinitionKey,
        stepKey: t.taskDefinitionKey,
        unit: unitOf(t.taskDefinitionKey),
        // to the next step's unit; after the last one, back to the desk of the unit that received the dossier
        toUnit: next ? unitOf(next.taskDefinitionKey) : decision === 'approve' || decision === 'accept' ? unit!.name : unitOf(t.taskDefinitionKey),
        handedOverBy: nameOf(t.assignee),
        receivedBy,
        at: ended,
        due,
        result: due ? stepResult(ended, due, flaggedLate(t, ended)) : null,
        note: decision ? (decisionNames[decision] ?? decision) : null,
      });
    });

    // a step still open: who holds it and how it stands now
    const open = steps.find((t) => !t.endTime);
    if (open) {
      const due = engineDate(open.due);
      rows.push({
        seq: rows.length + 1,
        unit: unitOf(open.taskDefinitionKey),
        toUnit: unitOf(open.taskDefinitionKey),
        interAgency: false,
        step: open.name ?? open.taskDefinitionKey,
        stepKey: open.taskDefinitionKey,
        handedOverBy: '',
        receivedBy: nameOf(open.assignee) || '(chưa nhận)',
        at: engineDate(open.startTime)!,
        atText: formatVnDateTime(engineDate(open.startTime)!),
        due,
        result: due ? pendingState(now, due) : null,
        note: 'Đang xử lý',
      });
    }

    // 3. the result goes back to the applicant
    const returned = events.find((e) => e.type === 'result_returned');
    if (returned)
      push({
        step: 'Trả kết quả',
        stepKey: 'result_return',
        handedOverBy: 'Bộ phận tiếp nhận và trả kết quả',
        receivedBy: applicant,
        at: returned.at,
        due: d.dueAt,
        result: d.outcome,
        note: 'Trả kết quả trực tuyến',
      });

    return {
      dossierCode: d.code,
      reference: d.reference,
      procedureName: loaded.procedure.name,
      applicantName: applicant,
      receivedAt: d.receivedAt,
      dueAt: d.dueAt,
      extendedDueAt: d.extendedDueAt,
      outcome: d.outcome,
      rows,
    };
  }

  return { of };
}

export type ControlSheetService = ReturnType<typeof createControlSheetService>;

/** What a step's decision changes on the dossier: its status, supplement request or refusal, and its timeline event. */
import type { Tx } from '../db/db.ts';
import { ConflictError, InputError, msg } from '../errors/errors.ts';
import type { ProcessStep } from '../procedures/bpmn-model.ts';
import type { SlaService } from '../sla/sla.service.ts';
import { SYSTEM_ACTOR, appendEvent } from '../timeline/timeline.repository.ts';
import { DossierStatus, assertTransition } from '../dossiers/dossier-status.ts';
import * as dossiersRepo from '../dossiers/dossiers.repository.ts';
import type { Dossier } from '../dossiers/dossiers.repository.ts';
import { markPaidFeeForRefund } from '../payments/payments.service.ts';

/** A decision as recorded: the step, the decision and the form's values, who decided, on which task, when. */
export interface DecisionRecord {
  step: ProcessStep;
  decision: string;
  values: Record<string, unknown>;
  actor: { id: string; fullName: string } | null;
  taskId: string;
  at: Date;
  reconciled?: boolean;
}

/** the longest time an officer may give an applicant to supplement */
export const MAX_SUPPLEMENT_DAYS = 90;

/**
 * The supplement's deadline the officer set, if any: a number of working days (1–90) or a date (within 90 days).
 * @throws InputError `supplement_deadline_invalid`
 */
export function supplementDeadline(values: Record<string, unknown>, at: Date): { workingDays: number } | { until: Date } | undefined {
  const days = values.supplementDays;
  const date = values.supplementDueDate;
  const invalid = (field: string, m: ReturnType<typeof msg>) =>
    new InputError('supplement_deadline_invalid', m, [{ field, code: 'supplement_deadline_invalid', message: m }]);
  if (days !== undefined && days !== null && days !== '') {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > MAX_SUPPLEMENT_DAYS)
      throw invalid('supplementDays', msg('«Thời hạn bổ sung»: từ 1 đến 90 ngày làm việc.', '"Time to supplement": between 1 and 90 working days.'));
    return { workingDays: n };
  }
  if (typeof date === 'string' && date) {
    const until = new Date(`${date.slice(0, 10)}T23:59:59+07:00`);
    if (Number.isNaN(until.getTime()) || until.getTime() <= at.getTime() || until.getTime() > at.getTime() + MAX_SUPPLEMENT_DAYS * 86_400_000)
      throw invalid(
        'supplementDueDate',
        msg('«Hạn bổ sung đến ngày»: một ngày sau hôm nay, trong vòng 90 ngày.', '"Supplement by": a date after today, within 90 days.'),
      );
    return { until };
  }
  return undefined;
}

/**
 * What a step's decision changes on the dossier (status, supplement request, refusal) and its timeline
 * event, in the caller's transaction with the dossier row locked. Used by `complete` and by the reconciler
 * for a decision the engine has and the dossier lacks.
 * @throws ConflictError `dossier_status_conflict`
 */
export async function recordDecision(tx: Tx, sla: Pick<SlaService, 'supplementDueAt'>, d: Dossier, o: DecisionRecord): Promise<{ supplementDueAt?: Date }> {
  const { step, decision, values, actor, taskId, at } = o;
  const by = { id: actor?.id ?? '', name: actor?.fullName ?? SYSTEM_ACTOR };
  let statusTo: DossierStatus | null = null;
  let supplementDueAt: Date | undefined;
  const patch: dossiersRepo.DossierPatch = {};
  if (step.kind === 'reception') {
    // reception sees a dossier that is new (1) or sent back by the specialist during handling (4)
    if (d.status !== DossierStatus.Submitted && d.status !== DossierStatus.InHandling) assertTransition(d.status, DossierStatus.Received);
    if (decision === 'supplement') {
      statusTo = DossierStatus.SupplementRequested;
      const items = String(values.missingItems ?? '')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      supplementDueAt = await sla.supplementDueAt(d, at, tx, supplementDeadline(values, at));
      patch.supplementRequest = {
        items,
        note: (values.note as string | undefined) ?? null,
        step: step.key,
        requestedAt: at.toISOString(),
        requestedBy: by,
        dueAt: supplementDueAt.toISOString(),
      };
      // a received dossier's legal clock stands still until the complete supplement comes in
      if (d.dueAt && !d.clockPausedAt) patch.clockPausedAt = at;
    } else if (decision === 'refuse') {
      statusTo = DossierStatus.NotAccepted;
      patch.refusal = {
        reasons: String(values.refusalReasons ?? ''),
        note: (values.note as string | undefined) ?? null,
        step: step.key,
        refusedAt: at.toISOString(),
        refusedBy: by,
      };
    }
  } else if (d.status !== DossierStatus.InHandling) {
    assertTransition(d.status, DossierStatus.InHandling);
  }
  if (statusTo) {
    assertTransition(d.status, statusTo);
    const updated = await dossiersRepo.updateDossier({ db: tx, id: d.id, patch: { ...patch, status: statusTo }, expectStatus: [d.status] });
    if (!updated)
      throw new ConflictError(
        'dossier_status_conflict',
        msg('Hồ sơ vừa được cập nhật bởi người khác, vui lòng tải lại.', 'The dossier changed meanwhile; reload it.'),
      );
    // a refused dossier's paid fee is given back
    if (statusTo === DossierStatus.NotAccepted) await markPaidFeeForRefund(tx, d.id, 'refused');
  }
  await appendEvent({
    db: tx,
    event: {
      dossierId: d.id,
      type: `${step.key}_${decision}`,
      actor,
      step: step.key,
      statusFrom: statusTo ? d.status : null,
      statusTo,
      data: { taskId, decision, ...values, kind: step.kind, stepName: step.name, ...(o.reconciled ? { reconciled: true } : {}) },
      at,
    },
  });
  return { supplementDueAt };
}

/** What a step's decision changes on the dossier: its status, supplement request or refusal, and its timeline event. */
import type { Tx } from '../db/db.ts';
import { ConflictError, msg } from '../errors/errors.ts';
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
      supplementDueAt = await sla.supplementDueAt(d, at, tx);
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

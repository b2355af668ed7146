/**
 * The result of an approved dossier: rendered from the procedure's result template, PAdES-signed with the
 * agency's signer, stored once (a redelivered `signing` task never signs a second copy into the dossier),
 * the dossier "decided" (status 9); then, by the `result-return` topic, returned online (status 10) or handed
 * to its channel (the counter, the post: delivery/delivery.service.ts), which returns it later.
 */
import { afterResultReturned } from '../delivery/result-returned.ts';
import type { Db } from '../db/db.ts';
import { lockDossier, updateDossier, findDossier } from '../dossiers/dossiers.repository.ts';
import { findDocument, issueDocumentOnce } from './documents.repository.ts';
import { DossierStatus } from '../dossiers/dossier-status.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { findOrgUnitWithParent } from '../org-units/org-units.repository.ts';
import { handedToAUnit } from '../org-units/step-units.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import { signPdf } from '../signing/pades.ts';
import type { AgencySigners } from '../signing/agency-signers.ts';
import { appendEvent, lastEventOfType } from '../timeline/timeline.repository.ts';
import { signatureRecord } from '../signing/signer.ts';
import { finishedOutcome } from '../sla/deadlines.ts';
import { renderResult } from './result.ts';
import type { DeliveryService } from '../delivery/delivery.service.ts';

const log = moduleLogger('results');

export interface ResultsServiceDeps {
  db: Db;
  procedures: ProceduresService;
  notifications: NotificationsService;
  signers: AgencySigners;
  publicUrl: string;
  delivery: DeliveryService;
}

export function createResultsService({ db, procedures, notifications, signers, publicUrl, delivery }: ResultsServiceDeps) {
  /**
   * Signs the result of an approved dossier, once, in the name of the leader who approved it (the latest
   * approval of its timeline, whichever approval step of the procedure it came from), with the certificate of
   * the unit that approved it (liên thông: the handling agency, not the centre that received the dossier).
   * @returns the stored document's SHA-256
   */
  async function signResult(dossierId: string): Promise<{ sha256: string; fresh: boolean }> {
    const d = await findDossier({ db, id: dossierId });
    if (!d) throw new Error(`dossier ${dossierId} not found`);
    let existing = await findDocument({ db, dossierId, kind: 'result' });
    let fresh = false;
    if (!existing) {
      const loaded = await procedures.loadVersion(d.procedureVersionId);
      const approvals = loaded.model.steps.filter((s) => s.kind === 'approval').map((s) => `${s.key}_approve`);
      // the leader's decision committed before the engine was told of it (the outbox), so before this task existed;
      // the timeline names the leader as they were when they approved
      const approval = await lastEventOfType({ db, dossierId, type: approvals });
      // (a step handed to another unit: only in a model whose steps have their own unit rules)
      const handedTo =
        approval?.step && loaded.model.steps.some(handedToAUnit)
          ? ((await db('dossier_step_units').where({ dossier_id: dossierId, step: approval.step }).first('org_unit_id'))?.org_unit_id as string | undefined)
          : undefined;
      const { unit, parent } = (await findOrgUnitWithParent({ db, id: handedTo ?? d.orgUnitId }))!;
      const signer = await signers.forUnit(unit);
      const approver = approval?.actorId ? { fullName: approval.actorName } : undefined;
      const signingTime = new Date();
      const pdf = await renderResult({
        template: loaded.version.resultTemplate,
        data: d.data,
        dossierCode: d.code ?? d.reference,
        procedureName: loaded.procedure.name,
        unitName: unit.name,
        parentUnitName: parent?.name,
        place: parent?.name.replace(/^(Ủy ban nhân dân|UBND)\s*/i, '') ?? unit.name,
        approverName: approver?.fullName ?? '',
        approverRole: 'Lãnh đạo',
        decidedAt: signingTime,
        verifyUrl: `${publicUrl}/xac-thuc/${encodeURIComponent(d.code ?? d.reference)}`,
      });
      const signed = await signPdf(pdf, signer, {
        name: approver?.fullName ?? unit.name,
        reason: `Phê duyệt kết quả hồ sơ ${d.code ?? d.reference}`,
        location: unit.name,
        signingTime,
      });
      const stored = await issueDocumentOnce({
        db,
        content: signed,
        mediaType: 'application/pdf',
        document: {
          dossierId,
          kind: 'result',
          fileName: `ket-qua-${d.code ?? d.reference}.pdf`,
          signed: true,
          signature: signatureRecord(signer, signingTime, approver?.fullName ?? null),
        },
      });
      fresh = Boolean(stored);
      existing = stored ?? (await findDocument({ db, dossierId, kind: 'result' }));
    }
    const result = existing!;
    await db.transaction(async (tx) => {
      const locked = await lockDossier({ tx, id: dossierId });
      if (locked!.status !== DossierStatus.InHandling) return;
      // early, on time or late: by date against the legal due (an apology's new date does not excuse it)
      const outcome = locked!.dueAt ? finishedOutcome(result.createdAt, locked!.dueAt, locked!.slaState === 'late') : undefined;
      await updateDossier({
        db: tx,
        id: dossierId,
        patch: { status: DossierStatus.Decided, decidedAt: result.createdAt, ...(outcome ? { outcome } : {}) },
        expectStatus: [DossierStatus.InHandling],
      });
      await appendEvent({
        db: tx,
        event: {
          dossierId,
          type: 'result_signed',
          step: 'signing',
          statusFrom: locked!.status,
          statusTo: DossierStatus.Decided,
          data: { sha256: result.sha256, signature: result.signature, outcome: outcome ?? null },
        },
      });
      // the applicant learns of the decision with it (how the result reaches them follows from its return)
      const loaded = await procedures.loadVersion(locked!.procedureVersionId, tx);
      await notifications.notifyEvent(
        'decided',
        {
          accountId: locked!.applicantId,
          dossier: { id: dossierId, code: locked!.code, reference: locked!.reference, procedureName: loaded.procedure.name },
          vars: {},
        },
        tx,
      );
    });
    if (fresh) log.info({ action: 'result_signed', dossierId, sha256: result.sha256 }, 'result signed');
    return { sha256: result.sha256, fresh };
  }

  /**
   * Publishes the signed result to the applicant's account (status 10) and tells them; a result to collect
   * at the counter or to post goes to its channel instead (the dossier stays decided). Idempotent.
   */
  async function returnResult(dossierId: string): Promise<void> {
    if ((await delivery.channelOf(dossierId)) !== 'online') return delivery.resultIssued(dossierId);
    const returned = await db.transaction(async (tx) => {
      const d = await lockDossier({ tx, id: dossierId });
      if (!d) throw new Error(`dossier ${dossierId} not found`);
      if (d.status === DossierStatus.Returned) return d;
      if (d.status !== DossierStatus.Decided) throw new Error(`dossier ${dossierId} is in status ${d.status}, no result to return`);
      const returnedAt = new Date();
      const updated = await updateDossier({
        db: tx,
        id: dossierId,
        patch: { status: DossierStatus.Returned, returnedAt },
        expectStatus: [DossierStatus.Decided],
      });
      await delivery.markPublished(tx, dossierId, returnedAt);
      // a counter dossier's rating code counts its days from now
      await afterResultReturned(tx, dossierId, returnedAt);
      await appendEvent({
        db: tx,
        event: {
          dossierId,
          type: 'result_returned',
          step: 'result_return',
          statusFrom: d.status,
          statusTo: DossierStatus.Returned,
          data: { channel: 'online' },
        },
      });
      return updated!;
    });
    const loaded = await procedures.loadVersion(returned.procedureVersionId);
    await notifications.notifyApplicant(returned.applicantId, 'result_ready', {
      id: returned.id,
      code: returned.code,
      reference: returned.reference,
      procedureName: loaded.procedure.name,
    });
  }

  return { signResult, returnResult };
}

export type ResultsService = ReturnType<typeof createResultsService>;

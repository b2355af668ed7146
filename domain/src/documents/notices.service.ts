/**
 * Forms 02 and 03 issued as signed PDFs, like the receipt (01) and the apology (04): when reception asks for
 * a supplement or refuses, the `notify` topic issues the form before it tells the applicant, who finds it
 * among the dossier's documents. One form 02 per request (keyed by the decision's timeline event), one form
 * 03 per dossier: a redelivered task finds the form already issued.
 */
import { findAccountById } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import { findDossier } from '../dossiers/dossiers.repository.ts';
import { moduleLogger } from '../logging/logger.ts';
import { findOrgUnitWithParent } from '../org-units/org-units.repository.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import type { AgencySigners } from '../signing/agency-signers.ts';
import { signPdf } from '../signing/pades.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { signatureRecord } from '../signing/signer.ts';
import { findKeyedDocument, issueDocumentOnce } from './documents.repository.ts';
import { renderRefusalNotice, renderSupplementNotice } from './notices.ts';

const log = moduleLogger('notices');

export type NoticeKind = 'supplement_request' | 'refusal';

/** Issues forms 02 and 03 as signed PDFs among the dossier's documents. */
export function createNoticesService({
  db,
  procedures,
  signers,
  clock = systemClock,
}: {
  db: Db;
  procedures: ProceduresService;
  signers: AgencySigners | undefined;
  clock?: Clock;
}) {
  /**
   * Issues form 02 for the dossier's latest supplement request, or form 03 for its refusal, signed in the
   * receiving unit's name, once. Nothing when the dossier has no such decision.
   * @returns whether a new form was issued
   */
  async function issue(dossierId: string, kind: NoticeKind): Promise<boolean> {
    const d = await findDossier({ db, id: dossierId });
    if (!d) throw new Error(`dossier ${dossierId} not found`);
    const decision = kind === 'supplement_request' ? 'supplement' : 'refuse';
    const event = await db('dossier_events')
      .where({ dossier_id: dossierId })
      .whereRaw("data->>'decision' = ?", [decision])
      .orderBy('seq', 'desc')
      .first<{ seq: number; actor_name: string; data: Record<string, unknown>; at: Date } | undefined>('seq', 'actor_name', 'data', 'at');
    if (!event) return false;
    const issueKey = kind === 'refusal' ? 'refusal' : `event:${event.seq}`;
    if (await findKeyedDocument({ db, dossierId, kind, issueKey })) return false;
    const [loaded, units, applicant] = await Promise.all([
      procedures.loadVersion(d.procedureVersionId),
      findOrgUnitWithParent({ db, id: d.orgUnitId }),
      findAccountById({ db, id: d.applicantId }),
    ]);
    const { unit, parent } = units!;
    const now = clock.now();
    const common = {
      dossierRef: d.code ?? d.reference,
      unitName: unit!.name,
      parentUnitName: parent?.name,
      place: parent?.name.replace(/^(Ủy ban nhân dân|UBND)\s*/i, '') ?? unit!.name,
      applicantName: applicant?.fullName ?? '',
      procedureName: loaded.procedure.name,
      submittedAt: d.submittedAt,
      officerName: event.actor_name,
      issuedAt: now,
    };
    const note = typeof event.data.note === 'string' && event.data.note.trim() ? event.data.note.trim() : null;
    const pdf =
      kind === 'supplement_request'
        ? await renderSupplementNotice({
            ...common,
            items: String(event.data.missingItems ?? '')
              .split(/\r?\n/)
              .map((s) => s.trim())
              .filter(Boolean),
            note,
            dueAt: d.supplementRequest?.dueAt ? new Date(d.supplementRequest.dueAt) : null,
          })
        : await renderRefusalNotice({ ...common, reasons: String(event.data.refusalReasons ?? d.refusal?.reasons ?? ''), note });
    const title = kind === 'supplement_request' ? 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' : 'Phiếu từ chối tiếp nhận giải quyết hồ sơ';
    const signer = signers ? await signers.forUnit(unit!) : undefined;
    const signed = signer
      ? await signPdf(pdf, signer, { name: unit!.name, reason: `${title} ${common.dossierRef}`, location: unit!.name, signingTime: now })
      : pdf;
    // a concurrent delivery of the task issued it first: this copy is dropped
    const stored = Boolean(
      await issueDocumentOnce({
        db,
        content: signed,
        mediaType: 'application/pdf',
        issueKey,
        document: {
          dossierId,
          kind,
          fileName: `${kind === 'supplement_request' ? 'phieu-yeu-cau-bo-sung' : 'phieu-tu-choi'}-${common.dossierRef}${kind === 'supplement_request' ? `-${event.seq}` : ''}.pdf`,
          signed: Boolean(signer),
          signature: signatureRecord(signer, now, unit!.name),
        },
      }),
    );
    if (stored) log.info({ action: `${kind}_issued`, dossierId }, 'notice issued');
    return stored;
  }

  return { issue };
}

export type NoticesService = ReturnType<typeof createNoticesService>;

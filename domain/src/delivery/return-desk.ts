/**
 * The return desk's actions on a result waiting at the counter or come back from the post (issue 15 §2): the
 * handover to the applicant or a person they authorised (with the authorisation paper and the printed slip to
 * sign), holding a returned parcel at the desk, posting it again. The channel's state machine and the postal
 * tracking are delivery.service.ts's.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import { findAccountById } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import { findDocument, insertKeyedDocumentOnce } from '../documents/documents.repository.ts';
import { renderHandoverSlip } from '../documents/handover-slip.ts';
import { ConflictError, InputError, NotAllowedError, msg } from '../errors/errors.ts';
import { storeFile } from '../files/files.repository.ts';
import { moduleLogger } from '../logging/logger.ts';
import { findOrgUnit, findOrgUnitWithParent } from '../org-units/org-units.repository.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { afterResultReturned } from './result-returned.ts';
import { assertCanReadDossier } from '../dossiers/dossier-access.ts';
import { DossierStatus } from '../dossiers/dossier-status.ts';
import { findDossier, lockDossier, updateDossier, type Dossier } from '../dossiers/dossiers.repository.ts';
import type { deliveryNotices, DeliveryNoticeRef } from './delivery-notices.ts';
import * as repo from './delivery.repository.ts';
import type { Recipient } from './delivery.repository.ts';
import type { PostalAddress, PostalService } from './postal.client.ts';

const log = moduleLogger('delivery');

export interface HandoverInput {
  recipient: { kind: 'applicant' | 'authorised'; fullName: string; idNumber: string; authorisation?: string | null };
  /** an authorised person's paper, scanned (PDF, JPEG or PNG) */
  authorisationFile?: { fileName: string; content: Buffer } | null;
  requestId?: string;
}

export const notAvailable = () =>
  new InputError('postal_unavailable', msg('Hiện chưa nhận trả kết quả qua bưu chính.', 'Results cannot be posted at the moment.'), [
    {
      field: 'resultDelivery.channel',
      code: 'postal_unavailable',
      message: msg('Hãy chọn nhận kết quả trực tuyến hoặc tại quầy.', 'Choose online or at the counter.'),
    },
  ]);

function sniffScan(content: Buffer): string | undefined {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return undefined;
}

export interface ReturnDeskDeps {
  db: Db;
  procedures: ProceduresService;
  postal?: PostalService | undefined;
  clock?: Clock;
  notices: ReturnType<typeof deliveryNotices>;
  noticeRef: (d: Dossier) => Promise<DeliveryNoticeRef>;
  /** posts the result (the delivery service's consignment, idempotent by dossier and attempt) */
  postConsignment: (dossierId: string) => Promise<void>;
}

export function createReturnDesk({ db, procedures, postal, clock = systemClock, notices, noticeRef, postConsignment }: ReturnDeskDeps) {
  /** An officer at the return desk of the dossier's receiving unit. @throws NotAllowedError `return_desk_only` */
  async function deskDossier(officer: Account, dossierId: string): Promise<Dossier> {
    const d = await assertCanReadDossier(db, officer, await findDossier({ db, id: dossierId }));
    if (officer.role !== 'receiving_officer' || officer.orgUnitId !== d.orgUnitId)
      throw new NotAllowedError(
        'return_desk_only',
        msg('Chỉ cán bộ tiếp nhận và trả kết quả của đơn vị nhận hồ sơ mới thực hiện được.', "Only the receiving unit's one-stop officers can do this."),
      );
    return d;
  }

  const notInState = () =>
    new ConflictError(
      'delivery_state_conflict',
      msg('Kết quả của hồ sơ không ở trạng thái cho phép thao tác này, vui lòng tải lại.', 'The result is not in a state that allows this; reload the page.'),
    );

  /**
   * The officer hands the result over at the desk to the applicant or a person they authorised: the dossier
   * is returned (10), the handover slip printed from it for the recipient to sign.
   * @throws NotAllowedError `return_desk_only`; ConflictError `delivery_state_conflict` (not waiting at the desk,
   *   or already handed over); InputError `authorisation_missing` | `authorisation_file_invalid`
   */
  async function handOver(officer: Account, dossierId: string, input: HandoverInput): Promise<Dossier> {
    const d = await deskDossier(officer, dossierId);
    const r = input.recipient;
    if (r.kind === 'authorised' && !r.authorisation?.trim() && !input.authorisationFile)
      throw new InputError('authorisation_missing', msg('Người được ủy quyền cần có giấy ủy quyền.', 'An authorised person needs the authorisation paper.'), [
        {
          field: 'recipient.authorisation',
          code: 'required',
          message: msg('Hãy ghi số, ngày của giấy ủy quyền hoặc đính kèm bản quét.', "Enter the authorisation paper's number and date, or attach its scan."),
        },
      ]);
    const scanType = input.authorisationFile ? sniffScan(input.authorisationFile.content) : undefined;
    if (input.authorisationFile && !scanType)
      throw new InputError('authorisation_file_invalid', msg('Bản quét giấy ủy quyền phải là PDF, JPEG hoặc PNG.', 'The scan must be a PDF, JPEG or PNG.'), [
        {
          field: 'authorisationFile',
          code: 'file_type',
          message: msg('Bản quét giấy ủy quyền phải là PDF, JPEG hoặc PNG.', 'The scan must be a PDF, JPEG or PNG.'),
        },
      ]);
    const del = await repo.findDelivery({ db, dossierId });
    if (!del || del.state !== 'awaiting_collection' || d.status !== DossierStatus.Decided) throw notInState();
    const result = await findDocument({ db, dossierId, kind: 'result' });
    const loaded = await procedures.loadVersion(d.procedureVersionId);
    const { unit, parent } = (await findOrgUnitWithParent({ db, id: d.orgUnitId }))!;
    const applicant = await findAccountById({ db, id: d.applicantId });
    const at = clock.now();
    const recipient: Recipient = {
      kind: r.kind,
      fullName: r.fullName.trim(),
      idNumber: r.idNumber,
      authorisation: r.kind === 'authorised' ? r.authorisation?.trim() || 'Bản quét đính kèm' : null,
    };
    const slip = await renderHandoverSlip({
      dossierCode: d.code ?? d.reference,
      unitName: unit.name,
      parentUnitName: parent?.name,
      place: parent?.name.replace(/^(Ủy ban nhân dân|UBND)\s*/i, '') ?? unit.name,
      applicantName: applicant?.fullName ?? '',
      procedureName: loaded.procedure.name,
      resultFileName: result?.fileName ?? '',
      resultSha256: result?.sha256 ?? '',
      decidedAt: d.decidedAt ?? at,
      recipient,
      officerName: officer.fullName,
      handedOverAt: at,
    });
    const returned = await db.transaction(async (tx) => {
      const locked = await lockDossier({ tx, id: dossierId });
      const lockedDel = await repo.lockDelivery({ tx, dossierId });
      if (!locked || locked.status !== DossierStatus.Decided || lockedDel?.state !== 'awaiting_collection') throw notInState();
      if (input.authorisationFile && scanType)
        recipient.authorisationFileId = (await storeFile({ db: tx, content: input.authorisationFile.content, mediaType: scanType })).id;
      const file = await storeFile({ db: tx, content: slip, mediaType: 'application/pdf' });
      await insertKeyedDocumentOnce({
        db: tx,
        issueKey: 'handover',
        document: {
          dossierId,
          kind: 'handover_slip',
          fileName: `phieu-ban-giao-${d.code ?? d.reference}.pdf`,
          fileId: file.id,
          sha256: file.sha256,
          signed: false,
          signature: null,
        },
      });
      await repo.updateDelivery({
        db: tx,
        dossierId,
        patch: { state: 'handed_over', recipient, handedOverBy: officer.id, deliveredAt: at },
        expectState: ['awaiting_collection'],
      });
      const updated = await updateDossier({
        db: tx,
        id: dossierId,
        patch: { status: DossierStatus.Returned, returnedAt: at },
        expectStatus: [DossierStatus.Decided],
      });
      await afterResultReturned(tx, dossierId, at);
      await appendEvent({
        db: tx,
        event: {
          dossierId,
          type: 'result_handed_over',
          actor: officer,
          step: 'result_return',
          statusFrom: DossierStatus.Decided,
          statusTo: DossierStatus.Returned,
          data: {
            channel: 'counter',
            recipient: { kind: recipient.kind, fullName: recipient.fullName, authorisation: recipient.authorisation },
            requestId: input.requestId ?? null,
          },
          at,
        },
      });
      await notices.notifyHandedOver(await noticeRef(d), tx);
      return updated!;
    });
    log.info({ action: 'result_handed_over', dossierId, dossierCode: d.code }, 'result handed over at the counter');
    return returned;
  }

  /**
   * A parcel came back: the desk keeps the result for collection (the applicant is told).
   * @throws NotAllowedError `return_desk_only`; ConflictError `delivery_state_conflict`
   */
  async function holdAtCounter(officer: Account, dossierId: string): Promise<void> {
    const d = await deskDossier(officer, dossierId);
    await db.transaction(async (tx) => {
      const del = await repo.lockDelivery({ tx, dossierId });
      if (del?.state !== 'returned_to_sender') throw notInState();
      await repo.updateDelivery({ db: tx, dossierId, patch: { channel: 'counter', state: 'awaiting_collection' }, expectState: ['returned_to_sender'] });
      await appendEvent({
        db: tx,
        event: {
          dossierId,
          type: 'result_ready_for_collection',
          actor: officer,
          step: 'result_return',
          data: { channel: 'counter', after: 'returned_to_sender' },
        },
      });
      const unit = await findOrgUnit({ db: tx, id: d.orgUnitId });
      await notices.notifyReadyForCollection(await noticeRef(d), unit?.name ?? '', tx);
    });
  }

  /**
   * A parcel came back: posted again, to the same or a corrected address (a new consignment).
   * @throws NotAllowedError `return_desk_only`; ConflictError `delivery_state_conflict`; Error when the
   *   postal service does not take it now (the tracking job posts it later)
   */
  async function postAgain(officer: Account, dossierId: string, address?: PostalAddress | null): Promise<void> {
    await deskDossier(officer, dossierId);
    if (!postal) throw notAvailable();
    const attempt = await db.transaction(async (tx) => {
      const del = await repo.lockDelivery({ tx, dossierId });
      if (del?.state !== 'returned_to_sender') throw notInState();
      const next = del.attempt + 1;
      await repo.updateDelivery({
        db: tx,
        dossierId,
        patch: { state: 'posting', attempt: next, trackingNumber: null, postalStatus: null, ...(address ? { address } : {}) },
        expectState: ['returned_to_sender'],
      });
      await appendEvent({
        db: tx,
        event: {
          dossierId,
          type: 'result_posting',
          actor: officer,
          step: 'result_return',
          data: { channel: 'post', attempt: next, address: address ?? del.address },
        },
      });
      return next;
    });
    log.info({ action: 'result_post_again', dossierId, attempt }, 'result posted again');
    // the postal service may not answer now: the tracking job's next round posts it
    await postConsignment(dossierId).catch((err: unknown) => log.warn({ err, dossierId }, 'posting again failed; the tracking job retries'));
  }

  /** The delivery part of a dossier's view. */
  return { handOver, holdAtCounter, postAgain };
}

/**
 * What follows an officer's "accept" at reception (the `reception` topic): the dossier code, status
 * "received" with its legal due date, the receipt (form 01) and the applicant's notification. Every part is
 * idempotent: a redelivered task finds the code, the receipt and the notification already there.
 */
import { systemClock, type Clock } from '../time/clock.ts';
import type { Db, DbOrTx } from '../db/db.ts';
import { findAccountById, type Account } from '../accounts/accounts.repository.ts';
import { attachmentFields } from '../forms/form-schema.ts';
import { renderReceipt } from '../documents/receipt.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { findOrgUnitWithParent, type OrgUnit } from '../org-units/org-units.repository.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import type { SlaService } from '../sla/sla.service.ts';
import { timeLimitWords } from '../sla/deadlines.ts';
import { appendEvent, lastEventOfType } from '../timeline/timeline.repository.ts';
import { formatDossierCode } from './dossier-code.ts';
import { DossierStatus } from './dossier-status.ts';
import * as repo from './dossiers.repository.ts';
import { listAttachments } from './attachments.repository.ts';
import { findDocument, issueDocumentOnce } from '../documents/documents.repository.ts';
import type { IdentityService } from '../accounts/identity.service.ts';
import { saveRatingCode } from './counter-rating.service.ts';
import { RATING_CODE_DAYS, newRatingCode } from './rating-codes.ts';
import { findDelivery } from '../delivery/delivery.repository.ts';

const log = moduleLogger('reception');

export interface ReceptionServiceDeps {
  db: Db;
  procedures: ProceduresService;
  sla: SlaService;
  notifications: NotificationsService;
  identity: IdentityService;
  publicUrl: string;
  clock?: Clock;
}

/** What the reception's transaction read that its receipt prints too. */
type ReadForReceipt = { unit?: OrgUnit; parent?: OrgUnit };
/** The officer who accepted a dossier, as its timeline named them then (the receipt and the `received` event). */
type Officer = Pick<Account, 'id' | 'fullName'>;

export function createReceptionService({ db, procedures, sla, notifications, identity, publicUrl, clock = systemClock }: ReceptionServiceDeps) {
  /**
   * Receives an accepted dossier. The officer's acceptance (the latest `reception_accept` of its timeline)
   * gives the moment that dates the code and starts the legal clock, and the officer named on the receipt.
   * @returns the code and due moment (also when an earlier delivery of the task already received it)
   */
  async function receive(dossierId: string): Promise<{ code: string; dueAt: Date }> {
    let officer: Officer | undefined;
    // what the transaction read that the receipt prints too (a redelivered task reads it there)
    let read: ReadForReceipt = {};
    const received = await db.transaction(async (tx) => {
      const d = await repo.lockDossier({ tx, id: dossierId });
      if (!d) throw new Error(`dossier ${dossierId} not found`);
      const accepted = await lastEventOfType({ db: tx, dossierId, type: 'reception_accept' });
      const acceptedAt = accepted?.at ?? clock.now();
      officer = accepted?.actorId ? { id: accepted.actorId, fullName: accepted.actorName } : undefined;
      if (d.status !== DossierStatus.Submitted && d.code && d.dueAt) return { dossier: d, fresh: false };
      if (d.status !== DossierStatus.Submitted) throw new Error(`dossier ${dossierId} is in status ${d.status}, cannot be received`);
      const loaded = await procedures.loadVersion(d.procedureVersionId, tx);
      const { unit, parent } = (await findOrgUnitWithParent({ db: tx, id: d.orgUnitId }))!;
      const receivedAt = d.receivedAt ?? acceptedAt;
      // the dossier keeps the SLA rules in force on the day it was first received
      const rules = d.slaRuleVersionId ? await sla.rulesOf(d, tx) : await sla.rulesAt(receivedAt, tx);
      const dueAt = d.dueAt ?? (await sla.dueAtFor(d.orgUnitId, loaded.version.timeLimit, receivedAt, rules));
      read = { unit, parent };
      // one code per dossier, ever: a re-acceptance (after a supplement) keeps the first. The unit's counter
      // row stays locked until commit (that is what makes codes gapless), so it is taken last.
      const code = d.code ?? formatDossierCode(unit.agencyCode, receivedAt, await repo.nextCodeSequence({ tx, orgUnitId: unit.id, receivedAt }));
      const updated = await repo.updateDossier({
        db: tx,
        id: dossierId,
        patch: { status: DossierStatus.Received, code, receivedAt, dueAt, slaRuleVersionId: rules.id },
        expectStatus: [DossierStatus.Submitted],
      });
      const event = await appendEvent({
        db: tx,
        event: {
          dossierId,
          type: 'received',
          actor: officer ?? null,
          step: 'reception',
          statusFrom: d.status,
          statusTo: DossierStatus.Received,
          data: { code, dueAt, slaRuleVersion: rules.version },
          at: clock.now(),
        },
      });
      return { dossier: updated!, fresh: true, firstCode: !d.code, seq: event.seq };
    });
    const d = received.dossier;
    // a dossier given its code just now has no receipt yet (one received before, after a supplement, has)
    await issueReceipt(d, officer, received.fresh ? read : {}, received.fresh && received.firstCode);
    const loaded = await procedures.loadVersion(d.procedureVersionId);
    await notifications.notifyApplicant(
      d.applicantId,
      'received',
      { id: d.id, code: d.code, reference: d.reference, procedureName: loaded.procedure.name, dueAt: d.dueAt },
      d.code!,
    );
    if (received.fresh) log.info({ action: 'received', dossierId, dossierCode: d.code }, 'dossier received');
    return { code: d.code!, dueAt: d.dueAt! };
  }

  /** Where the receipt says the result is returned: the channel the applicant chose. */
  async function returnChannelWords(dossierId: string, unitName: string): Promise<string> {
    const del = await findDelivery({ db, dossierId });
    if (del?.channel === 'counter') return `Bộ phận tiếp nhận và trả kết quả – ${unitName}`;
    if (del?.channel === 'post' && del.address)
      return `Dịch vụ bưu chính công ích, gửi đến ${del.address.recipientName}, ${del.address.street}, ${del.address.ward}, ${del.address.province}`;
    return 'Cổng dịch vụ công (trả kết quả trực tuyến)';
  }

  /** The receipt (form 01), rendered once per dossier. */
  async function issueReceipt(d: repo.Dossier, officer: Officer | undefined, read: ReadForReceipt, noReceiptYet = false): Promise<void> {
    if (!noReceiptYet && (await findDocument({ db, dossierId: d.id, kind: 'receipt' }))) return;
    const loaded = await procedures.loadVersion(d.procedureVersionId);
    const { unit, parent } = read.unit ? { unit: read.unit, parent: read.parent } : (await findOrgUnitWithParent({ db, id: d.orgUnitId }))!;
    const applicant = await findAccountById({ db, id: d.applicantId });
    const attachments = await listAttachments({ db, dossierId: d.id });
    // each paper by its name in the form, with the files that carry it (scanned at the counter, or sent online)
    const fields = attachmentFields(loaded.applicationForm.schema);
    const papers = new Map<string, string[]>();
    for (const a of attachments) {
      const name = fields.find((f) => f.path.join('.') === a.fieldKey)?.fullLabel ?? a.fileName;
      papers.set(name, [...(papers.get(name) ?? []), a.fileName]);
    }
    const copy = d.channel === 1 ? 'bản quét' : 'bản điện tử';
    const docs = (loaded.version.forms[loaded.version.applicationFormId]!.components.length ? ['Tờ khai (biểu mẫu điện tử)'] : []).concat(
      [...papers].map(([name, files]) => `${name} (${copy}: ${files.join(', ')})`),
    );
    // a counter applicant rates at the counter's tablet with a code of the receipt (an online one in their account)
    const ratingCode = d.channel === 1 ? newRatingCode() : undefined;
    const pdf = await renderReceipt({
      dossierCode: d.code!,
      trackingUrl: `${publicUrl}/tra-cuu/${encodeURIComponent(d.code!)}`,
      unitName: unit.name,
      parentUnitName: parent?.name,
      applicantName: applicant?.fullName ?? '',
      applicantPhone: applicant?.phone ?? null,
      applicantEmail: applicant?.email ?? null,
      procedureName: loaded.procedure.name,
      documents: docs,
      receivedAt: d.receivedAt!,
      dueAt: d.dueAt!,
      timeLimitText: timeLimitWords(loaded.version.timeLimit).vi,
      receivingOfficer: officer?.fullName ?? '',
      returnChannel: await returnChannelWords(d.id, unit.name),
      claimCode: applicant?.walkIn ? await identity.claimCodeOf(d.id) : undefined,
      portalUrl: publicUrl,
      rating: ratingCode ? { code: ratingCode, days: RATING_CODE_DAYS } : undefined,
    });
    const receipt = (dbx: DbOrTx) =>
      issueDocumentOnce({
        db: dbx,
        content: pdf,
        mediaType: 'application/pdf',
        document: { dossierId: d.id, kind: 'receipt', fileName: `giay-tiep-nhan-${d.code}.pdf`, signed: false, signature: null },
      });
    // a concurrent delivery stored its receipt first: its copy stays (and the rating code that one printed)
    if (!ratingCode) await receipt(db);
    else
      await db.transaction(async (tx) => {
        if (await receipt(tx)) await saveRatingCode(tx, d.id, ratingCode);
      });
  }

  return { receive };
}

export type ReceptionService = ReturnType<typeof createReceptionService>;

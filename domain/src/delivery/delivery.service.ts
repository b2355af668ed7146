/**
 * Result return by the channel the applicant chose (issue 15 §2). The process ends when the result is signed
 * and issued (`result-return` topic); from there the return is this small state machine of the application,
 * with no engine in it (so no engine command either):
 *
 *   online:  chosen → published                                   (status 10 at once, as before)
 *   counter: chosen → awaiting_collection → handed_over           (10 when the officer records the handover)
 *   post:    chosen → posting → in_transit → delivered            (10 when the postal service says delivered)
 *                                          ↘ returned_to_sender → awaiting_collection (held at the desk)
 *                                                                → posting (posted again, attempt + 1)
 *
 * Until it is returned the dossier stays "decided" (9). Posted parcels are followed by polling the postal
 * service (`trackConsignments`, a job every minute): nothing outside needs to reach us, a missed round is
 * caught up by the next, and applying a status twice changes nothing (every change is a guarded update).
 * A consignment is created with an idempotency key (dossier + attempt), so a retry never posts twice.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import { findAccountById } from '../accounts/accounts.repository.ts';
import type { Db, Tx } from '../db/db.ts';
import { findDocument, findKeyedDocument, insertKeyedDocumentOnce } from '../documents/documents.repository.ts';
import { renderHandoverSlip } from '../documents/handover-slip.ts';
import { ConflictError, InputError, NotAllowedError, msg, type Message } from '../errors/errors.ts';
import { storeFile } from '../files/files.repository.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { findOrgUnit } from '../org-units/org-units.repository.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { startRatingCodeClock } from '../dossiers/counter-rating.service.ts';
import { assertCanReadDossier } from '../dossiers/dossier-access.ts';
import { DossierStatus } from '../dossiers/dossier-status.ts';
import { findDossier, lockDossier, updateDossier, type Dossier } from '../dossiers/dossiers.repository.ts';
import { deliveryNotices, type DeliveryNoticeRef } from './delivery-notices.ts';
import * as repo from './delivery.repository.ts';
import type { Delivery, DeliveryState, Recipient, ResultChannel } from './delivery.repository.ts';
import type { PostalAddress, PostalService, Tracking } from './postal.client.ts';

const log = moduleLogger('delivery');

export const resultChannelNames: Record<ResultChannel, Message> = {
  online: msg('Nhận kết quả trực tuyến (trong tài khoản)', 'Online, in the account'),
  counter: msg('Nhận tại Bộ phận tiếp nhận và trả kết quả', 'At the one-stop counter'),
  post: msg('Nhận qua dịch vụ bưu chính công ích', 'By public postal service'),
};

export const deliveryStateNames: Record<DeliveryState, Message> = {
  chosen: msg('Chưa có kết quả', 'No result yet'),
  published: msg('Đã trả trực tuyến', 'Returned online'),
  awaiting_collection: msg('Kết quả đang chờ tại quầy trả kết quả', 'Waiting at the return desk'),
  handed_over: msg('Đã trao kết quả tại quầy', 'Handed over at the counter'),
  posting: msg('Đang gửi bưu chính', 'Being posted'),
  in_transit: msg('Bưu chính đang chuyển phát', 'With the postal service'),
  delivered: msg('Bưu chính đã phát thành công', 'Delivered by post'),
  returned_to_sender: msg('Bưu chính chuyển hoàn, chưa phát được', 'Returned to sender, not delivered'),
};

/** What an officer at the return desk may do next, by delivery state. */
export type DeliveryAction = 'hand_over' | 'hold_at_counter' | 'post_again';
const actionsByState: Partial<Record<DeliveryState, DeliveryAction[]>> = {
  awaiting_collection: ['hand_over'],
  returned_to_sender: ['hold_at_counter', 'post_again'],
};

export interface DeliveryChoice {
  channel: ResultChannel;
  address?: PostalAddress | null;
}

export interface DeliveryView {
  channel: ResultChannel;
  channelName: Message;
  state: DeliveryState;
  stateName: Message;
  address: PostalAddress | null;
  attempt: number;
  trackingNumber: string | null;
  postalStatus: string | null;
  recipient: { kind: Recipient['kind']; fullName: string; authorisation: string | null } | null;
  readyAt: Date | null;
  deliveredAt: Date | null;
  /** what the return desk can do next (an officer of the dossier's receiving unit) */
  actions: DeliveryAction[];
}

export interface HandoverInput {
  recipient: { kind: 'applicant' | 'authorised'; fullName: string; idNumber: string; authorisation?: string | null };
  /** an authorised person's paper, scanned (PDF, JPEG or PNG) */
  authorisationFile?: { fileName: string; content: Buffer } | null;
  requestId?: string;
}

const notAvailable = () =>
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

export interface DeliveryServiceDeps {
  db: Db;
  procedures: ProceduresService;
  notifications: NotificationsService;
  /** the postal service; without one, results cannot be posted */
  postal?: PostalService | undefined;
  clock?: Clock;
}

/** The result-return service: the applicant's choice, the channel's state machine, the return desk's actions, the postal tracking. */
export function createDeliveryService({ db, procedures, notifications, postal, clock = systemClock }: DeliveryServiceDeps) {
  const notices = deliveryNotices(notifications);

  /** The applicant's choice, checked (the schema checked its shape): post needs an address and a postal service. */
  function checkChoice(choice: DeliveryChoice | undefined, submissionChannel: 1 | 2 | 3): { channel: ResultChannel; address: PostalAddress | null } {
    // a walk-in collects at the counter unless they chose otherwise; an online applicant gets it online
    const channel = choice?.channel ?? (submissionChannel === 1 ? 'counter' : 'online');
    if (channel !== 'post') return { channel, address: null };
    if (!postal) throw notAvailable();
    if (!choice?.address)
      throw new InputError('postal_address_missing', msg('Hãy nhập địa chỉ nhận kết quả qua bưu chính.', 'Give the address to post the result to.'), [
        { field: 'resultDelivery.address', code: 'required', message: msg('Hãy nhập địa chỉ nhận kết quả.', 'Enter the delivery address.') },
      ]);
    const a = choice.address;
    return {
      channel,
      address: { recipientName: a.recipientName.trim(), phone: a.phone.trim(), street: a.street.trim(), ward: a.ward.trim(), province: a.province.trim() },
    };
  }

  /** Records the checked choice in the dossier's own transaction. */
  async function recordChoice(tx: Tx, dossierId: string, choice: { channel: ResultChannel; address: PostalAddress | null }): Promise<void> {
    await repo.insertDelivery({ db: tx, dossierId, ...choice });
  }

  /** The channel a dossier's result goes by (online for a dossier filed before the choice existed). */
  async function channelOf(dossierId: string): Promise<ResultChannel> {
    return (await repo.findDelivery({ db, dossierId }))?.channel ?? 'online';
  }

  async function noticeRef(d: Dossier): Promise<DeliveryNoticeRef> {
    const loaded = await procedures.loadVersion(d.procedureVersionId);
    return { applicantId: d.applicantId, dossierId: d.id, ref: d.code ?? d.reference, procedureName: loaded.procedure.name };
  }

  /**
   * A result online is in the account: the delivery is published (the caller returns the dossier, status 10,
   * in this transaction).
   */
  async function markPublished(tx: Tx, dossierId: string, at: Date): Promise<void> {
    await repo.updateDelivery({ db: tx, dossierId, patch: { state: 'published', readyAt: at, deliveredAt: at }, expectState: ['chosen'] });
  }

  /**
   * The signed result is issued for a dossier returned at the counter or by post: it waits at the desk, or
   * a consignment is made. The dossier stays decided (9). Idempotent (a redelivered task finds it done).
   * @throws Error when the postal service does not take the parcel (the topic's retries try again)
   */
  async function resultIssued(dossierId: string): Promise<void> {
    const now = clock.now();
    const outcome = await db.transaction(async (tx) => {
      const d = await lockDossier({ tx, id: dossierId });
      if (!d) throw new Error(`dossier ${dossierId} not found`);
      const del = await repo.lockDelivery({ tx, dossierId });
      if (!del || del.channel === 'online') throw new Error(`dossier ${dossierId} is returned online`);
      if (del.state !== 'chosen') return { d, del, fresh: false };
      if (d.status !== DossierStatus.Decided) throw new Error(`dossier ${dossierId} is in status ${d.status}, no result to return`);
      const next = await repo.updateDelivery({
        db: tx,
        dossierId,
        patch: del.channel === 'counter' ? { state: 'awaiting_collection', readyAt: now } : { state: 'posting', attempt: 1, readyAt: now },
        expectState: ['chosen'],
      });
      await appendEvent({
        db: tx,
        event: {
          dossierId,
          type: del.channel === 'counter' ? 'result_ready_for_collection' : 'result_posting',
          step: 'result_return',
          data: { channel: del.channel, ...(del.address ? { address: del.address } : {}) },
          at: now,
        },
      });
      if (del.channel === 'counter') {
        const unit = await findOrgUnit({ db: tx, id: d.orgUnitId });
        await notices.notifyReadyForCollection(await noticeRef(d), unit?.name ?? '', tx);
      }
      return { d, del: next!, fresh: true };
    });
    if (outcome.fresh) log.info({ action: 'result_issued', dossierId, channel: outcome.del.channel }, 'result issued for its channel');
    if (outcome.del.state === 'posting') await postConsignment(dossierId);
  }

  /** Hands the parcel of a `posting` delivery to the postal service, once per attempt. */
  async function postConsignment(dossierId: string): Promise<void> {
    if (!postal) throw new Error('no postal service is configured');
    const del = await repo.findDelivery({ db, dossierId });
    if (!del || del.state !== 'posting') return;
    const d = (await findDossier({ db, id: dossierId }))!;
    const unit = (await findOrgUnit({ db, id: d.orgUnitId }))!;
    const parent = unit.parentId ? await findOrgUnit({ db, id: unit.parentId }) : undefined;
    const ref = d.code ?? d.reference;
    const { trackingNumber } = await postal.createConsignment({
      idempotencyKey: `motcua:${dossierId}:${del.attempt}`,
      reference: ref,
      sender: { name: `Bộ phận tiếp nhận và trả kết quả – ${unit.name}`, address: parent?.name ?? unit.name },
      receiver: del.address!,
      content: `Kết quả giải quyết hồ sơ ${ref}`,
    });
    const posted = await db.transaction(async (tx) => {
      const locked = await repo.lockDelivery({ tx, dossierId });
      if (!locked || locked.state !== 'posting' || locked.attempt !== del.attempt) return false;
      await repo.updateDelivery({ db: tx, dossierId, patch: { state: 'in_transit', trackingNumber, postalStatus: 'accepted' }, expectState: ['posting'] });
      await appendEvent({
        db: tx,
        event: { dossierId, type: 'result_posted', step: 'result_return', data: { channel: 'post', trackingNumber, attempt: del.attempt }, at: clock.now() },
      });
      return true;
    });
    if (!posted) return;
    log.info({ action: 'result_posted', dossierId, trackingNumber, attempt: del.attempt }, 'result posted');
    await notices.notifyPosted(await noticeRef(d), trackingNumber, del.attempt);
  }

  /**
   * Applies what the postal service says of a parcel. Delivered: the dossier is returned (10). Returned to
   * sender: it stays decided (9) and the desk decides what next. Applying it again changes nothing.
   */
  async function applyTracking(dossierId: string, tracking: Tracking): Promise<void> {
    const now = clock.now();
    const change = await db.transaction(async (tx) => {
      const d = await lockDossier({ tx, id: dossierId });
      const del = await repo.lockDelivery({ tx, dossierId });
      if (!d || !del || del.state !== 'in_transit' || del.trackingNumber !== tracking.trackingNumber) return undefined;
      if (tracking.status === 'accepted' || tracking.status === 'in_transit') {
        if (del.postalStatus === tracking.status) return undefined;
        await repo.updateDelivery({ db: tx, dossierId, patch: { postalStatus: tracking.status }, expectState: ['in_transit'] });
        if (tracking.status === 'in_transit')
          await appendEvent({
            db: tx,
            event: { dossierId, type: 'result_in_transit', step: 'result_return', data: { trackingNumber: tracking.trackingNumber }, at: now },
          });
        return undefined;
      }
      const reported = tracking.events.find((e) => e.status === tracking.status)?.at;
      const at = reported && !Number.isNaN(Date.parse(reported)) ? new Date(reported) : now;
      if (tracking.status === 'delivered') {
        const updated = await updateDossier({
          db: tx,
          id: dossierId,
          patch: { status: DossierStatus.Returned, returnedAt: at },
          expectStatus: [DossierStatus.Decided],
        });
        if (!updated) return undefined;
        await repo.updateDelivery({
          db: tx,
          dossierId,
          patch: { state: 'delivered', postalStatus: 'delivered', deliveredAt: at },
          expectState: ['in_transit'],
        });
        await startRatingCodeClock(tx, dossierId, at);
        await appendEvent({
          db: tx,
          event: {
            dossierId,
            type: 'result_delivered',
            step: 'result_return',
            statusFrom: DossierStatus.Decided,
            statusTo: DossierStatus.Returned,
            data: { channel: 'post', trackingNumber: tracking.trackingNumber, attempt: del.attempt },
            at: now,
          },
        });
        return { d, kind: 'delivered' as const, attempt: del.attempt };
      }
      await repo.updateDelivery({ db: tx, dossierId, patch: { state: 'returned_to_sender', postalStatus: 'returned' }, expectState: ['in_transit'] });
      await appendEvent({
        db: tx,
        event: {
          dossierId,
          type: 'result_returned_to_sender',
          step: 'result_return',
          data: { channel: 'post', trackingNumber: tracking.trackingNumber, attempt: del.attempt, note: tracking.events.at(-1)?.note ?? null },
          at: now,
        },
      });
      return { d, kind: 'returned' as const, attempt: del.attempt };
    });
    if (!change) return;
    log.info({ action: `result_${change.kind}`, dossierId, trackingNumber: tracking.trackingNumber }, 'postal status applied');
    const ref = await noticeRef(change.d);
    if (change.kind === 'delivered') await notices.notifyDelivered(ref, change.attempt);
    else await notices.notifyReturnedToSender(ref, change.attempt);
  }

  /**
   * One round of following posted results (the `track-consignments` job): parcels not yet handed over are
   * posted, parcels on their way are asked after. One failing parcel does not stop the others.
   * @throws Error naming the parcels that failed (the job is tried again)
   */
  async function trackConsignments({ limit = 200 }: { limit?: number } = {}): Promise<{ checked: number }> {
    if (!postal) return { checked: 0 };
    const open = await repo.listInTransit({ db, limit });
    const failed: string[] = [];
    for (const del of open) {
      try {
        if (del.state === 'posting') await postConsignment(del.dossierId);
        else if (del.trackingNumber) await applyTracking(del.dossierId, await postal.track(del.trackingNumber));
      } catch (err) {
        log.error({ err, dossierId: del.dossierId, trackingNumber: del.trackingNumber }, 'postal tracking failed; tried again next round');
        failed.push(del.dossierId);
      }
    }
    if (failed.length) throw new Error(`postal tracking failed for ${failed.length} dossier(s)`);
    return { checked: open.length };
  }

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
    const unit = (await findOrgUnit({ db, id: d.orgUnitId }))!;
    const parent = unit.parentId ? await findOrgUnit({ db, id: unit.parentId }) : undefined;
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
      await startRatingCodeClock(tx, dossierId, at);
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
  async function viewOf(dossierId: string): Promise<DeliveryView> {
    const del: Delivery | undefined = await repo.findDelivery({ db, dossierId });
    const channel = del?.channel ?? 'online';
    const state = del?.state ?? 'chosen';
    return {
      channel,
      channelName: resultChannelNames[channel],
      state,
      stateName: deliveryStateNames[state],
      address: del?.address ?? null,
      attempt: del?.attempt ?? 0,
      trackingNumber: del?.trackingNumber ?? null,
      postalStatus: del?.postalStatus ?? null,
      recipient: del?.recipient ? { kind: del.recipient.kind, fullName: del.recipient.fullName, authorisation: del.recipient.authorisation ?? null } : null,
      readyAt: del?.readyAt ?? null,
      deliveredAt: del?.deliveredAt ?? null,
      actions: actionsByState[state] ?? [],
    };
  }

  /** The handover slip, if the result was handed over. */
  const handoverSlip = (dossierId: string) => findKeyedDocument({ db, dossierId, kind: 'handover_slip', issueKey: 'handover' });

  return {
    postalAvailable: Boolean(postal),
    checkChoice,
    recordChoice,
    channelOf,
    markPublished,
    resultIssued,
    postConsignment,
    applyTracking,
    trackConsignments,
    handOver,
    holdAtCounter,
    postAgain,
    viewOf,
    handoverSlip,
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;

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
import type { Db, Tx } from '../db/db.ts';
import { findKeyedDocument } from '../documents/documents.repository.ts';
import { InputError, msg, type Message } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { findOrgUnit, findOrgUnitWithParent } from '../org-units/org-units.repository.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { afterResultReturned } from './result-returned.ts';
import { DossierStatus } from '../dossiers/dossier-status.ts';
import { findDossier, lockDossier, updateDossier, type Dossier } from '../dossiers/dossiers.repository.ts';
import { deliveryNotices, type DeliveryNoticeRef } from './delivery-notices.ts';
import * as repo from './delivery.repository.ts';
import { createReturnDesk, notAvailable } from './return-desk.ts';
export type { HandoverInput } from './return-desk.ts';
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
    const { unit, parent } = (await findOrgUnitWithParent({ db, id: d.orgUnitId }))!;
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
        await afterResultReturned(tx, dossierId, at);
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

  // the return desk's actions (return-desk.ts)
  const desk = createReturnDesk({ db, procedures, postal, clock, notices, noticeRef, postConsignment });

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
    ...desk,
    viewOf,
    handoverSlip,
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;

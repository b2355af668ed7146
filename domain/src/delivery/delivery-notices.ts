/**
 * What the applicant is told as their result travels: one named call per event, each an in-account
 * notification today (the notifications service feeds the other channels from it). The messages work
 * (email / SMS templates) switches these calls to its own; the callers stay as they are.
 */
import { msg } from '../errors/errors.ts';
import type { DbOrTx } from '../db/db.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';

export interface DeliveryNoticeRef {
  applicantId: string;
  dossierId: string;
  ref: string;
  procedureName: string;
}

/** The applicant's notifications as the result travels, one function per event. */
export function deliveryNotices(notifications: NotificationsService) {
  const send = (r: DeliveryNoticeRef, kind: string, occurrence: string, title: ReturnType<typeof msg>, body: ReturnType<typeof msg>, tx?: DbOrTx) =>
    notifications.notify({ accountId: r.applicantId, dossierId: r.dossierId, kind, title, body, dedupeKey: `${kind}:${r.dossierId}:${occurrence}` }, tx);

  return {
    /** The result is signed and waits at the return desk (decided, status 9). */
    notifyReadyForCollection: (r: DeliveryNoticeRef, unitName: string, tx?: DbOrTx) =>
      send(
        r,
        'result_ready_for_collection',
        'ready',
        msg(`Kết quả hồ sơ ${r.ref} đã sẵn sàng tại quầy`, `Result of dossier ${r.ref} ready at the counter`),
        msg(
          `Kết quả giải quyết hồ sơ «${r.procedureName}» đã có. Mời Ông/Bà (hoặc người được ủy quyền, mang theo giấy ủy quyền) mang giấy tờ tùy thân đến Bộ phận tiếp nhận và trả kết quả – ${unitName} để nhận.`,
          `The result of your "${r.procedureName}" dossier is ready. Collect it (or send a person you authorised, with the authorisation) with your identity document at the one-stop desk of ${unitName}.`,
        ),
        tx,
      ),
    /** The result was handed to the postal service (decided, status 9). */
    notifyPosted: (r: DeliveryNoticeRef, trackingNumber: string, attempt: number) =>
      send(
        r,
        'result_posted',
        String(attempt),
        msg(`Kết quả hồ sơ ${r.ref} đã được gửi qua bưu chính`, `Result of dossier ${r.ref} posted`),
        msg(
          `Kết quả giải quyết hồ sơ «${r.procedureName}» đã được gửi qua dịch vụ bưu chính công ích, mã vận đơn ${trackingNumber}.`,
          `The result of your "${r.procedureName}" dossier was posted, tracking number ${trackingNumber}.`,
        ),
      ),
    /** The postal service delivered the result (returned, status 10). */
    notifyDelivered: (r: DeliveryNoticeRef, attempt: number) =>
      send(
        r,
        'result_delivered',
        String(attempt),
        msg(`Kết quả hồ sơ ${r.ref} đã được phát`, `Result of dossier ${r.ref} delivered`),
        msg(
          `Bưu chính đã phát kết quả giải quyết hồ sơ «${r.procedureName}» đến địa chỉ của Ông/Bà. Mời Ông/Bà đánh giá mức độ hài lòng.`,
          `The postal service delivered the result of your "${r.procedureName}" dossier. Please rate the service.`,
        ),
      ),
    /** The parcel came back undelivered; the one-stop unit will contact the applicant (still status 9). */
    notifyReturnedToSender: (r: DeliveryNoticeRef, attempt: number) =>
      send(
        r,
        'result_returned_to_sender',
        String(attempt),
        msg(`Chưa phát được kết quả hồ sơ ${r.ref}`, `Result of dossier ${r.ref} could not be delivered`),
        msg(
          `Bưu chính không phát được kết quả hồ sơ «${r.procedureName}» và đã chuyển hoàn về cơ quan. Bộ phận một cửa sẽ liên hệ để gửi lại hoặc hẹn nhận tại quầy.`,
          `The postal service could not deliver the result of your "${r.procedureName}" dossier and returned it. The one-stop unit will contact you to post it again or arrange collection at the counter.`,
        ),
      ),
    /** The result was handed over at the desk (returned, status 10). */
    notifyHandedOver: (r: DeliveryNoticeRef, tx?: DbOrTx) =>
      send(
        r,
        'result_handed_over',
        'handover',
        msg(`Đã trả kết quả hồ sơ ${r.ref}`, `Result of dossier ${r.ref} handed over`),
        msg(
          `Kết quả giải quyết hồ sơ «${r.procedureName}» đã được trả tại quầy. Mời Ông/Bà đánh giá mức độ hài lòng.`,
          `The result of your "${r.procedureName}" dossier was handed over at the counter. Please rate the service.`,
        ),
        tx,
      ),
  };
}

export type DeliveryNotices = ReturnType<typeof deliveryNotices>;

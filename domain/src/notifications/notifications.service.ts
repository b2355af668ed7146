/**
 * Notifications: always an in-account notification (listed by the api); every other channel (mail, SMS,
 * a national portal) is a `NotificationChannel` fed from the same record, so adding one changes no caller.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db, DbOrTx } from '../db/db.ts';
import { msg, type Message } from '../errors/errors.ts';
import { addJob, JobName } from '../jobs/job-queue.ts';
import { moduleLogger } from '../logging/logger.ts';
import { formatVnDateTime } from '../time/vietnam-time.ts';
import * as repo from './notifications.repository.ts';
import type { Notification } from './notifications.repository.ts';

const log = moduleLogger('notifications');

export type { Notification };

export interface NotificationChannel {
  readonly name: string;
  send(notification: Notification, recipient: { email: string | null; phone: string | null; fullName: string }): Promise<void>;
}

export type ApplicantNotice = 'received' | 'supplement_requested' | 'refused' | 'result_ready' | 'withdrawn' | 'stopped' | 'apology';

interface DossierRef {
  id: string;
  code: string | null;
  reference: string;
  procedureName: string;
  dueAt?: Date | null;
}

function applicantMessage(kind: ApplicantNotice, d: DossierRef): { title: Message; body: Message } {
  const ref = d.code ?? d.reference;
  switch (kind) {
    case 'received':
      return {
        title: msg(`Hồ sơ ${ref} đã được tiếp nhận`, `Dossier ${ref} received`),
        body: msg(
          `Hồ sơ «${d.procedureName}» đã được tiếp nhận với mã ${ref}.${d.dueAt ? ` Ngày hẹn trả kết quả: ${formatVnDateTime(d.dueAt)}.` : ''}`,
          `Your "${d.procedureName}" dossier was received as ${ref}.${d.dueAt ? ` Result due ${formatVnDateTime(d.dueAt)}.` : ''}`,
        ),
      };
    case 'supplement_requested':
      return {
        title: msg(`Hồ sơ ${ref} cần bổ sung`, `Dossier ${ref} needs a supplement`),
        body: msg(
          `Cơ quan yêu cầu bổ sung, hoàn thiện hồ sơ «${d.procedureName}». Vui lòng xem nội dung cần bổ sung và nộp bổ sung.`,
          `The agency asks you to complete your "${d.procedureName}" dossier. See what is missing and supply it.`,
        ),
      };
    case 'refused':
      return {
        title: msg(`Hồ sơ ${ref} không được tiếp nhận`, `Dossier ${ref} not accepted`),
        body: msg(
          `Hồ sơ «${d.procedureName}» không được tiếp nhận. Xem lý do trong chi tiết hồ sơ.`,
          `Your "${d.procedureName}" dossier was not accepted. See the reasons in the dossier.`,
        ),
      };
    case 'withdrawn':
      return {
        title: msg(`Đã rút hồ sơ ${ref}`, `Dossier ${ref} withdrawn`),
        body: msg(
          `Hồ sơ «${d.procedureName}» đã được rút theo yêu cầu của bạn và dừng xử lý.`,
          `Your "${d.procedureName}" dossier was withdrawn at your request; its handling has stopped.`,
        ),
      };
    case 'stopped':
      return {
        title: msg(`Hồ sơ ${ref} bị dừng xử lý`, `Dossier ${ref} stopped`),
        body: msg(
          `Hồ sơ «${d.procedureName}» bị dừng xử lý vì đã quá thời hạn bổ sung, hoàn thiện hồ sơ.`,
          `Your "${d.procedureName}" dossier was stopped: the time to supplement it ran out.`,
        ),
      };
    case 'apology':
      return {
        title: msg(`Xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${ref}`, `Apology and new appointment for dossier ${ref}`),
        body: msg(
          `Cơ quan xin lỗi vì chưa giải quyết xong hồ sơ «${d.procedureName}» đúng hẹn.${d.dueAt ? ` Ngày hẹn trả kết quả mới: ${formatVnDateTime(d.dueAt)}.` : ''} Xem phiếu xin lỗi trong chi tiết hồ sơ.`,
          `The agency apologises that your "${d.procedureName}" dossier is not finished on time.${d.dueAt ? ` New appointment: ${formatVnDateTime(d.dueAt)}.` : ''} See the letter in the dossier.`,
        ),
      };
    case 'result_ready':
      return {
        title: msg(`Đã có kết quả hồ sơ ${ref}`, `Result of dossier ${ref} is ready`),
        body: msg(
          `Kết quả giải quyết hồ sơ «${d.procedureName}» đã được ký số và trả trực tuyến. Bạn có thể tải về và đánh giá mức độ hài lòng.`,
          `The signed result of your "${d.procedureName}" dossier is available online. Download it and rate the service.`,
        ),
      };
  }
}

export function createNotificationsService({ db, channels = [] }: { db: Db; channels?: NotificationChannel[] }) {
  /**
   * Records a notification once per dedupe key (shown once), in the caller's transaction when given, and
   * queues its delivery on the other channels in the same transaction (delivered at least once: the job is
   * retried until every channel took it).
   */
  async function notify(
    n: { accountId: string; dossierId: string | null; kind: string; title: Message; body: Message; dedupeKey: string },
    tx: DbOrTx = db,
  ): Promise<Notification | undefined> {
    const created = await repo.insertNotificationOnce({ db: tx, n });
    if (created && channels.length) await addJob(tx, JobName.DeliverNotification, { notificationId: created.id }, { jobKey: `notification:${created.id}` });
    return created;
  }

  /** Hands a notification to every channel. @throws when a channel failed (the job is tried again) */
  async function deliver(notificationId: string): Promise<void> {
    const n = await repo.findNotification({ db, id: notificationId });
    if (!n || !channels.length) return;
    const who = await db('accounts').where({ id: n.accountId }).first('email', 'phone', 'full_name');
    const failed: string[] = [];
    for (const c of channels) {
      await c.send(n, { email: who?.email ?? null, phone: who?.phone ?? null, fullName: who?.full_name ?? '' }).catch((err: unknown) => {
        log.error({ err, channel: c.name, notificationId }, 'channel failed; delivery will be tried again');
        failed.push(c.name);
      });
    }
    if (failed.length) throw new Error(`notification ${notificationId} not delivered on ${failed.join(', ')}`);
  }

  function notifyApplicant(applicantId: string, kind: ApplicantNotice, dossier: DossierRef, occurrence: string | number = 0, tx: DbOrTx = db) {
    const m = applicantMessage(kind, dossier);
    return notify({ accountId: applicantId, dossierId: dossier.id, kind, ...m, dedupeKey: `${kind}:${dossier.id}:${occurrence}` }, tx);
  }

  return {
    notify,
    notifyApplicant,
    deliver,
    list: (actor: Account, opts: { unreadOnly: boolean; limit: number }) => repo.listNotifications({ db, accountId: actor.id, ...opts }),
    markRead: (actor: Account, id: string) => repo.markRead({ db, accountId: actor.id, id }),
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;

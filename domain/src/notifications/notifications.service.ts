/**
 * Notifications: always an in-account notification (listed by the api), and a delivery on each outside
 * channel (mail, SMS) the recipient chose, sent by the job queue from the same record: a new channel is a
 * `NotificationChannel` and changes no caller, a new event is a template (templates.ts) and a `notifyEvent` call.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Knex } from 'knex';
import type { Db, DbOrTx } from '../db/db.ts';
import { assertCanReadDossier } from '../dossiers/dossier-access.ts';
import { findDossier } from '../dossiers/dossiers.repository.ts';
import { InputError, msg, NotAllowedError, type FieldProblem, type Message } from '../errors/errors.ts';
import { addJob, JobName } from '../jobs/job-queue.ts';
import { moduleLogger } from '../logging/logger.ts';
import { PermanentDeliveryError, type ChannelName, type NotificationChannel } from './channels.ts';
import * as repo from './notifications.repository.ts';
import type { DeliveryLogEntry, Notification, NotificationPreferences } from './notifications.repository.ts';
import { renderMessage } from './render.ts';
import { renderEvent, type DossierRef, type EventKind, type EventVars } from './templates.ts';

const log = moduleLogger('notifications');

export type { Notification, NotificationPreferences, DeliveryLogEntry };
export type { NotificationChannel, ChannelName };
export type { DossierRef, EventKind, EventVars };

/** The events the `notify` topic and the older callers raise for an applicant (kept for them). */
export type ApplicantNotice = 'received' | 'supplement_requested' | 'refused' | 'result_ready' | 'withdrawn' | 'stopped' | 'apology';

export interface NotificationSettings extends NotificationPreferences {
  /** the outside channels this installation can send on */
  available: ChannelName[];
  /** the account's addresses, so the page can say where messages go */
  addresses: { email: string | null; phone: string | null };
  /** false while the account has not chosen (the installation's defaults apply) */
  chosen: boolean;
}

export interface NotificationsDeps {
  db: Db;
  /** the outside channels configured (mail, SMS); none: in-account only */
  channels?: NotificationChannel[];
  /** the channels of an account that chose none */
  defaultChannels?: ChannelName[];
  /** the address people open motcua at (links in mail) */
  publicUrl?: string;
  /** an attempt claimed this long ago without an outcome is taken as interrupted (its process died) */
  staleAttemptMs?: number;
}

export function createNotificationsService({ db, channels = [], defaultChannels = ['email'], publicUrl = '', staleAttemptMs = 120_000 }: NotificationsDeps) {
  async function preferencesOf(tx: DbOrTx, accountId: string): Promise<NotificationPreferences & { chosen: boolean }> {
    const stored = await repo.findPreferences({ db: tx, accountId });
    if (stored) return { ...stored, chosen: true };
    return { email: defaultChannels.includes('email'), sms: defaultChannels.includes('sms'), language: null, chosen: false };
  }

  /**
   * Records a notification once per dedupe key (shown once), in the caller's transaction when given, and with
   * it one delivery per outside channel the recipient chose (and this installation has), and the job that sends
   * them: all or nothing with the change that raised it. The job is retried until every delivery went out.
   * @returns the new notification, or undefined when this dedupe key was already notified
   */
  async function notify(
    n: { accountId: string; dossierId: string | null; kind: string; title: Message; body: Message; dedupeKey: string },
    tx: DbOrTx = db,
  ): Promise<Notification | undefined> {
    // the notification, its deliveries and their job: all or none (a retried caller finds the notification and
    // stops); with no channel to deliver on, the notification is all there is: one statement
    if (!(tx as Knex.Transaction).isTransaction && channels.length) return db.transaction((t) => notify(n, t));
    const created = await repo.insertNotificationOnce({ db: tx, n });
    if (!created || !channels.length) return created;
    const prefs = await preferencesOf(tx, n.accountId);
    const chosen = channels.filter((c) => prefs[c.name]);
    if (!chosen.length) return created;
    const who = await tx('accounts').where({ id: n.accountId }).first('email', 'phone');
    const rows = chosen.map((c) => {
      const recipient = c.addressOf({ email: who?.email ?? null, phone: who?.phone ?? null });
      return {
        notificationId: created.id,
        dossierId: n.dossierId,
        accountId: n.accountId,
        channel: c.name,
        recipient,
        language: prefs.language,
        status: recipient ? ('pending' as const) : ('skipped' as const),
      };
    });
    // a default channel the account has no address for is no channel of its own; a chosen one is logged as skipped
    const deliveries = await repo.insertDeliveries({ db: tx, rows: rows.filter((r) => r.recipient || prefs.chosen) });
    for (const d of deliveries) if (d.status === 'skipped') await repo.logSkipped({ db: tx, delivery: d });
    if (deliveries.some((d) => d.status === 'pending'))
      await addJob(tx, JobName.DeliverNotification, { notificationId: created.id }, { jobKey: `notification:${created.id}` });
    return created;
  }

  /**
   * Tells `accountId` of an event about a dossier, from the event's template (templates.ts): once per event,
   * recipient and `occurrence` (a task id, a document id, a round: whatever makes a second event of the same
   * kind a new one), whatever the retries. In the caller's transaction when given.
   */
  function notifyEvent<K extends EventKind>(
    kind: K,
    e: { accountId: string; dossier: DossierRef; vars: EventVars<K>; occurrence?: string | number; dedupeKey?: string },
    tx: DbOrTx = db,
  ): Promise<Notification | undefined> {
    const m = renderEvent(kind, e.dossier, e.vars);
    return notify(
      {
        accountId: e.accountId,
        dossierId: e.dossier.id,
        kind,
        ...m,
        dedupeKey: e.dedupeKey ?? `${kind}:${e.dossier.id}:${e.occurrence ?? 0}:${e.accountId}`,
      },
      tx,
    );
  }

  /** An applicant's event with a due date at most (the older callers' form of `notifyEvent`). */
  function notifyApplicant(
    applicantId: string,
    kind: ApplicantNotice,
    dossier: DossierRef & { dueAt?: Date | null },
    occurrence: string | number = 0,
    tx: DbOrTx = db,
  ) {
    const vars = (kind === 'received' || kind === 'apology' || kind === 'supplement_requested' ? { dueAt: dossier.dueAt } : {}) as EventVars<typeof kind>;
    return notifyEvent(kind, { accountId: applicantId, dossier, vars, dedupeKey: `${kind}:${dossier.id}:${occurrence}` }, tx);
  }

  /**
   * Sends a notification's deliveries still open, each attempt claimed (and committed) before the send and its
   * outcome recorded after. A delivery recorded as sent is never sent again. A process that dies between the
   * send and the record leaves the claim behind: after `staleAttemptMs` the next run takes that attempt as
   * interrupted and sends again (at least once), with the same Message-ID / SMS reference so that the far side
   * can drop the repeat.
   * @throws when a delivery failed (the job is tried again later, with back-off)
   */
  async function deliver(notificationId: string): Promise<void> {
    const open = await repo.listOpenDeliveries({ db, notificationId });
    if (!open.length) return;
    const n = await repo.findNotification({ db, id: notificationId });
    if (!n) return;
    const who = await db('accounts').where({ id: n.accountId }).first('full_name', 'role');
    const failed: string[] = [];
    for (const row of open) {
      const channel = channels.find((c) => c.name === row.channel);
      if (!channel) {
        failed.push(`${row.channel} (not configured in this process)`);
        continue;
      }
      const claimed = await repo.claimDelivery({ db, id: row.id, staleMs: staleAttemptMs });
      if (!claimed) {
        // sent meanwhile, or an attempt of another process is under way: that one records its outcome
        const now = await db('notification_deliveries').where({ id: row.id }).first('status');
        if (now?.status === 'sending') failed.push(`${row.channel} (an attempt is under way elsewhere)`);
        continue;
      }
      const { delivery } = claimed;
      if (claimed.interrupted)
        await repo.recordAttempt({
          db,
          delivery,
          outcome: {
            status: 'failed',
            error: 'interrupted before its outcome was recorded (it may have gone out)',
            attempt: delivery.attempts - 1,
            keepClaim: true,
          },
        });
      const link = `${publicUrl}${who?.role === 'citizen' ? '/ho-so/' : '/mot-cua/ho-so/'}${n.dossierId ?? ''}`;
      const { subject, text } = renderMessage(delivery.channel, delivery.language, {
        title: n.title,
        body: n.body,
        fullName: who?.full_name ?? '',
        link: n.dossierId ? link : `${publicUrl}/`,
      });
      try {
        const { providerId } = await channel.send({ deliveryId: delivery.id, to: delivery.recipient!, subject, text });
        await repo.recordAttempt({ db, delivery, outcome: { status: 'sent', providerId } });
        log.info({ action: 'notification_sent', notificationId, channel: delivery.channel, attempt: delivery.attempts }, 'notification sent');
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        const final = err instanceof PermanentDeliveryError;
        log.warn(
          { err, channel: delivery.channel, notificationId, attempt: delivery.attempts, final },
          final ? 'refused for good' : 'sending failed; it will be tried again',
        );
        await repo.recordAttempt({ db, delivery, outcome: { status: 'failed', error: final ? `refused for good: ${error}` : error, final } });
        if (!final) failed.push(`${delivery.channel} (${error})`);
      }
    }
    if (failed.length) throw new Error(`notification ${notificationId} not delivered on ${failed.join(', ')}`);
  }

  /** The actor's notification settings. */
  async function settings(actor: Account): Promise<NotificationSettings> {
    const p = await preferencesOf(db, actor.id);
    return {
      email: p.email,
      sms: p.sms,
      language: p.language,
      chosen: p.chosen,
      available: channels.map((c) => c.name),
      addresses: { email: actor.email, phone: actor.phone },
    };
  }

  /**
   * Stores the actor's choice of channels and language.
   * @throws InputError `notification_address_missing` when a channel is chosen without an address for it
   */
  async function saveSettings(actor: Account, p: NotificationPreferences): Promise<NotificationSettings> {
    const missing: FieldProblem[] = [];
    if (p.email && !actor.email?.trim())
      missing.push({ field: 'email', code: 'email_missing', message: msg('Tài khoản chưa có địa chỉ thư điện tử.', 'The account has no email address.') });
    if (p.sms && !actor.phone?.trim())
      missing.push({ field: 'sms', code: 'phone_missing', message: msg('Tài khoản chưa có số điện thoại.', 'The account has no phone number.') });
    if (missing.length)
      throw new InputError(
        'notification_address_missing',
        msg('Không thể nhận thông báo qua kênh chưa có địa chỉ.', 'A channel without an address cannot be chosen.'),
        missing,
      );
    await repo.savePreferences({ db, accountId: actor.id, p });
    return settings(actor);
  }

  /**
   * The delivery log of a dossier (every attempt on every channel), for the officers who may read it.
   * @throws NotFoundError `dossier_not_found`; NotAllowedError `officers_only` for a citizen
   */
  async function deliveryLog(actor: Account, dossierId: string): Promise<DeliveryLogEntry[]> {
    await assertCanReadDossier(db, actor, await findDossier({ db, id: dossierId }));
    if (actor.role === 'citizen') throw new NotAllowedError('officers_only', msg('Chức năng dành cho cán bộ.', 'Only officers can see this.'));
    return repo.listDeliveryLog({ db, dossierId });
  }

  return {
    notify,
    notifyEvent,
    notifyApplicant,
    deliver,
    settings,
    saveSettings,
    deliveryLog,
    list: (actor: Account, opts: { unreadOnly: boolean; limit: number }) => repo.listNotifications({ db, accountId: actor.id, ...opts }),
    markRead: (actor: Account, id: string) => repo.markRead({ db, accountId: actor.id, id }),
    markAllRead: (actor: Account) => repo.markAllRead({ db, accountId: actor.id }),
    unreadCount: (actor: Account) => repo.countUnread({ db, accountId: actor.id }),
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;

/** In-account notifications. A dedupe key makes a retried worker notify once. */
import type { Knex } from 'knex';
import type { DbOrTx } from '../db/db.ts';
import type { Message } from '../errors/errors.ts';

export interface Notification {
  id: string;
  accountId: string;
  dossierId: string | null;
  kind: string;
  title: Message;
  body: Message;
  createdAt: Date;
  readAt: Date | null;
}

const toNotification = (r: Record<string, unknown>): Notification => ({
  id: r.id as string,
  accountId: r.account_id as string,
  dossierId: r.dossier_id as string | null,
  kind: r.kind as string,
  title: r.title as Message,
  body: r.body as Message,
  createdAt: r.created_at as Date,
  readAt: r.read_at as Date | null,
});

/** @returns the new notification, or undefined when one with this dedupe key exists */
export async function insertNotificationOnce({
  db,
  n,
}: {
  db: DbOrTx;
  n: Omit<Notification, 'id' | 'createdAt' | 'readAt'> & { dedupeKey: string };
}): Promise<Notification | undefined> {
  const rows = await db('notifications')
    .insert({
      account_id: n.accountId,
      dossier_id: n.dossierId,
      kind: n.kind,
      title: JSON.stringify(n.title),
      body: JSON.stringify(n.body),
      dedupe_key: n.dedupeKey,
    })
    .onConflict('dedupe_key')
    .ignore()
    .returning('*');
  return rows[0] && toNotification(rows[0]);
}

export async function listNotifications({
  db,
  accountId,
  unreadOnly,
  limit,
}: {
  db: DbOrTx;
  accountId: string;
  unreadOnly: boolean;
  limit: number;
}): Promise<Notification[]> {
  const q = db('notifications').where({ account_id: accountId }).orderBy('created_at', 'desc').limit(limit);
  if (unreadOnly) q.whereNull('read_at');
  return (await q).map(toNotification);
}

export async function markRead({ db, accountId, id }: { db: DbOrTx; accountId: string; id: string }): Promise<boolean> {
  return (await db('notifications').where({ id, account_id: accountId }).whereNull('read_at').update({ read_at: db.fn.now() })) > 0;
}

/** Marks every unread notification of the account read. @returns how many were unread */
export async function markAllRead({ db, accountId }: { db: DbOrTx; accountId: string }): Promise<number> {
  return db('notifications').where({ account_id: accountId }).whereNull('read_at').update({ read_at: db.fn.now() });
}

/** How many notifications of the account are unread. */
export async function countUnread({ db, accountId }: { db: DbOrTx; accountId: string }): Promise<number> {
  const row = await db('notifications').where({ account_id: accountId }).whereNull('read_at').count<{ n: string }[]>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

export async function findNotification({ db, id }: { db: DbOrTx; id: string }): Promise<Notification | undefined> {
  const row = await db('notifications').where({ id }).first();
  return row && toNotification(row);
}

// ---- preferences -------------------------------------------------------------------------------------------

export interface NotificationPreferences {
  email: boolean;
  sms: boolean;
  /** the language of mail and SMS; null: Vietnamese with English below */
  language: 'vi' | 'en' | null;
}

/** The account's stored choice, or undefined when it made none. */
export async function findPreferences({ db, accountId }: { db: DbOrTx; accountId: string }): Promise<NotificationPreferences | undefined> {
  const row = await db('notification_preferences').where({ account_id: accountId }).first('email', 'sms', 'language');
  return row && { email: row.email, sms: row.sms, language: row.language };
}

export async function savePreferences({ db, accountId, p }: { db: DbOrTx; accountId: string; p: NotificationPreferences }): Promise<void> {
  await db('notification_preferences')
    .insert({ account_id: accountId, email: p.email, sms: p.sms, language: p.language, updated_at: db.fn.now() })
    .onConflict('account_id')
    .merge();
}

// ---- deliveries --------------------------------------------------------------------------------------------

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'rejected' | 'skipped';

export interface Delivery {
  id: string;
  notificationId: string;
  dossierId: string | null;
  accountId: string;
  channel: 'email' | 'sms';
  recipient: string | null;
  language: 'vi' | 'en' | null;
  status: DeliveryStatus;
  attempts: number;
}

const toDelivery = (r: Record<string, unknown>): Delivery => ({
  id: r.id as string,
  notificationId: r.notification_id as string,
  dossierId: r.dossier_id as string | null,
  accountId: r.account_id as string,
  channel: r.channel as Delivery['channel'],
  recipient: r.recipient as string | null,
  language: r.language as Delivery['language'],
  status: r.status as DeliveryStatus,
  attempts: r.attempts as number,
});

/** One delivery per notification and channel (a second insert for the same pair does nothing). */
export async function insertDeliveries({ db, rows }: { db: DbOrTx; rows: Omit<Delivery, 'id' | 'attempts'>[] }): Promise<Delivery[]> {
  if (!rows.length) return [];
  const inserted = await db('notification_deliveries')
    .insert(
      rows.map((r) => ({
        notification_id: r.notificationId,
        dossier_id: r.dossierId,
        account_id: r.accountId,
        channel: r.channel,
        recipient: r.recipient,
        language: r.language,
        status: r.status,
        last_error: r.status === 'skipped' ? 'no address' : null,
      })),
    )
    .onConflict(['notification_id', 'channel'])
    .ignore()
    .returning('*');
  return inserted.map(toDelivery);
}

/** The deliveries of a notification still to be sent (pending, failed, or claimed by an attempt). */
export async function listOpenDeliveries({ db, notificationId }: { db: DbOrTx; notificationId: string }): Promise<Delivery[]> {
  return (
    await db('notification_deliveries').where({ notification_id: notificationId }).whereIn('status', ['pending', 'failed', 'sending']).orderBy('channel')
  ).map(toDelivery);
}

/**
 * Claims a delivery for one attempt (committed before the send): a pending or failed one, or one whose attempt
 * began more than `staleMs` ago without an outcome (its process died: whether it went out is unknown).
 * @returns the delivery with its new attempt number and whether an earlier attempt was interrupted; undefined
 * when it is sent, skipped, or being sent by someone else right now
 */
export async function claimDelivery({
  db,
  id,
  staleMs,
}: {
  db: DbOrTx;
  id: string;
  staleMs: number;
}): Promise<{ delivery: Delivery; interrupted: boolean } | undefined> {
  const rows = await db.raw(
    `update notification_deliveries d set status = 'sending', attempts = d.attempts + 1, attempt_started_at = now()
       from (select id, status as was from notification_deliveries where id = ? for update) old
      where d.id = old.id
        and (d.status in ('pending', 'failed') or (d.status = 'sending' and d.attempt_started_at < now() - make_interval(secs => ?)))
      returning d.*, old.was`,
    [id, staleMs / 1000],
  );
  const row = rows.rows[0] as (Record<string, unknown> & { was: DeliveryStatus }) | undefined;
  return row && { delivery: toDelivery(row), interrupted: row.was === 'sending' };
}

/** Records an attempt's outcome on the delivery (only the attempt that holds it) and in the log. */
export async function recordAttempt({
  db,
  delivery,
  outcome,
}: {
  db: DbOrTx;
  delivery: Delivery;
  outcome:
    | { status: 'sent'; providerId: string | null }
    /** `final`: refused for good (the delivery is not tried again); `keepClaim`: an earlier attempt's outcome, logged under a new claim */
    | { status: 'failed'; error: string; attempt?: number; keepClaim?: boolean; final?: boolean };
}): Promise<void> {
  // the delivery's state and its line in the log together
  if (!(db as Knex.Transaction).isTransaction) return db.transaction((tx) => recordAttempt({ db: tx, delivery, outcome }));
  if (outcome.status === 'sent')
    await db('notification_deliveries')
      .where({ id: delivery.id, status: 'sending', attempts: delivery.attempts })
      .update({ status: 'sent', sent_at: db.fn.now(), provider_id: outcome.providerId, last_error: null });
  else if (!outcome.keepClaim)
    await db('notification_deliveries')
      .where({ id: delivery.id, status: 'sending', attempts: delivery.attempts })
      .update({ status: outcome.final ? 'rejected' : 'failed', last_error: outcome.error.slice(0, 2000) });
  await db('notification_delivery_attempts').insert({
    delivery_id: delivery.id,
    dossier_id: delivery.dossierId,
    channel: delivery.channel,
    recipient: delivery.recipient,
    attempt: outcome.status === 'failed' && outcome.attempt !== undefined ? outcome.attempt : delivery.attempts,
    status: outcome.status,
    error: outcome.status === 'failed' ? outcome.error.slice(0, 2000) : null,
  });
}

/** Logs that a delivery was not attempted (the account has no address on its channel). */
export async function logSkipped({ db, delivery }: { db: DbOrTx; delivery: Delivery }): Promise<void> {
  await db('notification_delivery_attempts').insert({
    delivery_id: delivery.id,
    dossier_id: delivery.dossierId,
    channel: delivery.channel,
    recipient: null,
    attempt: 0,
    status: 'skipped',
    error: 'no address',
  });
}

export interface DeliveryLogEntry {
  at: Date;
  kind: string;
  title: Message;
  channel: 'email' | 'sms';
  recipientName: string;
  recipient: string | null;
  attempt: number;
  status: 'sent' | 'failed' | 'skipped';
  error: string | null;
}

/** Every attempt to send a message about the dossier, newest first. */
export async function listDeliveryLog({ db, dossierId }: { db: DbOrTx; dossierId: string }): Promise<DeliveryLogEntry[]> {
  const rows = await db('notification_delivery_attempts as a')
    .join('notification_deliveries as d', 'd.id', 'a.delivery_id')
    .join('notifications as n', 'n.id', 'd.notification_id')
    .join('accounts as acc', 'acc.id', 'd.account_id')
    .where('a.dossier_id', dossierId)
    .orderBy([
      { column: 'a.at', order: 'desc' },
      { column: 'a.id', order: 'desc' },
    ])
    .select('a.at', 'n.kind', 'n.title', 'a.channel', 'acc.full_name', 'a.recipient', 'a.attempt', 'a.status', 'a.error');
  return rows.map((r: Record<string, unknown>) => ({
    at: r.at as Date,
    kind: r.kind as string,
    title: r.title as Message,
    channel: r.channel as DeliveryLogEntry['channel'],
    recipientName: r.full_name as string,
    recipient: r.recipient as string | null,
    attempt: r.attempt as number,
    status: r.status as DeliveryLogEntry['status'],
    error: r.error as string | null,
  }));
}

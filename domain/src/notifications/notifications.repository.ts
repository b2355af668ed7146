/** In-account notifications. A dedupe key makes a retried worker notify once. */
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

export async function findNotification({ db, id }: { db: DbOrTx; id: string }): Promise<Notification | undefined> {
  const row = await db('notifications').where({ id }).first();
  return row && toNotification(row);
}

/**
 * Result deliveries in the application database: one row per dossier, the channel its applicant chose and
 * where the return stands. A dossier without a row (filed before deliveries existed) returns online.
 * State changes are guarded updates (`where state in (expected)`), like the dossiers' status.
 */
import type { DbOrTx, Tx } from '../db/db.ts';
import type { PostalAddress } from './postal.client.ts';

export type ResultChannel = 'online' | 'counter' | 'post';
export const resultChannels: readonly ResultChannel[] = ['online', 'counter', 'post'];

/**
 * chosen: at submission, nothing to return yet; published: online, in the account (returned);
 * awaiting_collection: at the return desk; handed_over: taken at the desk (returned);
 * posting: a consignment being created; in_transit: with the postal service; delivered: by post (returned);
 * returned_to_sender: the parcel came back (the officer holds it at the desk or posts it again)
 */
export type DeliveryState = 'chosen' | 'published' | 'awaiting_collection' | 'handed_over' | 'posting' | 'in_transit' | 'delivered' | 'returned_to_sender';

export interface Recipient {
  kind: 'applicant' | 'authorised';
  fullName: string;
  idNumber: string;
  /** an authorised person: what the authorisation paper is (its number, date, who certified it) */
  authorisation?: string | null;
  /** an authorised person: the scan of the paper, in the files store */
  authorisationFileId?: string | null;
}

export interface Delivery {
  dossierId: string;
  channel: ResultChannel;
  address: PostalAddress | null;
  state: DeliveryState;
  attempt: number;
  trackingNumber: string | null;
  postalStatus: string | null;
  recipient: Recipient | null;
  handedOverBy: string | null;
  readyAt: Date | null;
  deliveredAt: Date | null;
  updatedAt: Date;
}

interface DbDeliveryRow {
  dossier_id: string;
  channel: ResultChannel;
  address: PostalAddress | null;
  state: DeliveryState;
  attempt: number;
  tracking_number: string | null;
  postal_status: string | null;
  recipient: Recipient | null;
  handed_over_by: string | null;
  ready_at: Date | null;
  delivered_at: Date | null;
  updated_at: Date;
}

const toDelivery = (r: DbDeliveryRow): Delivery => ({
  dossierId: r.dossier_id,
  channel: r.channel,
  address: r.address,
  state: r.state,
  attempt: r.attempt,
  trackingNumber: r.tracking_number,
  postalStatus: r.postal_status,
  recipient: r.recipient,
  handedOverBy: r.handed_over_by,
  readyAt: r.ready_at,
  deliveredAt: r.delivered_at,
  updatedAt: r.updated_at,
});

/** Records the applicant's choice, in the dossier's own transaction. */
export async function insertDelivery({
  db,
  dossierId,
  channel,
  address,
}: {
  db: DbOrTx;
  dossierId: string;
  channel: ResultChannel;
  address: PostalAddress | null;
}) {
  await db('result_deliveries').insert({ dossier_id: dossierId, channel, address: address ? JSON.stringify(address) : null });
}

/** The dossier's delivery, if it has one. */
export async function findDelivery({ db, dossierId }: { db: DbOrTx; dossierId: string }): Promise<Delivery | undefined> {
  const row = await db<DbDeliveryRow>('result_deliveries').where({ dossier_id: dossierId }).first();
  return row && toDelivery(row);
}

/** The dossier's delivery, locked for the rest of the transaction. */
export async function lockDelivery({ tx, dossierId }: { tx: Tx; dossierId: string }): Promise<Delivery | undefined> {
  const row = await tx<DbDeliveryRow>('result_deliveries').where({ dossier_id: dossierId }).forUpdate().first();
  return row && toDelivery(row);
}

export type DeliveryPatch = Partial<
  Pick<Delivery, 'channel' | 'address' | 'state' | 'attempt' | 'trackingNumber' | 'postalStatus' | 'recipient' | 'handedOverBy' | 'readyAt' | 'deliveredAt'>
>;

const columns: Record<keyof DeliveryPatch, string> = {
  channel: 'channel',
  address: 'address',
  state: 'state',
  attempt: 'attempt',
  trackingNumber: 'tracking_number',
  postalStatus: 'postal_status',
  recipient: 'recipient',
  handedOverBy: 'handed_over_by',
  readyAt: 'ready_at',
  deliveredAt: 'delivered_at',
};

/**
 * Changes a delivery; with `expectState` only while it is in one of those states.
 * @returns the changed delivery, or undefined when the guard did not match
 */
export async function updateDelivery({
  db,
  dossierId,
  patch,
  expectState,
}: {
  db: DbOrTx;
  dossierId: string;
  patch: DeliveryPatch;
  expectState?: readonly DeliveryState[];
}): Promise<Delivery | undefined> {
  const row: Record<string, unknown> = { updated_at: new Date() };
  for (const [k, v] of Object.entries(patch)) row[columns[k as keyof DeliveryPatch]] = (k === 'address' || k === 'recipient') && v ? JSON.stringify(v) : v;
  const q = db<DbDeliveryRow>('result_deliveries').where({ dossier_id: dossierId });
  if (expectState) q.whereIn('state', expectState as DeliveryState[]);
  const [updated] = await q.update(row).returning('*');
  return updated && toDelivery(updated as DbDeliveryRow);
}

/** Posted results whose parcel is still on its way (or whose consignment is not made yet), oldest first. */
export async function listInTransit({ db, limit }: { db: DbOrTx; limit: number }): Promise<Delivery[]> {
  const rows = await db<DbDeliveryRow>('result_deliveries').whereIn('state', ['posting', 'in_transit']).orderBy('updated_at').limit(limit);
  return rows.map(toDelivery);
}

/** A dossier's payment, its online attempts and the gateways' notifications, in the application database. */
import type { DbOrTx, Tx } from '../db/db.ts';
import type { FeeLine, PaymentStage } from './fees.ts';

export type PaymentStatus = 'due' | 'paid' | 'exempted' | 'refund_due';
export type PaymentMethod = 'online' | 'counter';

export interface Exemption {
  code: string;
  name: string;
  evidence: string;
  note: string | null;
  confirmedBy: { id: string; name: string };
  confirmedAt: string;
}

export interface Payment {
  id: string;
  dossierId: string;
  stage: PaymentStage;
  grossAmount: number;
  amount: number;
  lines: FeeLine[];
  status: PaymentStatus;
  exemption: Exemption | null;
  method: PaymentMethod | null;
  gateway: string | null;
  txnRef: string | null;
  gatewayTransactionNo: string | null;
  paidAt: Date | null;
  recordedBy: string | null;
  receiptNo: string | null;
  refundReason: string | null;
  refundMarkedAt: Date | null;
  createdAt: Date;
}

interface DbPaymentRow {
  id: string;
  dossier_id: string;
  stage: PaymentStage;
  gross_amount: number;
  amount: number;
  lines: FeeLine[];
  status: PaymentStatus;
  exemption: Exemption | null;
  method: PaymentMethod | null;
  gateway: string | null;
  txn_ref: string | null;
  gateway_transaction_no: string | null;
  paid_at: Date | null;
  recorded_by: string | null;
  receipt_no: string | null;
  refund_reason: string | null;
  refund_marked_at: Date | null;
  created_at: Date;
  updated_at?: Date;
}

const toPayment = (r: DbPaymentRow): Payment => ({
  id: r.id,
  dossierId: r.dossier_id,
  stage: r.stage,
  grossAmount: r.gross_amount,
  amount: r.amount,
  lines: r.lines,
  status: r.status,
  exemption: r.exemption,
  method: r.method,
  gateway: r.gateway,
  txnRef: r.txn_ref,
  gatewayTransactionNo: r.gateway_transaction_no,
  paidAt: r.paid_at,
  recordedBy: r.recorded_by,
  receiptNo: r.receipt_no,
  refundReason: r.refund_reason,
  refundMarkedAt: r.refund_marked_at,
  createdAt: r.created_at,
});

export async function findPayment({ db, dossierId }: { db: DbOrTx; dossierId: string }): Promise<Payment | undefined> {
  const r = await db<DbPaymentRow>('dossier_payments').where({ dossier_id: dossierId }).first();
  return r && toPayment(r);
}

export async function lockPayment({ tx, dossierId }: { tx: Tx; dossierId: string }): Promise<Payment | undefined> {
  const r = await tx<DbPaymentRow>('dossier_payments').where({ dossier_id: dossierId }).forUpdate().first();
  return r && toPayment(r);
}

/** Inserts the dossier's payment unless it has one. @returns the dossier's payment, new or not */
export async function insertPayment({
  tx,
  p,
}: {
  tx: Tx;
  p: { dossierId: string; stage: PaymentStage; grossAmount: number; amount: number; lines: FeeLine[]; status: PaymentStatus; exemption?: Exemption | null };
}): Promise<Payment> {
  await tx('dossier_payments')
    .insert({
      dossier_id: p.dossierId,
      stage: p.stage,
      gross_amount: p.grossAmount,
      amount: p.amount,
      lines: JSON.stringify(p.lines),
      status: p.status,
      exemption: p.exemption ? JSON.stringify(p.exemption) : null,
    })
    .onConflict('dossier_id')
    .ignore();
  return (await lockPayment({ tx, dossierId: p.dossierId }))!;
}

/** Marks a due payment paid, with the next receipt number. @returns undefined when it was no longer due */
export async function markPaid({
  tx,
  dossierId,
  paid,
}: {
  tx: Tx;
  dossierId: string;
  paid: { method: PaymentMethod; paidAt: Date; gateway?: string; txnRef?: string; transactionNo?: string; recordedBy?: string };
}): Promise<Payment | undefined> {
  const [r] = await tx<DbPaymentRow>('dossier_payments')
    .where({ dossier_id: dossierId, status: 'due' })
    .update({
      status: 'paid',
      method: paid.method,
      paid_at: paid.paidAt,
      gateway: paid.gateway ?? null,
      txn_ref: paid.txnRef ?? null,
      gateway_transaction_no: paid.transactionNo ?? null,
      recorded_by: paid.recordedBy ?? null,
      receipt_no: tx.raw(
        `'BL' || to_char(?::timestamptz at time zone 'Asia/Ho_Chi_Minh', 'YYYY') || '-' || lpad(nextval('payment_receipt_seq')::text, 6, '0')`,
        [paid.paidAt],
      ),
      updated_at: tx.fn.now() as unknown as Date,
    } as never)
    .returning('*');
  return r && toPayment(r);
}

/** Waives a payment not yet paid. @returns undefined when it was paid already */
export async function markExempted({ tx, dossierId, exemption }: { tx: Tx; dossierId: string; exemption: Exemption }): Promise<Payment | undefined> {
  const [r] = await tx<DbPaymentRow>('dossier_payments')
    .where({ dossier_id: dossierId, status: 'due' })
    .update({ status: 'exempted', amount: 0, exemption: JSON.stringify(exemption) as unknown as Exemption, updated_at: tx.fn.now() as unknown as Date })
    .returning('*');
  return r && toPayment(r);
}

/** A paid fee of a dossier that ends without a result is to be refunded. @returns undefined when none was paid */
export async function markRefundDue({ tx, dossierId, reason }: { tx: Tx; dossierId: string; reason: string }): Promise<Payment | undefined> {
  const [r] = await tx<DbPaymentRow>('dossier_payments')
    .where({ dossier_id: dossierId, status: 'paid' })
    .update({ status: 'refund_due', refund_reason: reason, refund_marked_at: tx.fn.now() as unknown as Date, updated_at: tx.fn.now() as unknown as Date })
    .returning('*');
  return r && toPayment(r);
}

export interface Attempt {
  txnRef: string;
  paymentId: string;
  gateway: string;
  amount: number;
  state: 'pending' | 'succeeded' | 'failed';
  responseCode: string | null;
  createdAt: Date;
  expiresAt: Date;
}

interface DbAttemptRow {
  txn_ref: string;
  payment_id: string;
  gateway: string;
  amount: number;
  state: Attempt['state'];
  response_code: string | null;
  created_at: Date;
  expires_at: Date;
}

const toAttempt = (r: DbAttemptRow): Attempt => ({
  txnRef: r.txn_ref,
  paymentId: r.payment_id,
  gateway: r.gateway,
  amount: r.amount,
  state: r.state,
  responseCode: r.response_code,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

export async function insertAttempt({ db, a }: { db: DbOrTx; a: Omit<Attempt, 'state' | 'responseCode' | 'createdAt'> }): Promise<void> {
  await db('payment_attempts').insert({ txn_ref: a.txnRef, payment_id: a.paymentId, gateway: a.gateway, amount: a.amount, expires_at: a.expiresAt });
}

export async function lockAttempt({ tx, txnRef }: { tx: Tx; txnRef: string }): Promise<Attempt | undefined> {
  const r = await tx<DbAttemptRow>('payment_attempts').where({ txn_ref: txnRef }).forUpdate().first();
  return r && toAttempt(r);
}

export async function findAttempt({ db, txnRef }: { db: DbOrTx; txnRef: string }): Promise<(Attempt & { dossierId: string }) | undefined> {
  const r = await db('payment_attempts as a')
    .join('dossier_payments as p', 'p.id', 'a.payment_id')
    .where('a.txn_ref', txnRef)
    .first<DbAttemptRow & { dossier_id: string }>('a.*', 'p.dossier_id');
  return r && { ...toAttempt(r), dossierId: r.dossier_id };
}

/** Records what the notification said of a pending attempt (guarded: only once). */
export async function settleAttempt({
  tx,
  txnRef,
  n,
}: {
  tx: Tx;
  txnRef: string;
  n: { state: 'succeeded' | 'failed'; responseCode: string; transactionStatus: string; transactionNo: string; bankCode: string; payDate: string };
}): Promise<boolean> {
  const count = await tx('payment_attempts').where({ txn_ref: txnRef, state: 'pending' }).update({
    state: n.state,
    response_code: n.responseCode,
    transaction_status: n.transactionStatus,
    transaction_no: n.transactionNo,
    bank_code: n.bankCode,
    pay_date: n.payDate,
    notified_at: tx.fn.now(),
  });
  return count === 1;
}

export async function logNotification({
  db,
  entry,
}: {
  db: DbOrTx;
  entry: { gateway: string; txnRef: string | null; params: Record<string, unknown>; answerCode: string };
}): Promise<void> {
  await db('payment_notifications').insert({
    gateway: entry.gateway,
    txn_ref: entry.txnRef,
    params: JSON.stringify(entry.params),
    answer_code: entry.answerCode,
  });
}

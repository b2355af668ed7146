/**
 * Paying a dossier's fee online (issue 15 §1): one `PaymentGateway` (VNPAY 2.1.0 now). Each redirect is an
 * attempt with its own reference; only the gateway's server-to-server notification (IPN), signed, naming a
 * known attempt with its exact amount, pays, in one transaction with the dossier's return to handling and the
 * engine command that tells the process (the outbox); a repeated notification changes nothing. The browser's
 * return only reads. The rest of the payment (gates, counter, exemptions) is payments.service.ts's.
 */
import { randomBytes } from 'node:crypto';
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db, Tx } from '../db/db.ts';
import type { EngineCommands } from '../engine-commands/engine-commands.service.ts';
import { ConflictError, InputError, UnavailableError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { assertCanReadDossier, dossierNotFound } from '../dossiers/dossier-access.ts';
import { DossierStatus } from '../dossiers/dossier-status.ts';
import { findDossier, lockDossier } from '../dossiers/dossiers.repository.ts';
import type { NotificationAnswer, PaymentGateway } from './payment-gateway.ts';
import * as repo from './payments.repository.ts';

const log = moduleLogger('payments');

export interface OnlinePaymentsDeps {
  db: Db;
  commands: EngineCommands;
  gateway?: PaymentGateway;
  attemptMinutes: number;
  clock?: Clock;
  /** why a payment is not owed (paid, waived...) */
  notDue: (p: repo.Payment) => Error;
  /** the payment settled: the dossier back to handling, its timeline, the engine command (to run after the commit) */
  afterSettled: (
    tx: Tx,
    dossierId: string,
    event: { type: string; actor: Account | null; data: Record<string, unknown> },
  ) => Promise<{ id: string } | undefined>;
  /** the refund reason of a dossier that ended without a result in this status */
  endedWith: (status: DossierStatus) => 'refused' | 'withdrawn' | 'stopped' | undefined;
  markForRefund: (tx: Tx, dossierId: string, reason: 'refused' | 'withdrawn' | 'stopped') => Promise<void>;
}

export function createOnlinePayments({
  db,
  commands,
  gateway,
  attemptMinutes,
  clock = systemClock,
  notDue,
  afterSettled,
  endedWith,
  markForRefund,
}: OnlinePaymentsDeps) {
  function requireGateway(): PaymentGateway {
    if (!gateway)
      throw new UnavailableError(
        'online_payment_unavailable',
        msg(
          'Chưa hỗ trợ thanh toán trực tuyến; vui lòng nộp phí tại Bộ phận tiếp nhận và trả kết quả.',
          'Online payment is not available; pay at the counter.',
        ),
      );
    return gateway;
  }

  /**
   * The applicant starts paying online: a new attempt (its own reference) and the signed address of the
   * gateway to send the browser to. @throws ConflictError `payment_not_due`; UnavailableError `online_payment_unavailable`
   */
  async function startOnline(actor: Account, dossierId: string, o: { ipAddr: string; locale: 'vi' | 'en' }): Promise<{ redirectUrl: string; txnRef: string }> {
    const gw = requireGateway();
    const d = await assertCanReadDossier(db, actor, await findDossier({ db, id: dossierId }));
    if (d.applicantId !== actor.id) throw dossierNotFound();
    const p = await repo.findPayment({ db, dossierId });
    if (!p || p.status !== 'due' || d.status !== DossierStatus.AwaitingPayment)
      throw p && p.status !== 'due'
        ? notDue(p)
        : new ConflictError('payment_not_due', msg('Hồ sơ chưa đến bước nộp phí.', 'The dossier does not await payment.'));
    const now = clock.now();
    // yyMMdd + 10 random characters: unique, and no guessable sequence
    const txnRef = `${now.toISOString().slice(2, 10).replace(/-/g, '')}${randomBytes(8).toString('hex').toUpperCase().slice(0, 10)}`;
    const expiresAt = new Date(now.getTime() + attemptMinutes * 60_000);
    await repo.insertAttempt({ db, a: { txnRef, paymentId: p.id, gateway: gw.name, amount: p.amount, expiresAt } });
    const ref = d.code ?? d.reference;
    const redirectUrl = gw.payUrl({
      txnRef,
      amount: p.amount,
      // ASCII: banks show it as is
      orderInfo: `Thanh toan phi le phi ho so ${ref}`,
      ipAddr: o.ipAddr,
      locale: o.locale,
      createdAt: now,
      expiresAt,
    });
    log.info({ action: 'payment_started', dossierId, txnRef, amount: p.amount }, 'online payment started');
    return { redirectUrl, txnRef };
  }

  /**
   * The gateway's server-to-server notification (IPN), the only proof of payment. Answered with the gateway's
   * codes: a wrong signature, an unknown reference, a wrong amount, an attempt already settled change nothing.
   * Every notification is logged with its answer.
   */
  async function handleNotification(query: Record<string, unknown>): Promise<{ code: string; body: Record<string, string> }> {
    const gw = requireGateway();
    let outcome: NotificationAnswer;
    let command: { dossierId: string; id: string } | undefined;
    try {
      const r = await settleFromNotification(gw, query);
      outcome = r.outcome;
      command = r.command;
    } catch (err) {
      log.error({ err }, 'payment notification failed');
      outcome = 'unknown_error';
    }
    const answer = gw.answer(outcome);
    await repo
      .logNotification({ db, entry: { gateway: gw.name, txnRef: gw.referenceOf(query), params: query, answerCode: answer.code } })
      .catch((err: unknown) => log.error({ err }, 'could not log the payment notification'));
    if (command)
      await commands.runUpTo(command.dossierId, command.id).catch((err: unknown) => log.error({ err }, 'payment message not sent yet; the relay will'));
    log.info({ action: 'payment_notification', txnRef: gw.referenceOf(query), answer: answer.code }, 'payment notification answered');
    return answer;
  }

  async function settleFromNotification(
    gw: PaymentGateway,
    query: Record<string, unknown>,
  ): Promise<{ outcome: NotificationAnswer; command?: { dossierId: string; id: string } | undefined }> {
    const notice = gw.read(query);
    if (!notice) return { outcome: 'invalid_signature' as const };
    return db.transaction(async (tx) => {
      const attempt = await repo.lockAttempt({ tx, txnRef: notice.txnRef });
      if (!attempt || attempt.gateway !== gw.name) return { outcome: 'not_found' as const };
      if (notice.amount !== attempt.amount) return { outcome: 'invalid_amount' as const };
      if (attempt.state !== 'pending') return { outcome: 'already_confirmed' as const };
      const dossierId = (await tx('dossier_payments').where({ id: attempt.paymentId }).first('dossier_id')).dossier_id as string;
      const dossier = (await lockDossier({ tx, id: dossierId }))!;
      const p = (await repo.lockPayment({ tx, dossierId }))!;
      await repo.settleAttempt({
        tx,
        txnRef: attempt.txnRef,
        n: { state: notice.succeeded ? 'succeeded' : 'failed', ...notice },
      });
      if (!notice.succeeded) {
        await appendEvent({ db: tx, event: { dossierId, type: 'payment_failed', data: { txnRef: attempt.txnRef, responseCode: notice.responseCode } } });
        return { outcome: 'confirmed' as const };
      }
      if (p.status !== 'due' || p.amount !== attempt.amount) {
        // paid twice (at the counter meanwhile) or waived: the money is recorded and marked to be given back
        await appendEvent({
          db: tx,
          event: {
            dossierId,
            type: 'payment_duplicate',
            data: { txnRef: attempt.txnRef, amount: attempt.amount, transactionNo: notice.transactionNo, refund: true },
          },
        });
        log.warn({ dossierId, txnRef: attempt.txnRef }, 'online payment of a fee no longer owed: to be refunded');
        return { outcome: 'confirmed' as const };
      }
      const paid = (await repo.markPaid({
        tx,
        dossierId,
        paid: { method: 'online', paidAt: notice.paidAt ?? clock.now(), gateway: gw.name, txnRef: attempt.txnRef, transactionNo: notice.transactionNo },
      }))!;
      // the dossier ended while its payer was at the gateway: the money is recorded and marked to be given back
      const ended = endedWith(dossier.status);
      if (ended) {
        await appendEvent({
          db: tx,
          event: {
            dossierId,
            type: 'payment_received',
            data: { method: 'online', gateway: gw.name, amount: paid.amount, receiptNo: paid.receiptNo, txnRef: attempt.txnRef },
          },
        });
        await markForRefund(tx, dossierId, ended);
        return { outcome: 'confirmed' };
      }
      const cmd = await afterSettled(tx, dossierId, {
        type: 'payment_received',
        actor: null,
        data: {
          method: 'online',
          gateway: gw.name,
          amount: paid.amount,
          receiptNo: paid.receiptNo,
          txnRef: attempt.txnRef,
          transactionNo: notice.transactionNo,
          bankCode: notice.bankCode,
        },
      });
      return { outcome: 'confirmed' as const, command: cmd ? { dossierId, id: cmd.id } : undefined };
    });
  }

  /** The answer to a notification malformed beyond reading (its signature cannot hold). */
  function invalidNotification(): Record<string, string> {
    return requireGateway().answer('invalid_signature').body;
  }

  /**
   * What the payer's browser comes back with: read, never acted on (the notification pays). @returns the
   * dossier, what the gateway told the browser and what we recorded (the notification may come later)
   */
  async function readReturn(actor: Account, query: Record<string, unknown>) {
    const gw = requireGateway();
    const notice = gw.read(query);
    if (!notice) throw new InputError('payment_return_invalid', msg('Thông tin trả về từ cổng thanh toán không hợp lệ.', 'The gateway’s return is not valid.'));
    const attempt = await repo.findAttempt({ db, txnRef: notice.txnRef });
    if (!attempt) throw dossierNotFound();
    const d = await assertCanReadDossier(db, actor, await findDossier({ db, id: attempt.dossierId }));
    const p = await repo.findPayment({ db, dossierId: d.id });
    return { dossierId: d.id, succeeded: notice.succeeded, responseCode: notice.responseCode, recorded: attempt.state, paymentStatus: p?.status ?? null };
  }

  return { startOnline, handleNotification, readReturn, invalidNotification };
}

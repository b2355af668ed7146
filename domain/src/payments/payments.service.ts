/**
 * Fees and payment of dossiers (issue 15 §1).
 *
 * Where the dossier waits: the one-stop model has a payment gate before handling and one before the result
 * is signed (topic `payment`, input `paymentStage`). The gate asks `requestPayment`: when the procedure
 * version's fee schedule says to pay at that stage and the dossier owes something, the dossier's payment is
 * created (status `due`), the dossier moves to status 6 (awaiting payment) with its clock paused when the
 * dossier's SLA rule version says so, the applicant is told, and the process waits at a message catch event
 * (`PaymentReceived`). Whatever settles the payment (the gateway's notification, a counter payment, an
 * exemption an officer confirmed) does so in one transaction that moves the dossier back to handling (6 → 4,
 * clock resumed), appends to its timeline and writes the engine command that sends the message (the
 * outbox, carried out after the commit; a message sent before the process waits is sent again by the relay).
 *
 * Online: online-payments.ts, through one `PaymentGateway` (VNPAY 2.1.0 now).
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db, DbOrTx, Tx } from '../db/db.ts';
import type { EngineCommands } from '../engine-commands/engine-commands.service.ts';
import { ConflictError, InputError, NotAllowedError, NotFoundError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { findOrgUnitWithParent } from '../org-units/org-units.repository.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import type { SlaService } from '../sla/sla.service.ts';
import { dueAfterSupplement } from '../sla/deadlines.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { assertCanReadDossier } from '../dossiers/dossier-access.ts';
import { DossierStatus } from '../dossiers/dossier-status.ts';
import { findDossier, lockDossier, updateDossier, type Dossier } from '../dossiers/dossiers.repository.ts';
import { channelKinds, computeFee, feeScheduleOf, formatDong, type FeeQuote, type PaymentStage } from './fees.ts';
import type { PaymentGateway } from './payment-gateway.ts';
import { renderPaymentReceipt } from './payment-receipt.ts';
import * as repo from './payments.repository.ts';
import { createOnlinePayments } from './online-payments.ts';

const log = moduleLogger('payments');

export const PAYMENT_MESSAGE = 'PaymentReceived';

/** Statuses from which the dossier may start waiting for payment: received (before handling) or in handling. */
const GATE_STATUSES = [DossierStatus.Received, DossierStatus.InHandling] as const;
/** Statuses of an open dossier whose fee may still be settled ahead of its gate (a counter payment at reception). */
const OPEN_STATUSES = [DossierStatus.Submitted, DossierStatus.Received, DossierStatus.InHandling, DossierStatus.AwaitingPayment] as const;

export interface PaymentsServiceDeps {
  db: Db;
  commands: EngineCommands;
  procedures: ProceduresService;
  notifications: NotificationsService;
  sla: SlaService;
  /** the online gateway; none: fees are paid at the counter only */
  gateway?: PaymentGateway;
  attemptMinutes?: number;
  clock?: Clock;
}

export interface PaymentView {
  /** the fee schedule's answer for this dossier, whether or not payment was asked yet */
  quote: FeeQuote;
  payment: {
    status: repo.PaymentStatus;
    stage: PaymentStage;
    grossAmount: number;
    amount: number;
    lines: repo.Payment['lines'];
    method: repo.PaymentMethod | null;
    paidAt: Date | null;
    receiptNo: string | null;
    gatewayTransactionNo: string | null;
    exemption: repo.Exemption | null;
    refundReason: string | null;
  } | null;
  /** the applicant can pay online now */
  canPayOnline: boolean;
}

/** Statuses in which a dossier ended without a result, and the refund reason of each. */
const ENDED: Partial<Record<DossierStatus, RefundReason>> = {
  [DossierStatus.NotAccepted]: 'refused',
  [DossierStatus.Withdrawn]: 'withdrawn',
  [DossierStatus.Stopped]: 'stopped',
};

export type RefundReason = 'refused' | 'withdrawn' | 'stopped';

const notAllowed = () =>
  new NotAllowedError('receiving_officers_only', msg('Chỉ cán bộ tiếp nhận mới thực hiện việc này.', 'Only receiving officers do this.'));
const noFee = () => new NotFoundError('fee_not_found', msg('Thủ tục của hồ sơ này không thu phí, lệ phí.', 'This dossier’s procedure charges no fee.'));

export function createPaymentsService({
  db,
  commands,
  procedures,
  notifications,
  sla,
  gateway,
  attemptMinutes = 15,
  clock = systemClock,
}: PaymentsServiceDeps) {
  /** The fee a dossier of this version, with this data on this channel, is charged; undefined when free. */
  async function quoteFor(d: Pick<Dossier, 'procedureVersionId' | 'data' | 'channel'>, tx: DbOrTx = db): Promise<FeeQuote | undefined> {
    const loaded = await procedures.loadVersion(d.procedureVersionId, tx);
    const schedule = feeScheduleOf(loaded.version.procedureData?.catalogue ?? loaded.procedure.catalogue);
    return schedule ? computeFee(schedule, d.data, channelKinds[d.channel]) : undefined;
  }

  /**
   * The fee shown before submission: the published version's schedule over the data typed so far.
   * @returns undefined when the procedure charges nothing by schedule. @throws NotFoundError `procedure_not_found`
   */
  async function quote(procedureCode: string, data: unknown, channel: 1 | 2 | 3 = 2): Promise<FeeQuote | undefined> {
    const loaded = await procedures.publishedByCode(procedureCode);
    const schedule = feeScheduleOf(loaded.version.procedureData?.catalogue ?? loaded.procedure.catalogue);
    return schedule ? computeFee(schedule, data ?? {}, channelKinds[channel]) : undefined;
  }

  /**
   * The in-account notice that a payment is due. One function so that the messaging of issue 15 (mail, SMS,
   * templates: event `payment_due`) can take its place.
   */
  async function notifyPaymentDue(tx: Tx, d: Dossier, amount: number, procedureName: string): Promise<void> {
    // from the event's template, on the channels the applicant chose (notifications/templates.ts)
    await notifications.notifyEvent(
      'payment_due',
      {
        accountId: d.applicantId,
        dossier: { id: d.id, code: d.code, reference: d.reference, procedureName },
        vars: { amount },
        dedupeKey: `payment_due:${d.id}`,
      },
      tx,
    );
  }

  /**
   * The payment gate (topic `payment`): whether the dossier must wait for payment here. The first call that
   * finds a fee owed creates the payment, moves the dossier to status 6 (clock paused per its SLA rules) and
   * tells the applicant; a redelivered task gets the same answer and changes nothing.
   */
  async function requestPayment(dossierId: string, stage: PaymentStage): Promise<{ paymentDue: boolean }> {
    const d0 = await findDossier({ db, id: dossierId });
    if (!d0) throw new Error(`dossier ${dossierId} not found`);
    const fee = await quoteFor(d0);
    if (!fee || fee.payAt !== stage) return { paymentDue: false };
    const due = await db.transaction(async (tx) => {
      const d = (await lockDossier({ tx, id: dossierId }))!;
      const existing = await repo.lockPayment({ tx, dossierId });
      if (existing) return existing.status === 'due' && d.status === DossierStatus.AwaitingPayment;
      if (fee.total <= 0) return false;
      // withdrawn or stopped meanwhile: its process is being ended, nothing to ask for
      if (!(GATE_STATUSES as readonly number[]).includes(d.status)) return false;
      const payment = await repo.insertPayment({
        tx,
        p: { dossierId, stage, grossAmount: fee.total, amount: fee.total, lines: fee.lines, status: 'due' },
      });
      const rules = await sla.rulesOf(d, tx);
      const now = clock.now();
      const pause = rules.paymentClock === 'pause' && d.dueAt !== null && !d.clockPausedAt;
      await updateDossier({
        db: tx,
        id: dossierId,
        patch: { status: DossierStatus.AwaitingPayment, ...(pause ? { clockPausedAt: now } : {}) },
        expectStatus: GATE_STATUSES,
      });
      await appendEvent({
        db: tx,
        event: {
          dossierId,
          type: 'payment_requested',
          statusFrom: d.status,
          statusTo: DossierStatus.AwaitingPayment,
          data: { amount: payment.amount, lines: payment.lines, stage, clock: pause ? 'paused' : 'running' },
          at: now,
        },
      });
      const loaded = await procedures.loadVersion(d.procedureVersionId, tx);
      await notifyPaymentDue(tx, d, payment.amount, loaded.procedure.name);
      return true;
    });
    if (due) log.info({ action: 'payment_requested', dossierId, stage, amount: fee.total }, 'dossier awaits payment');
    return { paymentDue: due };
  }

  /**
   * The payment settled (paid or waived): a dossier waiting in status 6 goes back to handling, its clock
   * resumed (due moment moved by the working time it stood still), and the process is told through the outbox.
   * In the caller's transaction; @returns the command to run after the commit, if any
   */
  async function afterSettled(tx: Tx, dossierId: string, event: { type: string; actor: Account | null; data: Record<string, unknown> }) {
    const d = (await lockDossier({ tx, id: dossierId }))!;
    const now = clock.now();
    if (d.status !== DossierStatus.AwaitingPayment) {
      // settled ahead of its gate: the gate will find it settled and not wait
      await appendEvent({ db: tx, event: { dossierId, type: event.type, actor: event.actor, data: event.data, at: now } });
      return undefined;
    }
    let clockPatch = {};
    let replanned = {};
    if (d.clockPausedAt && d.dueAt) {
      const [cal, rules] = await Promise.all([sla.calendarOf(d.orgUnitId), sla.rulesOf(d, tx)]);
      const loaded = await procedures.loadVersion(d.procedureVersionId, tx);
      const r = dueAfterSupplement(cal, 'extend', {
        previousDueAt: d.dueAt,
        pausedAt: d.clockPausedAt,
        resumedAt: now,
        limit: loaded.version.timeLimit,
        rules,
      });
      clockPatch = { dueAt: r.dueAt, clockPausedAt: null, pausedWorkingMinutes: d.pausedWorkingMinutes + r.pausedMinutes };
      replanned = { clock: { mode: 'extend', pausedWorkingMinutes: r.pausedMinutes, previousDueAt: d.dueAt, dueAt: r.dueAt } };
    }
    await updateDossier({
      db: tx,
      id: dossierId,
      patch: { status: DossierStatus.InHandling, ...clockPatch },
      expectStatus: [DossierStatus.AwaitingPayment],
    });
    await appendEvent({
      db: tx,
      event: {
        dossierId,
        type: event.type,
        actor: event.actor,
        statusFrom: DossierStatus.AwaitingPayment,
        statusTo: DossierStatus.InHandling,
        data: { ...event.data, ...replanned },
        at: now,
      },
    });
    return commands.enqueue(tx, {
      dossierId,
      dedupeKey: `payment:${dossierId}`,
      payload: { kind: 'message', messageName: PAYMENT_MESSAGE, effect: 'message_caught', variables: {} },
      actorId: event.actor?.id ?? null,
      requestId: null,
    });
  }

  async function officerDossier(officer: Account, dossierId: string): Promise<Dossier> {
    if (officer.role !== 'receiving_officer') throw notAllowed();
    return assertCanReadDossier(db, officer, await findDossier({ db, id: dossierId }));
  }

  /** The dossier's payment, created as `due` when an officer settles it ahead of its gate. */
  async function paymentToSettle(tx: Tx, d: Dossier): Promise<repo.Payment> {
    const existing = await repo.lockPayment({ tx, dossierId: d.id });
    if (existing) return existing;
    const fee = await quoteFor(d, tx);
    if (!fee || fee.total <= 0) throw noFee();
    if (!(OPEN_STATUSES as readonly number[]).includes(d.status))
      throw new ConflictError('dossier_status_conflict', msg('Hồ sơ đã kết thúc, không thể thu phí.', 'The dossier has ended; no fee can be taken.'));
    return repo.insertPayment({ tx, p: { dossierId: d.id, stage: fee.payAt, grossAmount: fee.total, amount: fee.total, lines: fee.lines, status: 'due' } });
  }

  const notDue = (p: repo.Payment) =>
    new ConflictError(
      'payment_not_due',
      p.status === 'paid'
        ? msg(`Phí, lệ phí của hồ sơ đã được nộp (biên lai ${p.receiptNo}).`, `The fee was paid already (receipt ${p.receiptNo}).`)
        : p.status === 'exempted'
          ? msg('Hồ sơ đã được miễn phí, lệ phí.', 'The dossier is exempt from the fee.')
          : msg('Khoản phí này không còn phải nộp.', 'This fee is no longer owed.'),
    );

  /**
   * A receiving officer records a payment in cash at the counter, of exactly the amount owed; a receipt
   * (biên lai) number is issued. @throws NotAllowedError `receiving_officers_only`; NotFoundError
   * `dossier_not_found` | `fee_not_found`; InputError `payment_amount_wrong`; ConflictError `payment_not_due`
   */
  async function recordCounterPayment(officer: Account, dossierId: string, input: { amount: number; requestId?: string }): Promise<repo.Payment> {
    const d0 = await officerDossier(officer, dossierId);
    const { paid, command } = await db.transaction(async (tx) => {
      const d = (await lockDossier({ tx, id: d0.id }))!;
      const p = await paymentToSettle(tx, d);
      if (p.status !== 'due') throw notDue(p);
      if (input.amount !== p.amount)
        throw new InputError(
          'payment_amount_wrong',
          msg(`Số tiền thu phải đúng bằng số phải nộp: ${formatDong(p.amount)}.`, `The amount must be exactly what is owed: ${formatDong(p.amount)}.`),
          [
            {
              field: 'amount',
              code: 'payment_amount_wrong',
              message: msg(`Số tiền phải là ${formatDong(p.amount)}.`, `The amount must be ${formatDong(p.amount)}.`),
            },
          ],
        );
      const paid = (await repo.markPaid({ tx, dossierId, paid: { method: 'counter', paidAt: clock.now(), recordedBy: officer.id } }))!;
      const command = await afterSettled(tx, dossierId, {
        type: 'payment_received',
        actor: officer,
        data: { method: 'counter', amount: paid.amount, receiptNo: paid.receiptNo },
      });
      return { paid, command };
    });
    if (command) await commands.runUpTo(dossierId, command.id);
    log.info({ action: 'payment_counter', dossierId, amount: paid.amount, receiptNo: paid.receiptNo }, 'counter payment recorded');
    return paid;
  }

  /**
   * A receiving officer confirms an exemption of the procedure's schedule, having seen its evidence: nothing
   * is owed. @throws InputError `exemption_unknown`; ConflictError `payment_not_due`; as recordCounterPayment
   */
  async function confirmExemption(officer: Account, dossierId: string, input: { exemption: string; note?: string | null }): Promise<repo.Payment> {
    const d0 = await officerDossier(officer, dossierId);
    const fee = await quoteFor(d0);
    if (!fee) throw noFee();
    const which = fee.exemptions.find((e) => e.code === input.exemption);
    if (!which)
      throw new InputError('exemption_unknown', msg('Đối tượng miễn phí không có trong quy định của thủ tục.', 'The procedure has no such exemption.'), [
        { field: 'exemption', code: 'exemption_unknown', message: msg('Chọn một đối tượng được miễn trong danh sách.', 'Choose an exemption from the list.') },
      ]);
    const exemption: repo.Exemption = {
      code: which.code,
      name: which.name,
      evidence: which.evidence,
      note: input.note?.trim() || null,
      confirmedBy: { id: officer.id, name: officer.fullName },
      confirmedAt: clock.now().toISOString(),
    };
    const { waived, command } = await db.transaction(async (tx) => {
      const d = (await lockDossier({ tx, id: d0.id }))!;
      const p = await paymentToSettle(tx, d);
      if (p.status !== 'due') throw notDue(p);
      const waived = (await repo.markExempted({ tx, dossierId, exemption }))!;
      const command = await afterSettled(tx, dossierId, {
        type: 'fee_exempted',
        actor: officer,
        data: { exemption: { code: which.code, name: which.name, evidence: which.evidence, note: exemption.note }, grossAmount: p.grossAmount },
      });
      return { waived, command };
    });
    if (command) await commands.runUpTo(dossierId, command.id);
    log.info({ action: 'fee_exempted', dossierId, exemption: which.code }, 'exemption confirmed');
    return waived;
  }

  // paying online through the gateway (online-payments.ts), settled by the same transaction as the rest
  const online = createOnlinePayments({
    db,
    commands,
    gateway,
    attemptMinutes,
    clock,
    notDue,
    afterSettled,
    endedWith: (status) => ENDED[status],
    markForRefund: markPaidFeeForRefund,
  });

  /** The dossier's fee and payment, for its applicant and officers. */
  async function view(actor: Account, dossierId: string): Promise<PaymentView> {
    const d = await assertCanReadDossier(db, actor, await findDossier({ db, id: dossierId }));
    const fee = await quoteFor(d);
    const p = await repo.findPayment({ db, dossierId });
    if (!fee && !p) throw noFee();
    return {
      quote: fee ?? { payAt: p!.stage, lines: p!.lines, total: p!.grossAmount, exemptions: [] },
      payment: p
        ? {
            status: p.status,
            stage: p.stage,
            grossAmount: p.grossAmount,
            amount: p.amount,
            lines: p.lines,
            method: p.method,
            paidAt: p.paidAt,
            receiptNo: p.receiptNo,
            gatewayTransactionNo: p.gatewayTransactionNo,
            exemption: p.exemption,
            refundReason: p.refundReason,
          }
        : null,
      canPayOnline: Boolean(gateway) && p?.status === 'due' && d.status === DossierStatus.AwaitingPayment && d.applicantId === actor.id,
    };
  }

  /** The receipt (biên lai) of a paid fee, as a PDF. @throws NotFoundError `receipt_not_found` */
  async function receipt(actor: Account, dossierId: string): Promise<{ fileName: string; content: Buffer }> {
    const d = await assertCanReadDossier(db, actor, await findDossier({ db, id: dossierId }));
    const p = await repo.findPayment({ db, dossierId });
    if (!p?.receiptNo || !p.paidAt)
      throw new NotFoundError('receipt_not_found', msg('Hồ sơ chưa có biên lai thu phí, lệ phí.', 'The dossier has no fee receipt.'));
    const [loaded, units, applicant, officer] = await Promise.all([
      procedures.loadVersion(d.procedureVersionId),
      findOrgUnitWithParent({ db, id: d.orgUnitId }),
      db('accounts').where({ id: d.applicantId }).first('full_name', 'id_number'),
      p.recordedBy ? db('accounts').where({ id: p.recordedBy }).first('full_name') : undefined,
    ]);
    const content = await renderPaymentReceipt({
      receiptNo: p.receiptNo,
      unitName: units?.unit.name ?? '',
      parentUnitName: units?.parent?.name,
      payerName: applicant?.full_name ?? '',
      payerIdNumber: applicant?.id_number ?? null,
      dossierRef: d.code ?? d.reference,
      procedureName: loaded.procedure.name,
      lines: p.lines,
      total: p.amount,
      method:
        p.method === 'online'
          ? `Trực tuyến qua cổng thanh toán ${(p.gateway ?? '').toUpperCase()}, mã giao dịch ${p.gatewayTransactionNo ?? ''}`
          : 'Tiền mặt tại Bộ phận tiếp nhận và trả kết quả',
      paidAt: p.paidAt,
      collector: officer?.full_name ?? 'Thu trực tuyến',
    });
    return { fileName: `bien-lai-${p.receiptNo}.pdf`, content };
  }

  return {
    quote,
    view,
    requestPayment,
    recordCounterPayment,
    confirmExemption,
    ...online,
    receipt,
    markForRefund: markPaidFeeForRefund,
    onlineAvailable: () => Boolean(gateway),
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;

/**
 * A dossier ends without a result (refused, withdrawn): a fee it paid is marked to be refunded, on its
 * timeline. In the caller's transaction; nothing when it paid nothing.
 */
export async function markPaidFeeForRefund(tx: Tx, dossierId: string, reason: RefundReason): Promise<void> {
  const p = await repo.markRefundDue({ tx, dossierId, reason });
  if (!p) return;
  await appendEvent({ db: tx, event: { dossierId, type: 'payment_refund_due', data: { amount: p.amount, receiptNo: p.receiptNo, reason } } });
  log.info({ action: 'payment_refund_due', dossierId, amount: p.amount, reason }, 'payment marked for refund');
}

/**
 * The one interface behind which an online payment gateway sits: VNPAY today, the national payment platform
 * (Nền tảng thanh toán trên Cổng Dịch vụ công quốc gia) later. A gateway makes the redirect that sends the payer
 * to pay, reads back what it sends (the browser's return, and the server-to-server notification that alone
 * proves payment), and says how to answer that notification.
 */
import * as vnpay from './vnpay.ts';

export interface StartPayment {
  txnRef: string;
  /** đồng */
  amount: number;
  orderInfo: string;
  ipAddr: string;
  locale: 'vi' | 'en';
  createdAt: Date;
  expiresAt: Date;
}

/** What the gateway said about an attempt, once its signature checked out. */
export interface GatewayNotice {
  txnRef: string;
  /** đồng; NaN when not a whole number of đồng */
  amount: number;
  succeeded: boolean;
  responseCode: string;
  transactionStatus: string;
  transactionNo: string;
  bankCode: string;
  payDate: string;
  /** when the gateway says it was paid (its pay date) */
  paidAt: Date | undefined;
}

export type NotificationAnswer = 'confirmed' | 'not_found' | 'already_confirmed' | 'invalid_amount' | 'invalid_signature' | 'unknown_error';

export interface PaymentGateway {
  readonly name: string;
  /** the address the payer's browser is sent to */
  payUrl(p: StartPayment): string;
  /** the notice carried by a return or a notification, or undefined when its signature (or merchant) is wrong */
  read(query: Record<string, unknown>): GatewayNotice | undefined;
  /** the txnRef a message names, read without trusting it (for the log) */
  referenceOf(query: Record<string, unknown>): string | null;
  /** the body to answer a notification with */
  answer(outcome: NotificationAnswer): { code: string; body: Record<string, string> };
}

const vnpayCodes: Record<NotificationAnswer, vnpay.IpnCode> = {
  confirmed: vnpay.IpnCode.Confirmed,
  not_found: vnpay.IpnCode.OrderNotFound,
  already_confirmed: vnpay.IpnCode.AlreadyConfirmed,
  invalid_amount: vnpay.IpnCode.InvalidAmount,
  invalid_signature: vnpay.IpnCode.InvalidSignature,
  unknown_error: vnpay.IpnCode.UnknownError,
};

/** VNPAY 2.1.0 behind the interface. */
export function vnpayGateway(o: { payUrl: string; tmnCode: string; secret: string; returnUrl: string }): PaymentGateway {
  return {
    name: 'vnpay',
    payUrl: (p) =>
      vnpay.payUrl({
        tmnCode: o.tmnCode,
        secret: o.secret,
        payUrl: o.payUrl,
        txnRef: p.txnRef,
        amount: p.amount,
        orderInfo: p.orderInfo,
        returnUrl: o.returnUrl,
        ipAddr: p.ipAddr,
        locale: p.locale === 'en' ? 'en' : 'vn',
        createdAt: p.createdAt,
        expiresAt: p.expiresAt,
      }),
    read(query) {
      const params = vnpay.vnpParams(query);
      if (!vnpay.verifySignature(params, o.secret)) return undefined;
      const r = vnpay.readResult(params);
      if (r.tmnCode !== o.tmnCode) return undefined;
      return {
        txnRef: r.txnRef,
        amount: r.amount,
        succeeded: r.succeeded,
        responseCode: r.responseCode,
        transactionStatus: r.transactionStatus,
        transactionNo: r.transactionNo,
        bankCode: r.bankCode,
        payDate: r.payDate,
        paidAt: vnpay.parseVnpDate(r.payDate),
      };
    },
    referenceOf: (query) => (typeof query.vnp_TxnRef === 'string' ? query.vnp_TxnRef.slice(0, 100) : null),
    answer(outcome) {
      const code = vnpayCodes[outcome];
      return { code, body: { RspCode: code, Message: vnpay.ipnMessages[code] } };
    },
  };
}

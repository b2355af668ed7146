/**
 * The VNPAY payment gateway's protocol, version 2.1.0 (pure, no I/O): the signed redirect that sends the
 * payer to the gateway, and the check of what the gateway sends back (the browser's return and the
 * server-to-server IPN, the only proof of payment).
 *
 * Signing: the `vnp_*` parameters but `vnp_SecureHash` / `vnp_SecureHashType`, sorted by name, each name and
 * value URL-encoded as PHP's `urlencode` does (space as `+`), joined `k=v&k=v`; `vnp_SecureHash` is the
 * HMAC-SHA512 of that string with the merchant's secret, in hex. Amounts travel × 100; dates are
 * yyyyMMddHHmmss in GMT+7.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const VNPAY_VERSION = '2.1.0';

/** Our answers to an IPN (`RspCode`), as the gateway reads them. */
export const IpnCode = {
  Confirmed: '00',
  OrderNotFound: '01',
  AlreadyConfirmed: '02',
  InvalidAmount: '04',
  InvalidSignature: '97',
  UnknownError: '99',
} as const;
export type IpnCode = (typeof IpnCode)[keyof typeof IpnCode];

export const ipnMessages: Record<IpnCode, string> = {
  '00': 'Confirm Success',
  '01': 'Order not found',
  '02': 'Order already confirmed',
  '04': 'Invalid amount',
  '97': 'Invalid signature',
  '99': 'Unknown error',
};

/** PHP's urlencode: every byte but A–Z a–z 0–9 - _ . percent-encoded, space as `+`. */
export function phpUrlencode(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** The string that is signed: sorted `vnp_` parameters without the hash, encoded. */
export function signedData(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType' && params[k] !== '' && params[k] !== undefined)
    .sort()
    .map((k) => `${phpUrlencode(k)}=${phpUrlencode(params[k]!)}`)
    .join('&');
}

export function secureHash(params: Record<string, string>, secret: string): string {
  return createHmac('sha512', secret)
    .update(Buffer.from(signedData(params), 'utf8'))
    .digest('hex');
}

/** Whether the parameters carry a valid `vnp_SecureHash` (compared in constant time). */
export function verifySignature(params: Record<string, string>, secret: string): boolean {
  const given = params.vnp_SecureHash;
  if (typeof given !== 'string' || !/^[0-9a-fA-F]{128}$/.test(given)) return false;
  const expected = Buffer.from(secureHash(params, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'));
}

/** yyyyMMddHHmmss in GMT+7 (Vietnam has no daylight saving). */
export function vnpDate(at: Date): string {
  const t = new Date(at.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}`;
}

/** The moment of a yyyyMMddHHmmss date in GMT+7, or undefined when it is not one. */
export function parseVnpDate(s: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s ?? '');
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se] = m.map(Number) as [number, number, number, number, number, number, number];
  const at = new Date(Date.UTC(y, mo - 1, d, h - 7, mi, se));
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export interface PayRequest {
  tmnCode: string;
  secret: string;
  /** the gateway's payment page, e.g. https://sandbox.vnpayment.vn/paymentv2/vpcpay.html */
  payUrl: string;
  txnRef: string;
  /** đồng */
  amount: number;
  orderInfo: string;
  returnUrl: string;
  ipAddr: string;
  locale: 'vn' | 'en';
  createdAt: Date;
  expiresAt: Date;
}

/** The signed URL the payer's browser is sent to. */
export function payUrl(r: PayRequest): string {
  const params: Record<string, string> = {
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'pay',
    vnp_TmnCode: r.tmnCode,
    vnp_Amount: String(r.amount * 100),
    vnp_CurrCode: 'VND',
    vnp_TxnRef: r.txnRef,
    vnp_OrderInfo: r.orderInfo,
    // other: a payment of anything else (the gateway's category for public fees)
    vnp_OrderType: 'other',
    vnp_Locale: r.locale,
    vnp_ReturnUrl: r.returnUrl,
    vnp_IpAddr: r.ipAddr,
    vnp_CreateDate: vnpDate(r.createdAt),
    vnp_ExpireDate: vnpDate(r.expiresAt),
  };
  const query = Object.keys(params)
    .sort()
    .map((k) => `${phpUrlencode(k)}=${phpUrlencode(params[k]!)}`)
    .join('&');
  return `${r.payUrl}?${query}&vnp_SecureHash=${secureHash(params, r.secret)}`;
}

/** What a return or IPN says, once its signature is known good. */
export interface GatewayResult {
  tmnCode: string;
  txnRef: string;
  /** đồng (vnp_Amount / 100); NaN when it is not a whole number of đồng */
  amount: number;
  responseCode: string;
  transactionStatus: string;
  transactionNo: string;
  bankCode: string;
  payDate: string;
  /** the gateway says the money moved: vnp_ResponseCode 00 and vnp_TransactionStatus 00 */
  succeeded: boolean;
}

export function readResult(params: Record<string, string>): GatewayResult {
  const raw = params.vnp_Amount ?? '';
  const amount = /^\d{1,15}$/.test(raw) && Number(raw) % 100 === 0 ? Number(raw) / 100 : Number.NaN;
  return {
    tmnCode: params.vnp_TmnCode ?? '',
    txnRef: params.vnp_TxnRef ?? '',
    amount,
    responseCode: params.vnp_ResponseCode ?? '',
    transactionStatus: params.vnp_TransactionStatus ?? '',
    transactionNo: params.vnp_TransactionNo ?? '',
    bankCode: params.vnp_BankCode ?? '',
    payDate: params.vnp_PayDate ?? '',
    succeeded: params.vnp_ResponseCode === '00' && params.vnp_TransactionStatus === '00',
  };
}

/** Only the `vnp_` parameters of a query, each as one string (a repeated one is refused by the signature). */
export function vnpParams(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (k.startsWith('vnp_') && typeof v === 'string') out[k] = v;
  return out;
}

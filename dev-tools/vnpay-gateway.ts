/**
 * A development VNPAY gateway: its own HTTP server speaking VNPAY 2.1.0 as the real one does, for tests and
 * for `npm start` (the real gateway cannot be reached from here). Not for production.
 *
 * - `GET /paymentv2/vpcpay.html?vnp_...&vnp_SecureHash=...`: checks the merchant and the signature (HMAC-SHA512
 *   over the sorted, URL-encoded parameters), then shows a payment page with the order and two buttons;
 * - `POST /paymentv2/pay` (the page's form): settles the attempt as paid (`00`) or cancelled (`24`), sends the
 *   signed notification (IPN, a server-to-server GET) to the merchant's IPN address and records its answer,
 *   then sends the browser back to `vnp_ReturnUrl` with the same signed parameters.
 * Tests also drive it directly: `pay()` without a browser, `notify()` to send any (forged, replayed) IPN,
 * `holdNotifications` to let a payment never arrive.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import { secureHash, verifySignature, vnpDate } from '../domain/src/payments/vnpay.ts';

export interface GatewayOptions {
  tmnCode: string;
  secret: string;
  /** where notifications go (the merchant's IPN address, registered at the gateway); can be set later */
  ipnUrl?: string;
  port?: number;
  host?: string;
}

export interface NotificationRecord {
  txnRef: string;
  params: Record<string, string>;
  answer: { RspCode?: string; Message?: string } | undefined;
  status: number | undefined;
}

interface Order {
  params: Record<string, string>;
  settled?: Record<string, string>;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const dong = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} VND`;

export class VnpayGateway {
  readonly tmnCode: string;
  readonly secret: string;
  ipnUrl: string | undefined;
  /** while true, no notification is sent (a payment that never arrives) */
  holdNotifications = false;
  readonly notifications: NotificationRecord[] = [];
  private readonly orders = new Map<string, Order>();
  private server: http.Server | undefined;
  url = '';

  constructor(o: GatewayOptions) {
    this.tmnCode = o.tmnCode;
    this.secret = o.secret;
    this.ipnUrl = o.ipnUrl;
  }

  /** the payment page's address (VNPAY_PAY_URL) */
  get payUrl(): string {
    return `${this.url}/paymentv2/vpcpay.html`;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String((err as Error).message));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Signs parameters with the merchant's secret, as the gateway does. */
  sign(params: Record<string, string>): Record<string, string> {
    const p = { ...params };
    delete p.vnp_SecureHash;
    return { ...p, vnp_SecureHash: secureHash(p, this.secret) };
  }

  /**
   * Reads a redirect address made by the merchant: its parameters, once the signature and merchant are checked.
   * @throws Error as the gateway's error page would say it
   */
  accept(payUrl: string): Record<string, string> {
    const params = Object.fromEntries(new URL(payUrl).searchParams) as Record<string, string>;
    if (params.vnp_TmnCode !== this.tmnCode) throw new Error('Website này chưa được phê duyệt (merchant unknown, code 02)');
    if (!verifySignature(params, this.secret)) throw new Error('Sai chữ ký (invalid signature, code 70)');
    for (const k of [
      'vnp_Version',
      'vnp_Command',
      'vnp_Amount',
      'vnp_CurrCode',
      'vnp_TxnRef',
      'vnp_OrderInfo',
      'vnp_ReturnUrl',
      'vnp_IpAddr',
      'vnp_CreateDate',
      'vnp_ExpireDate',
    ])
      if (!params[k]) throw new Error(`Thiếu tham số ${k} (code 03)`);
    if (params.vnp_Version !== '2.1.0' || params.vnp_Command !== 'pay' || params.vnp_CurrCode !== 'VND')
      throw new Error('Dữ liệu gửi sang không đúng định dạng (code 03)');
    if (!this.orders.has(params.vnp_TxnRef!)) this.orders.set(params.vnp_TxnRef!, { params });
    return params;
  }

  /** The signed result of an attempt, as the gateway sends it back (return and IPN). */
  result(txnRef: string, outcome: 'paid' | 'cancelled'): Record<string, string> {
    const order = this.orders.get(txnRef);
    if (!order) throw new Error(`no order ${txnRef} at the gateway`);
    if (order.settled) return order.settled;
    const transactionNo = String(randomInt(10_000_000, 99_999_999));
    order.settled = this.sign({
      vnp_Amount: order.params.vnp_Amount!,
      vnp_BankCode: 'NCB',
      vnp_BankTranNo: `VNP${transactionNo}`,
      vnp_CardType: 'ATM',
      vnp_OrderInfo: order.params.vnp_OrderInfo!,
      vnp_PayDate: vnpDate(new Date()),
      vnp_ResponseCode: outcome === 'paid' ? '00' : '24',
      vnp_TmnCode: this.tmnCode,
      vnp_TransactionNo: outcome === 'paid' ? transactionNo : '0',
      vnp_TransactionStatus: outcome === 'paid' ? '00' : '02',
      vnp_TxnRef: txnRef,
    });
    return order.settled;
  }

  /** Sends a notification (IPN) with these parameters, signed or not, and records the merchant's answer. */
  async notify(params: Record<string, string>): Promise<NotificationRecord> {
    if (!this.ipnUrl) throw new Error('the gateway has no IPN address');
    const res = await fetch(`${this.ipnUrl}?${new URLSearchParams(params)}`);
    const answer = (await res.json().catch(() => undefined)) as NotificationRecord['answer'];
    const rec = { txnRef: params.vnp_TxnRef ?? '', params, answer, status: res.status };
    this.notifications.push(rec);
    return rec;
  }

  /** Pays (or cancels) as a payer at the page would, without a browser: the notification, then the return address. */
  async pay(
    payUrl: string,
    outcome: 'paid' | 'cancelled' = 'paid',
  ): Promise<{ returnUrl: string; notification: NotificationRecord | undefined; params: Record<string, string> }> {
    const params = this.accept(payUrl);
    const result = this.result(params.vnp_TxnRef!, outcome);
    const notification = this.holdNotifications ? undefined : await this.notify(result);
    return { returnUrl: `${params.vnp_ReturnUrl}?${new URLSearchParams(result)}`, notification, params: result };
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    if (req.method === 'GET' && url.pathname === '/paymentv2/vpcpay.html') {
      let params: Record<string, string>;
      try {
        params = this.accept(url.href);
      } catch (e) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(page('Lỗi giao dịch', `<p role="alert">${esc((e as Error).message)}</p>`));
        return;
      }
      const amount = Number(params.vnp_Amount) / 100;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        page(
          'Cổng thanh toán VNPAY (môi trường thử nghiệm)',
          `<dl><dt>Đơn vị chấp nhận thanh toán</dt><dd>${esc(params.vnp_TmnCode!)}</dd>
           <dt>Mã giao dịch</dt><dd id="txn">${esc(params.vnp_TxnRef!)}</dd>
           <dt>Nội dung</dt><dd>${esc(params.vnp_OrderInfo!)}</dd>
           <dt>Số tiền</dt><dd id="amount">${dong(amount)}</dd></dl>
           <form method="post" action="/paymentv2/pay">
             <input type="hidden" name="txnRef" value="${esc(params.vnp_TxnRef!)}">
             <button name="outcome" value="paid">Thanh toán</button>
             <button name="outcome" value="cancelled">Hủy giao dịch</button>
           </form>`,
        ),
      );
      return;
    }
    if (req.method === 'POST' && url.pathname === '/paymentv2/pay') {
      const body = new URLSearchParams(await readBody(req));
      const txnRef = body.get('txnRef') ?? '';
      const order = this.orders.get(txnRef);
      if (!order) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Không tìm thấy giao dịch');
        return;
      }
      const result = this.result(txnRef, body.get('outcome') === 'paid' ? 'paid' : 'cancelled');
      if (!this.holdNotifications) await this.notify(result).catch(() => undefined);
      res.writeHead(302, { location: `${order.params.vnp_ReturnUrl}?${new URLSearchParams(result)}` }).end();
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      s += c;
      if (s.length > 10_000) req.destroy();
    });
    req.on('end', () => resolve(s));
    req.on('error', reject);
  });
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}dt{color:#555}dd{margin:0 0 .5rem;font-weight:600}button{font-size:1rem;padding:.6rem 1rem;margin-right:.5rem}</style>
</head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

/** Starts one for `npm start` when no gateway is configured. */
export async function startDevelopmentGateway(o: GatewayOptions): Promise<VnpayGateway> {
  return new VnpayGateway(o).start(o.port ?? 0, o.host ?? '127.0.0.1');
}

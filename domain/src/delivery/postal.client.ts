/**
 * The public postal service (bưu chính công ích) as motcua sees it: a consignment is accepted for an address
 * and answers with its tracking number; its status is read back by that number. One interface, one HTTP
 * implementation; tests run a simulator that speaks the same protocol (test/support/postal-simulator.ts).
 *
 * Protocol (JSON over HTTPS, `Authorization: Bearer <key>`):
 * - `POST /v1/consignments` with `Idempotency-Key` → `201 { trackingNumber, status: "accepted" }`; the same key
 *   again answers the same consignment (a retry never posts a second parcel);
 * - `GET /v1/consignments/{trackingNumber}` → `{ trackingNumber, status, events: [{ status, at, note }] }` with
 *   status `accepted | in_transit | delivered | returned` (returned: back to the sender, undelivered).
 */

/** A consignment's status as the postal service reports it. */
export type PostalStatus = 'accepted' | 'in_transit' | 'delivered' | 'returned';

export interface PostalAddress {
  recipientName: string;
  phone: string;
  street: string;
  ward: string;
  province: string;
}

export interface ConsignmentRequest {
  /** makes the call safe to repeat: the same key answers the same consignment */
  idempotencyKey: string;
  /** our reference printed on the parcel (the dossier code) */
  reference: string;
  sender: { name: string; address: string };
  receiver: PostalAddress;
  content: string;
}

export interface Tracking {
  trackingNumber: string;
  status: PostalStatus;
  events: { status: PostalStatus; at: string; note?: string }[];
}

export interface PostalService {
  /** Hands a parcel to the postal service. @returns its tracking number */
  createConsignment(r: ConsignmentRequest): Promise<{ trackingNumber: string }>;
  /** Where a parcel is. */
  track(trackingNumber: string): Promise<Tracking>;
}

const statuses: readonly PostalStatus[] = ['accepted', 'in_transit', 'delivered', 'returned'];

/** The postal service's HTTP API. @throws Error on any answer it does not expect (the caller retries) */
export function httpPostalService({ baseUrl, apiKey, timeoutMs = 10_000 }: { baseUrl: string; apiKey: string; timeoutMs?: number }): PostalService {
  async function call(path: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
    const res = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`postal service ${init.method ?? 'GET'} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as Record<string, unknown>;
  }
  const trackingOf = (body: Record<string, unknown>): string => {
    const tn = body.trackingNumber;
    if (typeof tn !== 'string' || !/^[A-Z0-9]{6,30}$/.test(tn)) throw new Error('postal service answered without a valid tracking number');
    return tn;
  };
  return {
    async createConsignment(r) {
      const body = await call('/v1/consignments', {
        method: 'POST',
        headers: { 'idempotency-key': r.idempotencyKey },
        body: JSON.stringify({ reference: r.reference, sender: r.sender, receiver: r.receiver, content: r.content }),
      });
      return { trackingNumber: trackingOf(body) };
    },
    async track(trackingNumber) {
      const body = await call(`/v1/consignments/${encodeURIComponent(trackingNumber)}`);
      const status = body.status as PostalStatus;
      if (!statuses.includes(status)) throw new Error(`postal service answered an unknown status ${String(body.status)}`);
      return { trackingNumber: trackingOf(body), status, events: Array.isArray(body.events) ? (body.events as Tracking['events']) : [] };
    },
  };
}

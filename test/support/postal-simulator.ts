/**
 * A public postal service for tests, as its own HTTP server speaking the consignment API motcua uses in
 * production (domain/src/delivery/postal.client.ts): accept a consignment (idempotent by key, answers a
 * tracking number), track it. What happens to the parcel is the test's to say, through the sandbox endpoint
 * a postal operator's test environment offers (`POST /sandbox/consignments/{tn}/{status}`) or `advance`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type SimulatedStatus = 'accepted' | 'in_transit' | 'delivered' | 'returned';

export interface SimulatedConsignment {
  trackingNumber: string;
  idempotencyKey: string;
  reference: string;
  receiver: Record<string, string>;
  sender: Record<string, string>;
  content: string;
  status: SimulatedStatus;
  events: { status: SimulatedStatus; at: string; note?: string }[];
}

export interface PostalSimulator {
  url: string;
  apiKey: string;
  consignments(): SimulatedConsignment[];
  /** the consignment posted for a reference (a dossier code), latest first */
  byReference(reference: string): SimulatedConsignment | undefined;
  /** the parcel moves on (as the sandbox endpoint) */
  advance(trackingNumber: string, status: Exclude<SimulatedStatus, 'accepted'>, note?: string): void;
  /** the next `n` requests answer 503 (the postal service is down) */
  failNext(n: number): void;
  /** how many create requests came in (also repeated ones) */
  createRequests(): number;
  close(): Promise<void>;
}

const REQUIRED_RECEIVER = ['recipientName', 'phone', 'street', 'ward', 'province'];

/** Starts the simulator on a free port of 127.0.0.1. */
export async function startPostalSimulator(apiKey = 'postal-test-key'): Promise<PostalSimulator> {
  const byKey = new Map<string, SimulatedConsignment>();
  const byNumber = new Map<string, SimulatedConsignment>();
  let failures = 0;
  let creates = 0;
  let serial = 100_000_000;

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const advance = (tn: string, status: Exclude<SimulatedStatus, 'accepted'>, note?: string) => {
    const c = byNumber.get(tn);
    if (!c) throw new Error(`no consignment ${tn}`);
    c.status = status;
    c.events.push({ status, at: new Date().toISOString(), ...(note ? { note } : {}) });
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://postal');
      const sandbox = /^\/sandbox\/consignments\/([A-Z0-9]+)\/(in_transit|delivered|returned)$/.exec(url.pathname);
      if (sandbox && req.method === 'POST') {
        if (!byNumber.has(sandbox[1]!)) return send(res, 404, { error: 'not_found' });
        const note = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { note?: string }).note : undefined;
        advance(sandbox[1]!, sandbox[2] as Exclude<SimulatedStatus, 'accepted'>, note);
        return send(res, 200, byNumber.get(sandbox[1]!));
      }
      if (req.headers.authorization !== `Bearer ${apiKey}`) return send(res, 401, { error: 'unauthorised' });
      if (failures > 0) {
        failures--;
        return send(res, 503, { error: 'unavailable' });
      }
      if (req.method === 'POST' && url.pathname === '/v1/consignments') {
        creates++;
        const key = req.headers['idempotency-key'];
        if (typeof key !== 'string' || !key) return send(res, 400, { error: 'idempotency_key_required' });
        const known = byKey.get(key);
        if (known) return send(res, 200, { trackingNumber: known.trackingNumber, status: known.status });
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          return send(res, 400, { error: 'malformed' });
        }
        const receiver = (body.receiver ?? {}) as Record<string, string>;
        const missing = REQUIRED_RECEIVER.filter((k) => typeof receiver[k] !== 'string' || !receiver[k]);
        if (missing.length) return send(res, 422, { error: 'receiver_incomplete', missing });
        const c: SimulatedConsignment = {
          trackingNumber: `EB${++serial}VN`,
          idempotencyKey: key,
          reference: String(body.reference ?? ''),
          receiver,
          sender: (body.sender ?? {}) as Record<string, string>,
          content: String(body.content ?? ''),
          status: 'accepted',
          events: [{ status: 'accepted', at: new Date().toISOString() }],
        };
        byKey.set(key, c);
        byNumber.set(c.trackingNumber, c);
        return send(res, 201, { trackingNumber: c.trackingNumber, status: c.status });
      }
      const track = /^\/v1\/consignments\/([A-Z0-9]+)$/.exec(url.pathname);
      if (req.method === 'GET' && track) {
        const c = byNumber.get(track[1]!);
        if (!c) return send(res, 404, { error: 'not_found' });
        return send(res, 200, { trackingNumber: c.trackingNumber, status: c.status, events: c.events });
      }
      send(res, 404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    consignments: () => [...byNumber.values()],
    byReference: (reference) => [...byNumber.values()].reverse().find((c) => c.reference === reference),
    advance,
    failNext: (n) => void (failures = n),
    createRequests: () => creates,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

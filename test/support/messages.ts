/**
 * The far ends of outside notifications in tests: a real SMTP server (smtp-server) that keeps what it was given
 * and can refuse a recipient a number of times first, and an SMS provider simulated as a small HTTP server
 * speaking the API HttpSmsProvider talks (JSON POST with an API key, answered with a message id; a repeated
 * reference is the same message, as real gateways dedupe a client's reference).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  messageId: string | undefined;
  parsed: ParsedMail;
}

export interface TestSmtp {
  /** SMTP_URL of this server, with the credentials it accepts */
  url: string;
  received: ReceivedMail[];
  /** the mail received for `address` */
  to(address: string): ReceivedMail[];
  /** refuses `address` at RCPT TO the next `times` times: 451 (try again later), or `code` (550: no such mailbox) */
  refuse(address: string, times: number, code?: number): void;
  /** how many times `address` was refused */
  refusedCount(address: string): number;
  close(): Promise<void>;
}

export const TEST_SMTP_USER = 'motcua';
export const TEST_SMTP_PASSWORD = 'smtp-test-password';

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const toRefuse = new Map<string, number>();
  const refuseCode = new Map<string, number>();
  const refused = new Map<string, number>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === TEST_SMTP_USER && auth.password === TEST_SMTP_PASSWORD) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      const a = address.address.toLowerCase();
      const left = toRefuse.get(a) ?? 0;
      if (left > 0) {
        toRefuse.set(a, left - 1);
        refused.set(a, (refused.get(a) ?? 0) + 1);
        const code = refuseCode.get(a) ?? 451;
        cb(Object.assign(new Error(code >= 500 ? 'No such mailbox here' : 'Mailbox temporarily unavailable, try again later'), { responseCode: code }));
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((parsed) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId,
            parsed,
          });
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });
  // a client hanging up mid-conversation (a worker process killed while it sends) is the client's end, not an
  // error of the suite's (without a listener, the server's 'error' event would fail whichever test runs then)
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${TEST_SMTP_USER}:${TEST_SMTP_PASSWORD}@127.0.0.1:${port}`,
    received,
    to: (address) => received.filter((m) => m.to.includes(address.toLowerCase())),
    refuse: (address, times, code = 451) => {
      toRefuse.set(address.toLowerCase(), times);
      refuseCode.set(address.toLowerCase(), code);
    },
    refusedCount: (address) => refused.get(address.toLowerCase()) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SimulatedSms {
  messageId: string;
  to: string;
  text: string;
  sender: string;
  reference: string;
}

export interface SmsSimulator {
  /** SMS_PROVIDER_URL */
  url: string;
  apiKey: string;
  /** every distinct message accepted (a repeated reference is not a new one) */
  sent: SimulatedSms[];
  to(phone: string): SimulatedSms[];
  /** answers 503 for `phone` the next `times` times */
  fail(phone: string, times: number): void;
  /** requests answered, accepted or not */
  requests: number;
  close(): Promise<void>;
}

export const TEST_SMS_API_KEY = 'sms-test-key';

export async function startSmsSimulator(): Promise<SmsSimulator> {
  const sent: SimulatedSms[] = [];
  const byReference = new Map<string, SimulatedSms>();
  const toFail = new Map<string, number>();
  const sim = { requests: 0 };
  const reply = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      sim.requests++;
      if (req.method !== 'POST' || req.url !== '/v1/sms') return reply(res, 404, { error: 'not_found' });
      if (req.headers['x-api-key'] !== TEST_SMS_API_KEY) return reply(res, 401, { error: 'invalid_api_key' });
      let body: Partial<SimulatedSms>;
      try {
        body = JSON.parse(raw) as Partial<SimulatedSms>;
      } catch {
        return reply(res, 400, { error: 'invalid_json' });
      }
      if (typeof body.to !== 'string' || !/^\+?\d{9,15}$/.test(body.to) || typeof body.text !== 'string' || !body.text || typeof body.reference !== 'string')
        return reply(res, 422, { error: 'invalid_message' });
      const left = toFail.get(body.to) ?? 0;
      if (left > 0) {
        toFail.set(body.to, left - 1);
        return reply(res, 503, { error: 'temporarily_unavailable' });
      }
      const known = byReference.get(body.reference);
      if (known) return reply(res, 200, { messageId: known.messageId, status: 'duplicate' });
      const sms: SimulatedSms = { messageId: randomUUID(), to: body.to, text: body.text, sender: String(body.sender ?? ''), reference: body.reference };
      byReference.set(sms.reference, sms);
      sent.push(sms);
      reply(res, 200, { messageId: sms.messageId, status: 'queued' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1/sms`,
    apiKey: TEST_SMS_API_KEY,
    sent,
    to: (phone) => sent.filter((s) => s.to === phone),
    fail: (phone, times) => void toFail.set(phone, times),
    get requests() {
      return sim.requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

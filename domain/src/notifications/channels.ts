/**
 * Outside channels of a notification: mail through an SMTP server (nodemailer), SMS through a provider's HTTP
 * API. Each takes a message already rendered in the recipient's language and hands it over once; retries and
 * "sent once" are the delivery service's (notifications.service.ts), not the channel's.
 */
import { createTransport, type Mail } from 'nodemailer';
import type { Config } from '../config/config.ts';

export type ChannelName = 'email' | 'sms';
export const CHANNEL_NAMES: readonly ChannelName[] = ['email', 'sms'];

/** A message for one recipient on one channel. */
export interface OutgoingMessage {
  /** the delivery's id: the same for every attempt, handed to the provider so that it can drop a repeat */
  deliveryId: string;
  to: string;
  subject: string;
  text: string;
}

export interface NotificationChannel {
  readonly name: ChannelName;
  /** The account's address on this channel, or null when it has none. */
  addressOf(recipient: { email: string | null; phone: string | null }): string | null;
  /** Hands the message over. @returns the provider's id of it. @throws when it was not accepted */
  send(message: OutgoingMessage): Promise<{ providerId: string | null }>;
  close?(): void;
}

/**
 * The far side refused this message for good (an unknown mailbox, an invalid phone number): sending it again
 * would get the same answer, so it is not retried.
 */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

/** Mail through an SMTP server. The Message-ID is the delivery's, so a mail sent twice after a crash is one to mail software. */
export class EmailChannel implements NotificationChannel {
  readonly name = 'email' as const;
  private readonly transport: Mail;
  private readonly host: string;

  constructor(o: { smtpUrl: string; from: string; timeoutMs: number }) {
    this.host = new URL(o.smtpUrl).hostname;
    this.transport = createTransport(
      { url: o.smtpUrl, connectionTimeout: o.timeoutMs, greetingTimeout: o.timeoutMs, socketTimeout: o.timeoutMs },
      { from: o.from },
    );
  }

  addressOf(r: { email: string | null }): string | null {
    return r.email?.trim() || null;
  }

  async send(m: OutgoingMessage): Promise<{ providerId: string | null }> {
    const info = await this.transport
      .sendMail({
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: `<${m.deliveryId}@${this.host || 'motcua'}>`,
        headers: { 'X-Motcua-Delivery': m.deliveryId },
      })
      .catch((err: Error & { code?: string; responseCode?: number }) => {
        // RFC 5321: a 5yz reply to the envelope or the message is final (503 only says the session was out of step);
        // a refused login (EAUTH) or a lost connection is the installation's problem and is tried again
        const code = err.responseCode ?? 0;
        if ((err.code === 'EENVELOPE' || err.code === 'EMESSAGE') && code >= 500 && code < 600 && code !== 503) throw new PermanentDeliveryError(err.message);
        throw err;
      });
    if (info.rejected?.length) throw new Error(`SMTP server rejected ${info.rejected.join(', ')}: ${info.response}`);
    return { providerId: info.messageId ?? null };
  }

  close(): void {
    this.transport.close();
  }
}

/** What an SMS provider does for us: send one text, answer its id. */
export interface SmsProvider {
  /** @param reference our id of the message: the same on a retry, for a provider that drops repeats */
  send(sms: { to: string; text: string; reference: string }): Promise<{ messageId: string }>;
}

/**
 * An SMS provider behind a plain HTTP API: `POST <url>` with `{to, text, sender, reference}` as JSON and the
 * key in `X-Api-Key`, answered 2xx with `{messageId}`. Vietnamese SMS gateways (brandname services) offer
 * this shape; another API is another `SmsProvider`.
 */
export class HttpSmsProvider implements SmsProvider {
  private readonly o: { url: string; apiKey: string | undefined; sender: string; timeoutMs: number };
  constructor(o: { url: string; apiKey: string | undefined; sender: string; timeoutMs: number }) {
    this.o = o;
  }

  async send(sms: { to: string; text: string; reference: string }): Promise<{ messageId: string }> {
    const res = await fetch(this.o.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(this.o.apiKey ? { 'x-api-key': this.o.apiKey } : {}) },
      body: JSON.stringify({ to: sms.to, text: sms.text, sender: this.o.sender, reference: sms.reference }),
      signal: AbortSignal.timeout(this.o.timeoutMs),
    });
    const body = await res.text();
    // a message the provider cannot take (a bad number, an empty text) is refused for good; the rest is tried again
    if (res.status === 400 || res.status === 422) throw new PermanentDeliveryError(`SMS provider refused it (${res.status}): ${body.slice(0, 200)}`);
    if (!res.ok) throw new Error(`SMS provider answered ${res.status}: ${body.slice(0, 200)}`);
    let messageId: unknown;
    try {
      messageId = (JSON.parse(body) as { messageId?: unknown }).messageId;
    } catch {
      /* not JSON: reported below */
    }
    if (typeof messageId !== 'string' || !messageId) throw new Error(`SMS provider answered without a messageId: ${body.slice(0, 200)}`);
    return { messageId };
  }
}

export class SmsChannel implements NotificationChannel {
  readonly name = 'sms' as const;
  private readonly provider: SmsProvider;
  constructor(provider: SmsProvider) {
    this.provider = provider;
  }

  addressOf(r: { phone: string | null }): string | null {
    return r.phone?.replace(/[\s.-]/g, '') || null;
  }

  async send(m: OutgoingMessage): Promise<{ providerId: string | null }> {
    const { messageId } = await this.provider.send({ to: m.to, text: m.text, reference: m.deliveryId });
    return { providerId: messageId };
  }
}

/** The channels the configuration turns on: mail with SMTP_URL, SMS with SMS_PROVIDER_URL. */
export function channelsFrom(config: Config): NotificationChannel[] {
  const channels: NotificationChannel[] = [];
  if (config.smtpUrl) channels.push(new EmailChannel({ smtpUrl: config.smtpUrl, from: config.mailFrom, timeoutMs: config.notifySendTimeoutMs }));
  if (config.smsProviderUrl)
    channels.push(
      new SmsChannel(
        new HttpSmsProvider({ url: config.smsProviderUrl, apiKey: config.smsApiKey, sender: config.smsSender, timeoutMs: config.notifySendTimeoutMs }),
      ),
    );
  return channels;
}

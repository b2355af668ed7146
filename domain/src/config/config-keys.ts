/**
 * How a configuration key is read from its text: the parsers of config.ts, each refusing what it cannot read
 * with a message that says what it expected.
 */

export type Parser<T> = (raw: string) => T;

export interface KeySpec<T> {
  env: string;
  doc: string;
  default: T | (() => T) | undefined;
  parse: Parser<T>;
}

export const str: Parser<string> = (raw) => raw;
export const int =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`expected an integer in [${min}, ${max}]`);
    return n;
  };
export const bool: Parser<boolean> = (raw) => {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error('expected true or false');
};
export const oneOf =
  <T extends string>(...values: T[]): Parser<T> =>
  (raw) => {
    if (!(values as string[]).includes(raw)) throw new Error(`expected one of ${values.join(', ')}`);
    return raw as T;
  };
export const url: Parser<string> = (raw) => {
  new URL(raw);
  return raw.replace(/\/+$/, '');
};
export const pgUrl: Parser<string> = (raw) => {
  const u = new URL(raw);
  if (!/^postgres(ql)?:$/.test(u.protocol)) throw new Error('expected a postgres:// connection string');
  return raw;
};

/** Outside notification channels, separated by commas. */
export const channelList: Parser<('email' | 'sms')[]> = (raw) => {
  if (raw.trim() === 'none') return [];
  const parts = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = parts.filter((p) => p !== 'email' && p !== 'sms');
  if (bad.length) throw new Error(`expected none, or email and/or sms separated by commas, not ${bad.join(', ')}`);
  return [...new Set(parts)] as ('email' | 'sms')[];
};
export const smtpUrl: Parser<string> = (raw) => {
  const u = new URL(raw);
  if (!/^smtps?:$/.test(u.protocol) || !u.hostname) throw new Error('expected smtp://user:password@host:port or smtps://…');
  return raw;
};

/** An AES-256 key: 32 bytes in base64 (kept as its text; the one using it decodes it). */
export const aes256Key: Parser<string> = (raw) => {
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(raw) || Buffer.from(raw, 'base64').length !== 32)
    throw new Error('expected 32 random bytes in base64 (openssl rand -base64 32)');
  return raw;
};

/** Express's `trust proxy`: a hop count, or a list of addresses, subnets and named ranges. */
export const trustProxy: Parser<string | number> = (raw) => {
  if (/^\d+$/.test(raw)) return Number(raw);
  const parts = raw.split(',').map((p) => p.trim());
  const named = /^(loopback|linklocal|uniquelocal)$/;
  const address = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;
  const bad = parts.filter((p) => !named.test(p) && !address.test(p));
  if (bad.length || !parts.length) throw new Error(`expected a hop count or addresses/subnets (loopback, 10.0.0.0/8), not ${bad.join(', ') || 'nothing'}`);
  return parts.join(', ');
};

/** A key: its environment variable, its line of documentation, its default and its parser. */
export function key<T>(env: string, doc: string, def: T | (() => T) | undefined, parse: Parser<T>): KeySpec<T> {
  return { env, doc, default: def, parse };
}

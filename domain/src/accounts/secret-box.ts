/**
 * Secrets the application must read back (a second factor's TOTP key) kept encrypted at rest: AES-256-GCM under
 * a key from the configuration, stored as a versioned envelope `v1:<iv>:<tag>:<ciphertext>` (base64 each). The
 * version names the format and the key, so a later key (a rotation) can be a `v2` opened beside the `v1`s. Each
 * secret is bound to its place (the context, e.g. its account) as additional authenticated data: an envelope
 * copied to another account does not open there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  /** @returns the envelope of `plain`, bound to `context` (a fresh IV each time) */
  seal(plain: string, context: string): string;
  /** @returns the secret; @throws Error when the envelope is not ours, was altered, belongs elsewhere or needs another key */
  open(envelope: string, context: string): string;
}

/** How an envelope of any version starts (a secret stored as text before encryption, base32, has no `:`). */
export const ENVELOPE = /^v[0-9]+:/;

/** Whether a stored value is an envelope (else a secret stored before encryption, as text). */
export const isSealed = (stored: string): boolean => ENVELOPE.test(stored);

/** @param keyBase64 32 bytes in base64 (config `totpEncryptionKey`) */
export function createSecretBox(keyBase64: string): SecretBox {
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes (base64)');
  return {
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
    },
    open(envelope, context) {
      const [version, iv, tag, data, ...rest] = envelope.split(':');
      if (version !== VERSION || !iv || !tag || data === undefined || rest.length) throw new Error(`not a ${VERSION} secret envelope`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
      } catch (e) {
        throw new Error('a secret envelope does not open: altered, moved to another place, or sealed under another key', { cause: e });
      }
    },
  };
}

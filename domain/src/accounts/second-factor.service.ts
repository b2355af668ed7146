/**
 * The second factor of officers and administrators: a TOTP secret (RFC 6238) held in an authenticator app.
 * Enrolment shows the secret (as a QR code and as text) and keeps it pending until a code from it is
 * confirmed; from then on the login asks for a code. A code is accepted once (its time step is remembered)
 * and within one step of the clock either way. Administrators may be required to have one
 * (ADMIN_TOTP_REQUIRED, production by default): until then their session can only enrol.
 *
 * The secrets are stored encrypted (secret-box.ts, under TOTP_ENCRYPTION_KEY, bound to their account). A secret
 * stored before that, as text, still works: it is sealed when it is next read, and at start (sealStoredSecrets).
 */
import QRCode from 'qrcode';
import { generateSecret, generateURI, verify } from 'otplib';
import type { Db, DbOrTx } from '../db/db.ts';
import { AuthenticationError, ConflictError, InputError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { Account } from './accounts.repository.ts';
import { ENVELOPE, createSecretBox, isSealed } from './secret-box.ts';

const log = moduleLogger('second-factor');

/** the step of the clock either way a code may come from (a phone slightly off) */
const TOLERANCE_S = 30;
const CODE = /^[0-9]{6}$/;

const wrongCode = (field = 'code') =>
  new InputError('totp_invalid', msg('Mã xác thực không đúng hoặc đã hết hạn.', 'The authentication code is wrong or expired.'), [
    { field, code: 'totp_invalid', message: msg('Mã xác thực không đúng hoặc đã hết hạn.', 'The authentication code is wrong or expired.') },
  ]);

/** @returns the time step of a valid code, or undefined */
async function check(secret: string, token: string, afterTimeStep?: number | null): Promise<number | undefined> {
  if (!CODE.test(token)) return undefined;
  const r = await verify({ secret, token, epochTolerance: TOLERANCE_S, ...(afterTimeStep ? { afterTimeStep } : {}) });
  return r.valid ? (r as { timeStep: number }).timeStep : undefined;
}

const SECRET_COLUMNS = ['totp_secret', 'totp_pending_secret'] as const;
type StoredSecrets = { id: string } & Record<(typeof SECRET_COLUMNS)[number], string | null>;

/** @param secretKey the key the secrets are encrypted under (config `totpEncryptionKey`, 32 bytes in base64) */
export function createSecondFactorService({ db, secretKey, issuer = 'motcua' }: { db: Db; secretKey: string; issuer?: string }) {
  const box = createSecretBox(secretKey);
  // an envelope opens for the account it was sealed for only
  const context = (accountId: string) => `motcua.totp:${accountId}`;
  const seal = (accountId: string, secret: string) => box.seal(secret, context(accountId));
  const reveal = (accountId: string, stored: string | null) => (stored === null || !isSealed(stored) ? stored : box.open(stored, context(accountId)));

  /** Seals the secrets of a row stored as text (before encryption); a value changed meanwhile is left to its changer. */
  async function sealLegacy(dbx: DbOrTx, row: StoredSecrets): Promise<boolean> {
    let sealed = false;
    for (const column of SECRET_COLUMNS) {
      const stored = row[column];
      if (stored === null || isSealed(stored)) continue;
      await dbx('accounts')
        .where({ id: row.id, [column]: stored })
        .update({ [column]: seal(row.id, stored) });
      sealed = true;
    }
    return sealed;
  }

  /** The account's secrets, opened. */
  async function state(accountId: string, dbx: DbOrTx = db) {
    const row = (await dbx('accounts')
      .where({ id: accountId })
      .first('id', 'totp_secret', 'totp_pending_secret', 'totp_last_step', 'username')) as StoredSecrets & {
      totp_last_step: string | null;
      username: string;
    };
    if (await sealLegacy(dbx, row)) log.info({ action: 'totp_secret_sealed', accountId }, 'a second-factor secret stored as text is now encrypted');
    return { ...row, totp_secret: reveal(accountId, row.totp_secret), totp_pending_secret: reveal(accountId, row.totp_pending_secret) };
  }

  async function enabled(accountId: string): Promise<boolean> {
    return Boolean((await db('accounts').where({ id: accountId }).first('totp_secret'))?.totp_secret);
  }

  /**
   * Encrypts every secret still stored as text (from before secrets were encrypted); run at start, before the
   * api serves. Idempotent, safe from several processes. @returns how many accounts had one
   */
  async function sealStoredSecrets(): Promise<number> {
    const rows = (await db('accounts')
      .where((q) => {
        for (const column of SECRET_COLUMNS) q.orWhereRaw('?? !~ ?', [column, ENVELOPE.source]);
      })
      .select('id', ...SECRET_COLUMNS)) as StoredSecrets[];
    for (const row of rows) await sealLegacy(db, row);
    if (rows.length) log.info({ action: 'totp_secrets_sealed', accounts: rows.length }, 'second-factor secrets stored as text are now encrypted');
    return rows.length;
  }

  /** A new secret to enrol (replacing one pending): the otpauth URI, its QR code and the secret as text. */
  async function setup(account: Account): Promise<{ secret: string; uri: string; qr: string }> {
    if ((await state(account.id)).totp_secret)
      throw new ConflictError('totp_enabled', msg('Xác thực hai bước đã được bật.', 'Two-step verification is already on.'));
    const secret = generateSecret();
    await db('accounts')
      .where({ id: account.id })
      .update({ totp_pending_secret: seal(account.id, secret) });
    const uri = generateURI({ issuer, label: account.username, secret });
    return { secret, uri, qr: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
  }

  /** Confirms the pending secret with a code from the app. @throws InputError `totp_invalid` | `totp_not_started` */
  async function enable(account: Account, code: string): Promise<void> {
    await db.transaction(async (tx) => {
      const s = await state(account.id, tx);
      if (!s.totp_pending_secret)
        throw new InputError('totp_not_started', msg('Hãy bắt đầu lại việc cài đặt xác thực hai bước.', 'Start setting up two-step verification again.'));
      const step = await check(s.totp_pending_secret, code);
      if (step === undefined) throw wrongCode();
      await tx('accounts')
        .where({ id: account.id })
        .update({ totp_secret: seal(account.id, s.totp_pending_secret), totp_pending_secret: null, totp_enabled_at: tx.fn.now(), totp_last_step: step });
    });
    log.info({ action: 'totp_enabled', accountId: account.id }, 'second factor enabled');
  }

  /** Turns it off with a current code. @throws InputError `totp_invalid` */
  async function disable(account: Account, code: string): Promise<void> {
    const s = await state(account.id);
    if (!s.totp_secret || (await check(s.totp_secret, code, Number(s.totp_last_step))) === undefined) throw wrongCode();
    await db('accounts').where({ id: account.id }).update({ totp_secret: null, totp_enabled_at: null, totp_last_step: null });
    log.info({ action: 'totp_disabled', accountId: account.id }, 'second factor disabled');
  }

  /**
   * The login's second step, for an account with a second factor: a code not used before.
   * @throws AuthenticationError `totp_required` (no code given) | `totp_invalid`
   */
  async function verifyLogin(accountId: string, code: string | undefined): Promise<void> {
    const s = await state(accountId);
    if (!s.totp_secret) return;
    if (!code)
      throw new AuthenticationError(
        'totp_required',
        msg('Nhập mã xác thực 6 chữ số từ ứng dụng xác thực trên điện thoại của bạn.', 'Enter the 6-digit code from the authenticator app on your phone.'),
      );
    const step = await check(s.totp_secret, code, Number(s.totp_last_step));
    // the step is taken atomically: the same code in two requests at once logs in once
    const taken =
      step !== undefined && (await db('accounts').where({ id: accountId }).where('totp_last_step', '<', step).update({ totp_last_step: step })) === 1;
    if (!taken) {
      log.info({ action: 'totp_refused', accountId }, 'second factor refused');
      throw new AuthenticationError('totp_invalid', msg('Mã xác thực không đúng hoặc đã được dùng.', 'The authentication code is wrong or already used.'));
    }
  }

  /** An administrator's reset (the phone was lost): the account logs in with its password alone until it enrols again. */
  async function reset(accountId: string, dbx: DbOrTx = db): Promise<void> {
    await dbx('accounts').where({ id: accountId }).update({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null });
  }

  return { enabled, setup, enable, disable, verifyLogin, reset, sealStoredSecrets };
}

export type SecondFactorService = ReturnType<typeof createSecondFactorService>;

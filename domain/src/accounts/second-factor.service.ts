/**
 * The second factor of officers and administrators: a TOTP secret (RFC 6238) held in an authenticator app.
 * Enrolment shows the secret (as a QR code and as text) and keeps it pending until a code from it is
 * confirmed; from then on the login asks for a code. A code is accepted once (its time step is remembered)
 * and within one step of the clock either way. Administrators may be required to have one
 * (ADMIN_TOTP_REQUIRED, production by default): until then their session can only enrol.
 */
import QRCode from 'qrcode';
import { generateSecret, generateURI, verify } from 'otplib';
import type { Db, DbOrTx } from '../db/db.ts';
import { AuthenticationError, ConflictError, InputError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { Account } from './accounts.repository.ts';

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

export function createSecondFactorService({ db, issuer = 'motcua' }: { db: Db; issuer?: string }) {
  async function state(accountId: string, dbx: DbOrTx = db) {
    return (await dbx('accounts').where({ id: accountId }).first('totp_secret', 'totp_pending_secret', 'totp_last_step', 'username')) as {
      totp_secret: string | null;
      totp_pending_secret: string | null;
      totp_last_step: string | null;
      username: string;
    };
  }

  async function enabled(accountId: string): Promise<boolean> {
    return Boolean((await state(accountId)).totp_secret);
  }

  /** A new secret to enrol (replacing one pending): the otpauth URI, its QR code and the secret as text. */
  async function setup(account: Account): Promise<{ secret: string; uri: string; qr: string }> {
    if ((await state(account.id)).totp_secret)
      throw new ConflictError('totp_enabled', msg('Xác thực hai bước đã được bật.', 'Two-step verification is already on.'));
    const secret = generateSecret();
    await db('accounts').where({ id: account.id }).update({ totp_pending_secret: secret });
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
        .update({ totp_secret: s.totp_pending_secret, totp_pending_secret: null, totp_enabled_at: tx.fn.now(), totp_last_step: step });
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

  return { enabled, setup, enable, disable, verifyLogin, reset };
}

export type SecondFactorService = ReturnType<typeof createSecondFactorService>;

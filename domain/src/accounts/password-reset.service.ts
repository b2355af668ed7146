/**
 * A forgotten password: the person names their account (its email or identity number) and gets a link by mail
 * that sets a new password once, within half an hour. The answer is the same whether or not such an account
 * exists, so the page tells nobody who has an account. Only the token's SHA-256 is stored; setting the password
 * ends every session of the account.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { InputError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { NotificationChannel } from '../notifications/channels.ts';
import * as repo from './accounts.repository.ts';
import { hashPassword } from './passwords.ts';

/** how long a mailed link sets a password */
export const RESET_LINK_MINUTES = 30;
/** links asked for one account within RESET_LINK_MINUTES, beyond which no more are mailed */
const MAX_LINKS_PER_WINDOW = 3;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const invalidLink = () =>
  new InputError(
    'password_reset_invalid',
    msg(
      'Đường dẫn đặt lại mật khẩu không còn hiệu lực (đã dùng hoặc quá 30 phút). Vui lòng yêu cầu đường dẫn mới.',
      'This password reset link is no longer valid (used, or older than 30 minutes). Please ask for a new one.',
    ),
  );

export function createPasswordResetService({ db, channels }: { db: Db; channels: NotificationChannel[] }) {
  const log = moduleLogger('password-reset');
  const mail = () => channels.find((c) => c.name === 'email');

  /**
   * Mails a link to the account named by its email or identity number, if there is one with an address and a
   * password of its own (an account of single sign-on has none to reset). Says nothing of the outcome.
   * @param linkBase the page the link opens, e.g. https://motcua.example/dat-lai-mat-khau
   */
  async function request(identifier: string, linkBase: string): Promise<void> {
    const key = identifier.trim();
    const row = await db('accounts')
      .where((q) => (/^[0-9]{12}$/.test(key) ? q.where({ id_number: key }) : q.whereRaw('lower(email) = lower(?)', [key])))
      .whereNull('disabled_at')
      .whereNotNull('email')
      .orderBy('created_at')
      .first('id', 'email', 'full_name', 'password_hash');
    if (!row || String(row.password_hash).startsWith('!')) {
      log.info({ action: 'password_reset_unknown' }, 'password reset asked for no account with a password and an address');
      return;
    }
    const recent = await db('password_resets')
      .where({ account_id: row.id })
      .where('created_at', '>', db.raw(`now() - make_interval(mins => ?)`, [RESET_LINK_MINUTES]))
      .count({ n: '*' })
      .first();
    if (Number(recent?.n ?? 0) >= MAX_LINKS_PER_WINDOW) {
      log.warn({ action: 'password_reset_throttled', accountId: row.id }, 'password reset links asked too often');
      return;
    }
    const channel = mail();
    if (!channel) {
      log.error({ action: 'password_reset_no_mail', accountId: row.id }, 'password reset asked but no mail server is set (SMTP_URL)');
      return;
    }
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    await db('password_resets').insert({
      id,
      account_id: row.id,
      token_hash: sha256(token),
      expires_at: db.raw(`now() + make_interval(mins => ?)`, [RESET_LINK_MINUTES]),
    });
    const link = `${linkBase}?token=${token}`;
    try {
      await channel.send({
        deliveryId: id,
        to: row.email,
        subject: 'motcua: đặt lại mật khẩu / reset your password',
        text: [
          `Kính gửi ${row.full_name},`,
          '',
          `Có yêu cầu đặt lại mật khẩu cho tài khoản của bạn. Mở đường dẫn sau trong ${RESET_LINK_MINUTES} phút để đặt mật khẩu mới (dùng được một lần):`,
          link,
          'Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn không thay đổi.',
          '',
          `Dear ${row.full_name},`,
          '',
          `A password reset was asked for your account. Open this link within ${RESET_LINK_MINUTES} minutes to set a new password (it works once):`,
          link,
          'If you did not ask for it, ignore this mail: your password stays as it is.',
        ].join('\n'),
      });
      log.info({ action: 'password_reset_sent', accountId: row.id }, 'password reset link mailed');
    } catch (err) {
      // the person is told to look in their mail either way; a link that could not leave is void
      await db('password_resets').where({ id }).update({ used_at: db.fn.now() });
      log.error({ action: 'password_reset_mail_failed', accountId: row.id, err }, 'password reset link could not be mailed');
    }
  }

  /**
   * Sets a new password with a mailed link's token, once; every session of the account ends.
   * @throws InputError `password_reset_invalid` for a token unknown, used or expired
   */
  async function reset(token: string, newPassword: string): Promise<void> {
    const passwordHash = await hashPassword(newPassword);
    const accountId = await db.transaction(async (tx) => {
      const used = await tx('password_resets')
        .where({ token_hash: sha256(token) })
        .whereNull('used_at')
        .where('expires_at', '>', tx.fn.now())
        .update({ used_at: tx.fn.now() })
        .returning('account_id');
      const id = used[0]?.account_id as string | undefined;
      if (!id) throw invalidLink();
      await repo.setPassword({ db: tx, accountId: id, passwordHash, changeRequired: false });
      // the other links of the account go with it, and so do its sessions
      await tx('password_resets').where({ account_id: id }).whereNull('used_at').update({ used_at: tx.fn.now() });
      await tx('sessions').where({ account_id: id }).delete();
      return id;
    });
    log.info({ action: 'password_reset', accountId }, 'password set with a mailed link');
  }

  return { request, reset };
}

export type PasswordResetService = ReturnType<typeof createPasswordResetService>;

/**
 * Accounts, login and sessions. A session is a random token in an httpOnly cookie; the database keeps only
 * its SHA-256, with a CSRF token that state-changing requests must echo in a header.
 */
import { recordChange } from '../audit/admin-audit.repository.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { Db, DbOrTx } from '../db/db.ts';
import { AuthenticationError, ConflictError, InputError, NotAllowedError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import * as repo from './accounts.repository.ts';
import type { Account } from './accounts.repository.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import type { Role } from './roles.ts';
import type { SecondFactorService } from './second-factor.service.ts';

const log = moduleLogger('accounts');

export type { Account };

export interface Session {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  /** the account, acting in the session's role */
  account: Account;
  /** the account role the session works in */
  roleId: string;
  /** the OpenID provider's ID token, when the session came from single sign-on */
  idToken?: string | null;
}

/** the user names of walk-in accounts, made at the counter */
const WALK_IN_USERNAME = /^cccd-/i;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

export interface AccountsServiceDeps {
  db: Db;
  sessionTtlHours: number;
  secondFactor: SecondFactorService;
}

export function createAccountsService({ db, sessionTtlHours, secondFactor }: AccountsServiceDeps) {
  const ttlMs = sessionTtlHours * 3600_000;

  /** Creates an account. @throws ConflictError `username_taken` */
  async function createAccount(input: {
    username: string;
    password: string;
    fullName: string;
    email?: string | null;
    phone?: string | null;
    role: Role;
    orgUnitId?: string | null;
    idNumber?: string | null;
    passwordChangeRequired?: boolean;
  }): Promise<Account> {
    const passwordHash = await hashPassword(input.password);
    const account = await repo.insertAccount({ db, account: { ...input, passwordHash } });
    if (!account)
      throw new ConflictError('username_taken', msg('Tên đăng nhập đã được sử dụng.', 'This username is already taken.'), [
        {
          field: 'username',
          code: 'username_taken',
          message: msg('«Tên đăng nhập» đã được người khác dùng, vui lòng chọn tên khác.', '"Username" is taken; choose another.'),
        },
      ]);
    log.info({ action: 'account_created', accountId: account.id, role: account.role }, 'account created');
    return account;
  }

  /**
   * Registers a citizen. An identity number given here is what the citizen typed, unverified: it neither
   * brings anyone's dossiers into the account nor is checked against other accounts (so registration never
   * tells whether a number already has one). The `cccd-` user names belong to walk-in accounts.
   * @throws ConflictError `username_taken`; InputError `username_reserved`
   */
  async function registerCitizen(input: {
    username: string;
    password: string;
    fullName: string;
    email?: string | null;
    phone?: string | null;
    idNumber?: string | null;
  }): Promise<Account> {
    if (WALK_IN_USERNAME.test(input.username)) {
      throw new InputError(
        'username_reserved',
        msg(
          'Tên đăng nhập bắt đầu bằng "cccd-" được dành cho hệ thống, vui lòng chọn tên khác.',
          'User names starting with "cccd-" are reserved; choose another.',
        ),
        [
          {
            field: 'username',
            code: 'username_reserved',
            message: msg('Tên đăng nhập bắt đầu bằng "cccd-" được dành cho hệ thống.', 'User names starting with "cccd-" are reserved.'),
          },
        ],
      );
    }
    return createAccount({ ...input, role: 'citizen', orgUnitId: null });
  }

  /**
   * The account verified for this identity number, or a new walk-in account for it (the officer at the
   * counter saw the card: the walk-in account is verified for it). The walk-in account has no usable
   * password; its holder claims its dossiers with the code on the receipt.
   */
  async function findOrCreateWalkIn(
    input: { fullName: string; idNumber: string; phone?: string | null; email?: string | null },
    dbx: DbOrTx = db,
  ): Promise<Account> {
    const found = await repo.findVerifiedAccountByIdNumber({ db: dbx, idNumber: input.idNumber });
    if (found) return found;
    const walkIn = (username: string) =>
      repo.insertAccount({
        db: dbx,
        account: {
          username,
          fullName: input.fullName,
          phone: input.phone ?? null,
          email: input.email ?? null,
          passwordHash: '!walk-in',
          role: 'citizen',
          idNumber: input.idNumber,
          idVerifiedBy: 'counter',
          walkIn: true,
        },
      });
    const created = await walkIn(`cccd-${input.idNumber}`);
    if (created) return created;
    // the name is taken: by a concurrent counter reception for the same person (committed by now), or by an
    // account registered as cccd-<number> before those names were reserved, which keeps its name
    return (
      (await repo.findVerifiedAccountByIdNumber({ db: dbx, idNumber: input.idNumber })) ??
      (await walkIn(`cccd-${input.idNumber}-${randomBytes(3).toString('hex')}`))!
    );
  }

  /** A session in the account's first role (`idToken`: of a single sign-on). */
  async function openSession(account: Account, { idToken }: { idToken?: string } = {}): Promise<Session> {
    const token = randomToken();
    const csrfToken = randomToken();
    const expiresAt = new Date(Date.now() + ttlMs);
    const [first] = await repo.listRoleAssignments({ db, accountId: account.id });
    if (!first) throw new AuthenticationError('login_failed', msg('Tài khoản chưa được giao vai trò nào.', 'The account holds no role.'));
    await repo.insertSession({ db, tokenHash: sha256(token), accountId: account.id, accountRoleId: first.id, csrfToken, expiresAt, idToken });
    return { token, csrfToken, expiresAt, roleId: first.id, idToken, account: { ...account, role: first.role, orgUnitId: first.orgUnitId } };
  }

  /** The session, now working in another role of its account. @throws NotAllowedError `role_not_held` */
  async function switchRole(session: Session, roleId: string): Promise<Session> {
    if (!(await repo.setSessionRole({ db, tokenHash: sha256(session.token), accountRoleId: roleId })))
      throw new NotAllowedError('role_not_held', msg('Tài khoản của bạn không giữ vai trò này.', 'Your account does not hold this role.'));
    log.info({ action: 'role_switched', accountId: session.account.id, roleId }, 'role switched');
    return (await resolveSession(session.token))!;
  }

  /**
   * Changes one's own password (required after an administrator's reset). Other sessions of the account end.
   * @throws InputError `password_wrong` | `password_unchanged`
   */
  /**
   * The holder's profile as they keep it: name, phone, email, date of birth (not in the future) and residence;
   * an empty value clears it. The identity number is not theirs to change here (it may be verified).
   * @throws InputError `date_of_birth_future`
   */
  async function updateProfile(
    accountId: string,
    input: { fullName: string; phone?: string; email?: string; dateOfBirth?: string; residence?: string },
  ): Promise<Account> {
    const orNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
    const dateOfBirth = orNull(input.dateOfBirth);
    if (dateOfBirth && dateOfBirth > new Date().toISOString().slice(0, 10)) {
      const m = msg('«Ngày sinh» không thể ở tương lai.', '"Date of birth" cannot be in the future.');
      throw new InputError('date_of_birth_future', m, [{ field: 'dateOfBirth', code: 'date_of_birth_future', message: m }]);
    }
    await repo.updateProfile({
      db,
      accountId,
      profile: { fullName: input.fullName.trim(), phone: orNull(input.phone), email: orNull(input.email), dateOfBirth, residence: orNull(input.residence) },
    });
    log.info({ action: 'profile_updated', accountId }, 'profile updated');
    return (await repo.findAccountById({ db, id: accountId }))!;
  }

  async function changePassword(session: Session, current: string, next: string): Promise<void> {
    const found = await repo.findAccountForLogin({ db, username: session.account.username });
    if (!found || !(await verifyPassword(found.passwordHash, current)))
      throw new InputError('password_wrong', msg('Mật khẩu hiện tại không đúng.', 'The current password is wrong.'), [
        { field: 'currentPassword', code: 'password_wrong', message: msg('Mật khẩu hiện tại không đúng.', 'The current password is wrong.') },
      ]);
    if (current === next)
      throw new InputError('password_unchanged', msg('Mật khẩu mới phải khác mật khẩu hiện tại.', 'The new password must differ from the current one.'), [
        {
          field: 'newPassword',
          code: 'password_unchanged',
          message: msg('Mật khẩu mới phải khác mật khẩu hiện tại.', 'The new password must differ from the current one.'),
        },
      ]);
    const tokenHash = sha256(session.token);
    await db.transaction(async (tx) => {
      await repo.setPassword({ db: tx, accountId: session.account.id, passwordHash: await hashPassword(next), changeRequired: false });
      await tx('sessions').where({ account_id: session.account.id }).whereNot({ token_hash: tokenHash }).delete();
    });
    log.info({ action: 'password_changed', accountId: session.account.id }, 'password changed');
  }

  /**
   * @param code the authenticator app's code, for an account with a second factor
   * @throws AuthenticationError `login_failed` for a wrong username or password or a disabled account, alike;
   *   `totp_required` | `totp_invalid` after a right password
   */
  async function login(username: string, password: string, code?: string): Promise<Session> {
    const found = await repo.findAccountForLogin({ db, username });
    const ok = found ? await verifyPassword(found.passwordHash, password) : (await verifyPassword(await decoyHash(), password), false);
    // officers', auditors' and administrators' logins and failed logins go into the administration log
    const staff = found && found.account.role !== 'citizen';
    const logLogin = (action: string, reason?: string) =>
      recordChange({
        db,
        change: { actor: null, entity: 'login', entityId: found!.account.id, action, before: null, after: { username, ...(reason ? { reason } : {}) } },
      });
    if (!found || !ok || found.account.disabledAt) {
      log.info({ action: 'login_failed', username }, 'login failed');
      if (staff) await logLogin('login_failed', !ok ? 'password' : 'disabled');
      throw new AuthenticationError('login_failed', msg('Tên đăng nhập hoặc mật khẩu không đúng.', 'Wrong username or password.'));
    }
    if (found.account.totpEnabled)
      await secondFactor.verifyLogin(found.account.id, code).catch(async (e: unknown) => {
        if (staff && (e as { code?: string }).code === 'totp_invalid') await logLogin('login_failed', 'second_factor');
        throw e;
      });
    if (staff) await logLogin('login');
    log.info({ action: 'login', accountId: found.account.id }, 'login');
    return openSession(found.account);
  }

  /** The session of a cookie token, extended on use (sliding expiry); undefined when none is live. */
  async function resolveSession(token: string): Promise<Session | undefined> {
    const tokenHash = sha256(token);
    const found = await repo.findSession({ db, tokenHash });
    if (!found) return undefined;
    let expiresAt = found.expiresAt;
    // extend at most every few minutes, not on every request
    if (expiresAt.getTime() - Date.now() < ttlMs - 5 * 60_000) {
      expiresAt = new Date(Date.now() + ttlMs);
      await repo.extendSession({ db, tokenHash, expiresAt });
    }
    return { token, csrfToken: found.csrfToken, expiresAt, account: found.account, roleId: found.roleId, idToken: found.idToken };
  }

  async function logout(token: string): Promise<void> {
    await repo.deleteSession({ db, tokenHash: sha256(token) });
  }

  return {
    createAccount,
    registerCitizen,
    findOrCreateWalkIn,
    login,
    openSession,
    resolveSession,
    switchRole,
    changePassword,
    updateProfile,
    logout,
    roles: (accountId: string) => repo.listRoleAssignments({ db, accountId }),
    findById: (id: string) => repo.findAccountById({ db, id }),
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;

/**
 * Login sessions in an httpOnly, SameSite=Lax cookie; CSRF protection by a per-session token that every
 * state-changing request must send back in `X-CSRF-Token`; role checks for routes.
 */
import type { RequestHandler, Response } from 'express';
import { parse as parseCookies, serialize } from 'cookie';
import type { AccountsService, Session } from '@motcua/domain/accounts/accounts.service.ts';
import type { Role } from '@motcua/domain/accounts/roles.ts';
import { AuthenticationError, NotAllowedError, msg } from '@motcua/domain/errors/errors.ts';

export const SESSION_COOKIE = 'motcua_sid';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionMiddleware(accounts: AccountsService): RequestHandler {
  return async (req, _res, next) => {
    const token = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
    if (token) {
      const session = await accounts.resolveSession(token);
      if (session) {
        req.session = session;
        req.actor = session.account;
        req.log = req.log.child({ accountId: session.account.id });
      }
    }
    next();
  };
}

/** State-changing requests of a logged-in user must carry the session's CSRF token. */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (SAFE.has(req.method) || !req.session) return next();
  if (req.get('x-csrf-token') !== req.session.csrfToken) {
    throw new NotAllowedError(
      'csrf_token_invalid',
      msg('Phiên làm việc không hợp lệ, vui lòng tải lại trang.', 'Missing or wrong CSRF token; reload the page.'),
    );
  }
  next();
};

export function setSessionCookie(res: Response, session: Session, secure: boolean): void {
  res.append('Set-Cookie', serialize(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: session.expiresAt }));
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.append('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: new Date(0) }));
}

export const requireLogin: RequestHandler = (req, _res, next) => {
  if (!req.actor) throw new AuthenticationError('login_required', msg('Vui lòng đăng nhập.', 'Please log in.'));
  next();
};

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.actor) throw new AuthenticationError('login_required', msg('Vui lòng đăng nhập.', 'Please log in.'));
    if (!roles.includes(req.actor.role))
      throw new NotAllowedError('role_not_allowed', msg('Tài khoản của bạn không có quyền thực hiện chức năng này.', 'Your account may not do this.'));
    next();
  };
}

/** what a session whose password must change may still do: see who it is, change the password, leave */
const OPEN_WHILE_CHANGE_REQUIRED = new Set(['/auth/me', '/auth/password', '/auth/logout', '/health', '/health/ready']);
/** and one whose second factor is required but missing: enrol it, or work in another role */
const OPEN_WHILE_SECOND_FACTOR_MISSING = new Set([...OPEN_WHILE_CHANGE_REQUIRED, '/auth/totp/setup', '/auth/totp/enable', '/auth/role']);

/** Whether the account works as an administrator without the second factor its installation requires. */
export function secondFactorMissing(actor: { role: string; totpEnabled: boolean }, required: boolean): boolean {
  return required && actor.role === 'administrator' && !actor.totpEnabled;
}

/** Administrators must enrol a second factor before anything else, where the installation requires one. */
export function secondFactorGate(required: boolean): RequestHandler {
  return (req, _res, next) => {
    if (!req.actor || !secondFactorMissing(req.actor, required) || OPEN_WHILE_SECOND_FACTOR_MISSING.has(req.path)) return next();
    throw new NotAllowedError(
      'second_factor_required',
      msg('Quản trị hệ thống cần bật xác thực hai bước trước khi tiếp tục.', 'Administrators must turn on two-step verification before going on.'),
    );
  };
}

/** An account whose password an administrator set must choose its own before anything else. */
export const passwordChangeGate: RequestHandler = (req, _res, next) => {
  if (!req.actor?.passwordChangeRequired || OPEN_WHILE_CHANGE_REQUIRED.has(req.path)) return next();
  throw new NotAllowedError(
    'password_change_required',
    msg('Bạn cần đổi mật khẩu tạm thời trước khi tiếp tục.', 'Change your temporary password before going on.'),
  );
};

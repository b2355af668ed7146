/** Register, log in, log out, who am I. */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import { roleNames } from '@motcua/domain/accounts/roles.ts';
import type { Account } from '@motcua/domain/accounts/accounts.repository.ts';
import type { Session } from '@motcua/domain/accounts/accounts.service.ts';
import { AuthenticationError, NotAllowedError, msg } from '@motcua/domain/errors/errors.ts';
import { validBody, validQuery } from '../http/validate.ts';
import { parse as parseCookies, serialize } from 'cookie';
import { SsoError } from '@motcua/domain/accounts/sso.service.ts';
import { clearSessionCookie, requireLogin, secondFactorMissing, setSessionCookie } from '../http/session.ts';
import { sharedRateLimit } from '../http/rate-limit.ts';

const registerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password', 'fullName'],
  properties: {
    username: { type: 'string', pattern: '^[a-zA-Z0-9._@-]{3,64}$' },
    password: { type: 'string', minLength: 10, maxLength: 200 },
    fullName: { type: 'string', minLength: 2, maxLength: 100 },
    email: { type: 'string', format: 'email', maxLength: 200 },
    phone: { type: 'string', pattern: '^0[0-9]{9}$' },
    idNumber: { type: 'string', pattern: '^[0-9]{12}$' },
  },
};

/** the registration's fields in words, and what each must be */
const registerLabels = {
  username: msg('Tên đăng nhập', 'Username'),
  password: msg('Mật khẩu', 'Password'),
  fullName: msg('Họ và tên', 'Full name'),
  email: msg('Thư điện tử', 'Email'),
  phone: msg('Số điện thoại', 'Phone number'),
  idNumber: msg('Số định danh cá nhân', 'Personal identification number'),
};
const registerHints = {
  username: msg('từ 3 đến 64 ký tự, gồm chữ không dấu, chữ số và . _ @ -.', '3 to 64 characters: letters without accents, digits and . _ @ -.'),
  password: msg('ít nhất 10 ký tự.', 'at least 10 characters.'),
  fullName: msg('từ 2 đến 100 ký tự.', '2 to 100 characters.'),
  email: msg('địa chỉ thư điện tử không hợp lệ.', 'not a valid email address.'),
  phone: msg('gồm 10 chữ số, bắt đầu bằng 0.', '10 digits starting with 0.'),
  idNumber: msg('gồm 12 chữ số (số trên thẻ căn cước).', '12 digits (the number on the identity card).'),
};

/** the profile a person keeps: an empty value clears a field */
const profileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['fullName'],
  properties: {
    fullName: { type: 'string', minLength: 2, maxLength: 100, pattern: '\\S' },
    phone: { type: 'string', pattern: '^(0[0-9]{9})?$' },
    email: { type: 'string', maxLength: 200, anyOf: [{ const: '' }, { format: 'email' }] },
    dateOfBirth: { type: 'string', anyOf: [{ const: '' }, { format: 'date' }] },
    residence: { type: 'string', maxLength: 300 },
  },
};
const profileLabels = {
  fullName: msg('Họ và tên', 'Full name'),
  phone: msg('Số điện thoại', 'Phone number'),
  email: msg('Thư điện tử', 'Email'),
  dateOfBirth: msg('Ngày sinh', 'Date of birth'),
  residence: msg('Nơi thường trú', 'Permanent residence'),
};
const profileHints = {
  fullName: msg('từ 2 đến 100 ký tự.', '2 to 100 characters.'),
  phone: msg('gồm 10 chữ số, bắt đầu bằng 0.', '10 digits starting with 0.'),
  email: msg('địa chỉ thư điện tử không hợp lệ.', 'not a valid email address.'),
  dateOfBirth: msg('ngày không hợp lệ.', 'not a valid date.'),
  residence: msg('tối đa 300 ký tự.', 'at most 300 characters.'),
};

const loginSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 200 },
    password: { type: 'string', minLength: 1, maxLength: 200 },
    code: { type: 'string', pattern: '^[0-9]{6}$' },
  },
};
const loginLabels = {
  username: msg('Tên đăng nhập', 'Username'),
  password: msg('Mật khẩu', 'Password'),
  code: msg('Mã xác thực (6 chữ số)', 'Code (6 digits)'),
};
const codeSchema = { type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', pattern: '^[0-9]{6}$' } } };

const passwordSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 200 }, newPassword: { type: 'string', minLength: 10, maxLength: 200 } },
};
const passwordLabels = { currentPassword: msg('Mật khẩu hiện tại', 'Current password'), newPassword: msg('Mật khẩu mới', 'New password') };
/** a forgotten password: the account named by its email or identity number */
const resetRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['identifier'],
  properties: { identifier: { type: 'string', minLength: 3, maxLength: 200, pattern: '\\S' } },
};
const resetRequestLabels = { identifier: msg('Thư điện tử hoặc số định danh cá nhân', 'Email or personal identification number') };
const resetSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['token', 'newPassword'],
  properties: { token: { type: 'string', minLength: 20, maxLength: 200 }, newPassword: { type: 'string', minLength: 10, maxLength: 200 } },
};
const resetLabels = { token: msg('Đường dẫn đặt lại mật khẩu', 'Password reset link'), newPassword: msg('Mật khẩu mới', 'New password') };
const resetHints = { newPassword: msg('ít nhất 10 ký tự.', 'at least 10 characters.') };
const OIDC_STATE_COOKIE = 'motcua_oidc';
const oidcLoginQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { next: { type: 'string', maxLength: 500 }, link: { type: 'boolean' } },
};
const roleSchema = { type: 'object', additionalProperties: false, required: ['roleId'], properties: { roleId: { type: 'string', format: 'uuid' } } };

export function accountView(a: Account) {
  return {
    id: a.id,
    username: a.username,
    fullName: a.fullName,
    email: a.email,
    phone: a.phone,
    role: a.role,
    roleName: roleNames[a.role],
    orgUnitId: a.orgUnitId,
    idNumber: a.idNumber,
    idVerified: a.idVerifiedAt !== null,
    dateOfBirth: a.dateOfBirth,
    residence: a.residence,
    passwordChangeRequired: a.passwordChangeRequired,
    hasPassword: a.hasPassword,
    totpEnabled: a.totpEnabled,
  };
}

/** @param opts.publicUrl where people open motcua: the base of mailed links (never the request's Host, which a sender chooses) */
export function authRoutes(services: Services, opts: { cookieSecure: boolean; loginRateLimit: number; adminTotpRequired: boolean; publicUrl: string }): Router {
  const r = Router();
  const limiter = sharedRateLimit(services.rateLimits, {
    name: 'login',
    windowMs: 15 * 60_000,
    limit: opts.loginRateLimit,
    code: 'too_many_attempts',
    message: msg('Bạn đã thử quá nhiều lần, vui lòng thử lại sau 15 phút.', 'Too many attempts; try again in 15 minutes.'),
  });

  r.post('/register', limiter, validBody(registerSchema, { labels: registerLabels, hints: registerHints }), async (req, res) => {
    const account = await services.accounts.registerCitizen(req.body);
    const session = await services.accounts.login(req.body.username, req.body.password);
    setSessionCookie(res, session, opts.cookieSecure);
    res.status(201).json({ account: accountView(account), csrfToken: session.csrfToken });
  });

  r.post('/login', limiter, validBody(loginSchema, { labels: loginLabels }), async (req, res) => {
    const session = await services.accounts.login(req.body.username, req.body.password, req.body.code);
    setSessionCookie(res, session, opts.cookieSecure);
    res.json({ account: accountView(session.account), csrfToken: session.csrfToken });
  });

  r.post('/logout', requireLogin, async (req, res) => {
    const providerLogout = await services.sso.logoutUrl(req.session!).catch(() => undefined);
    await services.accounts.logout(req.session!.token);
    clearSessionCookie(res, opts.cookieSecure);
    // a single sign-on session ends at the provider too: the browser goes there next
    if (providerLogout) res.json({ logoutUrl: providerLogout });
    else res.status(204).end();
  });

  // single sign-on (OpenID Connect): the login page asks whether it is offered
  r.get('/oidc', (_req, res) => {
    res.json({ enabled: services.sso.enabled, name: services.sso.name });
  });

  r.get('/oidc/login', limiter, validQuery(oidcLoginQuery), async (req, res) => {
    const q = req.query as { next?: string; link?: boolean };
    if (q.link && !req.actor) throw new AuthenticationError('login_required', msg('Vui lòng đăng nhập.', 'Please log in.'));
    const { url, state } = await services.sso.start({ next: q.next, linkAccountId: q.link ? req.actor!.id : undefined });
    res.append(
      'Set-Cookie',
      serialize(OIDC_STATE_COOKIE, state, { httpOnly: true, sameSite: 'lax', secure: opts.cookieSecure, path: '/api/auth/oidc', maxAge: 600 }),
    );
    res.redirect(303, url);
  });

  r.get('/oidc/callback', limiter, async (req, res) => {
    res.append(
      'Set-Cookie',
      serialize(OIDC_STATE_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: opts.cookieSecure, path: '/api/auth/oidc', expires: new Date(0) }),
    );
    try {
      const { session, next } = await services.sso.finish({
        query: req.originalUrl.split('?')[1] ?? '',
        browserState: parseCookies(req.headers.cookie ?? '')[OIDC_STATE_COOKIE],
      });
      setSessionCookie(res, session, opts.cookieSecure);
      res.redirect(303, next || (session.account.role === 'citizen' ? '/ho-so' : '/'));
    } catch (e) {
      if (!(e instanceof SsoError)) throw e;
      res.redirect(303, `/dang-nhap?loi=${e.failure}`);
    }
  });

  /** who is logged in, in which role, and the other roles the account may switch to */
  const me = async (session: Session) => {
    const held = await services.accounts.roles(session.account.id);
    return {
      account: { ...accountView(session.account), secondFactorRequired: secondFactorMissing(session.account, opts.adminTotpRequired) },
      roleId: session.roleId,
      roles: held.map((h) => ({ id: h.id, role: h.role, roleName: roleNames[h.role], orgUnitId: h.orgUnitId, unitName: h.unitName })),
      csrfToken: session.csrfToken,
    };
  };

  r.get('/me', requireLogin, async (req, res) => {
    res.json(await me(req.session!));
  });

  r.post('/role', requireLogin, validBody(roleSchema), async (req, res) => {
    res.json(await me(await services.accounts.switchRole(req.session!, req.body.roleId)));
  });

  // the second factor: enrol (a secret shown once), confirm with a code, turn off with a code
  r.post('/totp/setup', requireLogin, async (req, res) => {
    res.json(await services.secondFactor.setup(req.actor!));
  });
  r.post('/totp/enable', requireLogin, limiter, validBody(codeSchema, { labels: loginLabels }), async (req, res) => {
    await services.secondFactor.enable(req.actor!, req.body.code);
    res.json(await me((await services.accounts.resolveSession(req.session!.token))!));
  });
  r.post('/totp/disable', requireLogin, limiter, validBody(codeSchema, { labels: loginLabels }), async (req, res) => {
    if (secondFactorMissing({ ...req.actor!, totpEnabled: false }, opts.adminTotpRequired))
      throw new NotAllowedError(
        'second_factor_required',
        msg('Quản trị hệ thống bắt buộc dùng xác thực hai bước.', 'Administrators must keep two-step verification.'),
      );
    await services.secondFactor.disable(req.actor!, req.body.code);
    res.json(await me((await services.accounts.resolveSession(req.session!.token))!));
  });

  // the profile the holder keeps (what a new application starts with)
  const profileView = (a: Account) => ({
    fullName: a.fullName,
    idNumber: a.idNumber,
    idVerified: a.idVerifiedAt !== null,
    phone: a.phone ?? '',
    email: a.email ?? '',
    dateOfBirth: a.dateOfBirth ?? '',
    residence: a.residence ?? '',
  });
  r.get('/profile', requireLogin, async (req, res) => {
    res.json(profileView((await services.accounts.findById(req.actor!.id))!));
  });
  r.put('/profile', requireLogin, validBody(profileSchema, { labels: profileLabels, hints: profileHints }), async (req, res) => {
    res.json(profileView(await services.accounts.updateProfile(req.actor!.id, req.body)));
  });

  // a forgotten password: the same answer whether the account exists or not (nobody learns who has one)
  r.post('/password-reset', limiter, validBody(resetRequestSchema, { labels: resetRequestLabels }), async (req, res) => {
    await services.passwordResets.request(req.body.identifier, `${opts.publicUrl}/dat-lai-mat-khau`);
    res.status(202).json({ sent: true });
  });
  r.post('/password-reset/confirm', limiter, validBody(resetSchema, { labels: resetLabels, hints: resetHints }), async (req, res) => {
    await services.passwordResets.reset(req.body.token, req.body.newPassword);
    res.status(204).end();
  });

  r.post('/password', requireLogin, limiter, validBody(passwordSchema, { labels: passwordLabels }), async (req, res) => {
    await services.accounts.changePassword(req.session!, req.body.currentPassword, req.body.newPassword);
    res.json(await me((await services.accounts.resolveSession(req.session!.token))!));
  });

  return r;
}

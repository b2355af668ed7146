/**
 * Single sign-on with an OpenID Connect provider (the national portal's, a VNeID-style one), as a relying
 * party (openid-client): the authorization code flow with PKCE, a state bound to the browser and used once, a
 * nonce, the ID token's signature (against the provider's published keys), issuer, audience and times
 * checked by the library.
 *
 * Who the person is: the account linked to the provider's subject; else, when a logged-in person started the
 * login to link their account, that account; else the account verified for the identity number in the
 * provider's claims (a walk-in account made at the counter is taken over: its holder now logs in this way and
 * sees the dossiers filed for them); else a new citizen account. A number in the configured claim is a
 * verified identity: the provider proved it.
 */
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Db, Tx } from '../db/db.ts';
import { AuthenticationError, InputError, UnavailableError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import { foldVietnamese } from '../text/search.ts';
import * as repo from './accounts.repository.ts';
import type { Account } from './accounts.repository.ts';
import type { AccountsService, Session } from './accounts.service.ts';
import { moveWalkInInto } from './identity.service.ts';

const log = moduleLogger('sso');

/** how long a login may stay at the provider */
const LOGIN_TTL_MS = 10 * 60_000;

export interface SsoSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** what the login button calls the provider */
  name: string;
  scopes: string;
  idNumberClaim: string;
  redirectUri: string;
  /** where the provider's logout sends the browser back */
  postLogoutRedirectUri: string;
  clockToleranceS: number;
}

/** why a single sign-on failed, as the login page words it (codes, never details an attacker could use) */
export type SsoFailure =
  | 'sso_state_invalid'
  | 'sso_token_invalid'
  | 'sso_refused'
  | 'sso_account_disabled'
  | 'sso_unavailable'
  /** the number belongs to an account proved otherwise (a password account): its holder logs in with the password and links */
  | 'sso_link_required'
  /** the account has a second factor, which the provider's login does not give */
  | 'sso_second_factor';

export class SsoError extends AuthenticationError {
  readonly failure: SsoFailure;
  constructor(failure: SsoFailure) {
    super(failure, msg('Đăng nhập một lần không thành công.', 'Single sign-on failed.'));
    this.failure = failure;
  }
}

const ID_NUMBER = /^[0-9]{12}$/;

export function createSsoService({ db, accounts, settings }: { db: Db; accounts: AccountsService; settings: SsoSettings | undefined }) {
  let discovered: Promise<oidc.Configuration> | undefined;

  /** The provider's configuration, discovered once (again after a failure). */
  function provider(): Promise<oidc.Configuration> {
    if (!settings) throw new InputError('sso_disabled', msg('Hệ thống chưa cấu hình đăng nhập một lần.', 'Single sign-on is not configured.'));
    discovered ??= (async () => {
      const issuer = new URL(settings.issuer);
      const insecure = issuer.protocol === 'http:';
      const config = await oidc.discovery(
        issuer,
        settings.clientId,
        { [oidc.clockTolerance]: settings.clockToleranceS },
        settings.clientSecret ? oidc.ClientSecretPost(settings.clientSecret) : oidc.None(),
        // the ID token's signature is checked too, not only the TLS channel it came over
        { execute: insecure ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] : [oidc.enableNonRepudiationChecks] },
      );
      if (insecure) log.warn({ issuer: settings.issuer }, 'the OpenID provider is reached over plain http (development only)');
      return config;
    })();
    discovered.catch(() => (discovered = undefined));
    return discovered;
  }

  /**
   * Where to send the browser to log in, and the state to bind to it (in a cookie).
   * @param next where to go after the login (a path of this site)
   * @param linkAccountId the logged-in account that links its identity at the provider
   */
  async function start({ next, linkAccountId }: { next?: string; linkAccountId?: string }): Promise<{ url: string; state: string }> {
    let config: oidc.Configuration;
    try {
      config = await provider();
    } catch (e) {
      if (e instanceof InputError) throw e;
      log.error({ err: e }, 'the OpenID provider cannot be reached');
      throw new UnavailableError(
        'sso_unavailable',
        msg('Không kết nối được tới dịch vụ đăng nhập một lần, vui lòng thử lại sau.', 'The sign-on service cannot be reached; try again later.'),
      );
    }
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await db('oidc_logins')
      .where('created_at', '<', new Date(Date.now() - LOGIN_TTL_MS))
      .delete();
    await db('oidc_logins').insert({ state, code_verifier: codeVerifier, nonce, next: safeNext(next), link_account_id: linkAccountId ?? null });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: settings!.redirectUri,
      scope: settings!.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      // linking an account: the person proves themself at the provider now, not by a session left open there
      ...(linkAccountId ? { prompt: 'login' } : {}),
    });
    return { url: url.href, state };
  }

  /**
   * The provider sent the browser back: checks the state against the browser's, exchanges the code (PKCE),
   * checks the ID token and its nonce, finds or makes the account, opens a session.
   * @throws SsoError naming what failed
   */
  async function finish({ query, browserState }: { query: string; browserState: string | undefined }): Promise<{ session: Session; next: string }> {
    const params = new URLSearchParams(query);
    const state = params.get('state');
    if (!state || !browserState || state !== browserState) throw new SsoError('sso_state_invalid');
    const login = (await db('oidc_logins').where({ state }).delete().returning('*'))[0] as
      { code_verifier: string; nonce: string; next: string | null; link_account_id: string | null; created_at: Date } | undefined;
    if (!login || login.created_at.getTime() < Date.now() - LOGIN_TTL_MS) throw new SsoError('sso_state_invalid');
    if (params.get('error')) {
      log.info({ action: 'sso_refused', error: params.get('error') }, 'the provider refused the login');
      throw new SsoError('sso_refused');
    }
    const config = await provider().catch((e: unknown) => {
      log.error({ err: e }, 'the OpenID provider cannot be reached');
      throw new SsoError('sso_unavailable');
    });
    const currentUrl = new URL(settings!.redirectUri);
    currentUrl.search = params.toString();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: login.code_verifier,
        expectedState: state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      log.warn({ action: 'sso_token_refused', err: e }, 'the token answer was refused');
      throw new SsoError('sso_token_invalid');
    }
    const claims = tokens.claims()!;
    let info: Record<string, unknown> = claims;
    if (tokens.access_token && config.serverMetadata().userinfo_endpoint) {
      try {
        info = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
      } catch (e) {
        log.warn({ err: e }, 'userinfo failed; going on with the ID token claims');
      }
    }
    const account = await accountForIdentity({ issuer: String(claims.iss), subject: claims.sub, claims: info, linkAccountId: login.link_account_id });
    if (account.disabledAt) throw new SsoError('sso_account_disabled');
    // the provider's login is one factor: an account with a second one logs in with its password and code
    if (account.totpEnabled) throw new SsoError('sso_second_factor');
    const session = await accounts.openSession(account, { idToken: tokens.id_token });
    log.info({ action: 'sso_login', accountId: account.id }, 'single sign-on');
    return { session, next: login.next ?? '' };
  }

  /**
   * The account of the provider's person (see the top of this file), linked to their identity there from now on.
   * Two callbacks of one person at once (two tabs, a double click) wait for each other on the identity, so the
   * second finds the link the first made: one account, never a broken unique index.
   */
  async function accountForIdentity({
    issuer,
    subject,
    claims,
    linkAccountId,
  }: {
    issuer: string;
    subject: string;
    claims: Record<string, unknown>;
    linkAccountId: string | null;
  }): Promise<Account> {
    return db.transaction(async (tx) => {
      // a row lock cannot hold a link not yet made: one identity is resolved by one transaction at a time
      await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [`motcua.sso.${issuer}\n${subject}`]);
      return accountFor(tx, issuer, subject, claims, linkAccountId);
    });
  }

  async function accountFor(tx: Tx, issuer: string, subject: string, claims: Record<string, unknown>, linkAccountId: string | null): Promise<Account> {
    const linked = await tx('account_identities').where({ issuer, subject }).forUpdate().first('account_id');
    if (linked) {
      await tx('account_identities').where({ issuer, subject }).update({ last_login_at: tx.fn.now() });
      return (await repo.findAccountById({ db: tx, id: linked.account_id }))!;
    }
    const raw = claims[settings!.idNumberClaim];
    const idNumber = typeof raw === 'string' && ID_NUMBER.test(raw) ? raw : undefined;
    const verifiedHolder = idNumber ? await repo.findVerifiedAccountByIdNumber({ db: tx, idNumber }) : undefined;
    let account: Account;
    if (linkAccountId) {
      // a logged-in person links their account: it becomes theirs at the provider, proved for the number
      account = (await repo.findAccountById({ db: tx, id: linkAccountId }))!;
      if (idNumber && account.role === 'citizen' && (!account.idVerifiedAt || account.idNumber === idNumber)) {
        if (verifiedHolder?.walkIn) await moveWalkInInto(tx, verifiedHolder, account, 'sso');
        else if (!verifiedHolder) await repo.verifyIdNumber({ db: tx, accountId: account.id, idNumber, by: 'sso' });
      }
    } else if (verifiedHolder) {
      // a number proved at the counter (walk-in) or by the provider itself logs in; one proved otherwise (a
      // receipt's claim code) is not taken on the number alone: its holder logs in with the password and links
      const provedBy = (await tx('accounts').where({ id: verifiedHolder.id }).first('id_verified_by'))?.id_verified_by as string | null;
      if (!verifiedHolder.walkIn && provedBy !== 'sso') throw new SsoError('sso_link_required');
      account = verifiedHolder;
      if (account.walkIn) {
        // the counter's walk-in account becomes the person's own: they log in with the provider from now on
        await tx('accounts')
          .where({ id: account.id })
          .update({ walk_in: false, id_verified_by: 'sso', email: account.email ?? stringClaim(claims.email), updated_at: tx.fn.now() });
        await tx('account_claims')
          .where({ walk_in_account_id: account.id })
          .whereNull('claimed_at')
          .update({ claimed_by: account.id, claimed_at: tx.fn.now() });
        account = (await repo.findAccountById({ db: tx, id: account.id }))!;
      }
    } else {
      const fullName = stringClaim(claims.name) ?? ([stringClaim(claims.family_name), stringClaim(claims.given_name)].filter(Boolean).join(' ') || 'Công dân');
      account = (await repo.insertAccount({
        db: tx,
        account: {
          username: `sso-${
            foldVietnamese(fullName)
              .replace(/[^a-z0-9]+/g, '')
              .slice(0, 20) || 'congdan'
          }-${randomBytes(4).toString('hex')}`,
          fullName,
          email: stringClaim(claims.email),
          phone: stringClaim(claims.phone_number),
          // no password: this account logs in with the provider
          passwordHash: '!sso',
          role: 'citizen',
          idNumber: idNumber ?? null,
          idVerifiedBy: idNumber ? 'sso' : null,
        },
      }))!;
    }
    await tx('account_identities').insert({ issuer, subject, account_id: account.id, last_login_at: tx.fn.now() });
    log.info({ action: 'sso_identity_linked', accountId: account.id, linked: Boolean(linkAccountId), verified: Boolean(idNumber) }, 'identity linked');
    return account;
  }

  /** Where to send the browser to end its session at the provider too (none for a local session). */
  async function logoutUrl(session: Session): Promise<string | undefined> {
    if (!settings || !session.idToken) return undefined;
    const config = await provider();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return oidc.buildEndSessionUrl(config, { id_token_hint: session.idToken, post_logout_redirect_uri: settings.postLogoutRedirectUri }).href;
  }

  return { enabled: Boolean(settings), name: settings?.name ?? null, start, finish, accountForIdentity, logoutUrl };
}

const stringClaim = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : null);

/** Only a path of this site (never another site: an open redirect). */
function safeNext(next: string | undefined): string | null {
  return next && /^\/(?![/\\])/.test(next) ? next.slice(0, 500) : null;
}

export type SsoService = ReturnType<typeof createSsoService>;

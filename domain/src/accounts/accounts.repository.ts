/** Accounts and login sessions in the application database. */
import type { DbOrTx } from '../db/db.ts';
import { foldVietnamese } from '../text/search.ts';
import type { Role } from './roles.ts';

export interface Account {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  role: Role;
  orgUnitId: string | null;
  /** citizen identity number (CCCD), when known; trusted only when `idVerifiedAt` is set */
  idNumber: string | null;
  idVerifiedAt: Date | null;
  /** yyyy-MM-dd, from the holder's profile */
  dateOfBirth: string | null;
  /** permanent residence, from the holder's profile */
  residence: string | null;
  /** made at the counter for an applicant without an account (no password) */
  walkIn: boolean;
  disabledAt: Date | null;
  /** an administrator created the account or reset its password: the holder must choose a new one */
  passwordChangeRequired: boolean;
  /** whether it has a password at all (walk-in and single sign-on accounts have none) */
  hasPassword: boolean;
  /** the login asks for a code from an authenticator app too */
  totpEnabled: boolean;
}

/** A role an account holds, in a unit (none for citizens and city-wide administrators). */
export interface RoleAssignment {
  id: string;
  role: Role;
  orgUnitId: string | null;
  unitName: string | null;
}

interface DbAccountRow {
  id: string;
  username: string;
  full_name: string;
  /** full_name folded, for search */
  search_name: string | null;
  email: string | null;
  phone: string | null;
  password_hash: string;
  role: Role;
  org_unit_id: string | null;
  id_number: string | null;
  id_verified_at: Date | null;
  id_verified_by: string | null;
  date_of_birth: string | null;
  residence: string | null;
  walk_in: boolean;
  created_at: Date;
  disabled_at: Date | null;
  password_change_required: boolean;
  totp_secret: string | null;
}

const toAccount = (r: DbAccountRow): Account => ({
  id: r.id,
  username: r.username,
  fullName: r.full_name,
  email: r.email,
  phone: r.phone,
  role: r.role,
  orgUnitId: r.org_unit_id,
  idNumber: r.id_number,
  idVerifiedAt: r.id_verified_at,
  dateOfBirth: r.date_of_birth ?? null,
  residence: r.residence ?? null,
  walkIn: r.walk_in,
  disabledAt: r.disabled_at,
  passwordChangeRequired: r.password_change_required,
  hasPassword: !r.password_hash.startsWith('!'),
  totpEnabled: r.totp_secret !== null,
});

/** The one account whose holder proved this identity number (an unverified number is only what someone typed). */
export async function findVerifiedAccountByIdNumber({ db, idNumber }: { db: DbOrTx; idNumber: string }): Promise<Account | undefined> {
  const row = await db<DbAccountRow>('accounts').where({ id_number: idNumber }).whereNotNull('id_verified_at').first();
  return row && toAccount(row);
}

/** Records that the account's holder proved `idNumber` (`by`: counter | claim_code | seed | sso). */
export async function verifyIdNumber({ db, accountId, idNumber, by }: { db: DbOrTx; accountId: string; idNumber: string; by: string }): Promise<void> {
  await db('accounts').where({ id: accountId }).update({ id_number: idNumber, id_verified_at: db.fn.now(), id_verified_by: by });
}

export async function setPassword({
  db,
  accountId,
  passwordHash,
  changeRequired,
}: {
  db: DbOrTx;
  accountId: string;
  passwordHash: string;
  changeRequired: boolean;
}): Promise<void> {
  await db('accounts').where({ id: accountId }).update({ password_hash: passwordHash, password_change_required: changeRequired, updated_at: db.fn.now() });
}

/** What the holder keeps in their profile; the name, phone and email as the account has them. */
export async function updateProfile({
  db,
  accountId,
  profile,
}: {
  db: DbOrTx;
  accountId: string;
  profile: { fullName: string; phone: string | null; email: string | null; dateOfBirth: string | null; residence: string | null };
}): Promise<void> {
  await db('accounts')
    .where({ id: accountId })
    .update({
      full_name: profile.fullName,
      search_name: foldVietnamese(profile.fullName),
      phone: profile.phone,
      email: profile.email,
      date_of_birth: profile.dateOfBirth,
      residence: profile.residence,
    });
}

export async function findAccountById({ db, id }: { db: DbOrTx; id: string }): Promise<Account | undefined> {
  const row = await db<DbAccountRow>('accounts').where({ id }).first();
  return row && toAccount(row);
}

/** The account and its password hash, by username (case-insensitive). */
export async function findAccountForLogin({ db, username }: { db: DbOrTx; username: string }): Promise<{ account: Account; passwordHash: string } | undefined> {
  const row = await db<DbAccountRow>('accounts').whereRaw('lower(username) = lower(?)', [username]).first();
  return row && { account: toAccount(row), passwordHash: row.password_hash };
}

export interface NewAccount {
  username: string;
  fullName: string;
  email?: string | null;
  phone?: string | null;
  passwordHash: string;
  role: Role;
  orgUnitId?: string | null;
  idNumber?: string | null;
  /** how the identity number was proved, when it was (counter, seed, sso) */
  idVerifiedBy?: string | null;
  walkIn?: boolean;
  passwordChangeRequired?: boolean;
}

/** @returns the account, or undefined when the username is taken */
export async function insertAccount({ db, account }: { db: DbOrTx; account: NewAccount }): Promise<Account | undefined> {
  const rows = await db<DbAccountRow>('accounts')
    .insert({
      username: account.username.toLowerCase(),
      full_name: account.fullName,
      search_name: foldVietnamese(account.fullName),
      email: account.email ?? null,
      phone: account.phone ?? null,
      password_hash: account.passwordHash,
      role: account.role,
      org_unit_id: account.orgUnitId ?? null,
      id_number: account.idNumber ?? null,
      id_verified_at: account.idNumber && account.idVerifiedBy ? db.fn.now() : null,
      id_verified_by: account.idNumber && account.idVerifiedBy ? account.idVerifiedBy : null,
      walk_in: account.walkIn ?? false,
      password_change_required: account.passwordChangeRequired ?? false,
    })
    .onConflict(db.raw('(lower(username))'))
    .ignore()
    .returning('*');
  return rows[0] && toAccount(rows[0] as DbAccountRow);
}

/** The active accounts holding `role` in a unit (as any of their roles), by username. */
export async function listAccountsByUnitAndRole({ db, orgUnitId, role }: { db: DbOrTx; orgUnitId: string; role: Role }): Promise<Account[]> {
  const rows = await db('accounts as a')
    .whereExists((q) => q.from('account_roles as r').whereRaw('r.account_id = a.id').where({ 'r.org_unit_id': orgUnitId, 'r.role': role }))
    .whereNull('a.disabled_at')
    .orderBy('a.username')
    .select('a.*');
  return (rows as DbAccountRow[]).map(toAccount);
}

/** The roles an account holds, its first role (the one a login starts in) first. */
export async function listRoleAssignments({ db, accountId }: { db: DbOrTx; accountId: string }): Promise<RoleAssignment[]> {
  const rows = await db('account_roles as r')
    .join('accounts as a', 'a.id', 'r.account_id')
    .leftJoin('org_units as u', 'u.id', 'r.org_unit_id')
    .where('r.account_id', accountId)
    .orderByRaw('(r.role = a.role and r.org_unit_id is not distinct from a.org_unit_id) desc, r.created_at, r.id')
    .select('r.id', 'r.role', 'r.org_unit_id', 'u.name as unit_name');
  return rows.map((r: { id: string; role: Role; org_unit_id: string | null; unit_name: string | null }) => ({
    id: r.id,
    role: r.role,
    orgUnitId: r.org_unit_id,
    unitName: r.unit_name,
  }));
}

interface DbSessionRow {
  token_hash: string;
  account_id: string;
  account_role_id: string | null;
  csrf_token: string;
  id_token: string | null;
  created_at: Date;
  expires_at: Date;
}

export async function insertSession({
  db,
  tokenHash,
  accountId,
  accountRoleId,
  csrfToken,
  expiresAt,
  idToken,
}: {
  db: DbOrTx;
  tokenHash: string;
  accountId: string;
  /** the role the session works in */
  accountRoleId: string;
  csrfToken: string;
  expiresAt: Date;
  /** the OpenID provider's ID token, for a single sign-on session */
  idToken?: string | null;
}): Promise<void> {
  await db<DbSessionRow>('sessions').insert({
    token_hash: tokenHash,
    account_id: accountId,
    account_role_id: accountRoleId,
    csrf_token: csrfToken,
    expires_at: expiresAt,
    id_token: idToken ?? null,
  });
}

/** Switches a session to another role of its account. @returns false when the role is not the account's */
export async function setSessionRole({ db, tokenHash, accountRoleId }: { db: DbOrTx; tokenHash: string; accountRoleId: string }): Promise<boolean> {
  const n = await db('sessions')
    .where({ token_hash: tokenHash })
    .whereExists((q) => q.from('account_roles as r').where('r.id', accountRoleId).whereRaw('r.account_id = sessions.account_id'))
    .update({ account_role_id: accountRoleId });
  return n === 1;
}

/** Ends every session of an account (deactivation, password reset). */
export async function deleteSessionsOf({ db, accountId }: { db: DbOrTx; accountId: string }): Promise<void> {
  await db('sessions').where({ account_id: accountId }).delete();
}

/**
 * A live session with its account acting in the session's role (`role`, `orgUnitId` are that role's); expired
 * sessions, sessions whose role was taken away and disabled accounts are not found.
 */
export async function findSession({
  db,
  tokenHash,
}: {
  db: DbOrTx;
  tokenHash: string;
}): Promise<{ account: Account; roleId: string; csrfToken: string; expiresAt: Date; idToken: string | null } | undefined> {
  const row = await db('sessions as s')
    .join('accounts as a', 'a.id', 's.account_id')
    .join('account_roles as r', 'r.id', 's.account_role_id')
    .where('s.token_hash', tokenHash)
    .where('s.expires_at', '>', db.fn.now())
    .whereNull('a.disabled_at')
    .select(
      'a.*',
      'r.role as session_role',
      'r.org_unit_id as session_org_unit_id',
      'r.id as session_role_id',
      's.csrf_token',
      's.expires_at as session_expires_at',
      's.id_token',
    )
    .first();
  if (!row) return undefined;
  const account = { ...toAccount(row as DbAccountRow), role: row.session_role as Role, orgUnitId: row.session_org_unit_id as string | null };
  return {
    account,
    roleId: row.session_role_id as string,
    csrfToken: row.csrf_token as string,
    expiresAt: row.session_expires_at as Date,
    idToken: (row.id_token as string | null) ?? null,
  };
}

export async function extendSession({ db, tokenHash, expiresAt }: { db: DbOrTx; tokenHash: string; expiresAt: Date }): Promise<void> {
  await db('sessions').where({ token_hash: tokenHash }).update({ expires_at: expiresAt });
}

export async function deleteSession({ db, tokenHash }: { db: DbOrTx; tokenHash: string }): Promise<void> {
  await db('sessions').where({ token_hash: tokenHash }).delete();
}

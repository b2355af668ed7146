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
  /** made at the counter for an applicant without an account (no password) */
  walkIn: boolean;
  disabledAt: Date | null;
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
  walk_in: boolean;
  created_at: Date;
  disabled_at: Date | null;
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
  walkIn: r.walk_in,
  disabledAt: r.disabled_at,
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
    })
    .onConflict(db.raw('(lower(username))'))
    .ignore()
    .returning('*');
  return rows[0] && toAccount(rows[0] as DbAccountRow);
}

export async function listAccountsByUnitAndRole({ db, orgUnitId, role }: { db: DbOrTx; orgUnitId: string; role: Role }): Promise<Account[]> {
  const rows = await db<DbAccountRow>('accounts').where({ org_unit_id: orgUnitId, role }).whereNull('disabled_at').orderBy('username');
  return rows.map(toAccount);
}

interface DbSessionRow {
  token_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: Date;
  expires_at: Date;
}

export async function insertSession({
  db,
  tokenHash,
  accountId,
  csrfToken,
  expiresAt,
}: {
  db: DbOrTx;
  tokenHash: string;
  accountId: string;
  csrfToken: string;
  expiresAt: Date;
}): Promise<void> {
  await db<DbSessionRow>('sessions').insert({ token_hash: tokenHash, account_id: accountId, csrf_token: csrfToken, expires_at: expiresAt });
}

/** A live session with its account; expired sessions and disabled accounts are not found. */
export async function findSession({
  db,
  tokenHash,
}: {
  db: DbOrTx;
  tokenHash: string;
}): Promise<{ account: Account; csrfToken: string; expiresAt: Date } | undefined> {
  const row = await db('sessions as s')
    .join('accounts as a', 'a.id', 's.account_id')
    .where('s.token_hash', tokenHash)
    .where('s.expires_at', '>', db.fn.now())
    .whereNull('a.disabled_at')
    .select('a.*', 's.csrf_token', 's.expires_at as session_expires_at')
    .first();
  return row && { account: toAccount(row as DbAccountRow), csrfToken: row.csrf_token as string, expiresAt: row.session_expires_at as Date };
}

export async function extendSession({ db, tokenHash, expiresAt }: { db: DbOrTx; tokenHash: string; expiresAt: Date }): Promise<void> {
  await db('sessions').where({ token_hash: tokenHash }).update({ expires_at: expiresAt });
}

export async function deleteSession({ db, tokenHash }: { db: DbOrTx; tokenHash: string }): Promise<void> {
  await db('sessions').where({ token_hash: tokenHash }).delete();
}

/** Officers and administrators as the people pages see them: an account with the roles it holds in units. */
import type { DbOrTx } from '../db/db.ts';
import { foldVietnamese } from '../text/search.ts';
import type { Role } from './roles.ts';

export interface HeldRole {
  id: string;
  role: Role;
  orgUnitId: string | null;
  unitName: string | null;
  agencyCode: string | null;
}

export interface Person {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  disabledAt: Date | null;
  passwordChangeRequired: boolean;
  /** has a second factor (an authenticator app) */
  totpEnabled: boolean;
  createdAt: Date;
  /** the first role (the one a login starts in) first */
  roles: HeldRole[];
}

interface DbPersonRow {
  id: string;
  username: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  disabled_at: Date | null;
  password_change_required: boolean;
  totp_secret: string | null;
  created_at: Date;
  roles: { id: string; role: Role; org_unit_id: string | null; unit_name: string | null; agency_code: string | null }[];
}

const toPerson = (r: DbPersonRow): Person => ({
  id: r.id,
  username: r.username,
  fullName: r.full_name,
  email: r.email,
  phone: r.phone,
  disabledAt: r.disabled_at,
  passwordChangeRequired: r.password_change_required,
  totpEnabled: r.totp_secret !== null,
  createdAt: r.created_at,
  roles: r.roles.map((x) => ({ id: x.id, role: x.role, orgUnitId: x.org_unit_id, unitName: x.unit_name, agencyCode: x.agency_code })),
});

/** the roles of `a`, the first role first, as a JSON array */
const ROLES_OF = `coalesce((select json_agg(json_build_object('id', r.id, 'role', r.role, 'org_unit_id', r.org_unit_id, 'unit_name', u.name, 'agency_code', u.agency_code)
    order by (r.role = a.role and r.org_unit_id is not distinct from a.org_unit_id) desc, r.created_at, r.id)
  from account_roles r left join org_units u on u.id = r.org_unit_id where r.account_id = a.id), '[]'::json) as roles`;

export interface PeopleFilter {
  /** only people holding a role in one of these units (a scoped administrator's region); all when undefined */
  unitIds?: string[];
  /** a part of the name or user name, accents ignored */
  q?: string;
  includeDisabled: boolean;
  limit: number;
  offset: number;
}

/** Officers, auditors and administrators (citizens are not administered here), by name. */
export async function listPeople({ db, filter }: { db: DbOrTx; filter: PeopleFilter }): Promise<{ items: Person[]; total: number }> {
  const q = db('accounts as a').whereExists((s) => {
    s.from('account_roles as r').whereRaw('r.account_id = a.id').whereNot('r.role', 'citizen');
    if (filter.unitIds) s.whereIn('r.org_unit_id', filter.unitIds);
  });
  if (!filter.includeDisabled) q.whereNull('a.disabled_at');
  if (filter.q) {
    const like = `%${foldVietnamese(filter.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q.where((w) => w.whereILike('a.search_name', like).orWhereILike('a.username', like));
  }
  const [{ n }] = (await q.clone().count({ n: '*' })) as [{ n: string }];
  const rows = await q.orderBy('a.search_name').orderBy('a.username').limit(filter.limit).offset(filter.offset).select('a.*', db.raw(ROLES_OF));
  return { items: (rows as DbPersonRow[]).map(toPerson), total: Number(n) };
}

export async function findPerson({ db, id, lock = false }: { db: DbOrTx; id: string; lock?: boolean }): Promise<Person | undefined> {
  const q = db('accounts as a').where('a.id', id).select('a.*', db.raw(ROLES_OF)).first();
  if (lock) q.forUpdate();
  const row = (await q) as DbPersonRow | undefined;
  return row && toPerson(row);
}

/** The user names of this list that are taken (case-insensitive). */
export async function takenUsernames({ db, usernames }: { db: DbOrTx; usernames: string[] }): Promise<Set<string>> {
  if (!usernames.length) return new Set();
  const rows = await db('accounts')
    .whereRaw('lower(username) = any(?)', [usernames.map((u) => u.toLowerCase())])
    .select('username');
  return new Set(rows.map((r: { username: string }) => r.username.toLowerCase()));
}

/** @returns the new role's id, or undefined when the account already holds it */
export async function insertRole({
  db,
  accountId,
  role,
  orgUnitId,
}: {
  db: DbOrTx;
  accountId: string;
  role: Role;
  orgUnitId: string | null;
}): Promise<string | undefined> {
  const rows = await db('account_roles')
    .insert({ account_id: accountId, role, org_unit_id: orgUnitId })
    .onConflict(db.raw(`(account_id, role, coalesce(org_unit_id, '00000000-0000-0000-0000-000000000000'::uuid))`))
    .ignore()
    .returning('id');
  return (rows[0] as { id: string } | undefined)?.id;
}

/** Takes a role away (its sessions end); when it was the first role, the next one becomes first. */
export async function deleteRole({ db, accountId, roleId }: { db: DbOrTx; accountId: string; roleId: string }): Promise<void> {
  await db('account_roles').where({ id: roleId, account_id: accountId }).delete();
  await db.raw(
    `update accounts a set role = r.role, org_unit_id = r.org_unit_id, updated_at = now()
       from (select role, org_unit_id from account_roles where account_id = ? order by created_at, id limit 1) r
      where a.id = ? and not exists (select 1 from account_roles x where x.account_id = a.id and x.role = a.role and x.org_unit_id is not distinct from a.org_unit_id)`,
    [accountId, accountId],
  );
}

export async function setDisabled({ db, accountId, disabled }: { db: DbOrTx; accountId: string; disabled: boolean }): Promise<void> {
  await db('accounts')
    .where({ id: accountId })
    .update({ disabled_at: disabled ? db.fn.now() : null, updated_at: db.fn.now() });
}

export async function updateContact({
  db,
  accountId,
  patch,
}: {
  db: DbOrTx;
  accountId: string;
  patch: { fullName?: string; email?: string | null; phone?: string | null };
}): Promise<void> {
  await db('accounts')
    .where({ id: accountId })
    .update({
      ...(patch.fullName !== undefined ? { full_name: patch.fullName, search_name: foldVietnamese(patch.fullName) } : {}),
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
      updated_at: db.fn.now(),
    });
}

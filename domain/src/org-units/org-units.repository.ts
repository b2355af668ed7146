/** Org units (administrative units) in the application database. */
import type { DbOrTx } from '../db/db.ts';

export interface OrgUnit {
  id: string;
  parentId: string | null;
  name: string;
  agencyCode: string;
}

interface DbOrgUnitRow {
  id: string;
  parent_id: string | null;
  name: string;
  agency_code: string;
  created_at: Date;
}

const toOrgUnit = (r: DbOrgUnitRow): OrgUnit => ({ id: r.id, parentId: r.parent_id, name: r.name, agencyCode: r.agency_code });

export async function findOrgUnit({ db, id }: { db: DbOrTx; id: string }): Promise<OrgUnit | undefined> {
  const row = await db<DbOrgUnitRow>('org_units').where({ id }).first();
  return row && toOrgUnit(row);
}

export async function findOrgUnitByAgencyCode({ db, agencyCode }: { db: DbOrTx; agencyCode: string }): Promise<OrgUnit | undefined> {
  const row = await db<DbOrgUnitRow>('org_units').where({ agency_code: agencyCode }).first();
  return row && toOrgUnit(row);
}

export async function listOrgUnits({ db }: { db: DbOrTx }): Promise<OrgUnit[]> {
  return (await db<DbOrgUnitRow>('org_units').orderBy('agency_code')).map(toOrgUnit);
}

/** Inserts a unit, or returns the existing one with the same agency code. */
export async function upsertOrgUnit({ db, unit }: { db: DbOrTx; unit: { name: string; agencyCode: string; parentId?: string | null } }): Promise<OrgUnit> {
  const [row] = await db<DbOrgUnitRow>('org_units')
    .insert({ name: unit.name, agency_code: unit.agencyCode, parent_id: unit.parentId ?? null })
    .onConflict('agency_code')
    .merge(['name', 'parent_id'])
    .returning('*');
  return toOrgUnit(row as DbOrgUnitRow);
}

/** The unit and every unit below it, at any depth. */
export async function unitAndDescendants({ db, id }: { db: DbOrTx; id: string }): Promise<string[]> {
  const { rows } = await db.raw<{ rows: { id: string }[] }>(
    `with recursive scope(id) as (select id from org_units where id = ? union select u.id from org_units u join scope s on u.parent_id = s.id) select id from scope`,
    [id],
  );
  return rows.map((r) => r.id);
}

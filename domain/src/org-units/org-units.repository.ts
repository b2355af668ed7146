/** Org units (administrative units) in the application database. */
import type { DbOrTx } from '../db/db.ts';
import type { UnitLevel } from './unit-levels.ts';

export { unitLevels, type UnitLevel } from './unit-levels.ts';

export interface OrgUnit {
  id: string;
  parentId: string | null;
  name: string;
  agencyCode: string;
  level: UnitLevel;
  /** fields (lĩnh vực) the unit handles */
  fields: string[];
  address: string | null;
  deactivatedAt: Date | null;
}

interface DbOrgUnitRow {
  id: string;
  parent_id: string | null;
  name: string;
  agency_code: string;
  level: UnitLevel;
  fields: string[];
  address: string | null;
  deactivated_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const toOrgUnit = (r: DbOrgUnitRow): OrgUnit => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  agencyCode: r.agency_code,
  level: r.level,
  fields: r.fields ?? [],
  address: r.address,
  deactivatedAt: r.deactivated_at,
});

export async function findOrgUnit({ db, id }: { db: DbOrTx; id: string }): Promise<OrgUnit | undefined> {
  const row = await db<DbOrgUnitRow>('org_units').where({ id }).first();
  return row && toOrgUnit(row);
}

/** A unit and its parent, in one statement (documents print both in their heading). */
export async function findOrgUnitWithParent({ db, id }: { db: DbOrTx; id: string }): Promise<{ unit: OrgUnit; parent: OrgUnit | undefined } | undefined> {
  const rows = await db<DbOrgUnitRow>('org_units').where({ id }).orWhere('id', db('org_units').where({ id }).select('parent_id'));
  const unit = rows.find((r) => r.id === id);
  if (!unit) return undefined;
  const parent = unit.parent_id ? rows.find((r) => r.id === unit.parent_id) : undefined;
  return { unit: toOrgUnit(unit), parent: parent && toOrgUnit(parent) };
}

export async function findOrgUnitByAgencyCode({ db, agencyCode }: { db: DbOrTx; agencyCode: string }): Promise<OrgUnit | undefined> {
  const row = await db<DbOrgUnitRow>('org_units').where({ agency_code: agencyCode }).first();
  return row && toOrgUnit(row);
}

export async function listOrgUnits({ db }: { db: DbOrTx }): Promise<OrgUnit[]> {
  return (await db<DbOrgUnitRow>('org_units').orderBy('agency_code')).map(toOrgUnit);
}

/** Inserts a unit, or returns the existing one with the same agency code. */
export async function upsertOrgUnit({
  db,
  unit,
}: {
  db: DbOrTx;
  unit: { name: string; agencyCode: string; parentId?: string | null; level?: UnitLevel; fields?: string[] };
}): Promise<OrgUnit> {
  const [row] = await db<DbOrgUnitRow>('org_units')
    .insert({
      name: unit.name,
      agency_code: unit.agencyCode,
      parent_id: unit.parentId ?? null,
      level: unit.level ?? (unit.parentId ? 'commune' : 'province'),
      fields: unit.fields ?? [],
    })
    .onConflict('agency_code')
    .merge(['name', 'parent_id'])
    .returning('*');
  return toOrgUnit(row as DbOrgUnitRow);
}

/** Inserts a new unit. @returns undefined when its agency code is taken */
export async function insertOrgUnit({
  db,
  unit,
}: {
  db: DbOrTx;
  unit: { name: string; agencyCode: string; parentId: string | null; level: UnitLevel; fields: string[]; address: string | null };
}): Promise<OrgUnit | undefined> {
  const [row] = await db<DbOrgUnitRow>('org_units')
    .insert({ name: unit.name, agency_code: unit.agencyCode, parent_id: unit.parentId, level: unit.level, fields: unit.fields, address: unit.address })
    .onConflict('agency_code')
    .ignore()
    .returning('*');
  return row ? toOrgUnit(row as DbOrgUnitRow) : undefined;
}

export type OrgUnitPatch = Partial<{
  name: string;
  parentId: string | null;
  level: UnitLevel;
  fields: string[];
  address: string | null;
  deactivatedAt: Date | null;
}>;

/** Changes a unit. @returns the unit as it is now */
export async function updateOrgUnit({ db, id, patch }: { db: DbOrTx; id: string; patch: OrgUnitPatch }): Promise<OrgUnit> {
  const columns: Record<string, unknown> = { updated_at: db.fn.now() };
  if (patch.name !== undefined) columns.name = patch.name;
  if (patch.parentId !== undefined) columns.parent_id = patch.parentId;
  if (patch.level !== undefined) columns.level = patch.level;
  if (patch.fields !== undefined) columns.fields = patch.fields;
  if (patch.address !== undefined) columns.address = patch.address;
  if (patch.deactivatedAt !== undefined) columns.deactivated_at = patch.deactivatedAt;
  const [row] = await db<DbOrgUnitRow>('org_units').where({ id }).update(columns).returning('*');
  return toOrgUnit(row as DbOrgUnitRow);
}

/** Locks a unit's row for the rest of the transaction. */
export async function lockOrgUnit({ db, id }: { db: DbOrTx; id: string }): Promise<OrgUnit | undefined> {
  const row = await db<DbOrgUnitRow>('org_units').where({ id }).forUpdate().first();
  return row && toOrgUnit(row);
}

/** The unit and every unit below it, at any depth. */
export async function unitAndDescendants({ db, id }: { db: DbOrTx; id: string }): Promise<string[]> {
  const { rows } = await db.raw<{ rows: { id: string }[] }>(
    `with recursive scope(id) as (select id from org_units where id = ? union select u.id from org_units u join scope s on u.parent_id = s.id) select id from scope`,
    [id],
  );
  return rows.map((r) => r.id);
}

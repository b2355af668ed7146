/**
 * The organisation as administrators keep it: the unit tree (agency codes, levels, fields, addresses),
 * created, edited, moved, deactivated and reactivated. A deactivated unit receives and handles nothing new;
 * its dossiers, people and reports stay as they were.
 *
 * Administrators are scoped by data region: one whose account belongs to a unit manages that unit's subtree
 * (below its own unit: it cannot move or deactivate the root of its region); one without a unit manages the
 * whole city. Every change is recorded in the administration log in its own transaction.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import { listChanges, recordChange, type AuditEntry } from '../audit/admin-audit.repository.ts';
import type { Db, DbOrTx, Tx } from '../db/db.ts';
import { ConflictError, InputError, NotAllowedError, NotFoundError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import * as repo from './org-units.repository.ts';
import type { OrgUnit, UnitLevel } from './org-units.repository.ts';

const log = moduleLogger('org-units');

export interface NewUnit {
  name: string;
  agencyCode: string;
  parentId: string;
  level: UnitLevel;
  fields?: string[];
  address?: string | null;
}

export type UnitChanges = Partial<Pick<NewUnit, 'name' | 'level' | 'fields' | 'address'>>;

interface Ctx {
  requestId?: string;
}

const unitNotFound = () => new NotFoundError('org_unit_not_found', msg('Không tìm thấy đơn vị.', 'Unit not found.'));
const outsideRegion = () =>
  new NotAllowedError('org_unit_outside_scope', msg('Đơn vị này nằm ngoài phạm vi bạn được quản trị.', 'This unit is outside the region you administer.'));

/** An administrator's region: every unit (city-wide) or the units of its own unit's subtree. */
export interface AdminRegion {
  cityWide: boolean;
  root: string | null;
  units: Set<string>;
  has(unitId: string | null): boolean;
}

/** The region of an administrator (working in an administrator's role). @throws NotAllowedError `administrators_only` */
export async function adminRegionOf({ db, actor }: { db: DbOrTx; actor: Account }): Promise<AdminRegion> {
  if (actor.role !== 'administrator')
    throw new NotAllowedError('administrators_only', msg('Chức năng dành cho quản trị hệ thống.', 'Only administrators can do this.'));
  if (!actor.orgUnitId) return { cityWide: true, root: null, units: new Set(), has: () => true };
  const units = new Set(await repo.unitAndDescendants({ db, id: actor.orgUnitId }));
  return { cityWide: false, root: actor.orgUnitId, units, has: (id) => id !== null && units.has(id) };
}

export function createOrgUnitsService({ db }: { db: Db }) {
  const regionOf = (actor: Account) => adminRegionOf({ db, actor });

  /** The units an administrator manages, as a flat list ordered by agency code (the tree by `parentId`). */
  async function list(actor: Account): Promise<OrgUnit[]> {
    const region = await regionOf(actor);
    return (await repo.listOrgUnits({ db })).filter((u) => region.has(u.id));
  }

  async function get(actor: Account, id: string): Promise<OrgUnit> {
    const region = await regionOf(actor);
    const unit = await repo.findOrgUnit({ db, id });
    if (!unit) throw unitNotFound();
    if (!region.has(unit.id)) throw outsideRegion();
    return unit;
  }

  /** A change to one unit, in a transaction with the unit locked and the change logged. */
  async function change(
    actor: Account,
    id: string,
    action: string,
    apply: (tx: Tx, unit: OrgUnit, region: AdminRegion) => Promise<OrgUnit>,
    ctx: Ctx,
  ): Promise<OrgUnit> {
    const region = await regionOf(actor);
    const after = await db.transaction(async (tx) => {
      const unit = await repo.lockOrgUnit({ db: tx, id });
      if (!unit) throw unitNotFound();
      if (!region.has(unit.id)) throw outsideRegion();
      const changed = await apply(tx, unit, region);
      await recordChange({ db: tx, change: { actor, entity: 'org_unit', entityId: id, action, before: unit, after: changed, requestId: ctx.requestId } });
      return changed;
    });
    log.info({ action: `org_unit_${action}`, orgUnitId: id, by: actor.id }, `unit ${action}`);
    return after;
  }

  /**
   * Creates a unit under a parent of the administrator's region.
   * @throws ConflictError `org_unit_code_taken`; NotAllowedError `org_unit_outside_scope`; InputError `org_unit_parent_inactive`
   */
  async function create(actor: Account, input: NewUnit, ctx: Ctx = {}): Promise<OrgUnit> {
    const region = await regionOf(actor);
    const created = await db.transaction(async (tx) => {
      const parent = await repo.lockOrgUnit({ db: tx, id: input.parentId });
      if (!parent) throw new InputError('org_unit_parent_unknown', msg('Không tìm thấy đơn vị cấp trên.', 'The parent unit does not exist.'));
      if (!region.has(parent.id)) throw outsideRegion();
      if (parent.deactivatedAt) throw new InputError('org_unit_parent_inactive', msg('Đơn vị cấp trên đã ngừng hoạt động.', 'The parent unit is deactivated.'));
      const unit = await repo.insertOrgUnit({
        db: tx,
        unit: {
          name: input.name.trim(),
          agencyCode: input.agencyCode,
          parentId: parent.id,
          level: input.level,
          fields: normaliseFields(input.fields ?? []),
          address: input.address?.trim() || null,
        },
      });
      if (!unit)
        throw new ConflictError(
          'org_unit_code_taken',
          msg(`Mã định danh ${input.agencyCode} đã được dùng cho một đơn vị khác.`, `The agency code ${input.agencyCode} is already used by another unit.`),
        );
      await recordChange({
        db: tx,
        change: { actor, entity: 'org_unit', entityId: unit.id, action: 'created', before: null, after: unit, requestId: ctx.requestId },
      });
      return unit;
    });
    log.info({ action: 'org_unit_created', orgUnitId: created.id, agencyCode: created.agencyCode, by: actor.id }, 'unit created');
    return created;
  }

  /** Edits a unit's name, level, fields or address (its agency code, part of every dossier code it gave, stays). */
  function update(actor: Account, id: string, changes: UnitChanges, ctx: Ctx = {}): Promise<OrgUnit> {
    return change(
      actor,
      id,
      'updated',
      (tx) =>
        repo.updateOrgUnit({
          db: tx,
          id,
          patch: {
            ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
            ...(changes.level !== undefined ? { level: changes.level } : {}),
            ...(changes.fields !== undefined ? { fields: normaliseFields(changes.fields) } : {}),
            ...(changes.address !== undefined ? { address: changes.address?.trim() || null } : {}),
          },
        }),
      ctx,
    );
  }

  /**
   * Moves a unit (with its subtree) under another parent of the region.
   * @throws InputError `org_unit_move_cycle` (under itself or its own subtree); NotAllowedError `org_unit_outside_scope`
   */
  function move(actor: Account, id: string, parentId: string, ctx: Ctx = {}): Promise<OrgUnit> {
    return change(
      actor,
      id,
      'moved',
      async (tx, unit, region) => {
        if (unit.id === region.root || unit.parentId === null) throw regionRootFixed();
        const parent = await repo.findOrgUnit({ db: tx, id: parentId });
        if (!parent) throw new InputError('org_unit_parent_unknown', msg('Không tìm thấy đơn vị cấp trên.', 'The parent unit does not exist.'));
        if (!region.has(parent.id)) throw outsideRegion();
        const subtree = await repo.unitAndDescendants({ db: tx, id: unit.id });
        if (subtree.includes(parent.id))
          throw new InputError(
            'org_unit_move_cycle',
            msg('Không thể chuyển một đơn vị vào chính nó hoặc đơn vị trực thuộc nó.', 'A unit cannot move under itself or a unit below it.'),
          );
        if (parent.deactivatedAt)
          throw new InputError('org_unit_parent_inactive', msg('Đơn vị cấp trên đã ngừng hoạt động.', 'The parent unit is deactivated.'));
        return repo.updateOrgUnit({ db: tx, id, patch: { parentId: parent.id } });
      },
      ctx,
    );
  }

  /**
   * Deactivates a unit: it receives and handles nothing new; its dossiers and history stay.
   * @throws ConflictError `org_unit_has_active_children` | `org_unit_inactive`
   */
  function deactivate(actor: Account, id: string, ctx: Ctx = {}): Promise<OrgUnit> {
    return change(
      actor,
      id,
      'deactivated',
      async (tx, unit, region) => {
        if (unit.id === region.root || unit.parentId === null) throw regionRootFixed();
        if (unit.deactivatedAt) throw new ConflictError('org_unit_inactive', msg('Đơn vị đã ngừng hoạt động.', 'The unit is already deactivated.'));
        const activeChild = await tx('org_units').where({ parent_id: id }).whereNull('deactivated_at').first('name');
        if (activeChild)
          throw new ConflictError(
            'org_unit_has_active_children',
            msg(
              `Hãy chuyển hoặc ngừng hoạt động các đơn vị trực thuộc trước (ví dụ «${activeChild.name}»).`,
              `Move or deactivate the units below it first (e.g. "${activeChild.name}").`,
            ),
          );
        return repo.updateOrgUnit({ db: tx, id, patch: { deactivatedAt: new Date() } });
      },
      ctx,
    );
  }

  /** Lets a deactivated unit work again (under an active parent). @throws ConflictError `org_unit_active` */
  function reactivate(actor: Account, id: string, ctx: Ctx = {}): Promise<OrgUnit> {
    return change(
      actor,
      id,
      'reactivated',
      async (tx, unit) => {
        if (!unit.deactivatedAt) throw new ConflictError('org_unit_active', msg('Đơn vị đang hoạt động.', 'The unit is active.'));
        const parent = unit.parentId ? await repo.findOrgUnit({ db: tx, id: unit.parentId }) : undefined;
        if (parent?.deactivatedAt)
          throw new InputError('org_unit_parent_inactive', msg('Đơn vị cấp trên đã ngừng hoạt động.', 'The parent unit is deactivated.'));
        return repo.updateOrgUnit({ db: tx, id, patch: { deactivatedAt: null } });
      },
      ctx,
    );
  }

  /** The recorded changes of a unit of the region, newest first. */
  async function history(actor: Account, id: string, page: { limit: number; offset: number }): Promise<{ items: AuditEntry[]; total: number }> {
    await get(actor, id);
    return listChanges({ db, entity: 'org_unit', entityIds: [id], ...page });
  }

  return { regionOf, list, get, create, update, move, deactivate, reactivate, history };
}

function regionRootFixed() {
  return new NotAllowedError(
    'org_unit_region_root',
    msg('Không thể chuyển hoặc ngừng hoạt động đơn vị gốc của phạm vi quản trị.', 'The root unit of a region cannot be moved or deactivated.'),
  );
}

/** Fields as a sorted list without blanks or repeats. */
function normaliseFields(fields: string[]): string[] {
  return [...new Set(fields.map((f) => f.trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'vi'));
}

export type OrgUnitsService = ReturnType<typeof createOrgUnitsService>;

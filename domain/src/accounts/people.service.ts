/**
 * People, administered: officers, auditors and administrators, each holding roles in units. Accounts are
 * created one by one or imported from an Excel sheet (people-import.service.ts: with a report of the rows
 * refused and why), given and relieved of roles, deactivated (their history stays) and reactivated; an
 * administrator's password reset gives a temporary password that must be changed at the next login.
 *
 * Scoped like the units: a city-wide administrator manages everyone; one of a unit sees the people holding a
 * role in its subtree, grants and takes roles there, and deactivates or resets only people whose every role
 * lies there. Every change is in the administration log, in the change's own transaction.
 */
import { recordChange, listChanges, type AuditEntry } from '../audit/admin-audit.repository.ts';
import type { Db, Tx } from '../db/db.ts';
import { ConflictError, InputError, NotAllowedError, NotFoundError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { AdminRegion, OrgUnitsService } from '../org-units/org-units.service.ts';
import { findOrgUnit, type OrgUnit } from '../org-units/org-units.repository.ts';
import type { Account } from './accounts.repository.ts';
import * as accountsRepo from './accounts.repository.ts';
import { hashPassword } from './passwords.ts';
import * as repo from './people.repository.ts';
import type { Person } from './people.repository.ts';
import { assignableRoles, snapshot, temporaryPassword, type Ctx } from './people-accounts.ts';
import { createPeopleImportService } from './people-import.service.ts';
import { isOfficer, roleNames, type Role } from './roles.ts';
import type { SecondFactorService } from './second-factor.service.ts';
import type { TasksService } from '../tasks/tasks.service.ts';

const log = moduleLogger('people');

export { assignableRoles, USERNAME_PATTERN } from './people-accounts.ts';
export type { ImportReport } from './people-import.service.ts';

export interface PersonView extends Person {
  /** whether the administrator may deactivate, reactivate, edit or reset this person (every role in its region) */
  manageable: boolean;
}

export interface NewPerson {
  username: string;
  fullName: string;
  email?: string | null;
  phone?: string | null;
  role: Role;
  orgUnitId: string | null;
}

const personNotFound = () => new NotFoundError('account_not_found', msg('Không tìm thấy cán bộ.', 'Person not found.'));
const outsideRegion = () =>
  new NotAllowedError(
    'account_outside_scope',
    msg('Cán bộ này có vai trò ở đơn vị ngoài phạm vi bạn được quản trị.', 'This person holds a role in a unit outside the region you administer.'),
  );
const unitOutsideRegion = () =>
  new NotAllowedError('org_unit_outside_scope', msg('Đơn vị này nằm ngoài phạm vi bạn được quản trị.', 'This unit is outside the region you administer.'));

export function createPeopleService({
  db,
  orgUnits,
  secondFactor,
  tasks,
}: {
  db: Db;
  orgUnits: OrgUnitsService;
  secondFactor: SecondFactorService;
  tasks: Pick<TasksService, 'heldBy' | 'enqueueReleases' | 'runReleases'>;
}) {
  const sees = (region: AdminRegion, p: Person) => region.cityWide || p.roles.some((r) => region.has(r.orgUnitId));
  const manages = (region: AdminRegion, p: Person) => region.cityWide || p.roles.every((r) => region.has(r.orgUnitId));
  const view = (region: AdminRegion, p: Person): PersonView => ({ ...p, manageable: manages(region, p) });
  const { importSheet, importTemplate } = createPeopleImportService({ db, orgUnits });

  async function list(actor: Account, filter: { q?: string; includeDisabled?: boolean; limit: number; offset: number }) {
    const region = await orgUnits.regionOf(actor);
    const found = await repo.listPeople({
      db,
      filter: {
        q: filter.q,
        includeDisabled: filter.includeDisabled ?? false,
        limit: filter.limit,
        offset: filter.offset,
        unitIds: region.cityWide ? undefined : [...region.units],
      },
    });
    return { items: found.items.map((p) => view(region, p)), total: found.total };
  }

  async function get(actor: Account, id: string): Promise<PersonView> {
    const region = await orgUnits.regionOf(actor);
    const p = await repo.findPerson({ db, id });
    if (!p || !sees(region, p)) throw personNotFound();
    return view(region, p);
  }

  /** The unit a role is given in, checked: in the region, active; none only for a city-wide administrator. */
  async function unitForRole(tx: Tx, region: AdminRegion, role: Role, orgUnitId: string | null): Promise<OrgUnit | null> {
    if (!assignableRoles.includes(role))
      throw new InputError('role_not_assignable', msg('Vai trò này không được giao ở đây.', 'This role cannot be given here.'));
    if (orgUnitId === null) {
      if (role !== 'administrator')
        throw new InputError('role_unit_required', msg(`Vai trò «${roleNames[role].vi}» cần một đơn vị.`, `The role "${roleNames[role].en}" needs a unit.`), [
          { field: 'orgUnitId', code: 'role_unit_required', message: msg('Hãy chọn đơn vị.', 'Choose a unit.') },
        ]);
      if (!region.cityWide) throw unitOutsideRegion();
      return null;
    }
    const unit = await findOrgUnit({ db: tx, id: orgUnitId });
    if (!unit) throw new InputError('org_unit_unknown', msg('Không tìm thấy đơn vị.', 'Unit not found.'));
    if (!region.has(unit.id)) throw unitOutsideRegion();
    if (unit.deactivatedAt) throw new ConflictError('org_unit_inactive', msg(`${unit.name} đã ngừng hoạt động.`, `${unit.name} is deactivated.`));
    return unit;
  }

  /** A change to one person, in a transaction with the account locked and the change logged. */
  async function change(
    actor: Account,
    id: string,
    action: string,
    apply: (tx: Tx, p: Person, region: AdminRegion) => Promise<void>,
    ctx: Ctx,
    { whole = true }: { whole?: boolean } = {},
  ): Promise<PersonView> {
    const region = await orgUnits.regionOf(actor);
    const after = await db.transaction(async (tx) => {
      const before = await repo.findPerson({ db: tx, id, lock: true });
      if (!before || !sees(region, before)) throw personNotFound();
      if (whole && !manages(region, before)) throw outsideRegion();
      await apply(tx, before, region);
      const changed = (await repo.findPerson({ db: tx, id }))!;
      await recordChange({
        db: tx,
        change: { actor, entity: 'account', entityId: id, action, before: snapshot(before), after: snapshot(changed), requestId: ctx.requestId },
      });
      return changed;
    });
    log.info({ action: `account_${action}`, accountId: id, by: actor.id }, `person ${action}`);
    return view(region, after);
  }

  /**
   * Creates an officer's (or an auditor's, an administrator's) account with its first role and a temporary
   * password, shown once. @throws ConflictError `username_taken`; NotAllowedError `org_unit_outside_scope`
   */
  async function create(actor: Account, input: NewPerson, ctx: Ctx = {}): Promise<{ person: PersonView; temporaryPassword: string }> {
    const region = await orgUnits.regionOf(actor);
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const person = await db.transaction(async (tx) => {
      await unitForRole(tx, region, input.role, input.orgUnitId);
      const account = await accountsRepo.insertAccount({
        db: tx,
        account: { ...input, fullName: input.fullName.trim(), passwordHash, passwordChangeRequired: true },
      });
      if (!account)
        throw new ConflictError('username_taken', msg('Tên đăng nhập đã được sử dụng.', 'This username is already taken.'), [
          { field: 'username', code: 'username_taken', message: msg('Tên đăng nhập đã được sử dụng.', 'This username is already taken.') },
        ]);
      const p = (await repo.findPerson({ db: tx, id: account.id }))!;
      await recordChange({
        db: tx,
        change: { actor, entity: 'account', entityId: p.id, action: 'created', before: null, after: snapshot(p), requestId: ctx.requestId },
      });
      return p;
    });
    log.info({ action: 'account_created', accountId: person.id, by: actor.id }, 'person created');
    return { person: view(region, person), temporaryPassword: password };
  }

  /** Name, email, phone. */
  function update(actor: Account, id: string, patch: { fullName?: string; email?: string | null; phone?: string | null }, ctx: Ctx = {}) {
    return change(actor, id, 'updated', (tx) => repo.updateContact({ db: tx, accountId: id, patch: { ...patch, fullName: patch.fullName?.trim() } }), ctx);
  }

  /** Gives a person another role in a unit of the region. @throws ConflictError `role_already_held` */
  function addRole(actor: Account, id: string, input: { role: Role; orgUnitId: string | null }, ctx: Ctx = {}) {
    return change(
      actor,
      id,
      'role_added',
      async (tx, p, region) => {
        if (p.disabledAt) throw new ConflictError('account_disabled', msg('Tài khoản đã bị khóa.', 'The account is deactivated.'));
        await unitForRole(tx, region, input.role, input.orgUnitId);
        if (!(await repo.insertRole({ db: tx, accountId: id, role: input.role, orgUnitId: input.orgUnitId })))
          throw new ConflictError('role_already_held', msg('Cán bộ đã có vai trò này tại đơn vị này.', 'The person already holds this role in this unit.'));
      },
      ctx,
      { whole: false },
    );
  }

  /**
   * The tasks a person holds (in one role, or in all), to give back to their units with a change. An engine
   * that does not answer does not hold the change up: a task held in a role no longer held cannot be acted on
   * (tasks.heldTask), and its unit's leader sees who holds it.
   */
  async function heldTasks(id: string, role?: { role: Role; orgUnitId: string | null }) {
    if (role && (!isOfficer(role.role) || !role.orgUnitId)) return [];
    try {
      return await tasks.heldBy(id, role ? `${role.role}:${role.orgUnitId}` : undefined);
    } catch (e) {
      log.warn({ err: e, accountId: id }, 'held tasks not looked up: they stay with the person');
      return [];
    }
  }

  /**
   * Takes a role away: sessions working in it end, and the tasks held in it go back to the unit.
   * @throws ConflictError `last_role`
   */
  async function removeRole(actor: Account, id: string, roleId: string, ctx: Ctx = {}) {
    const role = (await repo.findPerson({ db, id }))?.roles.find((r) => r.id === roleId);
    const inRole = role ? await heldTasks(id, role) : [];
    let releases: { id: string; dossierId: string }[] = [];
    const person = await change(
      actor,
      id,
      'role_removed',
      async (tx, p, region) => {
        const held = p.roles.find((r) => r.id === roleId);
        if (!held) throw new NotFoundError('role_not_found', msg('Không tìm thấy vai trò này của cán bộ.', 'The person does not hold this role.'));
        if (!region.cityWide && !region.has(held.orgUnitId)) throw unitOutsideRegion();
        if (p.roles.length === 1)
          throw new ConflictError(
            'last_role',
            msg(
              'Đây là vai trò duy nhất của cán bộ; hãy khóa tài khoản nếu cán bộ thôi công tác.',
              'This is the only role; deactivate the account if the person has left.',
            ),
          );
        if (id === actor.id && held.role === 'administrator')
          throw new NotAllowedError(
            'own_admin_role',
            msg('Bạn không thể tự bỏ vai trò quản trị của mình.', 'You cannot take away your own administrator role.'),
          );
        await repo.deleteRole({ db: tx, accountId: id, roleId });
        releases = await tasks.enqueueReleases(tx, inRole, { holderId: id, actorId: actor.id, reason: 'role_removed', requestId: ctx.requestId });
      },
      ctx,
      { whole: false },
    );
    await tasks.runReleases(releases);
    return person;
  }

  /**
   * Deactivates an account: it can no longer log in, its sessions end, the tasks it held go back to their
   * units; its dossiers and history stay.
   */
  async function deactivate(actor: Account, id: string, ctx: Ctx = {}) {
    const held = await heldTasks(id);
    let releases: { id: string; dossierId: string }[] = [];
    const person = await change(
      actor,
      id,
      'deactivated',
      async (tx, p) => {
        if (id === actor.id)
          throw new NotAllowedError('own_account', msg('Bạn không thể tự khóa tài khoản của mình.', 'You cannot deactivate your own account.'));
        if (p.disabledAt) throw new ConflictError('account_disabled', msg('Tài khoản đã bị khóa.', 'The account is already deactivated.'));
        await repo.setDisabled({ db: tx, accountId: id, disabled: true });
        await accountsRepo.deleteSessionsOf({ db: tx, accountId: id });
        // and its single sign-on links: a reactivated account links again, itself
        await tx('account_identities').where({ account_id: id }).delete();
        releases = await tasks.enqueueReleases(tx, held, { holderId: id, actorId: actor.id, reason: 'account_deactivated', requestId: ctx.requestId });
      },
      ctx,
    );
    await tasks.runReleases(releases);
    return person;
  }

  function reactivate(actor: Account, id: string, ctx: Ctx = {}) {
    return change(
      actor,
      id,
      'reactivated',
      async (tx, p) => {
        if (!p.disabledAt) throw new ConflictError('account_active', msg('Tài khoản đang hoạt động.', 'The account is active.'));
        await repo.setDisabled({ db: tx, accountId: id, disabled: false });
      },
      ctx,
    );
  }

  /** A new temporary password (shown once), to be changed at the next login; the person's sessions end. */
  async function resetPassword(actor: Account, id: string, ctx: Ctx = {}): Promise<{ person: PersonView; temporaryPassword: string }> {
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const person = await change(
      actor,
      id,
      'password_reset',
      async (tx, p) => {
        if (p.disabledAt) throw new ConflictError('account_disabled', msg('Tài khoản đã bị khóa.', 'The account is deactivated.'));
        await accountsRepo.setPassword({ db: tx, accountId: id, passwordHash, changeRequired: true });
        await accountsRepo.deleteSessionsOf({ db: tx, accountId: id });
        // a reset means the account may be in other hands: its single sign-on links go too
        await tx('account_identities').where({ account_id: id }).delete();
      },
      ctx,
    );
    return { person, temporaryPassword: password };
  }

  /** Removes a person's second factor (their phone was lost): they log in with the password and may enrol again. */
  function resetSecondFactor(actor: Account, id: string, ctx: Ctx = {}) {
    return change(
      actor,
      id,
      'second_factor_reset',
      async (tx, p) => {
        if (!p.totpEnabled) throw new ConflictError('totp_not_enabled', msg('Người này chưa bật xác thực hai bước.', 'This person has no second factor.'));
        await secondFactor.reset(id, tx);
        await accountsRepo.deleteSessionsOf({ db: tx, accountId: id });
      },
      ctx,
    );
  }

  async function history(actor: Account, id: string, page: { limit: number; offset: number }): Promise<{ items: AuditEntry[]; total: number }> {
    await get(actor, id);
    return listChanges({ db, entity: 'account', entityIds: [id], ...page });
  }

  return { list, get, create, update, addRole, removeRole, deactivate, reactivate, resetPassword, resetSecondFactor, history, importSheet, importTemplate };
}

export type PeopleService = ReturnType<typeof createPeopleService>;

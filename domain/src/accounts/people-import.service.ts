/**
 * Officers imported from an Excel sheet: every valid row becomes an account with its role and a temporary
 * password, in one transaction; every other row is reported with its reasons, and nothing of it is created.
 * The sheet's template lists the roles and the units of the administrator's region.
 */
import { recordChange } from '../audit/admin-audit.repository.ts';
import type { Db } from '../db/db.ts';
import { msg, type Message } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { AdminRegion, OrgUnitsService } from '../org-units/org-units.service.ts';
import { listOrgUnits, type OrgUnit } from '../org-units/org-units.repository.ts';
import type { Account } from './accounts.repository.ts';
import * as accountsRepo from './accounts.repository.ts';
import { hashPassword } from './passwords.ts';
import { assignableRoles, snapshot, temporaryPassword, USERNAME_PATTERN, type Ctx } from './people-accounts.ts';
import * as repo from './people.repository.ts';
import { peopleSheetTemplate, readPeopleSheet, roleOfCell, type SheetRow } from './people-sheet.ts';
import type { Role } from './roles.ts';

const log = moduleLogger('people');

const USERNAME = new RegExp(USERNAME_PATTERN);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^0[0-9]{9}$/;

export interface ImportReport {
  created: { row: number; username: string; fullName: string; temporaryPassword: string }[];
  refused: { row: number; username: string; reasons: Message[] }[];
}

export function createPeopleImportService({ db, orgUnits }: { db: Db; orgUnits: Pick<OrgUnitsService, 'regionOf'> }) {
  /** Why a sheet row cannot be imported (none when it can). */
  function rowProblems(r: SheetRow, unit: OrgUnit | undefined, region: AdminRegion, seen: Map<string, number>, taken: Set<string>): Message[] {
    const reasons: Message[] = [];
    const u = r.username.toLowerCase();
    if (!r.username) reasons.push(msg('Thiếu tên đăng nhập.', 'The username is missing.'));
    else if (!USERNAME.test(r.username) || /^cccd-/i.test(r.username))
      reasons.push(msg('Tên đăng nhập chỉ gồm chữ không dấu, số và . _ @ - (3 đến 64 ký tự).', 'A username is 3 to 64 letters, digits and . _ @ -.'));
    else if (seen.get(u) !== r.row) reasons.push(msg(`Tên đăng nhập trùng với dòng ${seen.get(u)}.`, `The username repeats row ${seen.get(u)}.`));
    else if (taken.has(u)) reasons.push(msg('Tên đăng nhập đã được sử dụng.', 'The username is already taken.'));
    if (r.fullName.length < 2 || r.fullName.length > 100) reasons.push(msg('Thiếu họ và tên.', 'The full name is missing.'));
    if (r.email && !EMAIL.test(r.email)) reasons.push(msg(`Thư điện tử «${r.email}» không hợp lệ.`, `The email "${r.email}" is not valid.`));
    if (r.phone && !PHONE.test(r.phone))
      reasons.push(msg(`Số điện thoại «${r.phone}» phải gồm 10 chữ số, bắt đầu bằng 0.`, `The phone "${r.phone}" must be 10 digits starting with 0.`));
    const role = roleOfCell(r.role);
    if (!r.role) reasons.push(msg('Thiếu vai trò.', 'The role is missing.'));
    else if (!role || !assignableRoles.includes(role)) reasons.push(msg(`Không có vai trò «${r.role}».`, `There is no role "${r.role}".`));
    if (!r.agencyCode) reasons.push(msg('Thiếu mã định danh đơn vị.', 'The agency code is missing.'));
    else if (!unit) reasons.push(msg(`Không có đơn vị mang mã ${r.agencyCode}.`, `No unit has the agency code ${r.agencyCode}.`));
    else if (!region.has(unit.id))
      reasons.push(msg(`Đơn vị ${unit.name} nằm ngoài phạm vi bạn được quản trị.`, `${unit.name} is outside the region you administer.`));
    else if (unit.deactivatedAt) reasons.push(msg(`${unit.name} đã ngừng hoạt động.`, `${unit.name} is deactivated.`));
    return reasons;
  }

  /**
   * Imports officers from an Excel sheet: every valid row becomes an account with its role and a temporary
   * password (in one transaction); every other row is reported with its reasons, and nothing of it is created.
   * @throws InputError `import_columns_invalid` | `import_file_unreadable` | `import_empty` | `import_too_many_rows`
   */
  async function importSheet(actor: Account, content: Buffer, ctx: Ctx = {}): Promise<ImportReport> {
    const region = await orgUnits.regionOf(actor);
    const rows = await readPeopleSheet(content);
    const units = new Map((await listOrgUnits({ db })).map((u) => [u.agencyCode, u]));
    const seen = new Map<string, number>();
    for (const r of rows) if (r.username && !seen.has(r.username.toLowerCase())) seen.set(r.username.toLowerCase(), r.row);
    const taken = await repo.takenUsernames({ db, usernames: [...seen.keys()] });
    const report: ImportReport = { created: [], refused: [] };
    const valid: { r: SheetRow; unit: OrgUnit; role: Role; password: string; passwordHash: string }[] = [];
    for (const r of rows) {
      const unit = units.get(r.agencyCode);
      const reasons = rowProblems(r, unit, region, seen, taken);
      if (reasons.length) report.refused.push({ row: r.row, username: r.username, reasons });
      else {
        const password = temporaryPassword();
        valid.push({ r, unit: unit!, role: roleOfCell(r.role)!, password, passwordHash: await hashPassword(password) });
      }
    }
    await db.transaction(async (tx) => {
      for (const v of valid) {
        const account = await accountsRepo.insertAccount({
          db: tx,
          account: {
            username: v.r.username,
            fullName: v.r.fullName,
            email: v.r.email || null,
            phone: v.r.phone || null,
            passwordHash: v.passwordHash,
            passwordChangeRequired: true,
            role: v.role,
            orgUnitId: v.unit.id,
          },
        });
        if (!account) {
          report.refused.push({ row: v.r.row, username: v.r.username, reasons: [msg('Tên đăng nhập đã được sử dụng.', 'The username is already taken.')] });
          continue;
        }
        const p = (await repo.findPerson({ db: tx, id: account.id }))!;
        await recordChange({
          db: tx,
          change: { actor, entity: 'account', entityId: p.id, action: 'imported', before: null, after: snapshot(p), requestId: ctx.requestId },
        });
        report.created.push({ row: v.r.row, username: account.username, fullName: account.fullName, temporaryPassword: v.password });
      }
    });
    report.refused.sort((a, b) => a.row - b.row);
    log.info({ action: 'accounts_imported', created: report.created.length, refused: report.refused.length, by: actor.id }, 'people imported');
    return report;
  }

  /** The import template, listing the roles and the units of the administrator's region. */
  async function importTemplate(actor: Account): Promise<Buffer> {
    const region = await orgUnits.regionOf(actor);
    const units = (await listOrgUnits({ db })).filter((u) => region.has(u.id) && !u.deactivatedAt);
    return peopleSheetTemplate(units, assignableRoles);
  }

  return { importSheet, importTemplate };
}

export type PeopleImportService = ReturnType<typeof createPeopleImportService>;

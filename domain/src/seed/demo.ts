/**
 * Demo data for `npm start` and the tests: a city with two wards (each with a receiving officer, a
 * specialist and a leader), an administrator, an auditor and a citizen. Idempotent: a second start finds
 * everything in place.
 */
import type { Db } from '../db/db.ts';
import { findAccountForLogin } from '../accounts/accounts.repository.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { Role } from '../accounts/roles.ts';
import { upsertOrgUnit, type OrgUnit } from '../org-units/org-units.repository.ts';

export const DEMO_PASSWORD = 'MotCua@2026';

export interface DemoData {
  city: OrgUnit;
  benThanh: OrgUnit;
  saiGon: OrgUnit;
  /** the ward's public administration service centre, which receives for the city's departments too */
  centre: OrgUnit;
  /** the construction department, competent for building permits */
  construction: OrgUnit;
  /** the fire police, whose opinion a building permit needs (liên thông) */
  firePolice: OrgUnit;
  logins: { username: string; role: Role; fullName: string; unit: string | null }[];
}

export async function seedDemo(db: Db, accounts: AccountsService): Promise<DemoData> {
  const city = await upsertOrgUnit({ db, unit: { name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh', agencyCode: '000.00.00.H29' } });
  const benThanh = await upsertOrgUnit({ db, unit: { name: 'Ủy ban nhân dân phường Bến Thành', agencyCode: '000.00.27.H29', parentId: city.id } });
  const saiGon = await upsertOrgUnit({ db, unit: { name: 'Ủy ban nhân dân phường Sài Gòn', agencyCode: '000.00.28.H29', parentId: city.id } });
  const centre = await upsertOrgUnit({
    db,
    unit: {
      name: 'Trung tâm Phục vụ hành chính công phường Bến Thành',
      agencyCode: '000.27.10.H29',
      parentId: benThanh.id,
      level: 'centre',
      fields: ['Hoạt động xây dựng', 'Hộ tịch'],
    },
  });
  const construction = await upsertOrgUnit({
    db,
    unit: { name: 'Sở Xây dựng Thành phố Hồ Chí Minh', agencyCode: '000.15.00.H29', parentId: city.id, level: 'department', fields: ['Hoạt động xây dựng'] },
  });
  const firePolice = await upsertOrgUnit({
    db,
    unit: {
      name: 'Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ, Công an Thành phố',
      agencyCode: '000.16.00.H29',
      parentId: city.id,
      level: 'department',
      fields: ['Phòng cháy, chữa cháy'],
    },
  });
  const people: { username: string; fullName: string; role: Role; unit: OrgUnit | null; email?: string; phone?: string }[] = [
    { username: 'congdan', fullName: 'Phạm Thị Công Dân', role: 'citizen', unit: null, email: 'congdan@example.vn', phone: '0912345678' },
    { username: 'tiepnhan.benthanh', fullName: 'Nguyễn Thị Tiếp Nhận', role: 'receiving_officer', unit: benThanh },
    { username: 'chuyenvien.benthanh', fullName: 'Trần Văn Chuyên', role: 'specialist', unit: benThanh },
    { username: 'lanhdao.benthanh', fullName: 'Lê Văn Lãnh', role: 'leader', unit: benThanh },
    { username: 'tiepnhan.saigon', fullName: 'Võ Thị Sài Gòn', role: 'receiving_officer', unit: saiGon },
    { username: 'chuyenvien.saigon', fullName: 'Đặng Văn Sài', role: 'specialist', unit: saiGon },
    { username: 'lanhdao.saigon', fullName: 'Hồ Thị Gòn', role: 'leader', unit: saiGon },
    { username: 'tiepnhan.trungtam', fullName: 'Lâm Thị Trung Tâm', role: 'receiving_officer', unit: centre },
    { username: 'chuyenvien.xaydung', fullName: 'Phan Văn Xây Dựng', role: 'specialist', unit: construction },
    { username: 'lanhdao.xaydung', fullName: 'Trịnh Thị Sở', role: 'leader', unit: construction },
    { username: 'chuyenvien.pccc', fullName: 'Đỗ Văn Phòng Cháy', role: 'specialist', unit: firePolice },
    { username: 'lanhdao.pccc', fullName: 'Vũ Thị Cứu Hộ', role: 'leader', unit: firePolice },
    { username: 'quantri', fullName: 'Quản Trị Hệ Thống', role: 'administrator', unit: null },
    { username: 'thanhtra', fullName: 'Bùi Văn Thanh Tra', role: 'auditor', unit: city },
  ];
  for (const p of people) {
    if (await findAccountForLogin({ db, username: p.username })) continue;
    await accounts.createAccount({
      username: p.username,
      password: DEMO_PASSWORD,
      fullName: p.fullName,
      role: p.role,
      orgUnitId: p.unit?.id ?? null,
      email: p.email ?? null,
      phone: p.phone ?? null,
    });
  }
  return {
    city,
    benThanh,
    saiGon,
    centre,
    construction,
    firePolice,
    logins: people.map((p) => ({ username: p.username, role: p.role, fullName: p.fullName, unit: p.unit?.name ?? null })),
  };
}

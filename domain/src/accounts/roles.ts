/** The roles of motcua and what they are called. Officers (receiving officer, specialist, leader) belong to an org unit. */
import { msg, type Message } from '../errors/errors.ts';

export const roles = ['citizen', 'receiving_officer', 'specialist', 'leader', 'administrator', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const officerRoles: readonly Role[] = ['receiving_officer', 'specialist', 'leader'];

export const roleNames: Record<Role, Message> = {
  citizen: msg('Công dân', 'Citizen'),
  receiving_officer: msg('Cán bộ tiếp nhận', 'Receiving officer'),
  specialist: msg('Chuyên viên', 'Specialist'),
  leader: msg('Lãnh đạo', 'Leader'),
  administrator: msg('Quản trị', 'Administrator'),
  auditor: msg('Thanh tra, kiểm soát', 'Auditor'),
};

export function isOfficer(role: Role): boolean {
  return officerRoles.includes(role);
}

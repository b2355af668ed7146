/**
 * What an officer's account is made of, however it is made (one by one or from a sheet): the roles
 * administrators give, the username pattern, a temporary password, and what the administration log keeps
 * of a person.
 */
import { randomInt } from 'node:crypto';
import type { Person } from './people.repository.ts';
import type { Role } from './roles.ts';

/** the roles administrators give (citizens register themselves) */
export const assignableRoles: readonly Role[] = ['receiving_officer', 'specialist', 'leader', 'auditor', 'administrator'];

export const USERNAME_PATTERN = '^[a-zA-Z0-9._@-]{3,64}$';

/** the context of an administrator's change, carried into the log */
export interface Ctx {
  requestId?: string;
}

/** A temporary password, shown once to the administrator: twelve characters that cannot be mistaken for others. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** what the log keeps of a person (never a password) */
export const snapshot = (p: Person) => ({
  username: p.username,
  fullName: p.fullName,
  email: p.email,
  phone: p.phone,
  disabledAt: p.disabledAt,
  totpEnabled: p.totpEnabled,
  roles: p.roles.map((r) => ({ role: r.role, orgUnitId: r.orgUnitId, unitName: r.unitName })),
});

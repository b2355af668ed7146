/** People as administrators manage them (api/src/routes/people.routes.ts). */
import { api, qs, upload, type Message } from '../../app/api.ts';
import type { Role } from '../../app/session.tsx';

/** the roles administrators give, in the order the page offers them */
export const assignableRoles = ['receiving_officer', 'specialist', 'leader', 'auditor', 'administrator'] as const satisfies readonly Role[];
export type AssignableRole = (typeof assignableRoles)[number];

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
  disabledAt: string | null;
  passwordChangeRequired: boolean;
  totpEnabled: boolean;
  roles: HeldRole[];
  /** the administrator may deactivate, edit or reset this person (every role in its region) */
  manageable: boolean;
}

export interface PersonInput {
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  role: AssignableRole;
  orgUnitId: string | null;
}

export interface ImportReport {
  created: { row: number; username: string; fullName: string; temporaryPassword: string }[];
  refused: { row: number; username: string; reasons: Message[] }[];
}

export interface PersonChange {
  id: string;
  at: string;
  actor: { id: string | null; name: string };
  action: string;
}

export const peopleApi = {
  list: (q: { q?: string; includeDisabled?: boolean; limit?: number; offset?: number }) =>
    api.get<{ items: Person[]; total: number }>(`/admin/people${qs({ ...q, includeDisabled: q.includeDisabled || undefined })}`),
  create: (input: PersonInput) => api.post<{ person: Person; temporaryPassword: string }>('/admin/people', input),
  update: (id: string, input: { fullName?: string; email?: string | null; phone?: string | null }) => api.patch<Person>(`/admin/people/${id}`, input),
  addRole: (id: string, role: AssignableRole, orgUnitId: string | null) => api.post<Person>(`/admin/people/${id}/roles`, { role, orgUnitId }),
  removeRole: (id: string, roleId: string) => api.delete<Person>(`/admin/people/${id}/roles/${roleId}`),
  deactivate: (id: string) => api.post<Person>(`/admin/people/${id}/deactivate`),
  reactivate: (id: string) => api.post<Person>(`/admin/people/${id}/reactivate`),
  resetPassword: (id: string) => api.post<{ person: Person; temporaryPassword: string }>(`/admin/people/${id}/reset-password`),
  resetSecondFactor: (id: string) => api.post<Person>(`/admin/people/${id}/reset-second-factor`),
  history: (id: string) => api.get<{ items: PersonChange[]; total: number }>(`/admin/people/${id}/history?limit=50`),
  importSheet: (file: File, onProgress: (share: number) => void) => {
    const form = new FormData();
    form.append('file', file);
    return upload<ImportReport>('/admin/people/import', form, onProgress);
  },
  templateUrl: '/api/admin/people/import-template.xlsx',
};

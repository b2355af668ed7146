/** The organisation's units, as administrators manage them (api/src/routes/org-units.routes.ts). */
import { api } from '../../app/api.ts';

import type { UnitLevel } from '@motcua/domain/org-units/unit-levels.ts';

export { unitLevels, type UnitLevel } from '@motcua/domain/org-units/unit-levels.ts';

export interface Unit {
  id: string;
  parentId: string | null;
  name: string;
  agencyCode: string;
  level: UnitLevel;
  fields: string[];
  address: string | null;
  deactivatedAt: string | null;
}

export interface UnitInput {
  name: string;
  level: UnitLevel;
  fields: string[];
  address: string | null;
}

export interface UnitChange {
  id: string;
  at: string;
  actor: { id: string | null; name: string };
  action: string;
  before: Partial<Unit> | null;
  after: Partial<Unit> | null;
}

export const unitsApi = {
  list: () => api.get<{ items: Unit[] }>('/admin/units'),
  create: (input: UnitInput & { agencyCode: string; parentId: string }) => api.post<Unit>('/admin/units', input),
  update: (id: string, input: Partial<UnitInput>) => api.patch<Unit>(`/admin/units/${id}`, input),
  move: (id: string, parentId: string) => api.post<Unit>(`/admin/units/${id}/move`, { parentId }),
  deactivate: (id: string) => api.post<Unit>(`/admin/units/${id}/deactivate`),
  reactivate: (id: string) => api.post<Unit>(`/admin/units/${id}/reactivate`),
  history: (id: string) => api.get<{ items: UnitChange[]; total: number }>(`/admin/units/${id}/history?limit=50`),
};

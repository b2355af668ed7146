/** The procedure studio's calls to the api. */
import { api } from '../../app/api.ts';
import type { Message } from '../../app/api.ts';

import type { Allowance, TimeLimit } from '@motcua/domain/sla/deadlines.ts';

// the time rules are the server's own (pure functions of domain/)
export type { Allowance, TimeLimit, TimeUnit } from '@motcua/domain/sla/deadlines.ts';
export { workingHoursOf } from '@motcua/domain/sla/deadlines.ts';
export interface Fee {
  name: string;
  amount: number;
  per?: string;
  note?: string;
  exemptions?: string[];
}
export interface Channel {
  kind: 'in_person' | 'online' | 'postal';
  timeLimit: TimeLimit;
  fees: Fee[];
  note?: string;
}
export interface DocumentItem {
  case: string;
  name: string;
  originals: number;
  copies: number;
  photocopies?: number;
  template?: string;
}
export interface Catalogue {
  level: string;
  implementingAgency: string;
  competentAgency?: string;
  applicants: string[];
  onlineLevel: 'toan_trinh' | 'mot_phan';
  channels: Channel[];
  documents: DocumentItem[];
  result: string;
  legalBasis: string[];
  conditions?: string[];
  steps?: string[];
}
export interface ProcedureData {
  name: string;
  nameEn?: string | null;
  field: string;
  catalogue: Catalogue;
}
export interface ResultTemplate {
  title: string;
  titleEn?: string;
  fields: { label: string; path: string; values?: Record<string, string>; format?: 'date' }[];
}
export type VersionStatus = 'draft' | 'published' | 'retired';
export interface VersionSummary {
  id: string;
  version: number;
  status: VersionStatus;
  source: 'seed' | 'studio';
  publishedAt: string | null;
  updatedAt: string | null;
  retiredAt: string | null;
}
/** A request to publish a draft, for a second administrator (PUBLISH_APPROVAL). */
export interface PublishRequest {
  id: string;
  requestedBy: string;
  requestedByName: string | null;
  requestedAt: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  decidedAt: string | null;
  reason: string | null;
}

export interface ProcedureSummary {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  field: string;
  versions: VersionSummary[];
}
export interface Version extends VersionSummary {
  procedureId: string;
  processKey: string;
  bpmnXml: string;
  applicationFormId: string;
  forms: Record<string, FormDoc>;
  timeLimit: TimeLimit;
  stepAllowances: Record<string, Allowance>;
  resultTemplate: ResultTemplate;
  procedureData: ProcedureData;
  engineDeploymentId: string | null;
}
export interface FormDoc {
  id: string;
  type: string;
  components: unknown[];
  [k: string]: unknown;
}
export interface CheckProblem {
  severity: 'error' | 'warning';
  area: 'catalogue' | 'model' | 'forms' | 'allowances' | 'result';
  rule: string;
  elementId?: string;
  formId?: string;
  componentId?: string;
  message: Message;
}
export interface VersionDiff {
  from: { id: string; version: number };
  to: { id: string; version: number };
  summary: Message[];
  files: { name: string; patch: string }[];
}

export type DraftChanges = Partial<
  Pick<Version, 'procedureData' | 'bpmnXml' | 'forms' | 'applicationFormId' | 'timeLimit' | 'stepAllowances' | 'resultTemplate'>
>;

export const studioApi = {
  list: () => api.get<{ items: ProcedureSummary[] }>('/admin/procedures'),
  create: (p: { code: string; name: string; nameEn?: string; field: string; timeLimit: TimeLimit; handlingUnit?: string; opinionUnit?: string }) =>
    api.post<{ procedure: ProcedureSummary; version: Version }>('/admin/procedures', p),
  openDraft: (procedureId: string) => api.post<Version>(`/admin/procedures/${procedureId}/draft`),
  get: (versionId: string) =>
    api.get<{ procedure: ProcedureSummary; version: Version; publishApproval: boolean; publishRequest: PublishRequest | null }>(
      `/admin/procedure-versions/${versionId}`,
    ),
  save: (versionId: string, changes: DraftChanges) => api.put<Version>(`/admin/procedure-versions/${versionId}`, changes),
  discard: (versionId: string) => api.delete<void>(`/admin/procedure-versions/${versionId}`),
  check: (versionId: string) => api.get<{ ok: boolean; problems: CheckProblem[] }>(`/admin/procedure-versions/${versionId}/check`),
  /** published at once, or (PUBLISH_APPROVAL) asked of another administrator */
  publish: (versionId: string) =>
    api.post<{ version: Version; warnings: CheckProblem[] } | { request: PublishRequest }>(`/admin/procedure-versions/${versionId}/publish`),
  decidePublish: (versionId: string, decision: 'approve' | 'reject', reason?: string) =>
    api.post<{ request: PublishRequest }>(`/admin/procedure-versions/${versionId}/publish-decision`, { decision, ...(reason ? { reason } : {}) }),
  retire: (versionId: string) => api.post<Version>(`/admin/procedure-versions/${versionId}/retire`),
  diff: (versionId: string, against: string) => api.get<VersionDiff>(`/admin/procedure-versions/${versionId}/diff?against=${encodeURIComponent(against)}`),
  files: (versionId: string) => api.get<{ items: { name: string; mediaType: string; size: number }[] }>(`/admin/procedure-versions/${versionId}/files`),
  fileUrl: (versionId: string, name: string) => `/api/admin/procedure-versions/${versionId}/files/${encodeURIComponent(name)}`,
  importFiles: (versionId: string, files: { name: string; content: string }[]) => api.post<Version>(`/admin/procedure-versions/${versionId}/import`, { files }),
};

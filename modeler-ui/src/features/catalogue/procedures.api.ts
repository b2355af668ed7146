/** The published catalogue as the portal reads it. */
import { api, qs } from '../../app/api.ts';
import type { Lang } from '../../app/i18n.tsx';
import { timeLimitWords, type TimeLimit } from '@motcua/domain/sla/deadlines.ts';
import type { Translations } from '@motcua/domain/procedures/translations.ts';

export type { TimeLimit };

export interface ProcedureSummary {
  code: string;
  name: string;
  nameEn: string | null;
  field: string;
  timeLimit: TimeLimit;
  onlineLevel: string | null;
  agency: string | null;
}

export interface ProcedureDetail extends ProcedureSummary {
  catalogue: {
    level?: string;
    implementingAgency?: string;
    competentAgency?: string;
    applicants?: string[];
    onlineLevel?: string;
    channels?: { kind: string; timeLimit?: TimeLimit; fees?: { name: string; amount: number; note?: string }[] }[];
    documents?: { case?: string; name: string; originals?: number; copies?: number }[];
    result?: string;
    legalBasis?: string[];
    conditions?: string[];
    steps?: string[];
    /** the entry's and forms' texts in other languages (domain/procedures/translations.ts) */
    translations?: Translations;
  };
  version: number;
  applicationForm: unknown;
  steps: { key: string; name: string; kind: string | null }[];
}

export interface OrgUnit {
  id: string;
  name: string;
  agencyCode: string;
  parentId: string | null;
  receivesDossiers: boolean;
}

export interface CatalogueResult {
  items: ProcedureSummary[];
  /** when nothing matched: the nearest names */
  suggestions: { code: string; name: string; nameEn: string | null }[];
  facets: { fields: string[]; agencies: string[]; levels: string[] };
}
export const searchProcedures = (q: { q?: string; field?: string; agency?: string; level?: string }) => api.get<CatalogueResult>(`/procedures${qs(q)}`);
export const getProcedure = (code: string) => api.get<ProcedureDetail>(`/procedures/${encodeURIComponent(code)}`);
export const listOrgUnits = () => api.get<{ items: OrgUnit[] }>('/org-units');

export function timeLimitText(l: TimeLimit | undefined, lang: Lang): string {
  if (!l) return '—';
  const words = timeLimitWords(l)[lang];
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const onlineLevelNames: Record<string, [string, string]> = {
  toan_trinh: ['Toàn trình', 'Fully online'],
  mot_phan: ['Một phần', 'Partly online'],
};

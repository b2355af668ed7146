/** Dossiers as the portal and the workspace read them. */
import type { QuestionnaireVersion, RatingInput } from '../rating/rating.api.ts';
import { api, qs, upload } from '../../app/api.ts';
import type { AttachmentValue } from '../../forms/attachment-field.ts';
import type { SlaState } from '../../components/Badges.tsx';
import type { ApplicantEvent, ApplicantSla } from '@motcua/domain/dossiers/applicant-view.ts';
import type { TimelineEvent } from '../../components/Timeline.tsx';
import type { DeliveryView, ResultDeliveryChoice } from '../delivery/delivery.api.ts';

export interface Status {
  code: number;
  name: { vi: string; en: string };
}

export interface DossierView {
  id: string;
  reference: string;
  code: string | null;
  procedure: { code: string; name: string; nameEn: string | null; version: number };
  orgUnit: { id: string; name: string; agencyCode: string };
  status: Status;
  channel: 1 | 2 | 3;
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  extendedDueAt: string | null;
  slaState: SlaState;
  /** the one SLA label its applicant reads */
  sla: ApplicantSla;
  pending: 'within' | 'overdue' | null;
  outcome: 'early' | 'on_time' | 'late' | null;
  decidedAt: string | null;
  returnedAt: string | null;
  supplementRequest: { items: string[]; note: string | null; requestedAt: string; dueAt?: string; requestedBy: { name: string } } | null;
  refusal: { reasons: string; refusedAt: string } | null;
  apologies: { step: string; reason: string; previousDueAt: string; newDueAt: string; issuedAt: string; issuedBy: string }[];
  currentSteps: { key: string; name: string; due: string | null; slaState: SlaState | null; assigned: boolean }[];
  data: Record<string, unknown>;
  applicationForm: unknown;
  attachments: { id: string; fieldKey: string; fileName: string; mediaType: string; size: number; round: number; label: string }[];
  supplementRounds: number;
  /** for the applicant: the milestones in words */
  milestones?: (Omit<ApplicantEvent, 'at'> & { at: string })[];
  documents: {
    id: string;
    kind: 'receipt' | 'result' | 'apology' | 'supplement_request' | 'refusal' | 'handover_slip';
    fileName: string;
    signed: boolean;
    createdAt: string;
  }[];
  timeline: TimelineEvent[];
  /** how the result is returned and where that stands */
  delivery?: DeliveryView;
}

export interface DossierRow {
  id: string;
  reference: string;
  code: string | null;
  procedure: { code: string; name: string; nameEn: string | null } | null;
  status: Status;
  slaState: SlaState;
  sla: ApplicantSla;
  outcome: string | null;
  submittedAt: string;
  dueAt: string | null;
}

export const getDossier = (id: string) => api.get<DossierView>(`/dossiers/${id}`);
export const listMyDossiers = (limit: number, offset: number) => api.get<{ total: number; items: DossierRow[] }>(`/dossiers${qs({ limit, offset })}`);
export const submitDossier = (
  body: { procedureCode: string; orgUnitId: string; organisationId?: string; data: Record<string, unknown>; resultDelivery?: ResultDeliveryChoice },
  idempotencyKey: string,
) => api.post<DossierView>('/dossiers', body, { 'idempotency-key': idempotencyKey });
/** The supplement: the form's data again, and a file per slot of the papers asked for (supplement_<n>). */
export const supplementDossier = (id: string, data: Record<string, unknown>, slots: Record<string, File> = {}) => {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const [key, file] of Object.entries(slots)) form.append(key, file, file.name);
  return upload<DossierView>(`/dossiers/${id}/supplement`, form, () => undefined);
};
export const withdrawDossier = (id: string, reason: string) => api.post<DossierView>(`/dossiers/${id}/withdraw`, reason ? { reason } : {});
export const documentUrl = (id: string, kind: string) => `/api/dossiers/${id}/documents/${kind}`;
export const attachmentUrl = (dossierId: string, attachmentId: string) => `/api/dossiers/${dossierId}/attachments/${attachmentId}?inline=1`;

export interface Draft {
  procedureCode: string;
  procedureName: string;
  orgUnitId: string | null;
  data: Record<string, unknown>;
  updatedAt: string;
}
export const listDrafts = () => api.get<{ items: Draft[] }>('/drafts');
export const getDraft = (code: string) => api.get<Draft>(`/drafts/${encodeURIComponent(code)}`);
export const saveDraft = (code: string, body: { orgUnitId: string | null; data: Record<string, unknown> }) =>
  api.put<Draft>(`/drafts/${encodeURIComponent(code)}`, body);

/** Uploads a file for an attachment field of a procedure's application form. */
export function uploadAttachment(procedureCode: string, fieldKey: string, file: File, onProgress: (share: number) => void): Promise<AttachmentValue> {
  const form = new FormData();
  form.set('procedureCode', procedureCode);
  form.append(fieldKey, file, file.name);
  return upload<AttachmentValue>('/uploads', form, onProgress);
}

export interface RatingState {
  rating: { overall: number; steps: { step: string; stepName: string; level: number }[]; comment: string | null; ratedAt: string } | null;
  steps: { step: string; stepName: string; officerId: string | null }[];
  /** the current questionnaire, which the form renders */
  questionnaire: QuestionnaireVersion;
}
export const getRating = (id: string) => api.get<RatingState>(`/dossiers/${id}/rating`);
export const rate = (id: string, body: RatingInput) => api.post(`/dossiers/${id}/rating`, body);

/** Brings the counter dossiers of a receipt's claim code into the citizen's account. */
export function claimCounterDossiers(claimCode: string): Promise<{ dossierIds: string[]; count: number }> {
  return api.post('/dossiers/claims', { claimCode });
}

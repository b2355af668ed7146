/** The satisfaction questionnaire, its versions (administrators) and rating at the counter's tablet (kiosk token, no login). */
import { api, request } from '../../app/api.ts';
import type { Answer, Questionnaire, QuestionnaireContent } from '@motcua/domain/dossiers/questionnaires.schemas.ts';

export type { Answer, Questionnaire, QuestionnaireContent };

export interface RateableStep {
  step: string;
  stepName: string;
}

/** What a rating sends, whatever the channel. */
export interface RatingInput {
  overall: number;
  steps: { step: string; level: number }[];
  answers: Record<string, Answer>;
  comment?: string;
}

export interface QuestionnaireVersion extends Omit<Questionnaire, 'publishedAt'> {
  publishedAt: string;
}

export const questionnairesApi = {
  list: () => api.get<{ items: QuestionnaireVersion[] }>('/admin/questionnaires'),
  publish: (content: QuestionnaireContent) => api.post<QuestionnaireVersion>('/admin/questionnaires', content),
};

export interface CodeDossier {
  dossierCode: string | null;
  procedureName: string;
  unitName: string;
  steps: RateableStep[];
  questionnaire: QuestionnaireVersion;
}

const KIOSK_KEY = 'motcua.kioskToken';

/** The tablet's kiosk token, kept on the device (it is no one's login). */
export const kioskToken = {
  get: () => localStorage.getItem(KIOSK_KEY),
  set: (t: string) => localStorage.setItem(KIOSK_KEY, t),
  clear: () => localStorage.removeItem(KIOSK_KEY),
};

const withKiosk = (token: string) => ({ 'x-kiosk-token': token });

export const kioskApi = {
  open: () => api.post<{ token: string; kiosk: { unitName: string } }>('/counter-rating/kiosks'),
  get: (token: string) => request<{ unitName: string; expiresAt: string }>('GET', '/counter-rating/kiosk', undefined, withKiosk(token)),
  close: (token: string) => request<void>('DELETE', '/counter-rating/kiosk', undefined, withKiosk(token)),
  lookUp: (token: string, code: string) => request<CodeDossier>('POST', '/counter-rating/lookup', { code }, withKiosk(token)),
  rate: (token: string, code: string, input: RatingInput) =>
    request<{ ratedAt: string; questionnaireVersion: number }>('POST', '/counter-rating/ratings', { code, ...input }, withKiosk(token)),
};

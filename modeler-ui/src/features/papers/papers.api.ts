/** A citizen's papers (provide once): listed, opened, removed, and named again in an application's attachment field. */
import { api, ApiError, type Message } from '../../app/api.ts';
import type { AttachmentValue, PaperChoice, PaperServices } from '../../forms/attachment-field.ts';

export interface Paper extends PaperChoice {
  kind: 'attachment' | 'result';
  sha256: string;
  dossierId: string | null;
  dossierCode: string | null;
}

export const listPapers = () => api.get<{ items: Paper[] }>('/papers').then((r) => r.items);
export const removePaper = (id: string) => api.delete(`/papers/${id}`);
export const paperUrl = (id: string, download = false) => `/api/papers/${id}/file${download ? '?download' : ''}`;

/** What an application's attachment fields need to offer the citizen's papers for this procedure. */
export function paperServices(procedureCode: string, pick: (m: Message) => string): PaperServices {
  return {
    list: () => listPapers(),
    use: (paperId, fieldKey) =>
      api.post<AttachmentValue>(`/papers/${paperId}/reuse`, { procedureCode, fieldKey }).catch((e: unknown) => {
        throw new Error(e instanceof ApiError ? [pick(e.messages), ...e.fields.map((f) => pick(f.message))].join(' ') : String(e));
      }),
  };
}

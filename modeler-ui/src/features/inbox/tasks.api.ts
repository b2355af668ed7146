/** The officer's tasks. */
import { api, qs } from '../../app/api.ts';
import type { SlaState } from '../../components/Badges.tsx';
import type { Status } from '../my-dossiers/dossiers.api.ts';

export interface TaskView {
  id: string;
  name: string;
  stepKey: string;
  stepKind: 'reception' | 'review' | 'approval' | undefined;
  created: string;
  due: string | null;
  warnAt: string | null;
  slaState: SlaState | null;
  remainingWorkingMinutes: number | null;
  assignee: string | null;
  /** the officer holding the task, by name */
  assigneeName: string | null;
  assignedToMe: boolean;
  dossier: {
    id: string;
    code: string | null;
    reference: string;
    procedureCode: string;
    procedureName: string;
    status: Status;
    slaState: SlaState;
    submittedAt: string;
    dueAt: string | null;
    applicantName: string | null;
    /** supplemented by the applicant, or sent back by the step after */
    marks: ('supplemented' | 'returned')[];
  } | null;
}

export interface TaskDetail extends TaskView {
  form: unknown;
  decisions: string[];
  /** the unit to pick for the next step (liên thông), with the decisions that need it */
  pick: { step: string; stepName: string; decisions: string[]; units: { id: string; name: string }[] } | null;
}

export interface TaskFilters {
  q?: string;
  /** whose tasks: mine, unclaimed, the whole unit's (absent: mine and the unclaimed ones) */
  holder?: string;
  procedure?: string;
  status?: string;
  sla?: string;
  from?: string;
  to?: string;
  sort?: string;
  limit: number;
  offset: number;
}

export const listTasks = (f: TaskFilters) => api.get<{ items: TaskView[]; total: number; searchedLatest: number | null }>(`/tasks${qs({ ...f })}`);
export const getTask = (id: string) => api.get<TaskDetail>(`/tasks/${id}`);
export const claimTask = (id: string) => api.post(`/tasks/${id}/claim`);
export const unclaimTask = (id: string) => api.post(`/tasks/${id}/unclaim`);
export const completeTask = (id: string, body: Record<string, unknown>) => api.post<{ decision: string }>(`/tasks/${id}/complete`, body);
/** The result as it would be issued now, marked «DỰ THẢO» and unsigned (an approval step's task). */
export const draftResultUrl = (id: string) => `/api/tasks/${id}/draft-result`;
export const issueApology = (id: string, body: { reason: string; newDueAt: string }) =>
  api.post<{ newDueAt: string; documentId: string }>(`/tasks/${id}/apology`, body);

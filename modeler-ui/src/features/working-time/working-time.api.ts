/** The api of the working-time page: the common calendar's office hours and the SLA rule versions. */
import { api } from '../../app/api.ts';

export interface Calendar {
  id: string;
  orgUnitId: string | null;
  name: string;
  officeHours: { start: string; end: string }[];
  weekendDays: number[];
}

export interface RuleInput {
  effectiveFrom: string;
  supplementClock: 'extend' | 'restart';
  warnThreshold: { maxWorkingHours: number; share: number };
  moveCalendarDeadlines: boolean;
  dayCount: 'civil_code' | 'working_hours';
  paymentClock: 'pause' | 'run';
  supplementAllowance: { value: number; unit: 'working_days' | 'working_hours' };
  note?: string;
}

export interface RuleVersion extends Omit<RuleInput, 'note'> {
  id: string;
  version: number;
  note: string | null;
}

export const workingTimeApi = {
  calendars: () => api.get<{ items: Calendar[] }>('/admin/calendars').then((r) => r.items),
  saveCommon: (c: { name: string; officeHours: Calendar['officeHours']; weekendDays: number[] }) => api.put<Calendar>('/admin/calendars/default', c),
  rules: () => api.get<{ items: RuleVersion[] }>('/admin/sla-rules').then((r) => r.items),
  addRule: (r: RuleInput) => api.post<RuleVersion>('/admin/sla-rules', r),
};

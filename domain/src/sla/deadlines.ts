/**
 * Deadlines from a procedure's time-limit data and its steps' allowances. Pure functions over a
 * WorkingCalendar; the `sla` worker calls them at submission and at reception.
 */
import { vnDate, vnParts, nextDate, parseClock } from '../time/vietnam-time.ts';
import type { WorkingCalendar } from './calendar.ts';

export type TimeUnit = 'working_days' | 'working_hours' | 'calendar_days';

/** A legal time limit as structured data (DOMAIN.md §2). value 0 working_days = the same day. */
export interface TimeLimit {
  value: number;
  unit: TimeUnit;
  /** Receipts after this clock time (HH:MM) count from the next working day, e.g. "15:00" */
  cutoff?: string;
  /** calendar-day limits landing on a non-working day move to the next working day */
  moveOffNonWorkingDays?: boolean;
}

/** Working time a step may take, e.g. { value: 4, unit: 'working_hours' }. */
export interface Allowance {
  value: number;
  unit: 'working_days' | 'working_hours';
}

/** When the nearly-late (amber) state starts: the smaller of a fixed working time and a share of the allowance. */
export interface WarnThreshold {
  maxWorkingHours: number;
  share: number;
}

export const defaultWarnThreshold: WarnThreshold = { maxWorkingHours: 24, share: 0.2 };

export function allowanceMinutes(calendar: WorkingCalendar, a: Allowance): number {
  return a.unit === 'working_days' ? a.value * calendar.minutesPerDay : a.value * 60;
}

/**
 * The moment the legal clock starts for a receipt: the receipt itself in office hours; the next opening
 * outside them; the next working day's opening when a cut-off is set and the receipt is after it.
 */
export function clockStart(calendar: WorkingCalendar, receivedAt: Date, limit: Pick<TimeLimit, 'cutoff'>): Date {
  if (limit.cutoff && calendar.isWorkingDay(vnDate(receivedAt)) && vnParts(receivedAt).minuteOfDay > parseClock(limit.cutoff)) {
    return calendar.openingOf(calendar.workingDayOnOrAfter(nextDate(vnDate(receivedAt))));
  }
  return calendar.nextWorkingMoment(receivedAt);
}

/** The legal due moment of a dossier received at `receivedAt`. */
export function dossierDueAt(calendar: WorkingCalendar, receivedAt: Date, limit: TimeLimit): Date {
  const start = clockStart(calendar, receivedAt, limit);
  switch (limit.unit) {
    case 'working_days':
      // "same day" (0) and whole days end at the close of the last working day
      if (limit.value === 0) return calendar.closingOf(vnDate(start));
      return calendar.addWorkingDays(start, limit.value);
    case 'working_hours':
      return calendar.addWorkingHours(start, limit.value);
    case 'calendar_days': {
      const dueDate = nextDate(vnDate(start), limit.value);
      const date = limit.moveOffNonWorkingDays ? calendar.workingDayOnOrAfter(dueDate) : dueDate;
      return calendar.closingOf(date);
    }
  }
}

/** Due and warn moments of one step starting at `from`. */
export function stepWindow(
  calendar: WorkingCalendar,
  from: Date,
  allowance: Allowance,
  threshold: WarnThreshold = defaultWarnThreshold,
): { dueAt: Date; warnAt: Date } {
  const total = allowanceMinutes(calendar, allowance);
  const warnBefore = Math.min(threshold.maxWorkingHours * 60, total * threshold.share);
  const start = calendar.nextWorkingMoment(from);
  return {
    dueAt: calendar.addWorkingMinutes(start, total),
    warnAt: calendar.addWorkingMinutes(start, Math.max(0, total - warnBefore)),
  };
}

export type SlaState = 'on_time' | 'nearly_late' | 'late';

/** SLA state of a pending step or dossier at a moment. */
export function slaStateAt(now: Date, dueAt: Date, warnAt: Date): SlaState {
  if (now.getTime() >= dueAt.getTime()) return 'late';
  if (now.getTime() >= warnAt.getTime()) return 'nearly_late';
  return 'on_time';
}

/** Outcome of a finished dossier, by date (DOMAIN.md §5): before the due date, on it, or after. */
export function finishedOutcome(finishedAt: Date, dueAt: Date): 'early' | 'on_time' | 'late' {
  const f = vnDate(finishedAt);
  const d = vnDate(dueAt);
  if (f < d) return 'early';
  if (f === d) return 'on_time';
  return 'late';
}

/**
 * Deadlines from a procedure's time-limit data and its steps' allowances. Pure functions over a
 * WorkingCalendar; the `sla` worker calls them at submission and at reception.
 */
import { vnDate, vnParts, nextDate, parseClock } from '../time/vietnam-time.ts';
import type { WorkingCalendar } from './calendar.ts';
import { msg, type Message } from '../errors/errors.ts';

export type TimeUnit = 'working_days' | 'working_hours' | 'calendar_days';

/** A legal time limit as structured data (DOMAIN.md §2). value 0 working_days = the same day. */
export interface TimeLimit {
  value: number;
  unit: TimeUnit;
  /** Receipts after this clock time (HH:MM) count from the next working day, e.g. "15:00" */
  cutoff?: string;
  /** the longer limit that applies when the case needs verification (e.g. marriage registration: 5 working days) */
  extensionWhenVerificationNeeded?: { value: number; unit: TimeUnit };
}

/** An amount of time in words, e.g. "4 giờ làm việc" / "4 working hours". */
export function amountOfTime(a: { value: number; unit: TimeUnit }): Message {
  const [vi, one, many] = {
    working_days: ['ngày làm việc', 'working day', 'working days'],
    working_hours: ['giờ làm việc', 'working hour', 'working hours'],
    calendar_days: ['ngày', 'day', 'days'],
  }[a.unit];
  return msg(`${a.value} ${vi}`, `${a.value} ${a.value === 1 ? one : many}`);
}

/** A time limit in words, as the receipt and the catalogue state it (0 working days = the same working day). */
export function timeLimitWords(limit: TimeLimit): Message {
  if (limit.unit === 'working_days' && limit.value === 0) {
    return msg(
      `trong ngày làm việc${limit.cutoff ? ` (nhận sau ${limit.cutoff} trả trong ngày làm việc tiếp theo)` : ''}`,
      `the same working day${limit.cutoff ? ` (after ${limit.cutoff}: the next working day)` : ''}`,
    );
  }
  return amountOfTime(limit);
}

/** Working hours in a working day, for comparing step allowances with a procedure's time limit (DOMAIN.md §5: 8). */
export const HOURS_PER_DAY = 8;

/** Working hours of an allowance or a limit, for comparing them (a "same day" limit is one day). */
export const workingHoursOf = (a: { value: number; unit: TimeUnit }) =>
  a.unit === 'working_hours' ? a.value : a.unit === 'working_days' && a.value === 0 ? HOURS_PER_DAY : a.value * HOURS_PER_DAY;

/** Working time a step may take, e.g. { value: 4, unit: 'working_hours' } (fractions allowed). */
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

/**
 * How a limit in days is counted (DOMAIN.md §5, configurable per rule version): `civil_code`, the law's rule
 * (Bộ luật Dân sự 2015, Art. 147): the day of reception is not counted, the limit ends at the close of its
 * last day; `working_hours`: a day is 8 working hours counted from the moment of reception.
 */
export type DayCount = 'civil_code' | 'working_hours';

export interface DeadlineRules {
  /** a calendar-day deadline landing on a non-working day moves to the next working day */
  moveCalendarDeadlines: boolean;
  dayCount: DayCount;
}

/**
 * The legal due moment of a dossier received at `receivedAt` (a receipt outside office hours or on a day off
 * counts as received at the next opening). Calendar-day limits landing on a non-working day move to the next
 * working day when the rules say so (DOMAIN.md §5, configurable).
 */
export function dossierDueAt(
  calendar: WorkingCalendar,
  receivedAt: Date,
  limit: TimeLimit,
  rules: DeadlineRules = { moveCalendarDeadlines: true, dayCount: 'civil_code' },
): Date {
  const start = clockStart(calendar, receivedAt, limit);
  switch (limit.unit) {
    case 'working_days': {
      // "same day" (0) ends at the close of the day of reception
      if (limit.value === 0) return calendar.closingOf(vnDate(start));
      if (rules.dayCount === 'working_hours') return calendar.addWorkingDays(start, limit.value);
      // the day of reception is not counted: the limit's last working day after it, at its close
      let day = vnDate(start);
      for (let i = 0; i < limit.value; i++) day = calendar.workingDayOnOrAfter(nextDate(day));
      return calendar.closingOf(day);
    }
    case 'working_hours':
      return calendar.addWorkingHours(start, limit.value);
    case 'calendar_days': {
      const dueDate = nextDate(vnDate(start), limit.value);
      const date = rules.moveCalendarDeadlines ? calendar.workingDayOnOrAfter(dueDate) : dueDate;
      return calendar.closingOf(date);
    }
  }
}

/**
 * Due and warn moments of one step starting at `from`. With `notAfter` (the dossier's due) the step is due
 * no later than the dossier, and warns the same share of what is left.
 */
export function stepWindow(
  calendar: WorkingCalendar,
  from: Date,
  allowance: Allowance,
  threshold: WarnThreshold = defaultWarnThreshold,
  notAfter?: Date,
): { dueAt: Date; warnAt: Date } {
  const start = calendar.nextWorkingMoment(from);
  let total = allowanceMinutes(calendar, allowance);
  // (a dossier already past its due gives its steps their full allowance: there is nothing left to share)
  const left = notAfter ? calendar.workingMinutesBetween(start, notAfter) : 0;
  if (left > 0) total = Math.min(total, left);
  const warnBefore = Math.min(threshold.maxWorkingHours * 60, total * threshold.share);
  return {
    dueAt: calendar.addWorkingMinutes(start, total),
    warnAt: calendar.addWorkingMinutes(start, Math.max(0, total - warnBefore)),
  };
}

/**
 * The due moment after a supplement: `extend` adds the working time the clock stood still to the old due;
 * `restart` counts the full limit again from the complete supplement.
 */
export function dueAfterSupplement(
  calendar: WorkingCalendar,
  mode: 'extend' | 'restart',
  o: { previousDueAt: Date; pausedAt: Date; resumedAt: Date; limit: TimeLimit; rules: DeadlineRules },
): { dueAt: Date; pausedMinutes: number } {
  const pausedMinutes = calendar.workingMinutesBetween(o.pausedAt, o.resumedAt);
  const dueAt = mode === 'extend' ? calendar.addWorkingMinutes(o.previousDueAt, pausedMinutes) : dossierDueAt(calendar, o.resumedAt, o.limit, o.rules);
  return { dueAt, pausedMinutes };
}

export type SlaState = 'on_time' | 'nearly_late' | 'late';

/** SLA state of a pending step or dossier at a moment. */
export function slaStateAt(now: Date, dueAt: Date, warnAt: Date): SlaState {
  if (now.getTime() >= dueAt.getTime()) return 'late';
  if (now.getTime() >= warnAt.getTime()) return 'nearly_late';
  return 'on_time';
}

export type Outcome = 'early' | 'on_time' | 'late';

/**
 * Outcome of a finished dossier, by date (DOMAIN.md §5): before the due date, on it, or after. A dossier
 * that already turned late (its due time passed while it was pending) stays late, whatever the date.
 */
export function finishedOutcome(finishedAt: Date, dueAt: Date, wasFlaggedLate = false): Outcome {
  const f = vnDate(finishedAt);
  const d = vnDate(dueAt);
  if (wasFlaggedLate || f > d) return 'late';
  return f < d ? 'early' : 'on_time';
}

/** Whether a pending dossier or step is within its time or overdue at `now`. */
export function pendingState(now: Date, dueAt: Date): 'within' | 'overdue' {
  return now.getTime() >= dueAt.getTime() ? 'overdue' : 'within';
}

/**
 * The working-time calendar: office hours, weekends, days off (public holidays, swapped weekdays) and extra
 * working days (swapped Saturdays). Pure: the rules come in as data (from the database), so the UI can use
 * the same arithmetic. All dates are Vietnamese local dates (Asia/Ho_Chi_Minh).
 */
import { nextDate, parseClock, vnDate, vnMoment, vnParts, weekdayOf, type IsoDate } from '../time/vietnam-time.ts';

export interface CalendarRules {
  /** Office periods of a working day, in order, e.g. [{start:'07:00', end:'11:30'}, {start:'13:30', end:'17:00'}] */
  officeHours: { start: string; end: string }[];
  /** Weekdays that are not working days unless listed in extraWorkingDays: 0 = Sunday, 6 = Saturday */
  weekendDays: number[];
  /** Dates that are not working days: public holidays, Tết, swapped weekdays off */
  daysOff: IsoDate[];
  /** Weekend dates that are working days (a Saturday worked in exchange) */
  extraWorkingDays: IsoDate[];
}

/** The default of QĐ 188/1999/QĐ-TTg with common office hours; holidays come from the database. */
export const defaultCalendarRules: CalendarRules = {
  officeHours: [
    { start: '07:00', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
  weekendDays: [0, 6],
  daysOff: [],
  extraWorkingDays: [],
};

const MAX_SCAN_DAYS = 3660;

export class WorkingCalendar {
  private readonly periods: [number, number][];
  private readonly weekend: Set<number>;
  private readonly off: Set<IsoDate>;
  private readonly extra: Set<IsoDate>;
  /** Working minutes in one full working day (480 for 8 hours). */
  readonly minutesPerDay: number;

  constructor(rules: CalendarRules = defaultCalendarRules) {
    this.periods = rules.officeHours.map((p) => [parseClock(p.start), parseClock(p.end)] as [number, number]);
    if (!this.periods.length) throw new RangeError('a calendar needs at least one office period');
    this.periods.forEach(([s, e], i) => {
      const prev = this.periods[i - 1];
      if (e <= s || (prev && s < prev[1])) throw new RangeError('office periods must be increasing and not overlap');
    });
    this.weekend = new Set(rules.weekendDays);
    this.off = new Set(rules.daysOff);
    this.extra = new Set(rules.extraWorkingDays);
    this.minutesPerDay = this.periods.reduce((sum, [s, e]) => sum + (e - s), 0);
  }

  isWorkingDay(date: IsoDate): boolean {
    if (this.off.has(date)) return false;
    if (this.extra.has(date)) return true;
    return !this.weekend.has(weekdayOf(date));
  }

  /** The first working day on or after `date`. */
  workingDayOnOrAfter(date: IsoDate): IsoDate {
    let d = date;
    for (let i = 0; i < MAX_SCAN_DAYS; i++, d = nextDate(d)) if (this.isWorkingDay(d)) return d;
    throw new RangeError('no working day within ten years');
  }

  /** Opening and closing moment of a working day. */
  openingOf(date: IsoDate): Date {
    return vnMoment(date, this.periods[0]![0]);
  }
  closingOf(date: IsoDate): Date {
    return vnMoment(date, this.periods[this.periods.length - 1]![1]);
  }

  /** Is the office open at this moment? */
  isOpen(at: Date): boolean {
    const date = vnDate(at);
    if (!this.isWorkingDay(date)) return false;
    const m = vnParts(at).minuteOfDay;
    return this.periods.some(([s, e]) => m >= s && m < e);
  }

  /** The moment the clock runs from: `at` itself when the office is open, else the next opening of a period. */
  nextWorkingMoment(at: Date): Date {
    let date = vnDate(at);
    let minute = vnParts(at).minuteOfDay;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      if (this.isWorkingDay(date)) {
        for (const [s, e] of this.periods) {
          if (minute < e) return minute >= s ? at : vnMoment(date, s);
        }
      }
      date = nextDate(date);
      minute = -1;
    }
    throw new RangeError('no working time within ten years');
  }

  /**
   * Adds working minutes to a moment: the clock runs only in office periods of working days.
   * A result at the very end of a period is that end (11:30, 17:00), not the next opening.
   */
  addWorkingMinutes(from: Date, minutes: number): Date {
    if (minutes < 0) throw new RangeError('negative working time');
    if (minutes === 0) return from;
    let date = vnDate(from);
    let minute = vnParts(from).minuteOfDay;
    let left = minutes;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      if (this.isWorkingDay(date)) {
        for (const [s, e] of this.periods) {
          if (minute >= e) continue;
          const begin = Math.max(minute, s);
          const available = e - begin;
          if (left <= available) return vnMoment(date, begin + left);
          left -= available;
          minute = e;
        }
      }
      date = nextDate(date);
      minute = 0;
    }
    throw new RangeError('working time beyond ten years');
  }

  addWorkingHours(from: Date, hours: number): Date {
    return this.addWorkingMinutes(from, hours * 60);
  }

  /** n working days = n full working days of office time from the moment the clock starts. */
  addWorkingDays(from: Date, days: number): Date {
    return this.addWorkingMinutes(from, days * this.minutesPerDay);
  }

  /** Working minutes between two moments (0 when `to` is not after `from`). */
  workingMinutesBetween(from: Date, to: Date): number {
    if (to.getTime() <= from.getTime()) return 0;
    let total = 0;
    let date = vnDate(from);
    const lastDate = vnDate(to);
    const fromMinute = vnParts(from).minuteOfDay;
    const toMinute = vnParts(to).minuteOfDay;
    for (let i = 0; i < MAX_SCAN_DAYS * 4; i++) {
      if (this.isWorkingDay(date)) {
        const lo = date === vnDate(from) ? fromMinute : 0;
        const hi = date === lastDate ? toMinute : 24 * 60;
        for (const [s, e] of this.periods) total += Math.max(0, Math.min(e, hi) - Math.max(s, lo));
      }
      if (date === lastDate) return total;
      date = nextDate(date);
    }
    throw new RangeError('interval beyond forty years');
  }
}

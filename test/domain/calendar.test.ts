/**
 * Legal time, case by case (DOMAIN.md §5): receipts and cut-offs, working hours and days across weekends,
 * Tết, 30/4–1/5, National Day and swapped Saturdays, calendar-day limits, supplement pauses in both clock
 * modes, warn thresholds, outcomes, and the same answers whatever the server's time zone. The calendar is
 * the national table motcua seeds (2024–2027) with the common office hours 07:00–11:30, 13:30–17:00.
 */
import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import { repoRoot } from '@motcua/domain/config/config.ts';
import { WorkingCalendar, defaultCalendarRules } from '@motcua/domain/sla/calendar.ts';
import {
  dossierDueAt,
  dueAfterSupplement,
  finishedOutcome,
  pendingState,
  slaStateAt,
  stepWindow,
  type DeadlineRules,
  type TimeLimit,
} from '@motcua/domain/sla/deadlines.ts';
import { statutoryDaysOff, yearCalendar } from '@motcua/domain/sla/holidays.ts';

const vn = (s: string) => new Date(`${s}:00+07:00`);
const iso = (d: Date) => d.toISOString();

const table = [2024, 2025, 2026, 2027].flatMap(yearCalendar);
const cal = new WorkingCalendar({
  ...defaultCalendarRules,
  daysOff: table.filter((d) => d.kind === 'day_off').map((d) => d.date),
  extraWorkingDays: table.filter((d) => d.kind === 'working_day').map((d) => d.date),
});

const sameDay: TimeLimit = { value: 0, unit: 'working_days', cutoff: '15:00' };
const days = (value: number): TimeLimit => ({ value, unit: 'working_days' });
const hours = (value: number): TimeLimit => ({ value, unit: 'working_hours' });
const calendarDays = (value: number): TimeLimit => ({ value, unit: 'calendar_days' });
// the table below counts a day as 8 working hours from reception (one rule version's choice); the law's own
// count (the day of reception not counted) has its table further down
const move: DeadlineRules = { moveCalendarDeadlines: true, dayCount: 'working_hours' };
const stay: DeadlineRules = { moveCalendarDeadlines: false, dayCount: 'working_hours' };
const law: DeadlineRules = { moveCalendarDeadlines: true, dayCount: 'civil_code' };

interface DueCase {
  name: string;
  receivedAt: string;
  limit: TimeLimit;
  rules?: DeadlineRules;
  due: string;
}

const dueCases: DueCase[] = [
  // same day, with the 15:00 cut-off
  { name: 'a same-day procedure received Monday 14:59 is due at 17:00 that day', receivedAt: '2026-11-23T14:59', limit: sameDay, due: '2026-11-23T17:00' },
  {
    name: 'a same-day procedure received at 15:00 sharp is still due that day (after the cut-off means after it)',
    receivedAt: '2026-11-23T15:00',
    limit: sameDay,
    due: '2026-11-23T17:00',
  },
  {
    name: 'a same-day procedure received Monday 15:01 is due at 17:00 the next working day',
    receivedAt: '2026-11-23T15:01',
    limit: sameDay,
    due: '2026-11-24T17:00',
  },
  { name: 'a same-day procedure received Friday 15:01 is due Monday 17:00', receivedAt: '2026-11-27T15:01', limit: sameDay, due: '2026-11-30T17:00' },
  {
    name: 'a same-day procedure received Friday after closing (17:30) is due Monday 17:00',
    receivedAt: '2026-11-27T17:30',
    limit: sameDay,
    due: '2026-11-30T17:00',
  },
  {
    name: 'a same-day procedure received on a Saturday counts from Monday and is due Monday 17:00',
    receivedAt: '2026-11-28T10:00',
    limit: sameDay,
    due: '2026-11-30T17:00',
  },
  {
    name: 'a same-day procedure received at lunch (12:00), before the cut-off, is due 17:00 that day',
    receivedAt: '2026-11-23T12:00',
    limit: sameDay,
    due: '2026-11-23T17:00',
  },
  {
    name: 'a same-day procedure received before opening (06:30) is due 17:00 that day',
    receivedAt: '2026-11-23T06:30',
    limit: sameDay,
    due: '2026-11-23T17:00',
  },
  {
    name: 'a same-day procedure received the day before Tết 2026 (Friday 13/2) at 15:30 is due on the first working day after Tết (Monday 23/2)',
    receivedAt: '2026-02-13T15:30',
    limit: sameDay,
    due: '2026-02-23T17:00',
  },
  {
    name: 'a same-day procedure received Tuesday 29/4/2025 at 15:30 skips 30/4, 1/5 and the swapped Friday 2/5: due Monday 5/5',
    receivedAt: '2025-04-29T15:30',
    limit: sameDay,
    due: '2025-05-05T17:00',
  },
  {
    name: 'a same-day procedure received Friday 25/4/2025 at 15:30 is due on the swapped working Saturday 26/4',
    receivedAt: '2025-04-25T15:30',
    limit: sameDay,
    due: '2025-04-26T17:00',
  },
  {
    name: 'a same-day procedure received during Tết 2026 (Wednesday 18/2, online) is due Monday 23/2',
    receivedAt: '2026-02-18T09:00',
    limit: sameDay,
    due: '2026-02-23T17:00',
  },
  // working hours
  {
    name: '4 working hours from Monday 10:45 end at 16:45: the lunch break does not count',
    receivedAt: '2026-11-23T10:45',
    limit: hours(4),
    due: '2026-11-23T16:45',
  },
  { name: '2 working hours from 11:00 end at 15:00', receivedAt: '2026-11-23T11:00', limit: hours(2), due: '2026-11-23T15:00' },
  { name: '1 working hour from Friday 17:30 ends Monday 08:00', receivedAt: '2026-11-27T17:30', limit: hours(1), due: '2026-11-30T08:00' },
  {
    name: '8 working hours from Friday 13:30 end Monday 11:30, the end of the morning period',
    receivedAt: '2026-11-27T13:30',
    limit: hours(8),
    due: '2026-11-30T11:30',
  },
  {
    name: '4 working hours from Tuesday 29/4/2025 16:00 skip the 30/4–2/5 holiday and end Monday 5/5 10:00',
    receivedAt: '2025-04-29T16:00',
    limit: hours(4),
    due: '2025-05-05T10:00',
  },
  {
    name: '3 working hours from Friday 7/2/2025 16:00 go on during the swapped Saturday 8/2',
    receivedAt: '2025-02-07T16:00',
    limit: hours(3),
    due: '2025-02-08T09:00',
  },
  { name: 'half an hour from 11:15 ends at 13:45 after lunch', receivedAt: '2026-11-23T11:15', limit: hours(0.5), due: '2026-11-23T13:45' },
  // working days
  { name: '3 working days from Wednesday 09:00 end Monday 09:00', receivedAt: '2026-11-25T09:00', limit: days(3), due: '2026-11-30T09:00' },
  { name: '1 working day from Friday after closing (17:30) ends Monday 17:00', receivedAt: '2026-11-27T17:30', limit: days(1), due: '2026-11-30T17:00' },
  {
    name: '1 working day from 12:15 (lunch) counts from 13:30 and ends the next day at 11:30, the end of 8 working hours',
    receivedAt: '2026-11-23T12:15',
    limit: days(1),
    due: '2026-11-24T11:30',
  },
  { name: '1 working day from 16:59 ends the next day at 16:59', receivedAt: '2026-11-23T16:59', limit: days(1), due: '2026-11-24T16:59' },
  {
    name: '3 working days from the day before Tết 2026 (Friday 13/2 09:00) end Wednesday 25/2 09:00',
    receivedAt: '2026-02-13T09:00',
    limit: days(3),
    due: '2026-02-25T09:00',
  },
  {
    name: '15 working days from Monday 2/2/2026 07:00 skip the Tết week and end Friday 27/2 17:00',
    receivedAt: '2026-02-02T07:00',
    limit: days(15),
    due: '2026-02-27T17:00',
  },
  {
    name: '3 working days from Friday 24/1/2025 15:00 skip Tết 2025 (27–31/1) and end Wednesday 5/2 15:00',
    receivedAt: '2025-01-24T15:00',
    limit: days(3),
    due: '2025-02-05T15:00',
  },
  {
    name: '5 working days from Tuesday 28/4/2026 09:00 across 30/4–1/5 end Thursday 7/5 09:00',
    receivedAt: '2026-04-28T09:00',
    limit: days(5),
    due: '2026-05-07T09:00',
  },
  {
    name: '3 working days from Friday 29/8/2025 09:00 across National Day (1–2/9) end Friday 5/9 09:00',
    receivedAt: '2025-08-29T09:00',
    limit: days(3),
    due: '2025-09-05T09:00',
  },
  {
    name: '2 working days from Friday 25/4/2025 09:00 use the swapped Saturday 26/4 and end Monday 28/4 09:00',
    receivedAt: '2025-04-25T09:00',
    limit: days(2),
    due: '2025-04-28T09:00',
  },
  {
    name: '1 working day from Friday 7/2/2025 09:00 ends on the swapped Saturday 8/2 09:00',
    receivedAt: '2025-02-07T09:00',
    limit: days(1),
    due: '2025-02-08T09:00',
  },
  {
    name: "1 working day from Friday 24/4/2026 10:00 skips Monday 27/4 (Hùng Kings' day on a Sunday, given back) and ends Tuesday 28/4 10:00",
    receivedAt: '2026-04-24T10:00',
    limit: days(1),
    due: '2026-04-28T10:00',
  },
  {
    name: "1 working day received on New Year's Day 2026 (Thursday) counts from Monday 5/1 (Friday 2/1 swapped off) and ends 17:00",
    receivedAt: '2026-01-01T10:00',
    limit: days(1),
    due: '2026-01-05T17:00',
  },
  { name: '10 working days from Monday 23/11/2026 07:00 end Friday 4/12 17:00', receivedAt: '2026-11-23T07:00', limit: days(10), due: '2026-12-04T17:00' },
  // calendar days
  {
    name: '15 calendar days from Tuesday 10/11/2026 end Wednesday 25/11 at closing',
    receivedAt: '2026-11-10T09:00',
    limit: calendarDays(15),
    due: '2026-11-25T17:00',
  },
  {
    name: '10 calendar days landing on a Sunday move to Monday when the rules say so',
    receivedAt: '2026-11-12T09:00',
    limit: calendarDays(10),
    rules: move,
    due: '2026-11-23T17:00',
  },
  {
    name: '10 calendar days landing on a Sunday stay on the Sunday when the rules do not move them',
    receivedAt: '2026-11-12T09:00',
    limit: calendarDays(10),
    rules: stay,
    due: '2026-11-22T17:00',
  },
  {
    name: '10 calendar days landing in Tết 2026 (16/2) move to the first working day after it (23/2)',
    receivedAt: '2026-02-06T09:00',
    limit: calendarDays(10),
    rules: move,
    due: '2026-02-23T17:00',
  },
  {
    name: '30 calendar days over 30/4–1/5 do not skip holidays; landing on Sunday 10/5/2026 they move to Monday 11/5',
    receivedAt: '2026-04-10T09:00',
    limit: calendarDays(30),
    rules: move,
    due: '2026-05-11T17:00',
  },
  {
    name: '3 calendar days from Friday after closing count from Monday and end Thursday',
    receivedAt: '2026-11-27T17:30',
    limit: calendarDays(3),
    due: '2026-12-03T17:00',
  },
];

/** The law's count (Bộ luật Dân sự 2015, Art. 147): the day of reception is not counted; a limit ends at its last day's close. */
const lawCases: DueCase[] = [
  {
    name: 'Wednesday 25/11/2026 10:00 with 2 working days: Thursday and Friday, due Friday 27/11 17:00',
    receivedAt: '2026-11-25T10:00',
    limit: days(2),
    due: '2026-11-27T17:00',
  },
  {
    name: 'Sunday 29/11/2026 with 2 working days: received Monday, due Wednesday 2/12 17:00 (not Tuesday)',
    receivedAt: '2026-11-29T10:00',
    limit: days(2),
    due: '2026-12-02T17:00',
  },
  {
    name: 'Monday 30/11/2026 after closing (18:00) counts as received Tuesday: 2 working days end Thursday 3/12',
    receivedAt: '2026-11-30T18:00',
    limit: days(2),
    due: '2026-12-03T17:00',
  },
  { name: 'Monday 30/11/2026 at 07:30 with 1 working day: Tuesday 1/12 17:00', receivedAt: '2026-11-30T07:30', limit: days(1), due: '2026-12-01T17:00' },
  { name: 'the same day (0) ends at the close of the day of reception', receivedAt: '2026-11-30T09:00', limit: days(0), due: '2026-11-30T17:00' },
  {
    name: 'Thursday 31/12/2026 with 3 working days skips New Year (1/1/2027) and the weekend: Wednesday 6/1/2027',
    receivedAt: '2026-12-31T09:00',
    limit: days(3),
    due: '2027-01-06T17:00',
  },
  {
    name: 'Friday 9/1/2026 with 1 working day: the Saturday worked for 2/1 (10/1) counts',
    receivedAt: '2026-01-09T09:00',
    limit: days(1),
    due: '2026-01-10T17:00',
  },
  {
    name: 'Friday 28/8/2026 with 2 working days skips Monday 31/8 (swapped for Saturday 22/8) and National Day 1–2/9: Friday 4/9',
    receivedAt: '2026-08-28T09:00',
    limit: days(2),
    due: '2026-09-04T17:00',
  },
  {
    name: '15 calendar days from Tuesday 10/11/2026 (the day of reception not counted) end Wednesday 25/11',
    receivedAt: '2026-11-10T09:00',
    limit: calendarDays(15),
    due: '2026-11-25T17:00',
  },
  {
    name: '4 working hours still count from the moment of reception',
    receivedAt: '2026-11-30T09:00',
    limit: { value: 4, unit: 'working_hours' },
    due: '2026-11-30T15:00',
  },
];

describe('working time', function () {
  describe('the due moment of a dossier (8 working hours a day from reception)', function () {
    for (const c of dueCases) {
      it(c.name, () => {
        expect(iso(dossierDueAt(cal, vn(c.receivedAt), c.limit, c.rules ?? move))).to.equal(iso(vn(c.due)));
      });
    }
  });

  describe("the due moment of a dossier (the law's count: the day of reception not counted)", function () {
    for (const c of lawCases) {
      it(c.name, () => {
        expect(iso(dossierDueAt(cal, vn(c.receivedAt), c.limit, c.rules ?? law))).to.equal(iso(vn(c.due)));
      });
    }
  });

  describe('working time between two moments', function () {
    const between: [string, string, string, number][] = [
      ['from Friday 16:00 to Monday 08:00 is 2 hours', '2026-11-27T16:00', '2026-11-30T08:00', 120],
      ['from the day before Tết 2025 (Friday 24/1 15:00) to Monday 3/2 08:00 is 3 hours', '2025-01-24T15:00', '2025-02-03T08:00', 180],
      ['a swapped Saturday (8/2/2025) is a full working day', '2025-02-08T06:00', '2025-02-08T18:00', 480],
      ['an ordinary Saturday (15/2/2025) has no working time', '2025-02-15T06:00', '2025-02-15T18:00', 0],
      ['two moments in one lunch break are 0 apart', '2026-11-23T11:40', '2026-11-23T13:20', 0],
      ['after closing to before the next opening is 0', '2026-11-23T17:30', '2026-11-24T06:45', 0],
      ['a whole week without holidays is 5 working days', '2026-11-23T00:00', '2026-11-30T00:00', 5 * 480],
      ['the Tết week of 2026 has no working time', '2026-02-14T00:00', '2026-02-23T00:00', 0],
      ['a moment to an earlier one is 0', '2026-11-24T10:00', '2026-11-23T10:00', 0],
    ];
    for (const [name, from, to, minutes] of between) it(name, () => expect(cal.workingMinutesBetween(vn(from), vn(to))).to.equal(minutes));
  });

  describe('a supplement pause', function () {
    const limit = days(3);
    const cases: { name: string; mode: 'extend' | 'restart'; previousDueAt: string; pausedAt: string; resumedAt: string; paused: number; due: string }[] = [
      {
        name: 'extend: a pause over 30/4–1/5/2026 (3 working days) moves the due from Wednesday 29/4 17:00 to Wednesday 6/5 17:00',
        mode: 'extend',
        previousDueAt: '2026-04-29T17:00',
        pausedAt: '2026-04-28T09:00',
        resumedAt: '2026-05-05T09:00',
        paused: 1440,
        due: '2026-05-06T17:00',
      },
      {
        name: 'restart: after the same pause the full 3 working days count from Tuesday 5/5 09:00, to Friday 8/5 09:00',
        mode: 'restart',
        previousDueAt: '2026-04-29T17:00',
        pausedAt: '2026-04-28T09:00',
        resumedAt: '2026-05-05T09:00',
        paused: 1440,
        due: '2026-05-08T09:00',
      },
      {
        name: 'extend: a pause over Tết 2026 (4 working days) moves the due from Thursday 12/2 17:00 to Wednesday 25/2 17:00',
        mode: 'extend',
        previousDueAt: '2026-02-12T17:00',
        pausedAt: '2026-02-11T07:00',
        resumedAt: '2026-02-24T07:00',
        paused: 1920,
        due: '2026-02-25T17:00',
      },
      {
        name: 'restart: after a pause over Tết 2026 the 3 working days count from Tuesday 24/2 07:00, to Thursday 26/2 17:00',
        mode: 'restart',
        previousDueAt: '2026-02-12T17:00',
        pausedAt: '2026-02-11T07:00',
        resumedAt: '2026-02-24T07:00',
        paused: 1920,
        due: '2026-02-26T17:00',
      },
      {
        name: 'extend: a pause outside office hours (Friday 18:00 to Monday 06:00) changes nothing',
        mode: 'extend',
        previousDueAt: '2026-12-02T17:00',
        pausedAt: '2026-11-27T18:00',
        resumedAt: '2026-11-30T06:00',
        paused: 0,
        due: '2026-12-02T17:00',
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const r = dueAfterSupplement(cal, c.mode, {
          previousDueAt: vn(c.previousDueAt),
          pausedAt: vn(c.pausedAt),
          resumedAt: vn(c.resumedAt),
          limit,
          rules: move,
        });
        expect(r.pausedMinutes).to.equal(c.paused);
        expect(iso(r.dueAt)).to.equal(iso(vn(c.due)));
      });
    }
  });

  describe('step windows: due and warn times', function () {
    it('10 working hours from Monday 07:00 are due Tuesday 09:00 and warn 2 hours (20 %) before, Monday 17:00', () => {
      const w = stepWindow(cal, vn('2026-11-23T07:00'), { value: 10, unit: 'working_hours' });
      expect(iso(w.dueAt)).to.equal(iso(vn('2026-11-24T09:00')));
      expect(iso(w.warnAt)).to.equal(iso(vn('2026-11-23T17:00')));
    });
    it('5 working days warn 8 working hours (20 %, smaller than 24) before: due Friday 17:00, warn Thursday 17:00', () => {
      const w = stepWindow(cal, vn('2026-11-23T07:00'), { value: 5, unit: 'working_days' });
      expect(iso(w.dueAt)).to.equal(iso(vn('2026-11-27T17:00')));
      expect(iso(w.warnAt)).to.equal(iso(vn('2026-11-26T17:00')));
    });
    it('20 working days warn 24 working hours (smaller than 20 %) before: due Friday 27/11 17:00, warn Tuesday 24/11 17:00', () => {
      const w = stepWindow(cal, vn('2026-11-02T07:00'), { value: 20, unit: 'working_days' });
      expect(iso(w.dueAt)).to.equal(iso(vn('2026-11-27T17:00')));
      expect(iso(w.warnAt)).to.equal(iso(vn('2026-11-24T17:00')));
    });
    it('a configurable threshold: 50 % of 4 working hours warns 2 hours before', () => {
      const w = stepWindow(cal, vn('2026-11-23T07:00'), { value: 4, unit: 'working_hours' }, { maxWorkingHours: 24, share: 0.5 });
      expect(iso(w.dueAt)).to.equal(iso(vn('2026-11-23T11:00')));
      expect(iso(w.warnAt)).to.equal(iso(vn('2026-11-23T09:00')));
    });
    it('a step is never due after its dossier: 8 hours from Monday 07:00 with the dossier due at 12:00 end at 11:30', () => {
      const w = stepWindow(cal, vn('2026-11-23T07:00'), { value: 8, unit: 'working_hours' }, undefined, vn('2026-11-23T12:00'));
      expect(iso(w.dueAt)).to.equal(iso(vn('2026-11-23T11:30')));
      expect(iso(w.warnAt)).to.equal(iso(vn('2026-11-23T10:36')));
    });
    it('a dossier already past its due gives the step its full allowance', () => {
      const w = stepWindow(cal, vn('2026-11-23T07:00'), { value: 2, unit: 'working_hours' }, undefined, vn('2026-11-20T17:00'));
      expect(iso(w.dueAt)).to.equal(iso(vn('2026-11-23T09:00')));
    });
    it('a step planned on a holiday starts at the next opening (Tết 2026: Monday 23/2 07:00)', () => {
      const w = stepWindow(cal, vn('2026-02-17T10:00'), { value: 2, unit: 'working_hours' });
      expect(iso(w.dueAt)).to.equal(iso(vn('2026-02-23T09:00')));
    });
  });

  describe('SLA states and outcomes', function () {
    const due = vn('2026-11-25T17:00');
    const warn = vn('2026-11-25T09:00');
    const states: [string, string, string][] = [
      ['before its warn time a step is on time (green)', '2026-11-25T08:59', 'on_time'],
      ['from its warn time it is nearly late (amber)', '2026-11-25T09:00', 'nearly_late'],
      ['from its due time it is late (red)', '2026-11-25T17:00', 'late'],
    ];
    for (const [name, at, state] of states) it(name, () => expect(slaStateAt(vn(at), due, warn)).to.equal(state));
    const outcomes: [string, string, boolean, string][] = [
      ['finished the day before its due date: early', '2026-11-24T16:00', false, 'early'],
      ['finished on its due date, even after the hour, by date alone: on time', '2026-11-25T17:30', false, 'on_time'],
      ['finished the day after its due date: late', '2026-11-26T07:00', false, 'late'],
      ['finished on its due date after it had turned red: late forever', '2026-11-25T17:30', true, 'late'],
      ['finished early after an apology extended it, but it had turned red: still late', '2026-11-24T08:00', true, 'late'],
    ];
    for (const [name, at, flagged, outcome] of outcomes) it(name, () => expect(finishedOutcome(vn(at), due, flagged)).to.equal(outcome));
    it('a pending dossier is within its time before the due moment and overdue from it', () => {
      expect(pendingState(vn('2026-11-25T16:59'), due)).to.equal('within');
      expect(pendingState(vn('2026-11-25T17:00'), due)).to.equal('overdue');
    });
  });

  describe('the national table of days off', function () {
    const has = (year: number, date: string, kind = 'day_off') => yearCalendar(year).some((d) => d.date === date && d.kind === kind);
    it('2025: Monday 27/1 is off in exchange for Saturday 8/2, which is worked', () => {
      expect(has(2025, '2025-01-27')).to.equal(true);
      expect(has(2025, '2025-02-08', 'working_day')).to.equal(true);
    });
    it('2027 by the rule: Tết falls on Saturday 6/2, the weekend days of Tết are given back on Wednesday and Thursday 10–11/2', () => {
      expect(
        statutoryDaysOff(2027)
          .filter((d) => d.date.startsWith('2027-02'))
          .map((d) => d.date),
      ).to.deep.equal(['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']);
    });
    it('2028 by the rule: New Year on a Saturday is given back on Monday 3/1', () => {
      expect(statutoryDaysOff(2028).some((d) => d.date === '2028-01-03')).to.equal(true);
    });
    it('2028 by the rule: 30/4 on a Sunday is given back on Tuesday 2/5, since Monday 1/5 is already off', () => {
      expect(
        statutoryDaysOff(2028)
          .filter((d) => d.date.startsWith('2028-05'))
          .map((d) => d.date),
      ).to.deep.equal(['2028-05-01', '2028-05-02']);
    });
    it('2027 by the rule: National Day on a Thursday takes Friday 3/9 as its adjacent day', () => {
      expect(
        statutoryDaysOff(2027)
          .filter((d) => d.date.startsWith('2027-09'))
          .map((d) => d.date),
      ).to.deep.equal(['2027-09-02', '2027-09-03']);
    });
    it('every year from 2024 to 2030 has 11 statutory days off on working days, or their exchanges', () => {
      for (let y = 2024; y <= 2030; y++) expect(yearCalendar(y).filter((d) => d.kind === 'day_off').length, String(y)).to.be.within(10, 13);
    });
  });

  describe("the server's own time zone changes nothing", function () {
    const script = `
      import { WorkingCalendar } from './domain/src/sla/calendar.ts';
      import { dossierDueAt } from './domain/src/sla/deadlines.ts';
      import { yearCalendar } from './domain/src/sla/holidays.ts';
      const t = [2025, 2026].flatMap(yearCalendar);
      const cal = new WorkingCalendar({ officeHours: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }], weekendDays: [0, 6], daysOff: t.filter((d) => d.kind === 'day_off').map((d) => d.date), extraWorkingDays: t.filter((d) => d.kind === 'working_day').map((d) => d.date) });
      const out = [
        dossierDueAt(cal, new Date('2026-11-27T08:01:00Z'), { value: 0, unit: 'working_days', cutoff: '15:00' }),
        dossierDueAt(cal, new Date('2026-02-13T02:00:00Z'), { value: 3, unit: 'working_days' }),
        dossierDueAt(cal, new Date('2025-12-31T16:30:00Z'), { value: 1, unit: 'working_days' }),
      ].map((d) => d.toISOString());
      console.log(JSON.stringify({ tz: Intl.DateTimeFormat().resolvedOptions().timeZone, out }));`;
    const inZone = (tz: string) =>
      JSON.parse(
        execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          cwd: repoRoot,
          env: { ...process.env, TZ: tz },
          encoding: 'utf8',
        }),
      ) as { tz: string; out: string[] };
    it('a server in UTC, in Asia/Ho_Chi_Minh and in America/Los_Angeles computes the same due moments', function () {
      this.timeout(30_000);
      const [utc, hcm, la] = ['UTC', 'Asia/Ho_Chi_Minh', 'America/Los_Angeles'].map(inZone);
      expect(utc!.tz).to.equal('UTC');
      expect(la!.tz).to.equal('America/Los_Angeles');
      // Friday 27/11/2026 15:01 in Hà Nội = 08:01 UTC: after the cut-off, due Monday 30/11 17:00 (10:00 UTC)
      // (the law's count) Friday 13/2 09:00 + 3 working days past Tết: Wednesday 25/2 17:00; 31/12/2025 23:30 counts
      // as received Monday 5/1 (1 and 2/1 off), 1 working day: Tuesday 6/1 17:00
      expect(utc!.out).to.deep.equal(['2026-11-30T10:00:00.000Z', '2026-02-25T10:00:00.000Z', '2026-01-06T10:00:00.000Z']);
      expect(hcm!.out).to.deep.equal(utc!.out);
      expect(la!.out).to.deep.equal(utc!.out);
    });
  });
});

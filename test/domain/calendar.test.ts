/** Working time on the calendar the engine's timers are fed from (fuller legal cases come with the calendar issue). */
import { expect } from 'chai';
import { WorkingCalendar } from '@motcua/domain/sla/calendar.ts';
import { dossierDueAt, stepWindow, finishedOutcome, slaStateAt } from '@motcua/domain/sla/deadlines.ts';

const vn = (s: string) => new Date(`${s}+07:00`);
const cal = new WorkingCalendar();

describe('working time', function () {
  it('counts only office hours: 4 working hours from Monday 10:45 end at 16:45', () => {
    expect(cal.addWorkingHours(vn('2026-11-23T10:45:00'), 4).toISOString()).to.equal(vn('2026-11-23T16:45:00').toISOString());
  });
  it('a receipt on Friday after closing counts from Monday 07:00', () => {
    expect(cal.addWorkingHours(vn('2026-11-27T17:30:00'), 1).toISOString()).to.equal(vn('2026-11-30T08:00:00').toISOString());
  });
  it('a same-day procedure received at 14:59 is due at 17:00 that day; at 15:01, at 17:00 the next working day', () => {
    const limit = { value: 0, unit: 'working_days' as const, cutoff: '15:00' };
    expect(dossierDueAt(cal, vn('2026-11-27T14:59:00'), limit).toISOString()).to.equal(vn('2026-11-27T17:00:00').toISOString());
    expect(dossierDueAt(cal, vn('2026-11-27T15:01:00'), limit).toISOString()).to.equal(vn('2026-11-30T17:00:00').toISOString());
  });
  it('3 working days from Wednesday 09:00 end on Monday 09:00', () => {
    expect(dossierDueAt(cal, vn('2026-11-25T09:00:00'), { value: 3, unit: 'working_days' }).toISOString()).to.equal(vn('2026-11-30T09:00:00').toISOString());
  });
  it('the same answers whatever the server\'s time zone (the arithmetic is in UTC+7)', () => {
    const d = new Date(Date.UTC(2026, 10, 23, 3, 45));
    expect(cal.addWorkingMinutes(d, 45).toISOString()).to.equal('2026-11-23T04:30:00.000Z');
    expect(cal.addWorkingMinutes(d, 46).toISOString()).to.equal('2026-11-23T06:31:00.000Z');
  });
  it('warns at the smaller of 24 working hours and 20 % before the due time', () => {
    // 10 working hours from Monday 07:00: 8 on Monday, 2 on Tuesday; the warning 2 hours (20 %) before
    const w = stepWindow(cal, vn('2026-11-23T07:00:00'), { value: 10, unit: 'working_hours' });
    expect(w.dueAt.toISOString()).to.equal(vn('2026-11-24T09:00:00').toISOString());
    expect(w.warnAt.toISOString()).to.equal(vn('2026-11-23T17:00:00').toISOString());
    expect(slaStateAt(vn('2026-11-24T08:00:00'), w.dueAt, w.warnAt)).to.equal('nearly_late');
  });
  it('classifies a finished dossier by date: early, on time, late', () => {
    const due = vn('2026-11-25T17:00:00');
    expect(finishedOutcome(vn('2026-11-24T16:00:00'), due)).to.equal('early');
    expect(finishedOutcome(vn('2026-11-25T16:59:00'), due)).to.equal('on_time');
    expect(finishedOutcome(vn('2026-11-26T07:00:00'), due)).to.equal('late');
  });
  it('takes holidays and swapped Saturdays as data', () => {
    const withTet = new WorkingCalendar({ officeHours: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }], weekendDays: [0, 6], daysOff: ['2026-11-24'], extraWorkingDays: ['2026-11-28'] });
    expect(withTet.addWorkingDays(vn('2026-11-23T09:00:00'), 1).toISOString()).to.equal(vn('2026-11-25T09:00:00').toISOString());
    expect(withTet.isWorkingDay('2026-11-28')).to.equal(true);
    expect(withTet.workingMinutesBetween(vn('2026-11-23T09:00:00'), vn('2026-11-25T09:00:00'))).to.equal(480);
  });
});

/**
 * Vietnam's public holidays as calendar data: what the Labour Code 2019 (Art. 112) fixes, resolved to solar
 * dates, and what each year's Prime Minister's decision swaps. Pure: produces the rows an administrator
 * then keeps in the database (calendar_days). Years whose decision is known are given as decided; later
 * years follow the law's rule (basis `rule`) until an administrator enters the decision.
 */
import { nextDate, weekdayOf, type IsoDate } from '../time/vietnam-time.ts';
import { lunarNewYearsEve, lunarToSolar } from './lunar.ts';

export type CalendarDayKind = 'day_off' | 'working_day';
/** law: fixed by the Labour Code; decision: the Prime Minister's yearly notice; rule: our default until the decision; admin: entered by hand */
export type CalendarDayBasis = 'law' | 'decision' | 'rule' | 'admin';

export interface CalendarDay {
  date: IsoDate;
  kind: CalendarDayKind;
  name: string;
  basis: CalendarDayBasis;
}

const isWeekend = (d: IsoDate) => [0, 6].includes(weekdayOf(d));

/**
 * The statutory days off of a year by the Labour Code's rule: New Year (1/1), Tết (the last day of the
 * lunar year and the first four of the new one), the Hùng Kings' day (10/3 lunar), 30/4, 1/5, National Day
 * (2/9 and an adjacent day); a day off falling on a weekend is given back on the next working day.
 */
export function statutoryDaysOff(year: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  const add = (date: IsoDate, name: string) => days.push({ date, kind: 'day_off', name, basis: 'rule' });
  add(`${year}-01-01`, 'Tết Dương lịch');
  let d = lunarNewYearsEve(year);
  for (let i = 0; i < 5; i++, d = nextDate(d)) add(d, i === 0 ? 'Tết Nguyên đán (30 Tết)' : `Tết Nguyên đán (mùng ${i})`);
  add(lunarToSolar(year, 3, 10), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)');
  add(`${year}-04-30`, 'Ngày Chiến thắng');
  add(`${year}-05-01`, 'Ngày Quốc tế lao động');
  add(`${year}-09-02`, 'Quốc khánh');
  // the adjacent day of National Day joins the weekend where it can
  const nd = weekdayOf(`${year}-09-02`);
  add(nd === 1 || nd === 4 || nd === 0 ? `${year}-09-03` : `${year}-09-01`, 'Quốc khánh (ngày liền kề)');
  // compensation: each statutory day on a weekend moves to the next working day not already off
  const off = new Set(days.map((x) => x.date));
  for (const day of [...days]) {
    if (!isWeekend(day.date)) continue;
    let c = nextDate(day.date);
    while (isWeekend(c) || off.has(c)) c = nextDate(c);
    off.add(c);
    days.push({ date: c, kind: 'day_off', name: `Nghỉ bù ${day.name}`, basis: 'rule' });
  }
  return days.filter((x) => !isWeekend(x.date)).sort((a, b) => a.date.localeCompare(b.date));
}

const decided = (date: IsoDate, name: string, kind: CalendarDayKind = 'day_off'): CalendarDay => ({ date, kind, name, basis: 'decision' });

/** Years whose days off and swaps the Prime Minister has decided, as published. */
export const decidedYears = (): number[] => Object.keys(decisions).map(Number);

const decisions: Record<number, CalendarDay[]> = {
  2024: [
    decided('2024-01-01', 'Tết Dương lịch'),
    ...['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14'].map((d) => decided(d, 'Tết Nguyên đán Giáp Thìn')),
    decided('2024-04-18', 'Giỗ Tổ Hùng Vương'),
    decided('2024-04-29', 'Nghỉ hoán đổi (làm bù thứ Bảy 04/5)'),
    decided('2024-04-30', 'Ngày Chiến thắng'),
    decided('2024-05-01', 'Ngày Quốc tế lao động'),
    decided('2024-05-04', 'Làm bù cho thứ Hai 29/4', 'working_day'),
    decided('2024-09-02', 'Quốc khánh'),
    decided('2024-09-03', 'Quốc khánh (ngày liền kề)'),
  ],
  2025: [
    decided('2025-01-01', 'Tết Dương lịch'),
    decided('2025-01-27', 'Nghỉ hoán đổi (làm bù thứ Bảy 08/02)'),
    ...['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'].map((d) => decided(d, 'Tết Nguyên đán Ất Tỵ')),
    decided('2025-02-08', 'Làm bù cho thứ Hai 27/01', 'working_day'),
    decided('2025-04-07', 'Giỗ Tổ Hùng Vương'),
    decided('2025-04-26', 'Làm bù cho thứ Sáu 02/5', 'working_day'),
    decided('2025-04-30', 'Ngày Chiến thắng'),
    decided('2025-05-01', 'Ngày Quốc tế lao động'),
    decided('2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)'),
    decided('2025-09-01', 'Quốc khánh (ngày liền kề)'),
    decided('2025-09-02', 'Quốc khánh'),
  ],
  // VPCP letter 12729/VPCP-KGVX of 25/12/2025: Friday 2/1 off for Saturday 10/1; Monday 31/8 off for Saturday 22/8
  2026: [
    decided('2026-01-01', 'Tết Dương lịch'),
    decided('2026-01-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01)'),
    decided('2026-01-10', 'Làm bù cho thứ Sáu 02/01', 'working_day'),
    ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((d) => decided(d, 'Tết Nguyên đán Bính Ngọ')),
    decided('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)'),
    decided('2026-04-30', 'Ngày Chiến thắng'),
    decided('2026-05-01', 'Ngày Quốc tế lao động'),
    decided('2026-08-22', 'Làm bù cho thứ Hai 31/8', 'working_day'),
    decided('2026-08-31', 'Nghỉ hoán đổi (làm bù thứ Bảy 22/8)'),
    decided('2026-09-01', 'Quốc khánh (ngày liền kề)'),
    decided('2026-09-02', 'Quốc khánh'),
  ],
};

/**
 * The days off and extra working days of a year: the decision where it is known (with the rule's National
 * Day days where the decision does not name them yet), else the rule.
 */
export function yearCalendar(year: number): CalendarDay[] {
  const known = decisions[year];
  if (!known) return statutoryDaysOff(year);
  const hasNationalDay = known.some((d) => d.date.slice(5, 7) === '09');
  const rest = hasNationalDay ? [] : statutoryDaysOff(year).filter((d) => d.date.slice(5, 7) === '09');
  return [...known, ...rest].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The Vietnamese lunisolar calendar (âm lịch), as far as public holidays need it: the solar date of a lunar
 * date, e.g. Tết (1/1) and the Hùng Kings' commemoration (10/3). Astronomical: months begin on the day of
 * the new moon in Vietnam's time zone (UTC+7, which is why Tết sometimes differs from China's), month 11
 * holds the winter solstice, and in a year of 13 months the first month without a principal solar term is
 * the leap month. New moons and the sun's longitude follow J. Meeus's series; exact to the day for the
 * years an administrative calendar needs. Pure: no I/O.
 */
import type { IsoDate } from '../time/vietnam-time.ts';

const TZ = 7;
const SYNODIC = 29.530588853;
/** Julian day of the new moon of 1900-01-01 (the origin of the new-moon count k). */
const K0 = 2415021.076998695;
const RAD = Math.PI / 180;

/** Julian day number of a Gregorian date. */
export function julianDay(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
}

/** The Gregorian date of a Julian day number, as an ISO date. */
export function fromJulianDay(jd: number): IsoDate {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  const day = e - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  const year = 100 * b + d - 4800 + Math.floor(m / 10);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Julian day (with fraction, UT) of the k-th new moon counted from January 1900. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const mean = 2415020.75933 + SYNODIC * k + 0.0001178 * T2 - 0.000000155 * T3 + 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * RAD);
  const M = (359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3) * RAD; // sun's mean anomaly
  const Mp = (306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3) * RAD; // moon's mean anomaly
  const F = (21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3) * RAD; // moon's argument of latitude
  const correction =
    (0.1734 - 0.000393 * T) * Math.sin(M) +
    0.0021 * Math.sin(2 * M) -
    0.4068 * Math.sin(Mp) +
    0.0161 * Math.sin(2 * Mp) -
    0.0004 * Math.sin(3 * Mp) +
    0.0104 * Math.sin(2 * F) -
    0.0051 * Math.sin(M + Mp) -
    0.0074 * Math.sin(M - Mp) +
    0.0004 * Math.sin(2 * F + M) -
    0.0004 * Math.sin(2 * F - M) -
    0.0006 * Math.sin(2 * F + Mp) +
    0.001 * Math.sin(2 * F - Mp) +
    0.0005 * Math.sin(2 * Mp + M);
  // ΔT, the difference between dynamical and universal time, in days
  const deltaT = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return mean + correction - deltaT;
}

/** The local (UTC+7) day number on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + TZ / 24);
}

/** Which twelfth of the ecliptic (0..11, 30° each, 0 = spring equinox) the sun is in at local midnight starting this day. */
function sunSegment(dayNumber: number): number {
  const T = (dayNumber - 2451545.5 - TZ / 24) / 36525;
  const T2 = T * T;
  const M = (357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2) * RAD;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  const C = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(M) + (0.019993 - 0.000101 * T) * Math.sin(2 * M) + 0.00029 * Math.sin(3 * M);
  const longitude = (((L0 + C) % 360) + 360) % 360;
  return Math.floor(longitude / 30);
}

/** Day number of the start of lunar month 11 of (the lunar year mostly in) Gregorian year `year`: the month of the winter solstice. */
function month11(year: number): number {
  const k = Math.floor((julianDay(year, 12, 31) - K0) / SYNODIC);
  const nm = newMoonDay(k);
  // a new moon after the solstice (sun past 270°) starts month 12: month 11 began one lunation earlier
  return sunSegment(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/** In a year of 13 lunations after month 11 at `a11`, how many months after it the leap month comes. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - K0) / SYNODIC + 0.5);
  let i = 1;
  let arc = sunSegment(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSegment(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

/**
 * The solar date of a lunar date. `lunarYear` is the year whose Tết begins it (Tết 2026 is 1/1 of lunar
 * year 2026). @throws RangeError for a leap month the year does not have.
 */
export function lunarToSolar(lunarYear: number, month: number, day: number, leap = false): IsoDate {
  if (month < 1 || month > 12 || day < 1 || day > 30) throw new RangeError(`not a lunar date: ${day}/${month}`);
  const [a11, b11] = month < 11 ? [month11(lunarYear - 1), month11(lunarYear)] : [month11(lunarYear), month11(lunarYear + 1)];
  const k = Math.floor(0.5 + (a11 - K0) / SYNODIC);
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    let leapMonth = leapOffset - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) throw new RangeError(`lunar year ${lunarYear} has no leap month ${month}`);
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    throw new RangeError(`lunar year ${lunarYear} has no leap month`);
  }
  return fromJulianDay(newMoonDay(k + offset) + day - 1);
}

/** Tết Nguyên đán: the first day of the lunar year that begins in Gregorian year `year`. */
export function tet(year: number): IsoDate {
  return lunarToSolar(year, 1, 1);
}

/** The last day of the lunar year that ends just before Tết of `year` (29 or 30 tháng Chạp). */
export function lunarNewYearsEve(year: number): IsoDate {
  return fromJulianDay(julianDay(...(tet(year).split('-').map(Number) as [number, number, number])) - 1);
}

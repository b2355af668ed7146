/**
 * Legal time in Vietnam: Asia/Ho_Chi_Minh is UTC+07:00 all year (no daylight saving since 1975), so local
 * dates and times are computed with a fixed offset, whatever the server's own time zone.
 */

export const VN_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VN_OFFSET_MINUTES * 60_000;

/** A calendar date in Vietnam, ISO form: 2026-11-23. */
export type IsoDate = string;

export interface VnParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
  /** minutes since local midnight */
  minuteOfDay: number;
}

export function vnParts(at: Date): VnParts {
  const t = new Date(at.getTime() + OFFSET_MS);
  const hour = t.getUTCHours();
  const minute = t.getUTCMinutes();
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour,
    minute,
    weekday: t.getUTCDay(),
    minuteOfDay: hour * 60 + minute + t.getUTCSeconds() / 60 + t.getUTCMilliseconds() / 60_000,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The Vietnamese calendar date of a moment. */
export function vnDate(at: Date): IsoDate {
  const p = vnParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The moment of a Vietnamese local date and time. */
export function vnMoment(date: IsoDate, minuteOfDay = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - OFFSET_MS + Math.round(minuteOfDay * 60_000));
}

/** The next calendar date. */
export function nextDate(date: IsoDate, days = 1): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function weekdayOf(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** "HH:MM" to minutes since midnight; "24:00" is the end of the day (an office open round the clock). */
export function parseClock(hhmm: string): number {
  if (hhmm === '24:00') return 24 * 60;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new RangeError(`not a clock time: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** ISO 8601 with the Vietnamese offset: 2026-11-23T14:05:00+07:00. */
export function toVnIso(at: Date): string {
  const p = vnParts(at);
  const s = new Date(at.getTime() + OFFSET_MS).getUTCSeconds();
  return `${vnDate(at)}T${pad(p.hour)}:${pad(p.minute)}:${pad(s)}+07:00`;
}

/** "14:05 23/11/2026", the way Vietnamese administrative documents write a moment. */
export function formatVnDateTime(at: Date): string {
  const p = vnParts(at);
  return `${pad(p.hour)}:${pad(p.minute)} ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** "23/11/2026" */
export function formatVnDate(at: Date): string {
  const p = vnParts(at);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

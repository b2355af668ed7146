/** Dates and times as Vietnamese administration writes them, always in Asia/Ho_Chi_Minh. */
import type { Lang } from './i18n.tsx';

const TZ = 'Asia/Ho_Chi_Minh';

export function dateTime(value: string | Date | null | undefined, lang: Lang = 'vi'): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : value;
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: TZ,
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(d);
}

export function date(value: string | Date | null | undefined, lang: Lang = 'vi'): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

/** Working minutes as "2 ngày 3 giờ" / "2 d 3 h" (8 working hours a day); negative means overdue. */
export function workingTime(minutes: number | null | undefined, lang: Lang = 'vi'): string {
  if (minutes === null || minutes === undefined) return '—';
  const m = Math.abs(minutes);
  const days = Math.floor(m / 480);
  const hours = Math.floor((m % 480) / 60);
  const mins = Math.round(m % 60);
  const parts =
    lang === 'vi'
      ? [days && `${days} ngày`, hours && `${hours} giờ`, !days && mins && `${mins} phút`]
      : [days && `${days} d`, hours && `${hours} h`, !days && mins && `${mins} min`];
  const text = parts.filter(Boolean).join(' ') || (lang === 'vi' ? '0 phút' : '0 min');
  return minutes < 0 ? (lang === 'vi' ? `quá ${text}` : `${text} over`) : text;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

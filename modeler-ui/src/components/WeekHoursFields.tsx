/**
 * Office hours (giờ làm việc) as the legal time counts them: the periods of a working day and the weekly days
 * off. The same fields for the common calendar (working-time page) and a unit's own (units page), with the
 * problems found before sending, each naming its field in words for the form's error summary.
 */
import { ApiError } from '../app/api.ts';
import { useI18n, type I18n } from '../app/i18n.tsx';
import type { FormError } from './ErrorSummary.tsx';

export interface Period {
  start: string;
  end: string;
}

/** Monday first, as a Vietnamese week is read; 0 is Sunday */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** Inputs are `<id>-start-<i>`, `<id>-end-<i>` and `<id>-day-<d>`. */
export function WeekHoursFields({
  id,
  hours,
  weekend,
  onHours,
  onWeekend,
}: {
  id: string;
  hours: Period[];
  weekend: number[];
  onHours: (hours: Period[]) => void;
  onWeekend: (days: number[]) => void;
}) {
  const { t } = useI18n();
  const set = (i: number, p: Partial<Period>) => onHours(hours.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <>
      <fieldset>
        <legend>{t('hours.periods')}</legend>
        {hours.map((h, i) => (
          <div key={i} className="inline-fields">
            <label htmlFor={`${id}-start-${i}`}>
              {t('hours.from', { n: i + 1 })}
              <input id={`${id}-start-${i}`} type="time" value={h.start} onChange={(e) => set(i, { start: e.target.value })} />
            </label>
            <label htmlFor={`${id}-end-${i}`}>
              {t('hours.to', { n: i + 1 })}
              <input id={`${id}-end-${i}`} type="time" value={h.end} onChange={(e) => set(i, { end: e.target.value })} />
            </label>
            {hours.length > 1 && (
              <button type="button" className="link-button" onClick={() => onHours(hours.filter((_, j) => j !== i))}>
                {t('hours.remove', { n: i + 1 })}
              </button>
            )}
          </div>
        ))}
        {hours.length < 6 && (
          <button type="button" className="button" onClick={() => onHours([...hours, { start: '13:30', end: '17:00' }])}>
            {t('hours.add')}
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('hours.weekend')}</legend>
        <div className="weekdays">
          {WEEK.map((d) => (
            <label key={d} className="checkbox" htmlFor={`${id}-day-${d}`}>
              <input
                id={`${id}-day-${d}`}
                type="checkbox"
                checked={weekend.includes(d)}
                onChange={(e) => onWeekend(e.target.checked ? [...weekend, d] : weekend.filter((x) => x !== d))}
              />{' '}
              {t(`hours.day.${d}`)}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}

/** What is wrong with the hours before they are sent: a missing time, a period ending before it starts or overlapping the one before, no working day. */
export function weekHoursProblems({ t }: Pick<I18n, 't'>, id: string, hours: Period[], weekend: number[]): FormError[] {
  const found: FormError[] = [];
  hours.forEach((h, i) => {
    if (!h.start) found.push({ fieldId: `${id}-start-${i}`, text: t('workingTime.hours.missing', { field: t('hours.from', { n: i + 1 }) }) });
    if (!h.end) found.push({ fieldId: `${id}-end-${i}`, text: t('workingTime.hours.missing', { field: t('hours.to', { n: i + 1 }) }) });
    if (h.start && h.end && minutes(h.end) <= minutes(h.start))
      found.push({ fieldId: `${id}-end-${i}`, text: t('workingTime.hours.order', { field: t('hours.to', { n: i + 1 }) }) });
    const prev = hours[i - 1];
    if (i > 0 && prev?.end && h.start && minutes(h.start) < minutes(prev.end))
      found.push({ fieldId: `${id}-start-${i}`, text: t('workingTime.hours.overlap', { field: t('hours.from', { n: i + 1 }), n: i }) });
  });
  if (weekend.length >= 7) found.push({ fieldId: `${id}-day-${WEEK[0]}`, text: t('workingTime.hours.noDay') });
  return found;
}

/** The server's refusal of the hours (`calendar_invalid`) as the summary's error on the first period; undefined for any other error. */
export function weekHoursRefusal({ pick }: Pick<I18n, 'pick'>, id: string, err: unknown): FormError[] | undefined {
  return err instanceof ApiError && err.code === 'calendar_invalid' ? [{ fieldId: `${id}-start-0`, text: pick(err.messages) }] : undefined;
}

/**
 * A unit's office hours (giờ làm việc): the periods of a working day and the weekly days off, which the legal
 * time of its dossiers counts in. A unit without its own uses its parent's, or the common calendar; saving
 * here gives it its own.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Problem } from '../../components/Problem.tsx';
import type { Unit } from './units.api.ts';

interface Calendar {
  id: string;
  orgUnitId: string | null;
  name: string;
  officeHours: { start: string; end: string }[];
  weekendDays: number[];
}

/** Monday first, as a Vietnamese week is read; 0 is Sunday */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

export function OfficeHours({ unit, units, onSaved }: { unit: Unit; units: Unit[]; onSaved: (notice: string) => void }) {
  const { t } = useI18n();
  const [calendars, setCalendars] = useState<Calendar[] | null>(null);
  const [hours, setHours] = useState<{ start: string; end: string }[]>([]);
  const [weekend, setWeekend] = useState<number[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // the calendar that applies: the unit's own, else the nearest ancestor's, else the common one
  const applying = (list: Calendar[]) => {
    for (let u: Unit | undefined = unit; u; u = units.find((x) => x.id === u!.parentId)) {
      const own = list.find((c) => c.orgUnitId === u!.id);
      if (own) return own;
    }
    return list.find((c) => c.orgUnitId === null);
  };
  useEffect(() => {
    api.get<{ items: Calendar[] }>('/admin/calendars').then((r) => {
      setCalendars(r.items);
      const c = applying(r.items);
      setHours(c?.officeHours ?? [{ start: '07:30', end: '11:30' }]);
      setWeekend(c?.weekendDays ?? [0, 6]);
    }, setError);
  }, [unit.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const current = calendars ? applying(calendars) : undefined;
  const from =
    current?.orgUnitId === unit.id
      ? t('hours.own')
      : current?.orgUnitId
        ? t('hours.inherited', { unit: units.find((u) => u.id === current.orgUnitId)?.name ?? '' })
        : t('hours.common');

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await api.put<Calendar>(`/admin/calendars/units/${unit.id}`, {
        name: `Lịch làm việc ${unit.name}`.slice(0, 200),
        officeHours: hours,
        weekendDays: weekend,
      });
      setCalendars([...(calendars ?? []).filter((c) => c.id !== saved.id), saved]);
      onSaved(t('hours.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="card">
      <summary>{t('hours.title')}</summary>
      <form onSubmit={save} noValidate>
        <p className="hint">{from}</p>
        <fieldset>
          <legend>{t('hours.periods')}</legend>
          {hours.map((h, i) => (
            <div key={i} className="inline-fields">
              <label>
                {t('hours.from', { n: i + 1 })}
                <input type="time" value={h.start} required onChange={(e) => setHours(hours.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))} />
              </label>
              <label>
                {t('hours.to', { n: i + 1 })}
                <input type="time" value={h.end} required onChange={(e) => setHours(hours.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))} />
              </label>
              {hours.length > 1 && (
                <button type="button" className="link-button" onClick={() => setHours(hours.filter((_, j) => j !== i))}>
                  {t('hours.remove', { n: i + 1 })}
                </button>
              )}
            </div>
          ))}
          {hours.length < 6 && (
            <button type="button" className="button" onClick={() => setHours([...hours, { start: '13:30', end: '17:00' }])}>
              {t('hours.add')}
            </button>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('hours.weekend')}</legend>
          <div className="weekdays">
            {WEEK.map((d) => (
              <label key={d} className="checkbox">
                <input
                  type="checkbox"
                  checked={weekend.includes(d)}
                  onChange={(e) => setWeekend(e.target.checked ? [...weekend, d] : weekend.filter((x) => x !== d))}
                />{' '}
                {t(`hours.day.${d}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <Problem error={error} />
        <button type="submit" className="button primary" disabled={busy || !calendars}>
          {t('hours.save')}
        </button>
      </form>
    </details>
  );
}

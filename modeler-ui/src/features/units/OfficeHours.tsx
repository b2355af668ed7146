/**
 * A unit's office hours (giờ làm việc): the periods of a working day and the weekly days off, which the legal
 * time of its dossiers counts in. A unit without its own uses its parent's, or the common calendar; saving
 * here gives it its own. The fields and their checks are the working-time page's (WeekHoursFields).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ErrorSummary, type FormError } from '../../components/ErrorSummary.tsx';
import { Problem } from '../../components/Problem.tsx';
import { WeekHoursFields, weekHoursProblems, weekHoursRefusal } from '../../components/WeekHoursFields.tsx';
import type { Unit } from './units.api.ts';

interface Calendar {
  id: string;
  orgUnitId: string | null;
  name: string;
  officeHours: { start: string; end: string }[];
  weekendDays: number[];
}

export function OfficeHours({ unit, units, onSaved }: { unit: Unit; units: Unit[]; onSaved: (notice: string) => void }) {
  const { t, pick } = useI18n();
  const [calendars, setCalendars] = useState<Calendar[] | null>(null);
  const [hours, setHours] = useState<{ start: string; end: string }[]>([]);
  const [weekend, setWeekend] = useState<number[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [errors, setErrors] = useState<FormError[]>([]);
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
    setError(null);
    const found = weekHoursProblems({ t }, 'unit-hours', hours, weekend);
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      const saved = await api.put<Calendar>(`/admin/calendars/units/${unit.id}`, {
        name: `Lịch làm việc ${unit.name}`.slice(0, 200),
        officeHours: hours,
        weekendDays: weekend,
      });
      setCalendars([...(calendars ?? []).filter((c) => c.id !== saved.id), saved]);
      onSaved(t('hours.saved'));
    } catch (err) {
      const refused = weekHoursRefusal({ pick }, 'unit-hours', err);
      if (refused) setErrors(refused);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="card">
      <summary>{t('hours.title')}</summary>
      <form onSubmit={save} noValidate>
        <p className="hint">{from}</p>
        <ErrorSummary errors={errors} />
        <WeekHoursFields id="unit-hours" hours={hours} weekend={weekend} onHours={setHours} onWeekend={setWeekend} />
        <Problem error={error} />
        <button type="submit" className="button primary" disabled={busy || !calendars}>
          {t('hours.save')}
        </button>
      </form>
    </details>
  );
}

/**
 * The common office hours every unit without its own counts in (working-time page): the shared week fields,
 * their problems in the form's summary, and a confirmation before saving, since every such unit's deadlines
 * follow.
 */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { Confirm } from '../../components/Confirm.tsx';
import { ErrorSummary, type FormError } from '../../components/ErrorSummary.tsx';
import { WeekHoursFields, weekHoursProblems, weekHoursRefusal, type Period } from '../../components/WeekHoursFields.tsx';
import { workingTimeApi, type Calendar } from './working-time.api.ts';

export function CommonHoursForm({
  calendar,
  onSaved,
  onError,
  disabled,
}: {
  /** the common calendar as loaded (null: none yet) */
  calendar: Calendar | null;
  onSaved: (saved: Calendar) => void;
  /** an error that is not about a field */
  onError: (err: unknown) => void;
  disabled: boolean;
}) {
  const { t, pick } = useI18n();
  const [hours, setHours] = useState<Period[]>(calendar?.officeHours ?? [{ start: '07:30', end: '11:30' }]);
  const [weekend, setWeekend] = useState<number[]>(calendar?.weekendDays ?? [0, 6]);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [ask, setAsk] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = weekHoursProblems({ t }, 'hours', hours, weekend);
    setErrors(found);
    if (!found.length) setAsk(true);
  };

  const save = async () => {
    setBusy(true);
    onError(null);
    try {
      onSaved(await workingTimeApi.saveCommon({ name: calendar?.name ?? 'Lịch làm việc chung', officeHours: hours, weekendDays: weekend }));
    } catch (err) {
      const refused = weekHoursRefusal({ pick }, 'hours', err);
      if (refused) setErrors(refused);
      else onError(err);
    } finally {
      setAsk(false);
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="hours-title">
      <h2 id="hours-title">{t('workingTime.hours.title')}</h2>
      <p className="hint">{t('workingTime.hours.hint')}</p>
      <ErrorSummary errors={errors} />
      <WeekHoursFields id="hours" hours={hours} weekend={weekend} onHours={setHours} onWeekend={setWeekend} />
      {ask ? (
        <Confirm
          question={t('workingTime.hours.confirm')}
          yes={t('workingTime.hours.yes')}
          no={t('workingTime.no')}
          busy={busy}
          onYes={() => void save()}
          onNo={() => setAsk(false)}
        />
      ) : (
        <button type="submit" className="button primary" disabled={busy || disabled}>
          {t('workingTime.hours.save')}
        </button>
      )}
    </form>
  );
}

/**
 * The national days off and swapped working days, year by year (administrators): which years still follow the
 * Labour Code's default rule because the Prime Minister's decision is not entered yet; each day with its basis;
 * a day confirmed as decided, added, changed or removed (after a confirmation: deadlines count in it).
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { Notice, Problem } from '../../components/Problem.tsx';

interface Day {
  id: string;
  date: string;
  kind: 'day_off' | 'working_day';
  name: string;
  basis: 'law' | 'decision' | 'rule' | 'admin';
}
interface YearStatus {
  year: number;
  law: number;
  decision: number;
  rule: number;
  admin: number;
}

const thisYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));
/** dd/MM/yyyy and the weekday, as a Vietnamese calendar reads */
const dayWords = (iso: string, lang: 'vi' | 'en') =>
  new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'UTC', weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(`${iso}T00:00:00Z`),
  );

export function HolidaysPage() {
  const { t, lang } = useI18n();
  const [years, setYears] = useState<YearStatus[]>([]);
  const [year, setYear] = useState(thisYear());
  const [days, setDays] = useState<Day[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [removing, setRemoving] = useState<Day | null>(null);
  const [form, setForm] = useState<{ date: string; kind: Day['kind']; name: string; basis: 'decision' | 'admin' }>({
    date: '',
    kind: 'day_off',
    name: '',
    basis: 'decision',
  });
  const [busy, setBusy] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const from = thisYear();
    const [status, list] = await Promise.all([
      api.get<{ items: YearStatus[] }>(`/admin/calendar-years?from=${from}&to=${from + 3}`),
      api.get<{ items: Day[] }>(`/admin/calendar-days?year=${year}`),
    ]);
    setYears(status.items);
    setDays(list.items);
  }, [year]);
  useEffect(() => {
    load().catch(setError);
  }, [load]);

  const act = async (f: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      await f();
      setRemoving(null);
      await load();
      // said once the page shows the change
      setNotice(done);
      noticeRef.current?.focus();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const save = (d: { date: string; kind: Day['kind']; name: string; basis: 'decision' | 'admin' }) =>
    act(() => api.put('/admin/calendar-days', d), t('holidays.saved', { date: dayWords(d.date, lang) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ ...form, name: form.name.trim() });
  };

  const status = years.find((y) => y.year === year);
  return (
    <section className="container holidays-page">
      <h1>{t('holidays.title')}</h1>
      <p>{t('holidays.intro')}</p>

      <h2>{t('holidays.years')}</h2>
      <ul className="year-status">
        {years.map((y) => (
          <li key={y.year}>
            <button type="button" className={`button ${y.year === year ? 'primary' : ''}`} aria-pressed={y.year === year} onClick={() => setYear(y.year)}>
              {t('holidays.year', { year: y.year })}
            </button>{' '}
            <span className={y.rule ? 'badge sla-nearly_late' : 'badge sla-on_time'}>
              {y.rule ? t('holidays.year.pending', { n: y.rule }) : y.law + y.decision + y.admin ? t('holidays.year.decided') : t('holidays.year.empty')}
            </span>
          </li>
        ))}
      </ul>

      <div ref={noticeRef} tabIndex={-1}>
        {notice && <Notice kind="success">{notice}</Notice>}
      </div>
      <Problem error={error} />
      {status && status.rule > 0 && <Notice kind="warning">{t('holidays.pendingNotice', { year, n: status.rule })}</Notice>}

      <h2>{t('holidays.year', { year })}</h2>
      {removing && (
        <div className="alert alert-warning" role="alertdialog" aria-labelledby="holiday-question">
          <p id="holiday-question">{t('holidays.removeQuestion', { date: dayWords(removing.date, lang), name: removing.name })}</p>
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() => act(() => api.delete(`/admin/calendar-days/${removing.id}`), t('holidays.removed', { date: dayWords(removing.date, lang) }))}
          >
            {t('holidays.removeYes')}
          </button>{' '}
          <button type="button" className="button" onClick={() => setRemoving(null)}>
            {t('holidays.cancel')}
          </button>
        </div>
      )}
      {days && !days.length && <p>{t('holidays.none')}</p>}
      {days && days.length > 0 && (
        <ul className="holiday-list">
          {days.map((d) => (
            <li key={d.id} className={`holiday basis-${d.basis}`}>
              <div>
                <strong>{dayWords(d.date, lang)}</strong> · {t(`holidays.kind.${d.kind}` as MessageKey)}
              </div>
              <div>{d.name}</div>
              <div className="holiday-actions">
                <span className={d.basis === 'rule' ? 'badge sla-nearly_late' : 'badge'}>{t(`holidays.basis.${d.basis}` as MessageKey)}</span>
                {d.basis === 'rule' && (
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    onClick={() => save({ date: d.date, kind: d.kind, name: d.name, basis: 'decision' })}
                  >
                    {t('holidays.confirm')}
                  </button>
                )}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setRemoving(d)}
                  aria-label={t('holidays.remove', { date: dayWords(d.date, lang) })}
                >
                  {t('holidays.removeYes')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}

      <form className="card" onSubmit={submit}>
        <h2>{t('holidays.add')}</h2>
        <label>
          {t('holidays.date')}
          <input type="date" required value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} />
        </label>
        <label>
          {t('holidays.kind')}
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as Day['kind'] })}>
            <option value="day_off">{t('holidays.kind.day_off')}</option>
            <option value="working_day">{t('holidays.kind.working_day')}</option>
          </select>
        </label>
        <label>
          {t('holidays.name')}
          <input required minLength={2} maxLength={200} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          {t('holidays.addBasis')}
          <select value={form.basis} onChange={(e) => setForm({ ...form, basis: e.target.value as 'decision' | 'admin' })}>
            <option value="decision">{t('holidays.basis.decision')}</option>
            <option value="admin">{t('holidays.basis.admin')}</option>
          </select>
        </label>
        <button type="submit" className="button primary" disabled={busy}>
          {t('holidays.save')}
        </button>
      </form>
    </section>
  );
}

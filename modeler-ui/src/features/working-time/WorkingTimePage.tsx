/**
 * Working time (administrators): the common office hours every unit without its own counts in, and the SLA
 * rule versions (how deadlines count, when a dossier is nearly late, what a supplement or a payment does to the
 * clock). A rule version is never changed: a new one is added, effective from a later date, after a confirmation;
 * dossiers keep the version in force when they were received. Errors are listed at the top, naming each field.
 * The days off and swapped days have their own page, and a unit's own hours are set on the units page.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { Confirm } from '../../components/Confirm.tsx';
import { ErrorSummary, type FormError } from '../../components/ErrorSummary.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { CommonHoursForm } from './CommonHoursForm.tsx';
import { workingTimeApi, type Calendar, type RuleInput, type RuleVersion } from './working-time.api.ts';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const dateWords = (iso: string, lang: 'vi' | 'en') =>
  new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(`${iso}T00:00:00Z`),
  );

/** the form of a new rule version, as typed (numbers as text, the share in per cent) */
interface RuleForm {
  effectiveFrom: string;
  supplementClock: RuleInput['supplementClock'];
  maxWorkingHours: string;
  sharePercent: string;
  moveCalendarDeadlines: boolean;
  dayCount: RuleInput['dayCount'];
  paymentClock: RuleInput['paymentClock'];
  supplementValue: string;
  supplementUnit: RuleInput['supplementAllowance']['unit'];
  note: string;
}

const formOf = (r: RuleVersion | undefined): RuleForm => ({
  effectiveFrom: '',
  supplementClock: r?.supplementClock ?? 'extend',
  maxWorkingHours: String(r?.warnThreshold.maxWorkingHours ?? 24),
  sharePercent: String(Math.round((r?.warnThreshold.share ?? 0.2) * 1000) / 10),
  moveCalendarDeadlines: r?.moveCalendarDeadlines ?? true,
  dayCount: r?.dayCount ?? 'civil_code',
  paymentClock: r?.paymentClock ?? 'pause',
  supplementValue: String(r?.supplementAllowance.value ?? 30),
  supplementUnit: r?.supplementAllowance.unit ?? 'working_days',
  note: '',
});

/** the field of the rule form an api problem's path names */
const ruleFieldOf: Record<string, string> = {
  effectiveFrom: 'rule-effective',
  supplementClock: 'rule-supplement-clock',
  'warnThreshold.maxWorkingHours': 'rule-warn-hours',
  'warnThreshold.share': 'rule-warn-share',
  moveCalendarDeadlines: 'rule-move',
  dayCount: 'rule-day-count',
  paymentClock: 'rule-payment-clock',
  'supplementAllowance.value': 'rule-supplement-value',
  'supplementAllowance.unit': 'rule-supplement-unit',
  note: 'rule-note',
};
const ruleLabelOf: Record<string, MessageKey> = {
  'rule-effective': 'workingTime.rule.effectiveFrom',
  'rule-supplement-clock': 'workingTime.rule.supplementClock',
  'rule-warn-hours': 'workingTime.rule.warnHours',
  'rule-warn-share': 'workingTime.rule.warnShare',
  'rule-move': 'workingTime.rule.move',
  'rule-day-count': 'workingTime.rule.dayCount',
  'rule-payment-clock': 'workingTime.rule.paymentClock',
  'rule-supplement-value': 'workingTime.rule.supplementAllowance',
  'rule-supplement-unit': 'workingTime.rule.supplementUnit',
  'rule-note': 'workingTime.rule.note',
};

export function WorkingTimePage() {
  const { t, lang, pick } = useI18n();
  const [calendar, setCalendar] = useState<Calendar | null>(null);
  const [rules, setRules] = useState<RuleVersion[] | null>(null);
  const [form, setForm] = useState<RuleForm>(formOf(undefined));
  const [ruleErrors, setRuleErrors] = useState<FormError[]>([]);
  const [askRule, setAskRule] = useState<RuleInput | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const [cals, versions] = await Promise.all([workingTimeApi.calendars(), workingTimeApi.rules()]);
    const common = cals.find((c) => c.orgUnitId === null) ?? null;
    setCalendar(common);
    const sorted = [...versions].sort((a, b) => b.version - a.version);
    setRules(sorted);
    setForm(formOf(sorted[0]));
  }, []);
  useEffect(() => {
    load().catch(setError);
  }, [load]);

  const done = (text: string) => {
    setNotice(text);
    setTimeout(() => noticeRef.current?.focus(), 0);
  };

  // ---- rule versions ----
  function ruleProblems(): { errors: FormError[]; input?: RuleInput } {
    const found: FormError[] = [];
    const say = (fieldId: string, key: MessageKey, more: Record<string, string | number> = {}) =>
      found.push({ fieldId, text: t(key, { field: t(ruleLabelOf[fieldId]!), ...more }) });
    if (!form.effectiveFrom) say('rule-effective', 'workingTime.rule.required');
    else if (form.effectiveFrom <= today()) say('rule-effective', 'workingTime.rule.future');
    else if (rules?.some((r) => r.effectiveFrom === form.effectiveFrom)) say('rule-effective', 'workingTime.rule.taken');
    const num = (raw: string, fieldId: string, min: number, max: number, exclusiveMin = false) => {
      const v = Number(raw.replace(',', '.'));
      if (raw.trim() === '' || !Number.isFinite(v)) say(fieldId, 'workingTime.rule.number');
      else if ((exclusiveMin ? v <= min : v < min) || v > max)
        say(fieldId, exclusiveMin ? 'workingTime.rule.rangeAbove' : 'workingTime.rule.range', { min, max });
      return v;
    };
    const maxWorkingHours = num(form.maxWorkingHours, 'rule-warn-hours', 0, 1000);
    const share = num(form.sharePercent, 'rule-warn-share', 0, 100);
    const value = num(form.supplementValue, 'rule-supplement-value', 0, 365, true);
    if (form.note.length > 2000) say('rule-note', 'workingTime.rule.tooLong', { max: 2000 });
    if (found.length) return { errors: found };
    return {
      errors: [],
      input: {
        effectiveFrom: form.effectiveFrom,
        supplementClock: form.supplementClock,
        warnThreshold: { maxWorkingHours, share: Math.round(share * 10) / 1000 },
        moveCalendarDeadlines: form.moveCalendarDeadlines,
        dayCount: form.dayCount,
        paymentClock: form.paymentClock,
        supplementAllowance: { value, unit: form.supplementUnit },
        ...(form.note.trim() ? { note: form.note.trim() } : {}),
      },
    };
  }

  const submitRule = (e: FormEvent) => {
    e.preventDefault();
    setNotice('');
    const { errors, input } = ruleProblems();
    setRuleErrors(errors);
    if (input) setAskRule(input);
  };

  const addRule = async () => {
    if (!askRule) return;
    setBusy(true);
    setError(null);
    try {
      const added = await workingTimeApi.addRule(askRule);
      setAskRule(null);
      await load();
      done(t('workingTime.rule.added', { n: added.version, date: dateWords(added.effectiveFrom, lang) }));
    } catch (err) {
      setAskRule(null);
      if (err instanceof ApiError && (err.code === 'sla_rules_date_past' || err.code === 'sla_rules_date_taken'))
        setRuleErrors([{ fieldId: 'rule-effective', text: `${t('workingTime.rule.effectiveFrom')}: ${pick(err.messages)}` }]);
      else if (err instanceof ApiError && err.fields.length)
        setRuleErrors(
          err.fields.map((f) => {
            const fieldId = ruleFieldOf[f.field] ?? 'rule-effective';
            return { fieldId, text: `${t(ruleLabelOf[fieldId]!)}: ${pick(f.message)}` };
          }),
        );
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const next = (rules?.[0]?.version ?? 0) + 1;
  const inForce = rules?.find((r) => r.effectiveFrom <= today());

  return (
    <section className="container wide working-time-page">
      <h1>{t('workingTime.title')}</h1>
      <p>{t('workingTime.intro')}</p>
      <p>
        <Link to="/quan-tri/ngay-nghi">{t('workingTime.holidaysLink')}</Link> · <Link to="/quan-tri/don-vi">{t('workingTime.unitsLink')}</Link>
      </p>
      <div ref={noticeRef} tabIndex={-1}>
        {notice && <Notice kind="success">{notice}</Notice>}
      </div>
      <Problem error={error} />

      {rules && (
        <CommonHoursForm
          calendar={calendar}
          disabled={busy}
          onError={setError}
          onSaved={(saved) => {
            setCalendar(saved);
            done(t('workingTime.hours.saved'));
          }}
        />
      )}

      <h2 id="rules-title">{t('workingTime.rules.title')}</h2>
      <p className="hint">{t('workingTime.rules.hint')}</p>
      {rules && (
        <div className="table-scroll">
          <table className="table responsive rule-versions" aria-labelledby="rules-title">
            <thead>
              <tr>
                <th>{t('workingTime.rules.version')}</th>
                <th>{t('workingTime.rule.effectiveFrom')}</th>
                <th>{t('workingTime.rule.dayCount')}</th>
                <th>{t('workingTime.rule.supplementClock')}</th>
                <th>{t('workingTime.rules.warn')}</th>
                <th>{t('workingTime.rule.paymentClock')}</th>
                <th>{t('workingTime.rule.supplementAllowance')}</th>
                <th>{t('workingTime.rule.note')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr key={r.id}>
                  <td data-label={t('workingTime.rules.version')}>
                    {r.version}{' '}
                    {r.id === inForce?.id ? (
                      <span className="badge sla-on_time">{t('workingTime.rules.inForce')}</span>
                    ) : r.effectiveFrom > today() ? (
                      <span className="badge">{t('workingTime.rules.upcoming')}</span>
                    ) : null}
                  </td>
                  <td data-label={t('workingTime.rule.effectiveFrom')}>{dateWords(r.effectiveFrom, lang)}</td>
                  <td data-label={t('workingTime.rule.dayCount')}>{t(`workingTime.dayCount.${r.dayCount}`)}</td>
                  <td data-label={t('workingTime.rule.supplementClock')}>
                    {t(`workingTime.supplementClock.${r.supplementClock}`)}
                    {r.moveCalendarDeadlines ? `; ${t('workingTime.rules.moves')}` : ''}
                  </td>
                  <td data-label={t('workingTime.rules.warn')}>
                    {t('workingTime.rules.warnWords', { hours: r.warnThreshold.maxWorkingHours, percent: Math.round(r.warnThreshold.share * 1000) / 10 })}
                  </td>
                  <td data-label={t('workingTime.rule.paymentClock')}>{t(`workingTime.paymentClock.${r.paymentClock}`)}</td>
                  <td data-label={t('workingTime.rule.supplementAllowance')}>
                    {r.supplementAllowance.value} {t(`workingTime.unit.${r.supplementAllowance.unit}`)}
                  </td>
                  <td data-label={t('workingTime.rule.note')}>{r.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <form className="card" onSubmit={submitRule} noValidate aria-labelledby="rule-add-title">
        <h2 id="rule-add-title">{t('workingTime.rule.addTitle', { n: next })}</h2>
        <p className="hint">{t('workingTime.rule.addHint')}</p>
        <ErrorSummary errors={ruleErrors} />
        <div className="grid-2">
          <label htmlFor="rule-effective">
            {t('workingTime.rule.effectiveFrom')}
            <input
              id="rule-effective"
              type="date"
              min={today()}
              value={form.effectiveFrom}
              onChange={(e) => setForm({ ...form, effectiveFrom: e.target.value })}
            />
          </label>
          <label htmlFor="rule-day-count">
            {t('workingTime.rule.dayCount')}
            <select id="rule-day-count" value={form.dayCount} onChange={(e) => setForm({ ...form, dayCount: e.target.value as RuleForm['dayCount'] })}>
              <option value="civil_code">{t('workingTime.dayCount.civil_code')}</option>
              <option value="working_hours">{t('workingTime.dayCount.working_hours')}</option>
            </select>
          </label>
          <label htmlFor="rule-supplement-clock">
            {t('workingTime.rule.supplementClock')}
            <select
              id="rule-supplement-clock"
              value={form.supplementClock}
              onChange={(e) => setForm({ ...form, supplementClock: e.target.value as RuleForm['supplementClock'] })}
            >
              <option value="extend">{t('workingTime.supplementClock.extend')}</option>
              <option value="restart">{t('workingTime.supplementClock.restart')}</option>
            </select>
          </label>
          <label htmlFor="rule-payment-clock">
            {t('workingTime.rule.paymentClock')}
            <select
              id="rule-payment-clock"
              value={form.paymentClock}
              onChange={(e) => setForm({ ...form, paymentClock: e.target.value as RuleForm['paymentClock'] })}
            >
              <option value="pause">{t('workingTime.paymentClock.pause')}</option>
              <option value="run">{t('workingTime.paymentClock.run')}</option>
            </select>
          </label>
          <label htmlFor="rule-warn-hours">
            {t('workingTime.rule.warnHours')}
            <input
              id="rule-warn-hours"
              inputMode="decimal"
              value={form.maxWorkingHours}
              onChange={(e) => setForm({ ...form, maxWorkingHours: e.target.value })}
            />
          </label>
          <label htmlFor="rule-warn-share">
            {t('workingTime.rule.warnShare')}
            <input id="rule-warn-share" inputMode="decimal" value={form.sharePercent} onChange={(e) => setForm({ ...form, sharePercent: e.target.value })} />
          </label>
          <label htmlFor="rule-supplement-value">
            {t('workingTime.rule.supplementAllowance')}
            <input
              id="rule-supplement-value"
              inputMode="decimal"
              value={form.supplementValue}
              onChange={(e) => setForm({ ...form, supplementValue: e.target.value })}
            />
          </label>
          <label htmlFor="rule-supplement-unit">
            {t('workingTime.rule.supplementUnit')}
            <select
              id="rule-supplement-unit"
              value={form.supplementUnit}
              onChange={(e) => setForm({ ...form, supplementUnit: e.target.value as RuleForm['supplementUnit'] })}
            >
              <option value="working_days">{t('workingTime.unit.working_days')}</option>
              <option value="working_hours">{t('workingTime.unit.working_hours')}</option>
            </select>
          </label>
        </div>
        <label className="checkbox-row" htmlFor="rule-move">
          <input
            id="rule-move"
            type="checkbox"
            checked={form.moveCalendarDeadlines}
            onChange={(e) => setForm({ ...form, moveCalendarDeadlines: e.target.checked })}
          />{' '}
          {t('workingTime.rule.move')}
        </label>
        <label htmlFor="rule-note">
          {t('workingTime.rule.note')}
          <textarea id="rule-note" rows={2} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
        </label>
        {askRule ? (
          <Confirm
            question={t('workingTime.rule.confirm', { n: next, date: dateWords(askRule.effectiveFrom, lang) })}
            yes={t('workingTime.rule.yes')}
            no={t('workingTime.no')}
            busy={busy}
            onYes={() => void addRule()}
            onNo={() => setAskRule(null)}
          />
        ) : (
          <button type="submit" className="button primary" disabled={busy || !rules}>
            {t('workingTime.rule.add')}
          </button>
        )}
      </form>
    </section>
  );
}

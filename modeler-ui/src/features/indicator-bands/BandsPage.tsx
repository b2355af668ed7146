/**
 * «Ngưỡng điểm chỉ số»: the bands that turn each computed TT 01/2018 indicator's share into 0, 1 or 2 points, and
 * the totals each grade needs. An administrator edits them as percentages and whole points; a new version applies
 * from now on to every report, after a confirmation, and is recorded in the administration log.
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Confirm } from '../../components/Confirm.tsx';
import { ErrorSummary, type FormError } from '../../components/ErrorSummary.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { bandsApi, type BandsInForce, type IndicatorBands } from './bands.api.ts';

const GRADES = ['excellent', 'good', 'fair'] as const;
/** What the person types: percentages for the bands, whole points for the grades, as typed. */
type Draft = { indicators: Record<string, { two: string; one: string }>; grades: Record<(typeof GRADES)[number], string> };

const percent = (share: number) => String(Math.round(share * 1000) / 10);
const toDraft = (b: IndicatorBands): Draft => ({
  indicators: Object.fromEntries(Object.entries(b.indicators).map(([c, v]) => [c, { two: percent(v.two), one: percent(v.one) }])),
  grades: { excellent: String(b.grades.excellent), good: String(b.grades.good), fair: String(b.grades.fair) },
});
const number = (s: string) => (s.trim() === '' ? NaN : Number(s.replace(',', '.')));
const fieldId = (path: string) => `band-${path.replace(/\./g, '-')}`;

export function BandsPage() {
  const { t, pick, lang } = useI18n();
  const [inForce, setInForce] = useState<BandsInForce>();
  const [draft, setDraft] = useState<Draft>();
  const [errors, setErrors] = useState<FormError[]>([]);
  const [error, setError] = useState<unknown>();
  const [confirming, setConfirming] = useState<IndicatorBands>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<number>();

  useEffect(() => {
    bandsApi.get().then((b) => {
      setInForce(b);
      setDraft(toDraft(b.bands));
    }, setError);
  }, []);

  if (!inForce || !draft)
    return (
      <div className="container">
        <Problem error={error} />
      </div>
    );
  const codes = Object.keys(inForce.names);
  const bandLabel = (code: string, which: 'two' | 'one') => `${pick(inForce.names[code]!)} — ${t(which === 'two' ? 'ind.bands.two' : 'ind.bands.one')}`;
  const gradeLabel = (g: (typeof GRADES)[number]) => t('ind.bands.gradeFrom', { grade: pick(inForce.gradeNames[g]) });
  /** The label of a field named by the server's path (indicators.<code>.one, grades). */
  const labelOf = (path: string) => {
    const m = /^indicators\.(.+)\.(two|one)$/.exec(path);
    if (m && inForce.names[m[1]!]) return { id: fieldId(path), label: bandLabel(m[1]!, m[2] as 'two' | 'one') };
    return { id: fieldId('grades.excellent'), label: t('ind.bands.grades') };
  };

  /** The bands typed, or the errors in them (as the server would say, before asking it). */
  const check = (): IndicatorBands | FormError[] => {
    const out: FormError[] = [];
    const indicators: IndicatorBands['indicators'] = {};
    for (const c of codes) {
      const [two, one] = [number(draft.indicators[c]!.two), number(draft.indicators[c]!.one)];
      for (const [which, v] of [
        ['two', two],
        ['one', one],
      ] as const)
        if (!(v >= 0 && v <= 100)) out.push({ fieldId: fieldId(`indicators.${c}.${which}`), text: `${bandLabel(c, which)}: ${t('ind.bands.percentRange')}` });
      if (two >= 0 && one >= 0 && one > two)
        out.push({ fieldId: fieldId(`indicators.${c}.one`), text: `${bandLabel(c, 'one')}: ${t('ind.bands.oneAboveTwo')}` });
      indicators[c] = { two: Math.round(two * 10) / 1000, one: Math.round(one * 10) / 1000 };
    }
    const grades = Object.fromEntries(GRADES.map((g) => [g, number(draft.grades[g])])) as IndicatorBands['grades'];
    for (const g of GRADES)
      if (!(Number.isInteger(grades[g]) && grades[g] >= 0 && grades[g] <= 18))
        out.push({ fieldId: fieldId(`grades.${g}`), text: `${gradeLabel(g)}: ${t('ind.bands.pointsRange')}` });
    if (!out.length && !(grades.excellent >= grades.good && grades.good >= grades.fair))
      out.push({ fieldId: fieldId('grades.excellent'), text: `${t('ind.bands.grades')}: ${t('ind.bands.gradesOrder')}` });
    return out.length ? out : { indicators, grades };
  };

  const edit = (patch: (d: Draft) => void) => {
    const next = structuredClone(draft);
    patch(next);
    setDraft(next);
    setConfirming(undefined);
    setSaved(undefined);
  };

  const save = async (bands: IndicatorBands) => {
    setBusy(true);
    try {
      const b = await bandsApi.set(bands);
      setInForce(b);
      setDraft(toDraft(b.bands));
      setSaved(b.version);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length)
        setErrors(
          err.fields.map((f) => {
            const { id, label } = labelOf(f.field ?? '');
            return { fieldId: id, text: `${label}: ${pick(f.message)}` };
          }),
        );
      else setError(err);
    } finally {
      setConfirming(undefined);
      setBusy(false);
    }
  };

  return (
    <div className="container stack bands-page">
      <h1>{t('ind.bands.title')}</h1>
      <p>{t('ind.bands.intro')}</p>
      <p className="muted">
        {inForce.setBy
          ? t('ind.bands.inForce', { n: inForce.version, name: inForce.setBy, at: dateTime(inForce.setAt, lang) })
          : t('ind.bands.inForceSeeded', { n: inForce.version })}
      </p>
      {saved !== undefined && <Notice kind="success">{t('ind.bands.saved', { n: saved })}</Notice>}
      <form
        className="card stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setError(undefined);
          const r = check();
          if (Array.isArray(r)) {
            setErrors(r);
            setConfirming(undefined);
          } else {
            setErrors([]);
            setConfirming(r);
          }
        }}
      >
        <ErrorSummary errors={errors} />
        <Problem error={error} />
        <fieldset>
          <legend>{t('ind.bands.indicators')}</legend>
          <div className="table-wrap">
            <table className="bands-table">
              <thead>
                <tr>
                  <th scope="col">{t('ind.bands.indicator')}</th>
                  <th scope="col">{t('ind.bands.two')}</th>
                  <th scope="col">{t('ind.bands.one')}</th>
                </tr>
              </thead>
              <tbody>
                {codes.map((c, i) => (
                  <tr key={c}>
                    <th scope="row">{pick(inForce.names[c]!)}</th>
                    {(['two', 'one'] as const).map((which) => (
                      <td key={which}>
                        <label className="sr-only" htmlFor={fieldId(`indicators.${c}.${which}`)}>
                          {bandLabel(c, which)}
                        </label>
                        <span className="cell-label" aria-hidden="true">
                          {t(which === 'two' ? 'ind.bands.two' : 'ind.bands.one')}
                        </span>
                        <span className="input-unit">
                          <input
                            id={fieldId(`indicators.${c}.${which}`)}
                            inputMode="decimal"
                            value={draft.indicators[c]![which]}
                            aria-invalid={errors.some((e) => e.fieldId === fieldId(`indicators.${c}.${which}`))}
                            onChange={(e) => edit((d) => (d.indicators[c]![which] = e.target.value))}
                            data-row={i}
                          />
                          <span aria-hidden="true">%</span>
                        </span>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">{t('ind.bands.belowOne')}</p>
        </fieldset>
        <fieldset>
          <legend>{t('ind.bands.grades')}</legend>
          <div className="grid-2 grades">
            {GRADES.map((g) => (
              <label key={g} htmlFor={fieldId(`grades.${g}`)}>
                {gradeLabel(g)}
                <input
                  id={fieldId(`grades.${g}`)}
                  inputMode="numeric"
                  value={draft.grades[g]}
                  aria-invalid={errors.some((e) => e.fieldId === fieldId(`grades.${g}`))}
                  onChange={(e) => edit((d) => (d.grades[g] = e.target.value))}
                />
              </label>
            ))}
          </div>
          <p className="muted">{t('ind.bands.poor', { grade: pick(inForce.gradeNames.poor) })}</p>
        </fieldset>
        {confirming ? (
          <Confirm
            question={t('ind.bands.confirm', { n: inForce.version + 1 })}
            yes={t('ind.bands.confirmYes')}
            no={t('ind.bands.cancel')}
            busy={busy}
            onYes={() => void save(confirming)}
            onNo={() => setConfirming(undefined)}
          />
        ) : (
          <div className="actions">
            <button type="submit" className="primary">
              {t('ind.bands.save')}
            </button>
          </div>
        )}
      </form>
    </div>
  );
}

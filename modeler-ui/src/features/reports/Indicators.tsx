/**
 * The indicators of the report's unit and period: the TT 01/2018 index (nine indicators, points, total of 18
 * and grade) and the QĐ 766 groups, each indicator with its formula beside its value and the counts it came
 * from (a count of dossiers opens their list); the indicators the unit enters marked as such, and editable by
 * the unit's leader; the units of the region ranked by their index.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, type Message } from '../../app/api.ts';
import { date, dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';

interface Evidence {
  label: Message;
  count: number;
  drill?: { base: string; part: string; match: boolean };
  items?: string[];
}
interface Indicator {
  code: string;
  name: Message;
  formula: Message;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  source: 'computed' | 'entered' | 'no_data';
  evidence: Evidence[];
  points?: 0 | 1 | 2 | null;
  band?: { two: number; one: number } | null;
  entry?: { points: number; note: string | null; enteredBy: string; enteredAt: string } | null;
}
interface Report {
  unit: { id: string; name: string };
  qd766: { code: string; name: Message; indicators: Indicator[] }[];
  tt01: { indicators: Indicator[]; total: number; max: number; grade: string; gradeName: Message };
  canEnter: boolean;
}
interface Ranked {
  rank: number;
  id: string;
  name: string;
  total: number;
  gradeName: Message;
}
interface Drill {
  label: Message;
  total: number;
  items: { id: string; code: string | null; procedureName: string; receivedAt: string | null; dueAt: string | null; decidedAt: string | null }[];
}

export function Indicators({ from, to, unitId }: { from: string; to: string; unitId: string }) {
  const { t, lang, pick } = useI18n();
  const [report, setReport] = useState<Report>();
  const [ranking, setRanking] = useState<Ranked[]>();
  const [drill, setDrill] = useState<Drill>();
  const [error, setError] = useState<unknown>();
  const query = () => new URLSearchParams({ from, to, unitId });
  const load = () => {
    setError(undefined);
    api.get<Report>(`/reports/indicators?${query()}`).then(setReport, setError);
    api.get<{ units: Ranked[] }>(`/reports/indicators/ranking?${query()}`).then((r) => setRanking(r.units), setError);
  };
  useEffect(() => {
    // another period or unit: its own figures and entries, the forms drawn afresh from them
    setDrill(undefined);
    setReport(undefined);
    setRanking(undefined);
    load();
  }, [from, to, unitId]); // eslint-disable-line react-hooks/exhaustive-deps

  const percent = (r: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(r);
  const open = async (e: Evidence) => {
    const q = query();
    q.set('base', e.drill!.base);
    q.set('part', e.drill!.part);
    q.set('match', String(e.drill!.match));
    q.set('limit', '200');
    try {
      const r = await api.get<Omit<Drill, 'label'>>(`/reports/indicators/dossiers?${q}`);
      setDrill({ label: e.label, ...r });
      requestAnimationFrame(() => document.getElementById('indicator-drill')?.focus());
    } catch (err) {
      setError(err);
    }
  };

  const value = (i: Indicator) =>
    i.source === 'no_data' ? (
      <span className="hint">{t('ind.noData')}</span>
    ) : i.source === 'entered' ? null : i.value === null ? (
      <span className="hint">{t('ind.noneInPeriod')}</span>
    ) : (
      <strong>{t('ind.valueOf', { value: percent(i.value), n: i.numerator ?? 0, of: i.denominator ?? 0 })}</strong>
    );

  const card = (i: Indicator, n?: number) => (
    <li key={i.code} className={`indicator card source-${i.source}`} data-code={i.code}>
      <div className="indicator-head">
        <h4>
          {n !== undefined && `${n}. `}
          {pick(i.name)}
        </h4>
        {i.points !== undefined && (
          <span className={`badge points points-${i.points ?? 'none'}`}>{i.points === null ? t('ind.noPoints') : t('ind.points', { n: i.points })}</span>
        )}
      </div>
      {i.source === 'entered' && <span className="badge entered">{t('ind.entered')}</span>}
      <p className="indicator-formula">
        <span className="hint">{t('ind.formula')}:</span> {pick(i.formula)}
      </p>
      {value(i)}
      {i.band && <p className="hint indicator-band">{t('ind.band', { two: percent(i.band.two), one: percent(i.band.one) })}</p>}
      {i.evidence.length > 0 && (
        <ul className="indicator-evidence" aria-label={t('ind.evidence')}>
          {i.evidence.map((e, k) => (
            <li key={k}>
              {pick(e.label)}:{' '}
              {e.drill && e.count > 0 ? (
                <button type="button" className="link-button" onClick={() => open(e)} aria-label={t('ind.drill.show', { n: e.count, label: pick(e.label) })}>
                  {e.count}
                </button>
              ) : (
                <strong>{e.count}</strong>
              )}
              {e.items && e.items.length > 0 && <small> ({e.items.join('; ')})</small>}
            </li>
          ))}
        </ul>
      )}
      {i.source === 'entered' && (
        <>
          {i.entry ? (
            <p>
              {i.entry.note && <q>{i.entry.note}</q>}{' '}
              <small className="hint">{t('ind.enteredBy', { name: i.entry.enteredBy, at: dateTime(i.entry.enteredAt, lang) })}</small>
            </p>
          ) : (
            <p className="hint">{t('ind.notEntered')}</p>
          )}
          {report?.canEnter && <EntryForm key={`${from}|${to}|${unitId}`} indicator={i} unitId={unitId} from={from} to={to} onSaved={load} />}
        </>
      )}
    </li>
  );

  return (
    <section className="indicators" aria-labelledby="indicators-title">
      <h2 id="indicators-title">{t('ind.title')}</h2>
      <p>{t('ind.intro')}</p>
      <Problem error={error} />
      {report && (
        <>
          <h3>{t('ind.tt01')}</h3>
          <p className="indicator-total">
            <strong>{t('ind.total', { total: report.tt01.total, max: report.tt01.max, grade: pick(report.tt01.gradeName) })}</strong>
          </p>
          <ol className="indicator-list">{report.tt01.indicators.map((i, k) => card(i, k + 1))}</ol>
          <h3>{t('ind.qd766')}</h3>
          {report.qd766.map((g) => (
            <div key={g.code} className="indicator-group">
              <h4 className="indicator-group-name">{pick(g.name)}</h4>
              <ul className="indicator-list">{g.indicators.map((i) => card(i))}</ul>
            </div>
          ))}
        </>
      )}
      {drill && (
        <div className="card" id="indicator-drill" tabIndex={-1}>
          <h3>{t('ind.drill', { label: pick(drill.label), n: drill.total })}</h3>
          <ul className="drill-list">
            {drill.items.map((d) => (
              <li key={d.id}>
                <Link to={`/mot-cua/ho-so/${d.id}`} className="mono">
                  {d.code ?? d.id.slice(0, 8)}
                </Link>{' '}
                · {d.procedureName}
                <br />
                <small>
                  {t('report.drill.received')}: {date(d.receivedAt, lang)} · {t('report.drill.due')}: {date(d.dueAt, lang)}
                  {d.decidedAt ? ` · ${t('report.drill.decided')}: ${date(d.decidedAt, lang)}` : ''}
                </small>
              </li>
            ))}
          </ul>
        </div>
      )}
      {ranking && (
        <>
          <h3>{t('ind.ranking')}</h3>
          {!ranking.length ? (
            <p>{t('ind.ranking.empty')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-label={t('ind.ranking')} tabIndex={0}>
              <table className="satisfaction index-ranking">
                <thead>
                  <tr>
                    <th scope="col">{t('ind.ranking.rank')}</th>
                    <th scope="col">{t('ind.ranking.unit')}</th>
                    <th scope="col">{t('ind.ranking.total')}</th>
                    <th scope="col">{t('ind.ranking.grade')}</th>
                  </tr>
                </thead>
                <tbody>
                  {ranking.map((u) => (
                    <tr key={u.id}>
                      <td>{u.rank}</td>
                      <th scope="row">{u.name}</th>
                      <td>{u.total}</td>
                      <td>{pick(u.gradeName)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** A leader of the unit gives its points for an indicator motcua cannot compute, with what they rest on. */
function EntryForm({ indicator, unitId, from, to, onSaved }: { indicator: Indicator; unitId: string; from: string; to: string; onSaved: () => void }) {
  const { t, pick } = useI18n();
  const [points, setPoints] = useState(String(indicator.entry?.points ?? ''));
  const [note, setNote] = useState(indicator.entry?.note ?? '');
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      await api.put('/reports/indicators/entries', {
        unitId,
        from,
        to,
        code: indicator.code,
        points: points === '' ? null : Number(points),
        note: note || null,
      });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const id = `entry-${indicator.code.replace(/\W/g, '-')}`;
  return (
    <form className="indicator-entry" onSubmit={save} aria-label={t('ind.enter.form', { name: pick(indicator.name) })}>
      <Problem error={error} />
      {saved && <Notice kind="success">{t('ind.enter.saved')}</Notice>}
      <label htmlFor={`${id}-points`}>
        {t('ind.enter.points')}
        <select id={`${id}-points`} value={points} onChange={(e) => setPoints(e.target.value)} required>
          <option value="" disabled>
            —
          </option>
          {[2, 1, 0].map((n) => (
            <option key={n} value={n}>
              {t('ind.points', { n })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ind.enter.note')}
        <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
      </label>
      <button type="submit" className="button primary">
        {t('ind.enter.save')}
      </button>
    </form>
  );
}

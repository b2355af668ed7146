/**
 * The procedure catalogue: search as citizens type (with or without diacritics, words in any order, run together
 * or with a small slip; the nearest names offered when nothing matches), filter by field, agency and online level.
 */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { Problem } from '../../components/Problem.tsx';
import { onlineLevelNames, searchProcedures, timeLimitText, type CatalogueResult } from './procedures.api.ts';

export function CataloguePage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const field = params.get('field') ?? '';
  const agency = params.get('agency') ?? '';
  const level = params.get('level') ?? '';
  const [text, setText] = useState(q);
  const [result, setResult] = useState<CatalogueResult>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    searchProcedures({ q, field, agency, level }).then(setResult, setError);
  }, [q, field, agency, level]);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <section className="container">
      <div className="hero">
        <h1>{t('catalogue.title')}</h1>
        <p>{t('catalogue.intro')}</p>
        <form
          role="search"
          className="search-bar"
          onSubmit={(e) => {
            e.preventDefault();
            set('q', text.trim());
          }}
        >
          <label htmlFor="catalogue-q" className="sr-only">
            {t('catalogue.searchLabel')}
          </label>
          <input id="catalogue-q" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('catalogue.searchPlaceholder')} />
          <button type="submit">{t('catalogue.search')}</button>
        </form>
      </div>
      <div className="filters">
        <label>
          {t('catalogue.field')}
          <select value={field} onChange={(e) => set('field', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {result?.facets.fields.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </label>
        <label>
          {t('catalogue.agency')}
          <select value={agency} onChange={(e) => set('agency', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {result?.facets.agencies.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          {t('catalogue.level')}
          <select value={level} onChange={(e) => set('level', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {result?.facets.levels.map((l) => (
              <option key={l} value={l}>
                {onlineLevelNames[l]?.[lang === 'vi' ? 0 : 1] ?? l}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Problem error={error} />
      {result && (
        <>
          <p className="muted" aria-live="polite">
            {t('catalogue.count', { n: result.items.length })}
          </p>
          <ul className="card-list">
            {result.items.map((p) => (
              <li key={p.code} className="card procedure-card">
                <h2>
                  <Link to={`/thu-tuc/${encodeURIComponent(p.code)}`}>{lang === 'en' && p.nameEn ? p.nameEn : p.name}</Link>
                </h2>
                <p className="muted">
                  {t('catalogue.code')} {p.code} · {p.field}
                  {p.agency ? ` · ${p.agency}` : ''}
                </p>
                <p>
                  <span className="badge">{timeLimitText(p.timeLimit, lang)}</span>{' '}
                  {p.onlineLevel && <span className="badge badge-online">{onlineLevelNames[p.onlineLevel]?.[lang === 'vi' ? 0 : 1] ?? p.onlineLevel}</span>}
                </p>
              </li>
            ))}
          </ul>
          {result.items.length === 0 && (
            <div className="catalogue-none">
              <p>{q ? t('catalogue.noneFor', { q }) : t('catalogue.none')}</p>
              {result.suggestions.length > 0 && (
                <>
                  <p>{t('catalogue.didYouMean')}</p>
                  <ul>
                    {result.suggestions.map((p) => (
                      <li key={p.code}>
                        <Link to={`/thu-tuc/${encodeURIComponent(p.code)}`}>{lang === 'en' && p.nameEn ? p.nameEn : p.name}</Link>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {q && (
                <p>
                  <button type="button" className="link" onClick={() => (setText(''), set('q', ''))}>
                    {t('catalogue.showAll')}
                  </button>
                </p>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

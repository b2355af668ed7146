/**
 * The portal's public statistics: per agency, this year and this month, the dossiers received and finished, the
 * share finished on time and the share of ratings satisfied; the agencies ranked by satisfaction. No login,
 * counts only.
 */
import { useEffect, useState } from 'react';
import { api, type Message } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Problem } from '../../components/Problem.tsx';

interface Figures {
  received: number;
  finished: number;
  onTime: number;
  onTimeRate: number | null;
  ratings: number;
  satisfied: number;
  satisfactionRate: number | null;
}
interface Stats {
  year: number;
  month: number;
  at: string;
  units: { id: string; name: string; year: Figures; month: Figures }[];
  ranking: { id: string; name: string; rank: number; satisfactionRate: number; ratings: number }[];
  indexRanking?: { id: string; name: string; rank: number; total: number; gradeName: Message }[];
}

export function StatisticsPage() {
  const { t, lang, pick } = useI18n();
  const [stats, setStats] = useState<Stats>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    api.get<Stats>('/public/statistics').then(setStats, setError);
  }, []);
  const percent = (r: number | null) =>
    r === null ? t('stats.none') : new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(r);
  const figures = (f: Figures) => (
    <dl className="stat-figures">
      <div>
        <dt>{t('stats.received')}</dt>
        <dd>{f.received}</dd>
      </div>
      <div>
        <dt>{t('stats.finished')}</dt>
        <dd>{f.finished}</dd>
      </div>
      <div>
        <dt>{t('stats.onTime')}</dt>
        <dd>{percent(f.onTimeRate)}</dd>
      </div>
      <div>
        <dt>{t('stats.satisfaction')}</dt>
        <dd>
          {percent(f.satisfactionRate)}
          {f.ratings > 0 && <small> ({t('stats.ratings', { n: f.ratings })})</small>}
        </dd>
      </div>
    </dl>
  );
  return (
    <section className="container statistics-page">
      <h1>{t('stats.title')}</h1>
      <p>{t('stats.intro')}</p>
      <Problem error={error} />
      {stats && (
        <>
          <p className="hint">{t('stats.updated', { at: dateTime(stats.at, lang) })}</p>
          {!stats.units.length && <p>{t('stats.empty')}</p>}
          {stats.ranking.length > 0 && (
            <section aria-labelledby="ranking-heading" className="card">
              <h2 id="ranking-heading">{t('stats.ranking', { year: stats.year })}</h2>
              <ol className="ranking">
                {stats.ranking.map((r) => (
                  <li key={r.id}>
                    <strong>{r.name}</strong>: {percent(r.satisfactionRate)} <small>({t('stats.ratings', { n: r.ratings })})</small>
                  </li>
                ))}
              </ol>
            </section>
          )}
          {stats.indexRanking && stats.indexRanking.length > 0 && (
            <section aria-labelledby="index-ranking-heading" className="card">
              <h2 id="index-ranking-heading">{t('ind.public.ranking', { year: stats.year })}</h2>
              <ol className="ranking">
                {stats.indexRanking.map((r) => (
                  <li key={r.id}>
                    <strong>{r.name}</strong>: {t('ind.public.points', { total: r.total, grade: pick(r.gradeName) })}
                  </li>
                ))}
              </ol>
            </section>
          )}
          <ul className="stat-units">
            {stats.units.map((u) => (
              <li key={u.id} className="card">
                <h2>{u.name}</h2>
                <h3>{t('stats.year', { year: stats.year })}</h3>
                {figures(u.year)}
                <h3>{t('stats.month', { month: stats.month, year: stats.year })}</h3>
                {figures(u.month)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

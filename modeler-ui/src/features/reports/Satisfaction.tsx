/** Citizens' satisfaction in the report's period: overall, by unit, procedure, step and officer; the comments. */
import { useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { Problem } from '../../components/Problem.tsx';

interface Counts {
  ratings: number;
  verySatisfied: number;
  satisfied: number;
  notSatisfied: number;
  satisfactionRate: number | null;
}
interface Report {
  overall: Counts;
  byUnit: (Counts & { unitId: string; unitName: string })[];
  byProcedure: (Counts & { code: string; name: string })[];
  byStep: (Counts & { step: string; stepName: string })[];
  byOfficer: (Counts & { officerId: string; officerName: string })[];
  comments: { ratedAt: string; level: number; comment: string; dossierCode: string | null; procedureName: string; unitName: string }[];
}

export function Satisfaction({ from, to, unitId }: { from: string; to: string; unitId: string }) {
  const { t, lang } = useI18n();
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    api.get<Report>(`/reports/satisfaction?${new URLSearchParams({ from, to, unitId })}`).then(setReport, setError);
  }, [from, to, unitId]);
  const percent = (r: number | null) =>
    r === null ? '—' : new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(r);
  const table = (caption: MessageKey, head: MessageKey, rows: { key: string; name: string; c: Counts }[]) =>
    rows.length > 0 && (
      <div className="table-scroll" role="region" aria-label={t(caption)} tabIndex={0}>
        <table className="satisfaction">
          <caption>{t(caption)}</caption>
          <thead>
            <tr>
              <th scope="col">{t(head)}</th>
              <th scope="col">{t('sat.ratings')}</th>
              <th scope="col">{t('sat.level3')}</th>
              <th scope="col">{t('sat.level2')}</th>
              <th scope="col">{t('sat.level1')}</th>
              <th scope="col">{t('sat.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.name}</th>
                <td>{r.c.ratings}</td>
                <td>{r.c.verySatisfied}</td>
                <td>{r.c.satisfied}</td>
                <td>{r.c.notSatisfied}</td>
                <td>{percent(r.c.satisfactionRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  if (error) return <Problem error={error} />;
  if (!report) return null;
  return (
    <section className="card after-form" aria-labelledby="satisfaction-heading">
      <h2 id="satisfaction-heading">{t('sat.title')}</h2>
      <p>{report.overall.ratings ? t('sat.overall', { rate: percent(report.overall.satisfactionRate), n: report.overall.ratings }) : t('sat.none')}</p>
      {table(
        'sat.byUnit',
        'report.unitCol',
        report.byUnit.map((u) => ({ key: u.unitId, name: u.unitName, c: u })),
      )}
      {table(
        'sat.byProcedure',
        'report.drill.procedure',
        report.byProcedure.map((u) => ({ key: u.code, name: u.name, c: u })),
      )}
      {table(
        'sat.byStep',
        'sat.step',
        report.byStep.map((u) => ({ key: u.step, name: u.stepName, c: u })),
      )}
      {table(
        'sat.byOfficer',
        'sat.officer',
        report.byOfficer.map((u) => ({ key: u.officerId, name: u.officerName, c: u })),
      )}
      {report.comments.length > 0 && (
        <>
          <h3>{t('sat.comments')}</h3>
          <ul className="drill-list">
            {report.comments.map((c, i) => (
              <li key={i}>
                <q>{c.comment}</q>
                <br />
                <small>
                  {[t(`sat.level${c.level}` as MessageKey), c.unitName, c.procedureName, c.dossierCode, dateTime(c.ratedAt, lang)].filter(Boolean).join(' · ')}
                </small>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

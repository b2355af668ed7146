/** The citizen's dossiers, newest first, with status and SLA state; drafts to resume on top. */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { date, dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ApplicantSlaBadge, StatusBadge } from '../../components/Badges.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { Problem } from '../../components/Problem.tsx';
import { ClaimCounterDossiers } from './ClaimCounterDossiers.tsx';
import { listDrafts, listMyDossiers, type DossierRow, type Draft } from './dossiers.api.ts';

const LIMIT = 20;

export function MyDossiersPage() {
  const { t, lang } = useI18n();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ total: number; items: DossierRow[] }>();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [error, setError] = useState<unknown>();
  const [reload, setReload] = useState(0);
  useEffect(() => {
    listMyDossiers(LIMIT, offset).then(setPage, setError);
  }, [offset, reload]);
  useEffect(() => {
    listDrafts().then((r) => setDrafts(r.items), setError);
  }, []);
  return (
    <section className="container">
      <h1>{t('myDossiers.title')}</h1>
      <Problem error={error} />
      {drafts.length > 0 && (
        <div className="card">
          <h2>{t('myDossiers.drafts')}</h2>
          <ul>
            {drafts.map((d) => (
              <li key={d.procedureCode}>
                <Link to={`/thu-tuc/${encodeURIComponent(d.procedureCode)}/nop-ho-so`}>{d.procedureName}</Link>{' '}
                <span className="muted">— {t('myDossiers.savedAt', { at: dateTime(d.updatedAt, lang) })}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {page && page.items.length === 0 && (
        <p>
          {t('myDossiers.none')} <Link to="/">{t('nav.catalogue')}</Link>
        </p>
      )}
      {page && page.items.length > 0 && (
        <table className="table responsive">
          <thead>
            <tr>
              <th scope="col">{t('dossier.code')}</th>
              <th scope="col">{t('dossier.procedure')}</th>
              <th scope="col">{t('dossier.submittedAt')}</th>
              <th scope="col">{t('dossier.dueAt')}</th>
              <th scope="col">{t('dossier.status')}</th>
              <th scope="col">{t('dossier.sla')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((d) => (
              <tr key={d.id}>
                <td data-label={t('dossier.code')}>
                  <Link to={`/ho-so/${d.id}`} className="mono">
                    {d.code ?? d.reference}
                  </Link>
                </td>
                <td data-label={t('dossier.procedure')}>{lang === 'en' && d.procedure?.nameEn ? d.procedure.nameEn : d.procedure?.name}</td>
                <td data-label={t('dossier.submittedAt')}>{date(d.submittedAt, lang)}</td>
                <td data-label={t('dossier.dueAt')}>{date(d.dueAt, lang)}</td>
                <td data-label={t('dossier.status')}>
                  <StatusBadge status={d.status} />
                </td>
                <td data-label={t('dossier.sla')}>
                  <ApplicantSlaBadge sla={d.sla} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && <Pagination total={page.total} limit={LIMIT} offset={offset} onChange={setOffset} />}
      <ClaimCounterDossiers
        onClaimed={() => {
          setOffset(0);
          setReload((n) => n + 1);
        }}
      />
    </section>
  );
}

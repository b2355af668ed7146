/** Tracking a dossier by its code, reference or QR code, without logging in: status and dates only. */
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { StatusBadge } from '../../components/Badges.tsx';
import { Problem } from '../../components/Problem.tsx';

interface Tracked {
  code: string | null;
  reference: string;
  procedure: { code: string; name: string; nameEn: string | null };
  unit: string;
  status: { code: number; name: { vi: string; en: string } };
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  returnedAt: string | null;
}

export function TrackPage() {
  const { key } = useParams();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [text, setText] = useState(key ?? '');
  const [found, setFound] = useState<Tracked>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    setFound(undefined);
    setError(undefined);
    if (key) api.get<Tracked>(`/public/track/${encodeURIComponent(key)}`).then(setFound, setError);
  }, [key]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) navigate(`/tra-cuu/${encodeURIComponent(text.trim())}`);
  };
  return (
    <section className="container narrow">
      <h1>{t('track.title')}</h1>
      <form role="search" className="search-bar" onSubmit={submit}>
        <label htmlFor="track-key" className="sr-only">
          {t('track.label')}
        </label>
        <input id="track-key" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('track.placeholder')} autoComplete="off" />
        <button type="submit">{t('track.search')}</button>
      </form>
      <Problem error={error} />
      {found && (
        <div className="card" aria-live="polite">
          <h2>{lang === 'en' && found.procedure.nameEn ? found.procedure.nameEn : found.procedure.name}</h2>
          <dl className="facts">
            <dt>{t('dossier.code')}</dt>
            <dd className="mono">{found.code ?? found.reference}</dd>
            <dt>{t('dossier.unit')}</dt>
            <dd>{found.unit}</dd>
            <dt>{t('dossier.status')}</dt>
            <dd>
              <StatusBadge status={found.status} />
            </dd>
            <dt>{t('dossier.submittedAt')}</dt>
            <dd>{dateTime(found.submittedAt, lang)}</dd>
            {found.receivedAt && (
              <>
                <dt>{t('dossier.receivedAt')}</dt>
                <dd>{dateTime(found.receivedAt, lang)}</dd>
              </>
            )}
            {found.dueAt && (
              <>
                <dt>{t('dossier.dueAt')}</dt>
                <dd>{dateTime(found.dueAt, lang)}</dd>
              </>
            )}
            {found.returnedAt && (
              <>
                <dt>{t('dossier.returnedAt')}</dt>
                <dd>{dateTime(found.returnedAt, lang)}</dd>
              </>
            )}
          </dl>
          <p className="muted">{t('track.loginForMore')}</p>
        </div>
      )}
    </section>
  );
}

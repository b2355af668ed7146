/**
 * "Giấy tờ của tôi": the papers a citizen gave with their applications and the results issued to them, kept so
 * that a later application uses them again without uploading (provide once). Each can be opened, downloaded or
 * removed from the account (after a confirmation; the dossiers that hold it keep their copy).
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { date, fileSize } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Confirm } from '../../components/Confirm.tsx';
import { Problem } from '../../components/Problem.tsx';
import { listPapers, paperUrl, removePaper, type Paper } from './papers.api.ts';

export function PapersPage() {
  const { t, lang } = useI18n();
  const [papers, setPapers] = useState<Paper[]>();
  const [error, setError] = useState<unknown>();
  const [asking, setAsking] = useState<Paper>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const status = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    listPapers().then(setPapers, setError);
  }, []);

  const remove = async (p: Paper) => {
    setBusy(true);
    setError(undefined);
    try {
      await removePaper(p.id);
      setPapers((all) => all?.filter((x) => x.id !== p.id));
      setDone(t('papers.removed', { name: p.fileName }));
      setAsking(undefined);
      status.current?.focus();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const groups: { kind: Paper['kind']; heading: string }[] = [
    { kind: 'result', heading: t('papers.results') },
    { kind: 'attachment', heading: t('papers.given') },
  ];
  return (
    <section className="container">
      <h1>{t('papers.title')}</h1>
      <p className="lead">{t('papers.intro')}</p>
      <Problem error={error} />
      <p ref={status} tabIndex={-1} role="status" className={done ? 'alert alert-success' : 'sr-only'}>
        {done}
      </p>
      {papers?.length === 0 && <p className="card">{t('papers.none')}</p>}
      {papers &&
        groups.map(({ kind, heading }) => {
          const mine = papers.filter((p) => p.kind === kind);
          if (!mine.length) return null;
          return (
            <div key={kind} className="card">
              <h2>{heading}</h2>
              <ul className="paper-list">
                {mine.map((p) => (
                  <li key={p.id}>
                    <div className="paper-name">
                      <strong>{p.kind === 'result' ? t('papers.resultOf', { name: p.title ?? '' }) : (p.title ?? p.fileName)}</strong>
                      <span>
                        <a href={paperUrl(p.id)} target="_blank" rel="noopener">
                          {p.fileName}
                        </a>{' '}
                        <span className="muted">
                          · {fileSize(p.size)} · {t('papers.keptOn', { date: date(p.createdAt, lang) })}
                          {p.dossierCode && p.dossierId && (
                            <>
                              {' · '}
                              <Link to={`/ho-so/${p.dossierId}`}>{t('papers.fromDossier', { code: p.dossierCode })}</Link>
                            </>
                          )}
                        </span>
                      </span>
                    </div>
                    {asking?.id === p.id ? (
                      <Confirm
                        question={t('papers.confirmRemove', { name: p.fileName })}
                        yes={t('papers.remove')}
                        no={t('papers.keep')}
                        busy={busy}
                        onYes={() => void remove(p)}
                        onNo={() => setAsking(undefined)}
                      />
                    ) : (
                      <div className="actions">
                        <a className="button" href={paperUrl(p.id, true)}>
                          {t('papers.download')}
                          <span className="sr-only"> {p.fileName}</span>
                        </a>
                        <button type="button" className="button" onClick={() => setAsking(p)}>
                          {t('papers.remove')}
                          <span className="sr-only"> {p.fileName}</span>
                        </button>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
    </section>
  );
}

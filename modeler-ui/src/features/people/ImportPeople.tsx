/**
 * Officers imported from an Excel sheet made from the template: the report lists the accounts created with
 * their temporary passwords (shown once) and every row refused, with its number in the sheet and why.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { Problem } from '../../components/Problem.tsx';
import { peopleApi, type ImportReport } from './people.api.ts';

export function ImportPeople({ onImported }: { onImported: () => void }) {
  const { t, pick } = useI18n();
  const file = useRef<HTMLInputElement>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [missing, setMissing] = useState(false);
  const summary = useRef<HTMLHeadingElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const chosen = file.current?.files?.[0];
    setMissing(!chosen);
    setError(null);
    setReport(null);
    if (!chosen) return;
    setProgress(0);
    try {
      const r = await peopleApi.importSheet(chosen, setProgress);
      setReport(r);
      onImported();
      requestAnimationFrame(() => summary.current?.focus());
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="detail-panel">
      <p>
        {t('people.import.intro')}{' '}
        <a href={peopleApi.templateUrl} download>
          {t('people.import.template')}
        </a>
      </p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="import-file">{t('people.import.file')}</label>
        <input
          id="import-file"
          ref={file}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-invalid={missing || undefined}
          aria-describedby={missing ? 'import-file-missing' : undefined}
        />
        {missing && (
          <p id="import-file-missing" className="alert alert-error" role="alert">
            {t('people.import.choose')}
          </p>
        )}
        <Problem error={error} />
        <button type="submit" className="button primary" disabled={progress !== null}>
          {progress === null ? t('people.import.submit') : t('people.import.sending', { percent: Math.round(progress * 100) })}
        </button>
      </form>
      {report && (
        <div className="import-report">
          <h3 ref={summary} tabIndex={-1}>
            {t('people.import.summary', { created: report.created.length, refused: report.refused.length })}
          </h3>
          {report.refused.length > 0 && (
            <div className="alert alert-warning" role="status">
              <p>{t('people.import.refused')}</p>
              <ul className="refused-rows">
                {report.refused.map((r) => (
                  <li key={r.row}>
                    <strong>{t('people.import.row', { row: r.row })}</strong>
                    {r.username && ` (${r.username})`}: {r.reasons.map((m) => pick(m)).join(' ')}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {report.created.length > 0 && (
            <>
              <p>{t('people.import.passwords')}</p>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('people.username')}</th>
                      <th scope="col">{t('people.fullName')}</th>
                      <th scope="col">{t('people.temporaryPassword')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.created.map((c) => (
                      <tr key={c.username}>
                        <td>{c.username}</td>
                        <td>{c.fullName}</td>
                        <td>
                          <code>{c.temporaryPassword}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}

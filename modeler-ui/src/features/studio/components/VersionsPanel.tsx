/**
 * The versions tab of a procedure version in the studio: the procedure's versions, a diff against another
 * of them, the version's model and form files to download, and (on a draft) .bpmn / .form files to import.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n.tsx';
import { Notice, Problem } from '../../../components/Problem.tsx';
import { statusLabel } from '../StudioListPage.tsx';
import { studioApi, type ProcedureSummary, type Version, type VersionDiff } from '../studio.api.ts';

export function VersionsPanel({ version, procedure, onImported }: { version: Version; procedure: ProcedureSummary; onImported(): Promise<void> }) {
  const { t, pick } = useI18n();
  const others = procedure.versions.filter((x) => x.id !== version.id);
  const [against, setAgainst] = useState(others[0]?.id ?? '');
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  const [files, setFiles] = useState<{ name: string; size: number }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [imported, setImported] = useState(false);

  useEffect(() => {
    studioApi.files(version.id).then((r) => setFiles(r.items), setError);
  }, [version.id, version.bpmnXml]);

  async function compare() {
    setError(null);
    try {
      setDiff(await studioApi.diff(version.id, against));
    } catch (e) {
      setError(e);
    }
  }

  async function importFiles(list: FileList | null) {
    if (!list?.length) return;
    setError(null);
    try {
      const files = await Promise.all([...list].map(async (f) => ({ name: f.name, content: await f.text() })));
      await studioApi.importFiles(version.id, files);
      await onImported();
      setImported(true);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="versions-panel">
      <Problem error={error} />
      <h2>{t('studio.versions')}</h2>
      <ul className="version-list">
        {procedure.versions.map((x) => (
          <li key={x.id}>
            <Link to={`/quan-tri/thu-tuc/phien-ban/${x.id}`}>v{x.version}</Link> ·{' '}
            <span className={`version-status version-${x.status}`}>{statusLabel(t, x.status)}</span>
            {x.publishedAt && (
              <span className="muted">
                {' '}
                · {t('studio.publishedAt')} {new Date(x.publishedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}
              </span>
            )}
          </li>
        ))}
      </ul>

      {others.length > 0 && (
        <section aria-labelledby="diff-title">
          <h3 id="diff-title">{t('studio.diff')}</h3>
          <div className="inline-fields">
            <label>
              {t('studio.diff.against')}
              <select value={against} onChange={(e) => setAgainst(e.target.value)}>
                {others.map((x) => (
                  <option key={x.id} value={x.id}>
                    v{x.version} ({statusLabel(t, x.status)})
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="button" onClick={compare}>
              {t('studio.diff.show')}
            </button>
          </div>
          {diff && (
            <div className="diff">
              <p>{t('studio.diff.title', { from: diff.from.version, to: diff.to.version })}</p>
              {diff.summary.length ? (
                <ul className="diff-summary">
                  {diff.summary.map((s, i) => (
                    <li key={i}>{pick(s)}</li>
                  ))}
                </ul>
              ) : (
                <p>{t('studio.diff.none')}</p>
              )}
              {diff.files.map((f) => (
                <details key={f.name}>
                  <summary>{f.name}</summary>
                  <pre className="patch">{f.patch}</pre>
                </details>
              ))}
            </div>
          )}
        </section>
      )}

      <section aria-labelledby="files-title">
        <h3 id="files-title">{t('studio.files')}</h3>
        <ul>
          {files.map((f) => (
            <li key={f.name}>
              <a href={studioApi.fileUrl(version.id, f.name)} download={f.name}>
                {f.name}
              </a>{' '}
              <span className="muted">({Math.ceil(f.size / 1024)} kB)</span>
            </li>
          ))}
        </ul>
        {version.status === 'draft' && (
          <label>
            {t('studio.import')}
            <input type="file" multiple accept=".bpmn,.form,.xml,.json" onChange={(e) => void importFiles(e.target.files)} />
          </label>
        )}
        {imported && <Notice kind="success">{t('studio.imported')}</Notice>}
      </section>
    </div>
  );
}

/** The studio's first page: every procedure with its versions, and a new procedure from the template. */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { Problem } from '../../components/Problem.tsx';
import { TimeLimitFields } from './components/CatalogueEditor.tsx';
import { HandlingUnitFields, defaultHandling, handlingBody, type HandlingChoice } from './components/HandlingUnitFields.tsx';
import { studioApi, type ProcedureSummary, type TimeLimit, type VersionSummary } from './studio.api.ts';

export function statusLabel(t: ReturnType<typeof useI18n>['t'], s: VersionSummary['status']) {
  return t(`studio.status.${s}`);
}

export function StudioListPage() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const [items, setItems] = useState<ProcedureSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState({ code: '', name: '', nameEn: '', field: '' });
  const [limit, setLimit] = useState<TimeLimit>({ value: 3, unit: 'working_days' });
  const [handling, setHandling] = useState<HandlingChoice>(defaultHandling);
  const [createError, setCreateError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    studioApi.list().then((r) => setItems(r.items), setError);
  }, []);

  async function create(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setCreateError(null);
    try {
      const r = await studioApi.create({
        code: form.code.trim(),
        name: form.name.trim(),
        nameEn: form.nameEn.trim() || undefined,
        field: form.field.trim(),
        timeLimit: limit,
        ...handlingBody(handling),
      });
      navigate(`/quan-tri/thu-tuc/phien-ban/${r.version.id}`);
    } catch (err) {
      setCreateError(err);
    } finally {
      setBusy(false);
    }
  }

  async function openDraft(p: ProcedureSummary) {
    try {
      const v = await studioApi.openDraft(p.id);
      navigate(`/quan-tri/thu-tuc/phien-ban/${v.id}`);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="container wide">
      <h1>{t('studio.title')}</h1>
      <p>{t('studio.intro')}</p>
      <Problem error={error} />
      <details className="card new-procedure">
        <summary>{t('studio.new')}</summary>
        <form onSubmit={create}>
          <p>{t('studio.new.hint')}</p>
          <div className="grid-2">
            <label>
              {t('studio.cat.code')}
              <input
                required
                pattern="^(\d\.\d{6}|[A-Z]{2,6}\.\d{3,6})$"
                placeholder="1.004873"
                value={form.code}
                onChange={(e) => setForm({ ...form, code: e.target.value })}
              />
            </label>
            <label>
              {t('studio.cat.name')}
              <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </label>
            <label>
              {t('studio.cat.nameEn')}
              <input value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.target.value })} />
            </label>
            <label>
              {t('studio.cat.field')}
              <input required value={form.field} onChange={(e) => setForm({ ...form, field: e.target.value })} />
            </label>
          </div>
          <fieldset>
            <legend>{t('studio.cat.timeLimit')}</legend>
            <TimeLimitFields idPrefix="new-limit" value={limit} onChange={setLimit} />
          </fieldset>
          <HandlingUnitFields value={handling} onChange={setHandling} error={createError} />
          <Problem error={createError} />
          <button type="submit" className="button primary" disabled={busy}>
            {t('studio.new.create')}
          </button>
        </form>
      </details>
      {!items ? (
        <p>{t('common.loading')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table responsive">
            <caption className="visually-hidden">{t('studio.title')}</caption>
            <thead>
              <tr>
                <th>{t('studio.cat.code')}</th>
                <th>{t('studio.cat.name')}</th>
                <th>{t('studio.cat.field')}</th>
                <th>{t('studio.versions')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td data-label={t('studio.cat.code')}>{p.code}</td>
                  <td data-label={t('studio.cat.name')}>{pick({ vi: p.name, en: p.nameEn ?? p.name })}</td>
                  <td data-label={t('studio.cat.field')}>{p.field}</td>
                  <td data-label={t('studio.versions')}>
                    <ul className="version-list">
                      {p.versions.map((v) => (
                        <li key={v.id}>
                          <Link to={`/quan-tri/thu-tuc/phien-ban/${v.id}`}>
                            v{v.version} · <span className={`version-status version-${v.status}`}>{statusLabel(t, v.status)}</span>
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <button type="button" className="button" onClick={() => openDraft(p)}>
                      {p.versions.some((v) => v.status === 'draft') ? t('studio.openDraft') : t('studio.newDraft')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

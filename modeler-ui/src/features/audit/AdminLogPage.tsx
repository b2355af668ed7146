/**
 * The administration log for the city's auditors (Nhật ký quản trị): every administrative action searched by
 * kind, action, words and dates, in words; its hash chain verified on screen (the first altered row marked);
 * the rows the filter finds downloaded as Excel or CSV.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { actionWords, auditActionsOf, auditEntityWords, describeChange, entityWords, type AuditEntityKey } from '@motcua/domain/audit/admin-log-words.ts';
import { api, qs } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';

interface Entry {
  id: string;
  at: string;
  actor: { id: string | null; name: string };
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  hash: string;
}
interface Verification {
  intact: boolean;
  brokenAt: string | null;
  checked: number;
  broken: Entry | null;
}

const LIMIT = 25;
const FILTERS = ['entity', 'action', 'q', 'from', 'to'] as const;
const entities = Object.keys(auditEntityWords) as AuditEntityKey[];

export function AdminLogPage() {
  const { t, lang, pick } = useI18n();
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const offset = Number(params.get('offset') ?? 0);
  const [form, setForm] = useState(applied);
  const [page, setPage] = useState<{ items: Entry[]; total: number }>();
  const [verification, setVerification] = useState<Verification>();
  const [error, setError] = useState<unknown>();
  const [verifyError, setVerifyError] = useState<unknown>();
  const filterQuery = qs(Object.fromEntries(FILTERS.filter((k) => applied[k]).map((k) => [k, applied[k]])));

  useEffect(() => {
    api.get<Verification>('/audit/admin-log/verify').then(setVerification, setVerifyError);
  }, []);
  useEffect(() => {
    setError(undefined);
    api
      .get<{ items: Entry[]; total: number }>(
        `/audit/admin-log${qs({ ...Object.fromEntries(FILTERS.filter((k) => applied[k]).map((k) => [k, applied[k]])), limit: LIMIT, offset })}`,
      )
      .then(setPage, (e) => (setPage(undefined), setError(e)));
    // the applied filters are the URL's
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of FILTERS) if (form[k].trim()) next.set(k, form[k].trim());
    setParams(next, { replace: true });
  };
  const actions = form.entity ? auditActionsOf[form.entity as AuditEntityKey] : [...new Set(Object.values(auditActionsOf).flat())];
  const broken = verification && !verification.intact ? Number(verification.brokenAt) : undefined;
  const standing = (id: string) =>
    broken === undefined || !verification ? 'verified' : Number(id) < broken ? 'verified' : Number(id) === broken ? 'altered' : 'after';

  return (
    <section className="container wide admin-log-page">
      <h1>{t('audit.log.title')}</h1>
      <p>{t('audit.log.intro')}</p>
      {verifyError ? (
        <Problem error={verifyError} />
      ) : !verification ? (
        <Notice>{t('audit.log.verifying')}</Notice>
      ) : verification.intact ? (
        <Notice kind="success">
          <strong>✓ {t('audit.log.intact', { n: verification.checked })}</strong>
        </Notice>
      ) : (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>{t('audit.log.broken', { id: verification.brokenAt ?? '' })}</strong>
          </p>
          {verification.broken && (
            <p>
              {t('audit.log.brokenRow', {
                at: dateTime(verification.broken.at, lang),
                who: verification.broken.actor.name,
                what: `${pick(entityWords(verification.broken.entity))} · ${pick(actionWords(verification.broken.action))}`,
              })}
            </p>
          )}
          <p>{t('audit.log.brokenChecked', { n: verification.checked })}</p>
        </div>
      )}

      <form className="card report-filters" role="search" onSubmit={apply} noValidate>
        <label>
          {t('audit.log.entity')}
          <select value={form.entity} onChange={(e) => setForm({ ...form, entity: e.target.value, action: '' })}>
            <option value="">{t('audit.log.allEntities')}</option>
            {entities.map((k) => (
              <option key={k} value={k}>
                {pick(auditEntityWords[k])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.log.action')}
          <select value={form.action} onChange={(e) => setForm({ ...form, action: e.target.value })}>
            <option value="">{t('audit.log.allActions')}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {pick(actionWords(a))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.log.words')}
          <input
            type="search"
            value={form.q}
            maxLength={100}
            placeholder={t('audit.log.wordsPlaceholder')}
            onChange={(e) => setForm({ ...form, q: e.target.value })}
          />
        </label>
        <label>
          {t('audit.log.from')}
          <input type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        </label>
        <label>
          {t('audit.log.to')}
          <input type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </label>
        <div className="actions">
          <button type="submit" className="button primary">
            {t('audit.log.apply')}
          </button>
          <a className="button" href={`/api/audit/admin-log.xlsx${filterQuery}`} download>
            {t('audit.log.excel')}
          </a>
          <a className="button" href={`/api/audit/admin-log.csv${filterQuery}`} download>
            {t('audit.log.csv')}
          </a>
        </div>
      </form>
      <Problem error={error} />
      {page && (
        <>
          <p className="muted">{t('audit.log.count', { n: page.total })}</p>
          {page.items.length === 0 ? (
            <p>{t('audit.log.empty')}</p>
          ) : (
            <table className="table responsive admin-log">
              <thead>
                <tr>
                  <th scope="col">{t('audit.log.at')}</th>
                  <th scope="col">{t('audit.log.who')}</th>
                  <th scope="col">{t('audit.log.what')}</th>
                  <th scope="col">{t('audit.log.details')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((e) => {
                  const s = standing(e.id);
                  return (
                    <tr key={e.id} className={s === 'altered' ? 'log-altered' : undefined} aria-invalid={s === 'altered' || undefined}>
                      <td data-label={t('audit.log.at')}>{dateTime(e.at, lang)}</td>
                      <td data-label={t('audit.log.who')}>{e.actor.name}</td>
                      <td data-label={t('audit.log.what')}>
                        {/* one block each: the phone layout puts a cell's children side by side */}
                        <span>
                          <strong>{pick(entityWords(e.entity))}</strong> · {pick(actionWords(e.action))}
                          {s === 'altered' && <span className="badge sla-late">{t('audit.log.alteredBadge')}</span>}
                          {s === 'after' && <span className="badge">{t('audit.log.afterBadge')}</span>}
                        </span>
                      </td>
                      <td data-label={t('audit.log.details')}>
                        <span>
                          {describeChange(e, lang)}
                          <span className="muted mono hash" title={t('audit.log.hash')}>
                            {e.hash.slice(0, 16)}…
                          </span>
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <Pagination
            total={page.total}
            limit={LIMIT}
            offset={offset}
            onChange={(o) => setParams(new URLSearchParams({ ...Object.fromEntries(params), offset: String(o) }), { replace: true })}
          />
        </>
      )}
    </section>
  );
}

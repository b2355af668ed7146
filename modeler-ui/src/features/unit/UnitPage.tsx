/** The unit at a glance for leaders (and officers): dossiers by SLA state and status, who holds what, the list. */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { date } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { OutcomeBadge, SlaBadge, StatusBadge, type SlaState } from '../../components/Badges.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { Problem } from '../../components/Problem.tsx';
import { statusNames } from '@motcua/domain/dossiers/dossier-status.ts';
import { useSession } from '../../app/session.tsx';

interface Summary {
  unitName: string | null;
  bySla: Record<SlaState, number>;
  byStatus: { status: { code: number; name: { vi: string; en: string } }; count: number }[];
  holders: { assignee: string | null; name: string | null; tasks: number; nearlyLate: number; late: number }[];
}

interface Row {
  id: string;
  code: string | null;
  reference: string;
  procedureName: string;
  applicantName: string;
  unitName: string;
  /** where it is now: the open step and the unit holding it */
  holder: { step: string; unitName: string } | null;
  status: { code: number; name: { vi: string; en: string } };
  slaState: SlaState;
  submittedAt: string;
  dueAt: string | null;
  extendedDueAt: string | null;
  outcome: string | null;
}

const LIMIT = 25;

export function UnitPage() {
  const { t, lang, pick } = useI18n();
  const { account } = useSession();
  // leaders and auditors search every dossier of their units: by officer, period and status too
  const oversees = account?.role === 'leader' || account?.role === 'auditor';
  const [officers, setOfficers] = useState<{ id: string; fullName: string; unitName: string }[]>([]);
  const [params, setParams] = useSearchParams();
  const [summary, setSummary] = useState<Summary>();
  const [page, setPage] = useState<{ items: Row[]; total: number }>();
  const [error, setError] = useState<unknown>();
  const sla = params.get('sla') ?? '';
  const q = params.get('q') ?? '';
  const offset = Number(params.get('offset') ?? 0);
  const [text, setText] = useState(q);
  const search = {
    // (an auditor reads the history: every status unless asked for the open ones)
    status: params.get('status') ?? (account?.role === 'auditor' ? 'all' : 'open'),
    officerId: params.get('officerId') ?? '',
    receivedFrom: params.get('receivedFrom') ?? '',
    receivedTo: params.get('receivedTo') ?? '',
  };
  const [more, setMore] = useState(search);
  useEffect(() => {
    api.get<Summary>('/unit/summary').then(setSummary, setError);
  }, []);
  useEffect(() => {
    if (oversees) api.get<{ items: typeof officers }>('/unit/officers').then((r) => setOfficers(r.items), setError);
  }, [oversees]);
  useEffect(() => {
    setError(undefined);
    // by default the open dossiers; «all» or one status on request
    const status = /^\d+$/.test(search.status) ? Number(search.status) : undefined;
    const open = search.status === 'open';
    api
      .get<{ items: Row[]; total: number }>(
        `/unit/dossiers${qs({ sla, q, open, status, officerId: search.officerId, receivedFrom: search.receivedFrom, receivedTo: search.receivedTo, limit: LIMIT, offset })}`,
      )
      .then(setPage, (e) => (setPage(undefined), setError(e)));
  }, [sla, q, offset, search.status, search.officerId, search.receivedFrom, search.receivedTo]);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('offset');
    setParams(next, { replace: true });
  };
  return (
    <section className="container wide">
      <h1>{t('unit.title')}</h1>
      {summary?.unitName && <p className="lead">{summary.unitName}</p>}
      <Problem error={error} />
      {summary && (
        <div className="tiles">
          {(['on_time', 'nearly_late', 'late'] as const).map((s) => (
            <button key={s} type="button" className={`tile sla-${s}`} aria-pressed={sla === s} onClick={() => set('sla', sla === s ? '' : s)}>
              <span className="tile-number">{summary.bySla[s] ?? 0}</span>
              <span>{t(`sla.${s}`)}</span>
            </button>
          ))}
        </div>
      )}
      {summary && summary.holders.length > 0 && (
        <div className="card">
          <h2>{t('unit.holders')}</h2>
          <table className="table responsive">
            <thead>
              <tr>
                <th scope="col">{t('unit.officer')}</th>
                <th scope="col">{t('unit.tasks')}</th>
                <th scope="col">{t('sla.nearly_late')}</th>
                <th scope="col">{t('sla.late')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.holders.map((h) => (
                <tr key={h.assignee ?? 'none'}>
                  <td data-label={t('unit.officer')}>{h.name ?? t('inbox.unclaimed')}</td>
                  <td data-label={t('unit.tasks')}>{h.tasks}</td>
                  <td data-label={t('sla.nearly_late')}>{h.nearlyLate}</td>
                  <td data-label={t('sla.late')}>{h.late}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const next = new URLSearchParams(params);
          for (const [k, v] of Object.entries({ q: text.trim(), ...(oversees ? more : {}) })) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          next.delete('offset');
          setParams(next, { replace: true });
        }}
      >
        <label className="grow">
          {t('inbox.search')}
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('inbox.searchPlaceholder')} />
        </label>
        {oversees && (
          <>
            <label>
              {t('unit.search.status')}
              <select value={more.status} onChange={(e) => setMore({ ...more, status: e.target.value })}>
                <option value="open">{t('unit.search.open')}</option>
                <option value="all">{t('unit.search.allStatuses')}</option>
                {Object.entries(statusNames).map(([code, name]) => (
                  <option key={code} value={code}>
                    {pick(name)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('unit.search.officer')}
              <select value={more.officerId} onChange={(e) => setMore({ ...more, officerId: e.target.value })}>
                <option value="">{t('unit.search.anyOfficer')}</option>
                {officers.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.fullName} – {o.unitName}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('unit.search.receivedFrom')}
              <input type="date" value={more.receivedFrom} onChange={(e) => setMore({ ...more, receivedFrom: e.target.value })} />
            </label>
            <label>
              {t('unit.search.receivedTo')}
              <input type="date" value={more.receivedTo} onChange={(e) => setMore({ ...more, receivedTo: e.target.value })} />
            </label>
          </>
        )}
        <button type="submit">{t('inbox.apply')}</button>
      </form>
      {page && (
        <>
          <table className="table responsive">
            <thead>
              <tr>
                <th scope="col">{t('dossier.code')}</th>
                <th scope="col">{t('dossier.procedure')}</th>
                <th scope="col">{t('dossier.applicant')}</th>
                <th scope="col">{t('dossier.dueAt')}</th>
                <th scope="col">{t('dossier.status')}</th>
                <th scope="col">{t('dossier.sla')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr key={r.id} className={`sla-row-${r.slaState}`}>
                  <td data-label={t('dossier.code')}>
                    <Link className="mono" to={`/mot-cua/ho-so/${r.id}`}>
                      {r.code ?? r.reference}
                    </Link>
                  </td>
                  <td data-label={t('dossier.procedure')}>
                    {r.procedureName}
                    <div className="muted">{r.unitName}</div>
                  </td>
                  <td data-label={t('dossier.applicant')}>{r.applicantName}</td>
                  <td data-label={t('dossier.dueAt')}>{date(r.extendedDueAt ?? r.dueAt, lang)}</td>
                  <td data-label={t('dossier.status')}>
                    <StatusBadge status={r.status} /> <OutcomeBadge outcome={r.outcome} />
                    {r.holder && <div className="muted holder">{t('unit.holder', { step: r.holder.step, unit: r.holder.unitName })}</div>}
                  </td>
                  <td data-label={t('dossier.sla')}>{r.dueAt ? <SlaBadge state={r.slaState} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
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

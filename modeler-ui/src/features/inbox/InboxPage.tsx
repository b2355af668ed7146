/**
 * The officer's inbox: their tasks and their unit's unclaimed ones (or only theirs, only the unclaimed ones, or
 * all of the unit's with who holds each, as a leader follows the work), coloured by SLA state with the working
 * time left, filtered (text, procedure, status, SLA state, dates), sorted and paged. Filters live in the
 * address, so a view can be bookmarked and shared.
 */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { dateTime, workingTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { SlaBadge } from '../../components/Badges.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { Problem } from '../../components/Problem.tsx';
import { searchProcedures, type ProcedureSummary } from '../catalogue/procedures.api.ts';
import { listTasks, type TaskView } from './tasks.api.ts';

const LIMIT = 25;
const FILTERS = ['q', 'holder', 'procedure', 'status', 'sla', 'from', 'to', 'sort'] as const;

export function InboxPage() {
  const { t, lang, pick } = useI18n();
  const [params, setParams] = useSearchParams();
  const [moreFilters, setMoreFilters] = useState(false);
  const [page, setPage] = useState<{ items: TaskView[]; total: number; searchedLatest: number | null }>();
  const [procedures, setProcedures] = useState<ProcedureSummary[]>([]);
  const [error, setError] = useState<unknown>();
  const [text, setText] = useState(params.get('q') ?? '');
  const offset = Number(params.get('offset') ?? 0);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;

  useEffect(() => {
    searchProcedures({}).then((r) => setProcedures(r.items), setError);
  }, []);
  useEffect(() => {
    setError(undefined);
    listTasks({ ...filters, limit: LIMIT, offset }).then(setPage, setError);
  }, [params.toString()]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('offset');
    setParams(next, { replace: true });
  };
  return (
    <section className="container wide">
      <h1>{t('inbox.title')}</h1>
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', text.trim());
        }}
      >
        <label className="grow">
          {t('inbox.search')}
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('inbox.searchPlaceholder')} />
        </label>
        <label className="wide-filter">
          {t('inbox.holderFilter')}
          <select value={filters.holder} onChange={(e) => set('holder', e.target.value)}>
            <option value="">{t('inbox.holderDefault')}</option>
            <option value="mine">{t('inbox.holderMine')}</option>
            <option value="unclaimed">{t('inbox.holderUnclaimed')}</option>
            <option value="unit">{t('inbox.holderUnit')}</option>
          </select>
        </label>
        {/* on a phone the other filters fold away behind one button, so the list starts on the first screen */}
        <button type="button" className="filters-toggle" aria-expanded={moreFilters} aria-controls="more-filters" onClick={() => setMoreFilters(!moreFilters)}>
          {t('inbox.moreFilters')}
          {[filters.procedure, filters.status, filters.sla, filters.from, filters.to].filter(Boolean).length > 0 &&
            ` (${[filters.procedure, filters.status, filters.sla, filters.from, filters.to].filter(Boolean).length})`}
        </button>
        <div id="more-filters" className={`more ${moreFilters ? 'expanded' : ''}`}>
          <label className="wide-filter">
            {t('dossier.procedure')}
            <select value={filters.procedure} onChange={(e) => set('procedure', e.target.value)}>
              <option value="">{t('common.all')}</option>
              {procedures.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('dossier.status')}
            <select value={filters.status} onChange={(e) => set('status', e.target.value)}>
              <option value="">{t('common.all')}</option>
              {[1, 2, 4, 5, 6].map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s as 1 | 2 | 4 | 5 | 6}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('dossier.sla')}
            <select value={filters.sla} onChange={(e) => set('sla', e.target.value)}>
              <option value="">{t('common.all')}</option>
              <option value="on_time">{t('sla.on_time')}</option>
              <option value="nearly_late">{t('sla.nearly_late')}</option>
              <option value="late">{t('sla.late')}</option>
            </select>
          </label>
          <label>
            {t('inbox.from')}
            <input type="date" value={filters.from} onChange={(e) => set('from', e.target.value)} />
          </label>
          <label>
            {t('inbox.to')}
            <input type="date" value={filters.to} onChange={(e) => set('to', e.target.value)} />
          </label>
          <label className="wide-filter">
            {t('inbox.sort')}
            <select value={filters.sort || 'due'} onChange={(e) => set('sort', e.target.value)}>
              <option value="due">{t('inbox.sortDue')}</option>
              <option value="-due">{t('inbox.sortDueDesc')}</option>
              <option value="-created">{t('inbox.sortNewest')}</option>
              <option value="created">{t('inbox.sortOldest')}</option>
            </select>
          </label>
        </div>
        <button type="submit">{t('inbox.apply')}</button>
      </form>
      <Problem error={error} />
      {page && (
        <>
          <p className="muted" aria-live="polite">
            {t('inbox.count', { n: page.total })}
            {page.searchedLatest && <> · {t('inbox.truncated', { n: page.searchedLatest.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') })}</>}
          </p>
          <table className="table responsive inbox">
            <thead>
              <tr>
                <th scope="col">{t('dossier.code')}</th>
                <th scope="col">{t('dossier.applicant')}</th>
                <th scope="col">{t('dossier.procedure')}</th>
                <th scope="col">{t('inbox.step')}</th>
                <th scope="col">{t('inbox.holder')}</th>
                <th scope="col">{t('inbox.due')}</th>
                <th scope="col">{t('inbox.left')}</th>
                <th scope="col">{t('dossier.sla')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((task) => (
                <tr key={task.id} className={`sla-row-${task.slaState ?? 'none'}`}>
                  {/* one element per cell: on a phone each row is a card of label and value */}
                  <td data-label={t('dossier.code')}>
                    <div>
                      <Link to={`/mot-cua/cong-viec/${task.id}`} className="mono">
                        {task.dossier?.code ?? task.dossier?.reference ?? task.id}
                      </Link>
                      {task.dossier?.marks.map((m) => (
                        <span key={m} className={`badge mark-${m}`}>
                          {t(`inboxMark.${m}`)}
                        </span>
                      ))}
                    </div>
                  </td>
                  <td data-label={t('dossier.applicant')}>{task.dossier?.applicantName ?? '—'}</td>
                  <td data-label={t('dossier.procedure')}>{task.dossier?.procedureName}</td>
                  <td data-label={t('inbox.step')}>
                    <div>
                      {task.name}
                      {task.dossier && <div className="muted">{pick(task.dossier.status.name)}</div>}
                    </div>
                  </td>
                  <td data-label={t('inbox.holder')}>
                    {task.assignedToMe ? t('inbox.me') : task.assignee ? (task.assigneeName ?? t('inbox.someone')) : t('inbox.unclaimed')}
                  </td>
                  <td data-label={t('inbox.due')}>{dateTime(task.due, lang)}</td>
                  <td data-label={t('inbox.left')}>{workingTime(task.remainingWorkingMinutes, lang)}</td>
                  <td data-label={t('dossier.sla')}>
                    <SlaBadge state={task.slaState} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.items.length === 0 && <p>{t('inbox.empty')}</p>}
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

/**
 * Form 06 for a leader or an auditor: the period (a month, quarter, half, nine months, year, or a date range),
 * the unit (with the units under it), field and channel; the form as a table whose every figure opens the list
 * of its dossiers; the form downloaded as Excel or PDF.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { date } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { Problem } from '../../components/Problem.tsx';
import { Satisfaction } from './Satisfaction.tsx';
import { Indicators } from './Indicators.tsx';
import { form06Cells, form06Heads, namedPeriod, type Form06Cell, type Form06Counts } from '@motcua/domain/reports/form06-form.ts';

type PeriodKind = 'month' | 'quarter' | 'half' | 'nine_months' | 'year' | 'range';
interface Options {
  units: { id: string; name: string; depth: number }[];
  fields: string[];
}
interface Report {
  query: { from: string; to: string; unitId: string };
  unit: { id: string; name: string };
  rows: { unitId: string; unitName: string; field: string; counts: Form06Counts }[];
  total: Form06Counts;
}
interface Drill {
  cell: Form06Cell;
  row?: { unitId: string; unitName: string; field: string };
  total: number;
  items: { id: string; code: string | null; procedureName: string; receivedAt: string; dueAt: string | null; decidedAt: string | null }[];
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const dmy = (iso: string) => iso.split('-').reverse().join('/');

export function ReportsPage() {
  const { t, lang, pick } = useI18n();
  const now = today();
  const [options, setOptions] = useState<Options>();
  const [kind, setKind] = useState<PeriodKind>('quarter');
  const [year, setYear] = useState(Number(now.slice(0, 4)));
  const [index, setIndex] = useState(Math.ceil(Number(now.slice(5, 7)) / 3));
  const [range, setRange] = useState({ from: `${now.slice(0, 4)}-01-01`, to: now });
  const [unitId, setUnitId] = useState('');
  const [field, setField] = useState('');
  const [channel, setChannel] = useState('');
  const [report, setReport] = useState<Report>();
  const [drill, setDrill] = useState<Drill>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    api.get<Options>('/reports/options').then((o) => {
      setOptions(o);
      setUnitId(o.units[0]?.id ?? '');
    }, setError);
  }, []);

  const period = () => (kind === 'range' ? range : namedPeriod(kind, year, index));
  const query = () => {
    const p = period();
    const q = new URLSearchParams({ from: p.from, to: p.to });
    if (unitId) q.set('unitId', unitId);
    if (field) q.set('field', field);
    if (channel) q.set('channel', channel);
    return q;
  };
  const show = async (e?: FormEvent) => {
    e?.preventDefault();
    setError(undefined);
    setDrill(undefined);
    try {
      setReport(await api.get<Report>(`/reports/form06?${query()}`));
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    if (unitId) void show();
  }, [unitId]); // eslint-disable-line react-hooks/exhaustive-deps

  const open = async (cell: Form06Cell, row?: Report['rows'][number]) => {
    const q = query();
    q.set('cell', cell);
    q.set('limit', '200');
    if (row) {
      q.set('rowUnitId', row.unitId);
      q.set('rowField', row.field);
    }
    try {
      const r = await api.get<{ total: number; items: Drill['items'] }>(`/reports/form06/dossiers?${q}`);
      setDrill({ cell, row, ...r });
      requestAnimationFrame(() => document.getElementById('report-drill')?.focus());
    } catch (err) {
      setError(err);
    }
  };
  const label = (cell: Form06Cell) => {
    const g = form06Heads.find((h) => h.cells.some((c) => c.key === cell))!;
    return `${pick(g.group)}: ${pick(g.cells.find((c) => c.key === cell)!.label)}`;
  };
  const figure = (n: number, cell: Form06Cell, row?: Report['rows'][number]) =>
    n ? (
      <button type="button" className="link-button figure" onClick={() => open(cell, row)} aria-label={t('report.figure', { n, cell: label(cell) })}>
        {n}
      </button>
    ) : (
      <span className="figure">0</span>
    );

  const indexes = kind === 'month' ? 12 : kind === 'quarter' ? 4 : kind === 'half' ? 2 : 0;
  return (
    <section className="container wide report-page">
      <h1>{t('report.title')}</h1>
      <p>{t('report.intro')}</p>
      <form className="card report-filters" onSubmit={show}>
        <label>
          {t('report.period')}
          <select value={kind} onChange={(e) => (setKind(e.target.value as PeriodKind), setIndex(1))}>
            {(['month', 'quarter', 'half', 'nine_months', 'year', 'range'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`report.period.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {kind !== 'range' && (
          <label>
            {t('report.year')}
            <input type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} />
          </label>
        )}
        {indexes > 0 && (
          <label>
            {t(`report.index.${kind}` as MessageKey)}
            <select value={index} onChange={(e) => setIndex(Number(e.target.value))}>
              {Array.from({ length: indexes }, (_, i) => i + 1).map((i) => (
                <option key={i} value={i}>
                  {kind === 'half' ? t(`report.half.${i}` as MessageKey) : i}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'range' && (
          <>
            <label>
              {t('report.from')}
              <input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
            </label>
            <label>
              {t('report.to')}
              <input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
            </label>
          </>
        )}
        <label>
          {t('report.unit')}
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            {options?.units.map((u) => (
              <option key={u.id} value={u.id}>
                {'\u00a0\u00a0'.repeat(u.depth)}
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('report.field')}
          <select value={field} onChange={(e) => setField(e.target.value)}>
            <option value="">{t('report.allFields')}</option>
            {options?.fields.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('report.channel')}
          <select value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">{t('report.allChannels')}</option>
            {[1, 2, 3].map((c) => (
              <option key={c} value={c}>
                {t(`report.channel.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <div className="actions">
          <button type="submit" className="button primary">
            {t('report.show')}
          </button>
          {report && (
            <>
              <a className="button" href={`/api/reports/form06.xlsx?${query()}`} download>
                {t('report.excel')}
              </a>
              <a className="button" href={`/api/reports/form06.docx?${query()}`} download>
                {t('report.word')}
              </a>
              <a className="button" href={`/api/reports/form06.pdf?${query()}`} download>
                {t('report.pdf')}
              </a>
            </>
          )}
        </div>
      </form>
      <Problem error={error} />
      {report && (
        <>
          <h2>{report.unit.name}</h2>
          <p>{t('report.periodLine', { from: dmy(report.query.from), to: dmy(report.query.to) })}</p>
          {!report.rows.length ? (
            <p>{t('report.empty')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-label={t('report.title')} tabIndex={0}>
              <table className="form06">
                <thead>
                  <tr>
                    <th rowSpan={2}>{t('report.no')}</th>
                    <th rowSpan={2}>{t('report.unitCol')}</th>
                    <th rowSpan={2}>{t('report.field')}</th>
                    {form06Heads.map((g) => (
                      <th key={g.group.vi} colSpan={g.cells.length} scope="colgroup">
                        {pick(g.group)}
                      </th>
                    ))}
                  </tr>
                  <tr>
                    {form06Heads.flatMap((g) =>
                      g.cells.map((c) => (
                        <th key={c.key} scope="col">
                          {pick(c.label)}
                        </th>
                      )),
                    )}
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((r, i) => (
                    <tr key={`${r.unitId}|${r.field}`}>
                      <td>{i + 1}</td>
                      <td>{r.unitName}</td>
                      <td>{r.field}</td>
                      {form06Cells.map((c) => (
                        <td key={c}>{figure(r.counts[c], c, r)}</td>
                      ))}
                    </tr>
                  ))}
                  <tr className="total">
                    <td />
                    <th scope="row">{t('report.total')}</th>
                    <td />
                    {form06Cells.map((c) => (
                      <td key={c}>{figure(report.total[c], c)}</td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {report && <Satisfaction from={report.query.from} to={report.query.to} unitId={report.query.unitId} />}
      {report && <Indicators from={report.query.from} to={report.query.to} unitId={report.query.unitId} />}
      {drill && (
        <div className="card" id="report-drill" tabIndex={-1}>
          <h2>{t('report.drill', { cell: label(drill.cell), row: drill.row ? ` (${drill.row.unitName}, ${drill.row.field})` : '', n: drill.total })}</h2>
          <ul className="drill-list">
            {drill.items.map((d) => (
              <li key={d.id}>
                <Link to={`/mot-cua/ho-so/${d.id}`} className="mono">
                  {d.code ?? d.id.slice(0, 8)}
                </Link>{' '}
                · {d.procedureName}
                <br />
                <small>
                  {t('report.drill.received')}: {date(d.receivedAt, lang)} · {t('report.drill.due')}: {date(d.dueAt, lang)}
                  {d.decidedAt ? ` · ${t('report.drill.decided')}: ${date(d.decidedAt, lang)}` : ''}
                </small>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

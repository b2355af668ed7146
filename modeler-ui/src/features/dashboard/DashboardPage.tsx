/**
 * The leaders' dashboard (Bảng điều khiển, issue 14 §4): for a unit of the reader's region and its subtree, over
 * the last months or chosen ones, the dossiers received, finished and pending by month, the on-time rate, the
 * late dossiers by step and by the officer holding them, each officer's workload and the satisfaction trend.
 * A bar or point (or a figure of a chart's table) lists its dossiers below the charts, each opening its page,
 * where a leader urges (đôn đốc) a late one.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { date } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { Pagination } from '../../components/Pagination.tsx';
import { Problem } from '../../components/Problem.tsx';
import { Chart, type ChartClick } from './Chart.tsx';
import type { ChartOption } from './echarts.ts';
import { bucketParams, type Bucket, type Dashboard, type DashboardDossier, type MonthFigures, type OfficerCount } from './dashboard.api.ts';

type PeriodKind = '6' | '12' | '24' | 'custom';
const PAGE = 50;
const COLORS = { blue: '#0b4f9c', green: '#1b6b34', lightGreen: '#79b791', amber: '#b86e00', red: '#b3261e', grey: '#6b7480' };
const thisMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 7);
const monthName = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

/** A horizontal bar chart of counts by name (the largest on top). */
function barsOption(rows: { name: string; count: number }[], color: string): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { width: 160, overflow: 'truncate' } },
    series: [{ id: 'count', type: 'bar', data: rows.map((r) => r.count), itemStyle: { color }, barMaxWidth: 28, cursor: 'pointer' }],
  };
}
const barsHeight = (n: number) => Math.max(140, 48 + 40 * n);

export function DashboardPage() {
  const { t, lang } = useI18n();
  const [units, setUnits] = useState<{ id: string; name: string; depth: number }[]>();
  const [unitId, setUnitId] = useState('');
  const [kind, setKind] = useState<PeriodKind>('12');
  const [range, setRange] = useState({ from: `${thisMonth().slice(0, 4)}-01`, to: thisMonth() });
  const [data, setData] = useState<Dashboard>();
  const [loading, setLoading] = useState(false);
  const [drill, setDrill] = useState<{ bucket: Bucket; offset: number; total: number; items: DashboardDossier[] }>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    api.get<{ units: { id: string; name: string; depth: number }[] }>('/reports/options').then((o) => {
      setUnits(o.units);
      setUnitId(o.units[0]?.id ?? '');
    }, setError);
  }, []);

  const period = (): Record<string, string> => (kind === 'custom' ? { from: range.from, to: range.to } : { months: kind });
  const load = async (e?: FormEvent) => {
    e?.preventDefault();
    setError(undefined);
    setDrill(undefined);
    setLoading(true);
    try {
      setData(await api.get<Dashboard>(`/reports/dashboard?${new URLSearchParams({ unitId, ...period() })}`));
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    if (unitId && kind !== 'custom') void load();
  }, [unitId, kind]); // eslint-disable-line react-hooks/exhaustive-deps

  const open = async (bucket: Bucket, offset = 0) => {
    if (!data) return;
    setError(undefined);
    try {
      const q = new URLSearchParams({
        unitId: data.query.unitId,
        from: data.query.from,
        to: data.query.to,
        ...bucketParams(bucket),
        limit: String(PAGE),
        offset: String(offset),
      });
      const r = await api.get<{ total: number; items: DashboardDossier[] }>(`/reports/dashboard/dossiers?${q}`);
      setDrill({ bucket, offset, ...r });
      requestAnimationFrame(() => document.getElementById('dashboard-drill')?.focus());
    } catch (err) {
      setError(err);
    }
  };

  const percent = (r: number | null) =>
    r === null ? '—' : new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(r);
  const stepName = (s: { step: string; stepName: string }) => (s.step ? s.stepName : t('dashboard.noStep'));
  const officerName = (o: OfficerCount) => (o.officerId ? `${o.officerName}${o.unitName ? ` (${o.unitName})` : ''}` : t('dashboard.nobody'));
  const monthBucket = (series: keyof MonthFigures | 'rated' | 'notSatisfied', label: MessageKey, month: string): Bucket => ({
    bucket: series as 'received',
    month,
    label: t('dashboard.drill.month', { series: t(label), month: monthName(month) }),
  });
  /** a figure of a table: a button opening its dossiers, or a plain 0 */
  const figure = (n: number, bucket: Bucket) =>
    n ? (
      <button type="button" className="link-button figure" onClick={() => open(bucket)} aria-label={t('dashboard.open', { n, label: bucket.label })}>
        {n}
      </button>
    ) : (
      <span className="figure">0</span>
    );

  const charts = useMemo(() => {
    if (!data) return undefined;
    const months = data.series.map((m) => monthName(m.month));
    const monthly: ChartOption = {
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { id: 'received', name: t('dashboard.received'), type: 'bar', data: data.series.map((m) => m.received), itemStyle: { color: COLORS.blue } },
        { id: 'finished', name: t('dashboard.finished'), type: 'bar', data: data.series.map((m) => m.finished), itemStyle: { color: COLORS.green } },
        {
          id: 'pending',
          name: t('dashboard.pending'),
          type: 'line',
          data: data.series.map((m) => m.pending),
          itemStyle: { color: COLORS.amber },
          symbolSize: 8,
        },
      ],
    };
    const onTime: ChartOption = {
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}%`) },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          id: 'rate',
          name: t('dashboard.onTimeRate'),
          type: 'line',
          data: data.series.map((m) => (m.onTimeRate === null ? null : Math.round(m.onTimeRate * 1000) / 10)),
          itemStyle: { color: COLORS.green },
          symbolSize: 10,
          connectNulls: false,
        },
      ],
    };
    const satisfaction: ChartOption = {
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.satisfaction.map((m) => monthName(m.month)) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        {
          id: 'very',
          name: t('dashboard.sat.level3'),
          type: 'bar',
          stack: 'r',
          data: data.satisfaction.map((m) => m.verySatisfied),
          itemStyle: { color: COLORS.green },
        },
        {
          id: 'sat',
          name: t('dashboard.sat.level2'),
          type: 'bar',
          stack: 'r',
          data: data.satisfaction.map((m) => m.satisfied),
          itemStyle: { color: COLORS.lightGreen },
        },
        {
          id: 'not',
          name: t('dashboard.sat.level1'),
          type: 'bar',
          stack: 'r',
          data: data.satisfaction.map((m) => m.notSatisfied),
          itemStyle: { color: COLORS.red },
        },
        {
          id: 'rate',
          name: t('dashboard.sat.rate'),
          type: 'line',
          yAxisIndex: 1,
          data: data.satisfaction.map((m) => (m.satisfactionRate === null ? null : Math.round(m.satisfactionRate * 1000) / 10)),
          itemStyle: { color: COLORS.blue },
          symbolSize: 8,
        },
      ],
    };
    const lateStep =
      data.late &&
      barsOption(
        data.late.byStep.map((s) => ({ name: stepName(s), count: s.count })),
        COLORS.red,
      );
    const lateOfficer =
      data.late &&
      barsOption(
        data.late.byOfficer.map((o) => ({ name: officerName(o), count: o.count })),
        COLORS.red,
      );
    const workload =
      data.workload &&
      barsOption(
        data.workload.map((o) => ({ name: officerName(o), count: o.count })),
        COLORS.blue,
      );
    return { monthly, onTime, satisfaction, lateStep, lateOfficer, workload };
  }, [data, lang]); // eslint-disable-line react-hooks/exhaustive-deps

  const sentences = (lines: string[]) => (lines.length ? lines.join(' ') : t('dashboard.sum.empty'));
  const drillHead = drill && t('dashboard.drill', { label: drill.bucket.label, n: drill.total });

  return (
    <section className="container wide dashboard-page">
      <h1>{t('dashboard.title')}</h1>
      <p>{t('dashboard.intro')}</p>
      <form className="card report-filters" onSubmit={load}>
        <label>
          {t('dashboard.unit')}
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            {units?.map((u) => (
              <option key={u.id} value={u.id}>
                {'\u00a0\u00a0'.repeat(u.depth)}
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.period')}
          <select value={kind} onChange={(e) => setKind(e.target.value as PeriodKind)}>
            {(['6', '12', '24', 'custom'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`dashboard.period.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {kind === 'custom' && (
          <>
            <label>
              {t('dashboard.from')}
              <input type="month" required value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
            </label>
            <label>
              {t('dashboard.to')}
              <input type="month" required value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
            </label>
          </>
        )}
        <div className="actions">
          <button type="submit" className="button primary" disabled={loading}>
            {t('dashboard.show')}
          </button>
        </div>
      </form>
      <Problem error={error} />
      {loading && !data && <p role="status">{t('dashboard.loading')}</p>}
      {data && charts && (
        <>
          <h2 className="dash-unit">{data.unit.name}</h2>
          <div className="dash-grid" aria-busy={loading}>
            <Chart
              id="chart-monthly"
              title={t('dashboard.chart.monthly')}
              summary={sentences(
                data.series.map((m) => t('dashboard.sum.month', { month: monthName(m.month), received: m.received, finished: m.finished, pending: m.pending })),
              )}
              option={charts.monthly}
              onOpen={(c: ChartClick) => {
                const m = data.series[c.dataIndex];
                const series = c.seriesId === 'finished' ? 'finished' : c.seriesId === 'pending' ? 'pending' : 'received';
                if (m) void open(monthBucket(series, `dashboard.${series}`, m.month));
              }}
              table={
                <table className="dash-figures">
                  <thead>
                    <tr>
                      <th scope="col">{t('dashboard.month')}</th>
                      <th scope="col">{t('dashboard.received')}</th>
                      <th scope="col">{t('dashboard.finished')}</th>
                      <th scope="col">{t('dashboard.pending')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.series.map((m) => (
                      <tr key={m.month}>
                        <th scope="row">{monthName(m.month)}</th>
                        <td>{figure(m.received, monthBucket('received', 'dashboard.received', m.month))}</td>
                        <td>{figure(m.finished, monthBucket('finished', 'dashboard.finished', m.month))}</td>
                        <td>{figure(m.pending, monthBucket('pending', 'dashboard.pending', m.month))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
            <Chart
              id="chart-on-time"
              title={t('dashboard.chart.onTime')}
              summary={sentences(
                data.series
                  .filter((m) => m.finished)
                  .map((m) =>
                    t('dashboard.sum.rate', { month: monthName(m.month), rate: percent(m.onTimeRate), onTime: m.finishedOnTime, finished: m.finished }),
                  ),
              )}
              option={charts.onTime}
              onOpen={(c) => {
                const m = data.series[c.dataIndex];
                if (m) void open(monthBucket('finishedLate', 'dashboard.finishedLate', m.month));
              }}
              table={
                <table className="dash-figures">
                  <caption>{t('dashboard.chart.onTimeHint')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('dashboard.month')}</th>
                      <th scope="col">{t('dashboard.finished')}</th>
                      <th scope="col">{t('dashboard.finishedOnTime')}</th>
                      <th scope="col">{t('dashboard.finishedLate')}</th>
                      <th scope="col">{t('dashboard.onTimeRate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.series.map((m) => (
                      <tr key={m.month}>
                        <th scope="row">{monthName(m.month)}</th>
                        <td>{figure(m.finished, monthBucket('finished', 'dashboard.finished', m.month))}</td>
                        <td>{figure(m.finishedOnTime, monthBucket('finishedOnTime', 'dashboard.finishedOnTime', m.month))}</td>
                        <td>{figure(m.finishedLate, monthBucket('finishedLate', 'dashboard.finishedLate', m.month))}</td>
                        <td>{percent(m.onTimeRate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
            {!data.late || !data.workload ? (
              <p className="alert alert-warning dash-wide" role="status">
                {t('dashboard.engineDown')}
              </p>
            ) : (
              <>
                <p className="dash-wide dash-late-total">{t('dashboard.lateTotal', { n: data.late.total })}</p>
                {(
                  [
                    {
                      id: 'chart-late-step',
                      title: t('dashboard.chart.lateStep'),
                      head: t('dashboard.step'),
                      empty: t('dashboard.noLate'),
                      option: charts.lateStep!,
                      rows: data.late.byStep.map((s) => {
                        const name = stepName(s);
                        return {
                          key: s.step,
                          name,
                          count: s.count,
                          bucket: { bucket: 'lateStep', step: s.step, label: t('dashboard.drill.late', { name }) } as Bucket,
                        };
                      }),
                    },
                    {
                      id: 'chart-late-officer',
                      title: t('dashboard.chart.lateOfficer'),
                      head: t('dashboard.officer'),
                      empty: t('dashboard.noLate'),
                      option: charts.lateOfficer!,
                      rows: data.late.byOfficer.map((o) => {
                        const name = officerName(o);
                        return {
                          key: o.officerId,
                          name,
                          count: o.count,
                          bucket: { bucket: 'lateOfficer', officer: o.officerId, label: t('dashboard.drill.late', { name }) } as Bucket,
                        };
                      }),
                    },
                    {
                      id: 'chart-workload',
                      title: t('dashboard.chart.workload'),
                      head: t('dashboard.officer'),
                      empty: t('dashboard.noWorkload'),
                      option: charts.workload!,
                      rows: data.workload.map((o) => {
                        const name = officerName(o);
                        return {
                          key: o.officerId,
                          name,
                          count: o.count,
                          bucket: { bucket: 'workload', officer: o.officerId, label: t('dashboard.drill.workload', { name }) } as Bucket,
                        };
                      }),
                    },
                  ] as const
                ).map((c) =>
                  c.rows.length ? (
                    <Chart
                      key={c.id}
                      id={c.id}
                      title={c.title}
                      summary={sentences(c.rows.map((r) => t('dashboard.sum.count', { name: r.name, n: r.count })))}
                      option={c.option}
                      height={barsHeight(c.rows.length)}
                      onOpen={(click) => {
                        const r = c.rows[click.dataIndex];
                        if (r) void open(r.bucket);
                      }}
                      table={
                        <table className="dash-figures">
                          <thead>
                            <tr>
                              <th scope="col">{c.head}</th>
                              <th scope="col">{t('dashboard.count')}</th>
                            </tr>
                          </thead>
                          <tbody>
                            {c.rows.map((r) => (
                              <tr key={r.key}>
                                <th scope="row">{r.name}</th>
                                <td>{figure(r.count, r.bucket)}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      }
                    />
                  ) : (
                    <figure key={c.id} className="card dash-chart" id={c.id}>
                      <figcaption>
                        <h2>{c.title}</h2>
                      </figcaption>
                      <p>{c.empty}</p>
                    </figure>
                  ),
                )}
              </>
            )}
            <Chart
              id="chart-satisfaction"
              title={t('dashboard.chart.satisfaction')}
              summary={sentences(
                data.satisfaction
                  .filter((m) => m.ratings)
                  .map((m) => t('dashboard.sum.sat', { month: monthName(m.month), ratings: m.ratings, rate: percent(m.satisfactionRate) })),
              )}
              option={charts.satisfaction}
              onOpen={(c) => {
                const m = data.satisfaction[c.dataIndex];
                if (!m) return;
                void open(
                  c.seriesId === 'not' ? monthBucket('notSatisfied', 'dashboard.sat.level1', m.month) : monthBucket('rated', 'dashboard.sat.ratings', m.month),
                );
              }}
              table={
                <table className="dash-figures">
                  <thead>
                    <tr>
                      <th scope="col">{t('dashboard.month')}</th>
                      <th scope="col">{t('dashboard.sat.ratings')}</th>
                      <th scope="col">{t('dashboard.sat.level3')}</th>
                      <th scope="col">{t('dashboard.sat.level2')}</th>
                      <th scope="col">{t('dashboard.sat.level1')}</th>
                      <th scope="col">{t('dashboard.sat.rate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.satisfaction.map((m) => (
                      <tr key={m.month}>
                        <th scope="row">{monthName(m.month)}</th>
                        <td>{figure(m.ratings, monthBucket('rated', 'dashboard.sat.ratings', m.month))}</td>
                        <td>{m.verySatisfied}</td>
                        <td>{m.satisfied}</td>
                        <td>{figure(m.notSatisfied, monthBucket('notSatisfied', 'dashboard.sat.level1', m.month))}</td>
                        <td>{percent(m.satisfactionRate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
          </div>
        </>
      )}
      {drill && (
        <div className="card" id="dashboard-drill" tabIndex={-1} aria-labelledby="dashboard-drill-title">
          <div className="dash-drill-head">
            <h2 id="dashboard-drill-title">{drillHead}</h2>
            <button type="button" className="button" onClick={() => setDrill(undefined)}>
              {t('dashboard.drill.close')}
            </button>
          </div>
          {!drill.items.length ? (
            <p>{t('dashboard.drill.empty')}</p>
          ) : (
            <ul className="drill-list">
              {drill.items.map((d) => (
                <li key={d.id}>
                  <Link to={`/mot-cua/ho-so/${d.id}`} className="mono">
                    {d.code ?? d.reference}
                  </Link>{' '}
                  · {d.procedureName}
                  <br />
                  <small>
                    {t('dashboard.drill.received')}: {date(d.receivedAt, lang)} · {t('dashboard.drill.due')}: {date(d.dueAt, lang)}
                    {d.decidedAt ? ` · ${t('dashboard.drill.decided')}: ${date(d.decidedAt, lang)}` : ''}
                    {d.holders.length > 0 &&
                      ` · ${t('dashboard.drill.holder')}: ${d.holders.map((h) => `${h.stepName} — ${h.officerName ?? t('dashboard.nobody')}`).join('; ')}`}
                  </small>
                </li>
              ))}
            </ul>
          )}
          <Pagination total={drill.total} limit={PAGE} offset={drill.offset} onChange={(o) => void open(drill.bucket, o)} />
        </div>
      )}
    </section>
  );
}

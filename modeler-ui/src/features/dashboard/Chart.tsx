/**
 * One chart of the dashboard: an ECharts canvas the width of its frame (redrawn when the window or the frame
 * changes size), a bar or point of which opens its dossiers; with what a screen reader reads instead of the
 * canvas: a summary (aria-label) and the figures as a table whose numbers open the same lists.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { echarts, type ChartOption } from './echarts.ts';

export interface ChartClick {
  seriesId?: string;
  dataIndex: number;
}

export function Chart({
  id,
  title,
  summary,
  option,
  onOpen,
  table,
  height = 300,
}: {
  id: string;
  title: string;
  /** the figures in words, for those who do not see the canvas */
  summary: string;
  option: ChartOption;
  onOpen(click: ChartClick): void;
  /** the figures as a table (the chart's accessible fallback) */
  table: ReactNode;
  height?: number;
}) {
  const { t } = useI18n();
  const frame = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init>>(undefined);
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    const el = frame.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => open.current({ seriesId: p.seriesId ?? undefined, dataIndex: p.dataIndex }));
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    const observer = new ResizeObserver(resize);
    observer.observe(el);
    return () => {
      window.removeEventListener('resize', resize);
      observer.disconnect();
      c.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, { notMerge: true });
  }, [option]);

  return (
    <figure className="card dash-chart" id={id}>
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      <div ref={frame} className="dash-canvas" role="img" aria-label={summary} style={{ height }} />
      <details className="dash-table">
        <summary>{t('dashboard.table')}</summary>
        <div className="table-scroll" role="region" aria-label={title} tabIndex={0}>
          {table}
        </div>
      </details>
    </figure>
  );
}

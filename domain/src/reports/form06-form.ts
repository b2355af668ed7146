/**
 * The form itself (Biểu số 06/VPCP/KSTT): its figures, how the printed form heads them, the named periods as
 * date ranges, and sums. Pure: the web app draws the form from it, the reports count with it (form06.ts).
 */
import { msg, type Message } from '../errors/errors.ts';
import { nextDate, type IsoDate } from '../time/vietnam-time.ts';

export const form06Cells = [
  'taken_total',
  'taken_online',
  'taken_direct',
  'taken_carried',
  'finished_total',
  'finished_early',
  'finished_on_time',
  'finished_late',
  'ended',
  'pending_total',
  'pending_within',
  'pending_overdue',
] as const;
export type Form06Cell = (typeof form06Cells)[number];

/** The column groups and columns as the printed form heads them. */
export const form06Heads: { group: Message; cells: { key: Form06Cell; label: Message }[] }[] = [
  {
    group: msg('Số hồ sơ nhận giải quyết', 'Dossiers taken on'),
    cells: [
      { key: 'taken_total', label: msg('Tổng số', 'Total') },
      { key: 'taken_online', label: msg('Trong kỳ: trực tuyến', 'In the period: online') },
      { key: 'taken_direct', label: msg('Trong kỳ: trực tiếp, bưu chính', 'In the period: in person, by post') },
      { key: 'taken_carried', label: msg('Từ kỳ trước', 'Carried over') },
    ],
  },
  {
    group: msg('Số hồ sơ đã giải quyết', 'Dossiers finished'),
    cells: [
      { key: 'finished_total', label: msg('Tổng số', 'Total') },
      { key: 'finished_early', label: msg('Trước hạn', 'Early') },
      { key: 'finished_on_time', label: msg('Đúng hạn', 'On time') },
      { key: 'finished_late', label: msg('Quá hạn', 'Late') },
    ],
  },
  {
    group: msg('Rút, dừng giải quyết', 'Withdrawn or stopped'),
    cells: [{ key: 'ended', label: msg('Tổng số', 'Total') }],
  },
  {
    group: msg('Số hồ sơ đang giải quyết', 'Dossiers pending'),
    cells: [
      { key: 'pending_total', label: msg('Tổng số', 'Total') },
      { key: 'pending_within', label: msg('Trong hạn', 'Within time') },
      { key: 'pending_overdue', label: msg('Quá hạn', 'Overdue') },
    ],
  },
];

export type Form06Counts = Record<Form06Cell, number>;

/** The sum of rows' figures. */
export function sumCounts(rows: { counts: Form06Counts }[]): Form06Counts {
  const total = Object.fromEntries(form06Cells.map((c) => [c, 0])) as Form06Counts;
  for (const r of rows) for (const c of form06Cells) total[c] += r.counts[c];
  return total;
}

/** The named periods of the form (month, quarter, 6 and 9 months, year) as date ranges. */
export function namedPeriod(kind: 'month' | 'quarter' | 'half' | 'nine_months' | 'year', year: number, index = 1): { from: IsoDate; to: IsoDate } {
  const pad = (n: number) => String(n).padStart(2, '0');
  const monthRange = (first: number, last: number) => ({
    from: `${year}-${pad(first)}-01`,
    to: nextDate(`${last === 12 ? year + 1 : year}-${pad(last === 12 ? 1 : last + 1)}-01`, -1),
  });
  switch (kind) {
    case 'month':
      return monthRange(index, index);
    case 'quarter':
      return monthRange(3 * index - 2, 3 * index);
    case 'half':
      return index === 1 ? monthRange(1, 6) : monthRange(7, 12);
    case 'nine_months':
      return monthRange(1, 9);
    case 'year':
      return monthRange(1, 12);
  }
}

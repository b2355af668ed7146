/**
 * Reports for leaders and auditors, within their region (their unit and the units under it): Form 06 for any
 * period and filter, each figure down to its dossiers, and the form exported as Excel and PDF.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import { InputError, NotAllowedError, UnavailableError, msg } from '../errors/errors.ts';
import { listOrgUnits, unitAndDescendants } from '../org-units/org-units.repository.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { nextDate, type IsoDate } from '../time/vietnam-time.ts';
import { form06Dossiers, form06Rows, periodMoments, sumCounts, type Form06Cell, type Form06Counts, type Form06Filter } from './form06.ts';
import { satisfactionReport } from './satisfaction.ts';
import { foldDossierCounts } from './dossier-counts.ts';
import type { EngineClient } from '../engine/engine.client.ts';
import { EngineUnreachableError } from '../engine/engine.client.ts';
import {
  dashboardSatisfaction,
  dashboardSeries,
  addMonths,
  monthOf,
  monthsOf,
  type DashboardBucket,
  type DashboardFilter,
  type YearMonth,
} from './dashboard.ts';
import { dashboardDossiers } from './dashboard-dossiers.ts';
import { lateNow, workload } from './dashboard-now.ts';

export interface Form06Query {
  from: IsoDate;
  to: IsoDate;
  /** the unit reported on, with its subtree (default: the reader's unit) */
  unitId?: string;
  field?: string;
  procedureCode?: string;
  channel?: 1 | 2 | 3;
}

export interface Form06Report {
  query: Form06Query & { unitId: string };
  unit: { id: string; name: string; agencyCode: string };
  parentName: string | null;
  rows: { unitId: string; unitName: string; field: string; counts: Form06Counts }[];
  total: Form06Counts;
  generatedAt: Date;
}

/** The dashboard's unit and months: `from`..`to`, or the last `months` (12 by default) up to this one. */
export interface DashboardQuery {
  unitId?: string;
  from?: YearMonth;
  to?: YearMonth;
  months?: number;
}

const READERS = ['leader', 'auditor'];
/** at most this many months on a dashboard: ten years */
const MAX_MONTHS = 120;
/** at most this long a range: ten years and a few days */
const MAX_DAYS = 3700;

export function createReportsService({ db, engine, clock = systemClock }: { db: Db; engine?: Pick<EngineClient, 'queryTasks'>; clock?: Clock }) {
  /** The units the actor may report on, and the unit the query names (checked). */
  async function scope(actor: Account, unitId: string | undefined): Promise<{ unitId: string; unitIds: string[] }> {
    if (!READERS.includes(actor.role) || !actor.orgUnitId)
      throw new NotAllowedError('reports_not_allowed', msg('Chức năng dành cho lãnh đạo và thanh tra.', 'Reports are for leaders and auditors.'));
    const region = new Set(await unitAndDescendants({ db, id: actor.orgUnitId }));
    const target = unitId ?? actor.orgUnitId;
    if (!region.has(target))
      throw new NotAllowedError('org_unit_outside_scope', msg('Đơn vị này nằm ngoài phạm vi của bạn.', 'This unit is outside your region.'));
    return { unitId: target, unitIds: await unitAndDescendants({ db, id: target }) };
  }

  function checkPeriod(q: Pick<Form06Query, 'from' | 'to'>): void {
    const days = (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000;
    if (!(days >= 0) || days > MAX_DAYS || nextDate(q.from, 0) !== q.from || nextDate(q.to, 0) !== q.to)
      throw new InputError(
        'period_invalid',
        msg('Kỳ báo cáo không hợp lệ (từ ngày phải trước đến ngày, tối đa 10 năm).', 'Invalid period (from before to, at most ten years).'),
        [{ field: 'to', code: 'period_invalid', message: msg('Đến ngày phải sau từ ngày.', 'The end must come after the start.') }],
      );
  }

  async function filterOf(actor: Account, q: Form06Query): Promise<{ filter: Form06Filter; unitId: string }> {
    checkPeriod(q);
    const { unitId, unitIds } = await scope(actor, q.unitId);
    return { unitId, filter: { from: q.from, to: q.to, unitIds, field: q.field, procedureCode: q.procedureCode, channel: q.channel } };
  }

  /** Form 06 of a unit (and its subtree) for a period. */
  async function form06(actor: Account, q: Form06Query): Promise<Form06Report> {
    const { filter, unitId } = await filterOf(actor, q);
    const [rows, units] = await Promise.all([form06Rows(db, filter, clock.now()), listOrgUnits({ db })]);
    const byId = new Map(units.map((u) => [u.id, u]));
    const unit = byId.get(unitId)!;
    const named = rows
      .map((r) => ({ ...r, unitName: byId.get(r.unitId)?.name ?? '' }))
      // the unit reported on first, then the units under it by name; fields by name within each
      .sort(
        (a, b) =>
          Number(a.unitId !== unitId) - Number(b.unitId !== unitId) || a.unitName.localeCompare(b.unitName, 'vi') || a.field.localeCompare(b.field, 'vi'),
      );
    return {
      query: { ...q, unitId },
      unit: { id: unit.id, name: unit.name, agencyCode: unit.agencyCode },
      parentName: unit.parentId ? (byId.get(unit.parentId)?.name ?? null) : null,
      rows: named,
      total: sumCounts(rows),
      generatedAt: clock.now(),
    };
  }

  /** The dossiers behind one figure of the form (of one row, or of the total). */
  async function form06Drill(actor: Account, q: Form06Query, cell: Form06Cell, o: { rowUnitId?: string; rowField?: string; limit: number; offset: number }) {
    const { filter } = await filterOf(actor, q);
    if (o.rowUnitId && !filter.unitIds.includes(o.rowUnitId))
      throw new NotAllowedError('org_unit_outside_scope', msg('Đơn vị này nằm ngoài phạm vi của bạn.', 'This unit is outside your region.'));
    return form06Dossiers(db, filter, cell, { unitId: o.rowUnitId, field: o.rowField, limit: o.limit, offset: o.offset }, clock.now());
  }

  /** What a reader may choose from: the units of their region (as a tree, the reader's unit first), the fields and procedures. */
  async function options(actor: Account) {
    const { unitIds } = await scope(actor, undefined);
    const [units, procedures] = await Promise.all([
      listOrgUnits({ db }),
      db('procedures').orderBy('name').select('code', 'name', 'field') as Promise<{ code: string; name: string; field: string }[]>,
    ]);
    const region = new Set(unitIds);
    const depth = (id: string | null, d = 0): number => {
      const u = units.find((x) => x.id === id);
      return !u || u.id === actor.orgUnitId || !u.parentId ? d : depth(u.parentId, d + 1);
    };
    const ordered: { id: string; name: string; depth: number }[] = [];
    const walk = (id: string) => {
      const u = units.find((x) => x.id === id)!;
      ordered.push({ id: u.id, name: u.name, depth: depth(u.id) });
      for (const c of units.filter((x) => x.parentId === id && region.has(x.id)).sort((a, b) => a.name.localeCompare(b.name, 'vi'))) walk(c.id);
    };
    walk(actor.orgUnitId!);
    return {
      units: ordered,
      fields: [...new Set(procedures.map((p) => p.field))].sort((a, b) => a.localeCompare(b, 'vi')),
      procedures,
    };
  }

  /** Citizens' satisfaction with the unit (and its subtree) in the period: by unit, procedure, step, officer; the comments. */
  async function satisfaction(actor: Account, q: Pick<Form06Query, 'from' | 'to' | 'unitId'>) {
    checkPeriod(q);
    const { unitIds } = await scope(actor, q.unitId);
    const { start, end } = periodMoments(q, clock.now());
    return satisfactionReport(db, { start, end, unitIds });
  }

  /** Folds the dossiers' count changes into the counts reports read (a scheduled job). */
  const foldCounts = () => foldDossierCounts(db);

  /**
   * The dashboard's filter: the unit (in the reader's region) with its subtree, and the months.
   * @throws NotAllowedError `reports_not_allowed`, `org_unit_outside_scope`; InputError `period_invalid`
   */
  async function dashboardFilter(actor: Account, q: DashboardQuery): Promise<{ filter: DashboardFilter; unitId: string }> {
    const to = q.to ?? monthOf(clock.now());
    const from = q.from ?? addMonths(to, 1 - (q.months ?? 12));
    const n = from <= to ? monthsOf(from, to).length : 0;
    if (!n || n > MAX_MONTHS)
      throw new InputError(
        'period_invalid',
        msg('Khoảng thời gian không hợp lệ (từ tháng phải trước đến tháng, tối đa 120 tháng).', 'Invalid period (from before to, at most 120 months).'),
        [{ field: 'to', code: 'period_invalid', message: msg('Đến tháng phải sau từ tháng.', 'The last month must come after the first.') }],
      );
    const { unitId, unitIds } = await scope(actor, q.unitId);
    return { unitId, filter: { unitIds, from, to } };
  }

  function needEngine() {
    if (!engine) throw new Error('the reports service was made without the engine the dashboard needs');
    return engine;
  }

  /**
   * The leaders' dashboard of a unit and its subtree: the monthly series, the satisfaction trend, the late
   * dossiers now by step and holder, the officers' workload. Without the engine, the last two are null.
   */
  async function dashboard(actor: Account, q: DashboardQuery) {
    const { filter, unitId } = await dashboardFilter(actor, q);
    const now = clock.now();
    const e = needEngine();
    const engineFigures = async <T>(f: () => Promise<T>): Promise<T | null> => {
      try {
        return await f();
      } catch (err) {
        if (err instanceof EngineUnreachableError) return null;
        throw err;
      }
    };
    const [series, satisfactionTrend, late, load, unit] = await Promise.all([
      dashboardSeries(db, filter, now),
      dashboardSatisfaction(db, filter),
      engineFigures(() => lateNow(db, e, filter.unitIds, now)),
      engineFigures(() => workload(db, e, filter.unitIds)),
      db('org_units').where({ id: unitId }).first('id', 'name') as Promise<{ id: string; name: string }>,
    ]);
    return {
      query: { unitId, from: filter.from, to: filter.to },
      unit,
      series,
      satisfaction: satisfactionTrend,
      late,
      workload: load,
      generatedAt: now,
    };
  }

  /**
   * The dossiers behind one figure of the dashboard, paged.
   * @throws InputError `month_outside_period`; UnavailableError `engine_unavailable` (a late or workload bucket without the engine)
   */
  async function dashboardDrill(actor: Account, q: DashboardQuery, bucket: DashboardBucket, page: { limit: number; offset: number }) {
    const { filter } = await dashboardFilter(actor, q);
    if (bucket.kind === 'month' && (bucket.month < filter.from || bucket.month > filter.to))
      throw new InputError('month_outside_period', msg('Tháng này nằm ngoài khoảng thời gian đã chọn.', 'This month is outside the period.'), [
        { field: 'month', code: 'month_outside_period', message: msg('Chọn một tháng trong khoảng thời gian.', 'Pick a month of the period.') },
      ]);
    try {
      return await dashboardDossiers(db, needEngine(), filter, bucket, page, clock.now());
    } catch (e) {
      if (e instanceof EngineUnreachableError)
        throw new UnavailableError(
          'engine_unavailable',
          msg('Hệ thống xử lý đang bận, vui lòng thử lại sau ít phút.', 'The processing engine is unavailable; please try again in a few minutes.'),
        );
      throw e;
    }
  }

  return { form06, form06Drill, satisfaction, options, dashboard, dashboardDrill, foldCounts, scope, checkPeriod };
}

export type ReportsService = ReturnType<typeof createReportsService>;

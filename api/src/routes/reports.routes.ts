/** Reports for leaders and auditors: Form 06 (and each figure's dossiers), as JSON, Excel and PDF; the leaders' dashboard. */
import { Router, type Request } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import { form06Cells, type Form06Cell } from '@motcua/domain/reports/form06.ts';
import { form06Docx, form06Excel, form06Pdf } from '@motcua/domain/reports/form06-export.ts';
import type { DashboardQuery, Form06Query } from '@motcua/domain/reports/reports.service.ts';
import { monthSeries, type DashboardBucket, type MonthSeries } from '@motcua/domain/reports/dashboard.ts';
import { InputError, msg } from '@motcua/domain/errors/errors.ts';
import { factParts, type FactBase } from '@motcua/domain/reports/indicator-facts.ts';
import { ENTERED_CODES, indicatorBandsSchema, type IndicatorBands } from '@motcua/domain/reports/index-tt01.ts';
import { requireRole } from '../http/session.ts';
import { pageQuery, validBody, validQuery } from '../http/validate.ts';

const readers = requireRole('leader', 'auditor');
const leaders = requireRole('leader');
const administrators = requireRole('administrator');
const isoDate = { type: 'string', format: 'date' };
const formQuery = {
  from: isoDate,
  to: isoDate,
  unitId: { type: 'string', format: 'uuid' },
  field: { type: 'string', minLength: 1, maxLength: 200 },
  procedure: { type: 'string', minLength: 1, maxLength: 50 },
  channel: { type: 'integer', enum: [1, 2, 3] },
} as const;
const form06Query = { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: formQuery };
const drillQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'cell'],
  properties: {
    ...formQuery,
    ...pageQuery.properties,
    cell: { type: 'string', enum: [...form06Cells] },
    rowUnitId: { type: 'string', format: 'uuid' },
    rowField: { type: 'string', minLength: 1, maxLength: 200 },
  },
};

const yearMonth = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' };
const dashboardProps = {
  unitId: formQuery.unitId,
  from: yearMonth,
  to: yearMonth,
  months: { type: 'integer', minimum: 1, maximum: 120 },
} as const;
const dashboardQuery = { type: 'object', additionalProperties: false, properties: dashboardProps };
const dashboardDrillQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['bucket'],
  properties: {
    ...dashboardProps,
    ...pageQuery.properties,
    /** a month series, or the late dossiers of a step or a holder, or an officer's workload */
    bucket: { type: 'string', enum: [...monthSeries, 'lateStep', 'lateOfficer', 'workload'] },
    month: yearMonth,
    /** the step's key; absent: the late dossiers in no open step */
    step: { type: 'string', minLength: 1, maxLength: 200 },
    /** the holder's account; absent: the late dossiers nobody holds */
    officer: { type: 'string', format: 'uuid' },
  },
};

const dashboardOf = (req: Request): DashboardQuery => {
  const q = req.query as Record<string, string | number | undefined>;
  return { unitId: q.unitId as string | undefined, from: q.from as string | undefined, to: q.to as string | undefined, months: q.months as number | undefined };
};
const missing = (field: string, vi: string, en: string) =>
  new InputError('query_invalid', msg('Yêu cầu không hợp lệ.', 'The request is not valid.'), [
    { field, code: 'request.required', message: msg(`Thiếu thông tin «${vi}».`, `"${en}" is missing.`) },
  ]);
/** The bucket a drill names. @throws InputError when the month or the officer it needs is missing */
const bucketOf = (req: Request): DashboardBucket => {
  const q = req.query as { bucket: string; month?: string; step?: string; officer?: string };
  if (q.bucket === 'lateStep') return { kind: 'lateStep', step: q.step ?? '' };
  if (q.bucket === 'lateOfficer') return { kind: 'lateOfficer', officer: q.officer ?? '' };
  if (q.bucket === 'workload') {
    if (!q.officer) throw missing('officer', 'cán bộ', 'officer');
    return { kind: 'workload', officer: q.officer };
  }
  if (!q.month) throw missing('month', 'tháng', 'month');
  return { kind: 'month', series: q.bucket as MonthSeries, month: q.month };
};
const indicatorQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: { from: isoDate, to: isoDate, unitId: formQuery.unitId },
};
const indicatorDrillQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'base', 'part', 'match'],
  properties: {
    ...indicatorQuery.properties,
    ...pageQuery.properties,
    base: { type: 'string', enum: Object.keys(factParts) },
    part: { type: 'string', enum: [...new Set(Object.values(factParts).flatMap((p) => Object.keys(p)))] },
    match: { type: 'boolean' },
  },
};
const entrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['unitId', 'from', 'to', 'code', 'points'],
  properties: {
    unitId: { type: 'string', format: 'uuid' },
    from: isoDate,
    to: isoDate,
    code: { type: 'string', enum: [...ENTERED_CODES] },
    points: { type: 'integer', minimum: 0, maximum: 2 },
    note: { type: ['string', 'null'], maxLength: 2000 },
  },
};
const entryLabels = {
  unitId: { vi: 'Đơn vị', en: 'Unit' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  code: { vi: 'Chỉ số', en: 'Indicator' },
  points: { vi: 'Điểm', en: 'Points' },
  note: { vi: 'Căn cứ đánh giá', en: 'Basis' },
};

const queryOf = (req: Request): Form06Query => {
  const q = req.query as Record<string, string | number | undefined>;
  return {
    from: q.from as string,
    to: q.to as string,
    unitId: q.unitId as string | undefined,
    field: q.field as string | undefined,
    procedureCode: q.procedure as string | undefined,
    channel: q.channel as 1 | 2 | 3 | undefined,
  };
};
const fileName = (r: { unit: { agencyCode: string }; query: { from: string; to: string } }, ext: string) =>
  `bieu-06-${r.unit.agencyCode}-${r.query.from}-${r.query.to}.${ext}`;

export function reportRoutes(services: Services): Router {
  const r = Router();
  const { reports } = services;

  r.get('/reports/options', readers, async (req, res) => {
    res.json(await reports.options(req.actor!));
  });
  r.get('/reports/form06', readers, validQuery(form06Query), async (req, res) => {
    res.json(await reports.form06(req.actor!, queryOf(req)));
  });
  r.get(
    '/reports/satisfaction',
    readers,
    validQuery({ type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: isoDate, to: isoDate, unitId: formQuery.unitId } }),
    async (req, res) => {
      const q = req.query as { from: string; to: string; unitId?: string };
      res.json(await reports.satisfaction(req.actor!, q));
    },
  );
  r.get('/reports/dashboard', readers, validQuery(dashboardQuery), async (req, res) => {
    res.json(await reports.dashboard(req.actor!, dashboardOf(req)));
  });
  r.get('/reports/dashboard/dossiers', readers, validQuery(dashboardDrillQuery), async (req, res) => {
    const q = req.query as unknown as { limit: number; offset: number };
    res.json(await reports.dashboardDrill(req.actor!, dashboardOf(req), bucketOf(req), q));
  });
  // the QĐ 766 indicators and the TT 01/2018 index of a unit for a period; the dossiers behind a share
  r.get('/reports/indicators', readers, validQuery(indicatorQuery), async (req, res) => {
    res.json(await services.indicators.report(req.actor!, req.query as { from: string; to: string; unitId?: string }));
  });
  r.get('/reports/indicators/dossiers', readers, validQuery(indicatorDrillQuery), async (req, res) => {
    const q = req.query as unknown as {
      from: string;
      to: string;
      unitId?: string;
      base: FactBase;
      part: string;
      match: boolean;
      limit: number;
      offset: number;
    };
    res.json(await services.indicators.dossiers(req.actor!, q, q.base, q.part, q.match, q));
  });
  r.get('/reports/indicators/ranking', readers, validQuery(indicatorQuery), async (req, res) => {
    res.json(await services.indicators.ranking(req.actor!, req.query as { from: string; to: string; unitId?: string }));
  });
  // a unit's leader enters the points motcua cannot compute
  r.put('/reports/indicators/entries', leaders, validBody(entrySchema, { labels: entryLabels }), async (req, res) => {
    res.json(await services.indicators.enter(req.actor!, req.body, { requestId: String(req.id) }));
  });
  // the point bands: read by readers and administrators, set by administrators
  r.get('/reports/indicators/bands', requireRole('leader', 'auditor', 'administrator'), async (_req, res) => {
    res.json(await services.indicators.bands());
  });
  r.put('/reports/indicators/bands', administrators, validBody(indicatorBandsSchema), async (req, res) => {
    res.json(await services.indicators.setBands(req.actor!, req.body as IndicatorBands, { requestId: String(req.id) }));
  });
  r.get('/reports/form06/dossiers', readers, validQuery(drillQuery), async (req, res) => {
    const q = req.query as unknown as { cell: Form06Cell; rowUnitId?: string; rowField?: string; limit: number; offset: number };
    res.json(await reports.form06Drill(req.actor!, queryOf(req), q.cell, q));
  });
  r.get('/reports/form06.xlsx', readers, validQuery(form06Query), async (req, res) => {
    const report = await reports.form06(req.actor!, queryOf(req));
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(fileName(report, 'xlsx'))
      .send(await form06Excel(report));
  });
  r.get('/reports/form06.docx', readers, validQuery(form06Query), async (req, res) => {
    const report = await reports.form06(req.actor!, queryOf(req));
    res
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .attachment(fileName(report, 'docx'))
      .send(await form06Docx(report));
  });
  r.get('/reports/form06.pdf', readers, validQuery(form06Query), async (req, res) => {
    const report = await reports.form06(req.actor!, queryOf(req));
    res
      .type('application/pdf')
      .attachment(fileName(report, 'pdf'))
      .send(await form06Pdf(report));
  });
  return r;
}

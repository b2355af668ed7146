/** Administration: working-time calendars (office hours, days off, swapped days) and SLA rule versions. */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import { requireRole } from '../http/session.ts';
import { requireUuid, validBody, validQuery } from '../http/validate.ts';
import { InputError, msg } from '@motcua/domain/errors/errors.ts';

const admin = requireRole('administrator');
const clock = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' };
const isoDate = { type: 'string', format: 'date' };

const calendarSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'officeHours', 'weekendDays'],
  properties: {
    name: { type: 'string', minLength: 2, maxLength: 200 },
    officeHours: {
      type: 'array',
      minItems: 1,
      maxItems: 6,
      items: { type: 'object', additionalProperties: false, required: ['start', 'end'], properties: { start: clock, end: clock } },
    },
    weekendDays: { type: 'array', maxItems: 6, uniqueItems: true, items: { type: 'integer', minimum: 0, maximum: 6 } },
  },
};
const dayQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['year'],
  properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 }, calendarId: { type: 'string', format: 'uuid' } },
};
const daySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['date', 'kind', 'name'],
  properties: {
    calendarId: { type: 'string', format: 'uuid' },
    date: isoDate,
    kind: { type: 'string', enum: ['day_off', 'working_day'] },
    name: { type: 'string', minLength: 2, maxLength: 200 },
    /** a national day: from the Prime Minister's decision, or the administrator's own entry (the default) */
    basis: { type: 'string', enum: ['decision', 'admin'] },
  },
};
const yearsQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: { from: { type: 'integer', minimum: 2000, maximum: 2100 }, to: { type: 'integer', minimum: 2000, maximum: 2100 } },
};
const allowance = {
  type: 'object',
  additionalProperties: false,
  required: ['value', 'unit'],
  properties: { value: { type: 'number', exclusiveMinimum: 0, maximum: 365 }, unit: { type: 'string', enum: ['working_days', 'working_hours'] } },
};
const rulesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['effectiveFrom', 'supplementClock', 'warnThreshold', 'moveCalendarDeadlines', 'supplementAllowance'],
  properties: {
    effectiveFrom: isoDate,
    supplementClock: { type: 'string', enum: ['extend', 'restart'] },
    warnThreshold: {
      type: 'object',
      additionalProperties: false,
      required: ['maxWorkingHours', 'share'],
      properties: { maxWorkingHours: { type: 'number', minimum: 0, maximum: 1000 }, share: { type: 'number', minimum: 0, maximum: 1 } },
    },
    moveCalendarDeadlines: { type: 'boolean' },
    /** how a limit in days counts; the law's (civil_code) when not given */
    dayCount: { type: 'string', enum: ['civil_code', 'working_hours'] },
    paymentClock: { type: 'string', enum: ['pause', 'run'] },
    supplementAllowance: allowance,
    note: { type: 'string', maxLength: 2000 },
  },
};

export function adminRoutes(services: Services): Router {
  const r = Router();
  const { calendars, sla } = services;

  r.get('/admin/calendars', admin, async (req, res) => {
    res.json({ items: await calendars.listCalendars(req.actor!) });
  });
  // the default calendar, and an agency's own (created on first save)
  r.put('/admin/calendars/default', admin, validBody(calendarSchema), async (req, res) => {
    res.json(await calendars.saveCalendar(req.actor!, { ...req.body, orgUnitId: null }));
  });
  r.put('/admin/calendars/units/:orgUnitId', admin, validBody(calendarSchema), async (req, res) => {
    res.json(await calendars.saveCalendar(req.actor!, { ...req.body, orgUnitId: requireUuid(req.params.orgUnitId as string, 'đơn vị / unit') }));
  });

  r.get('/admin/calendar-days', admin, validQuery(dayQuery), async (req, res) => {
    const q = req.query as unknown as { year: number; calendarId?: string };
    res.json({ items: await calendars.listDays(req.actor!, { year: q.year, calendarId: q.calendarId ?? null }) });
  });
  r.put('/admin/calendar-days', admin, validBody(daySchema), async (req, res) => {
    const b = req.body as { calendarId?: string; date: string; kind: 'day_off' | 'working_day'; name: string; basis?: 'decision' | 'admin' };
    res.json(
      await calendars.saveDay(
        req.actor!,
        { calendarId: b.calendarId ?? null, date: b.date, kind: b.kind, name: b.name.trim(), basis: b.basis },
        { requestId: String(req.id) },
      ),
    );
  });
  r.delete('/admin/calendar-days/:id', admin, async (req, res) => {
    await calendars.deleteDay(req.actor!, requireUuid(req.params.id as string, 'ngày / day'), { requestId: String(req.id) });
    res.status(204).end();
  });
  // for each year, how many national days are still the law's default (the year's decision not entered yet)
  r.get('/admin/calendar-years', admin, validQuery(yearsQuery), async (req, res) => {
    const q = req.query as unknown as { from: number; to: number };
    if (q.to < q.from || q.to - q.from > 20) throw new InputError('years_invalid', msg('Khoảng năm không hợp lệ.', 'Invalid range of years.'));
    res.json({ items: await calendars.yearsStatus(req.actor!, q) });
  });

  r.get('/admin/sla-rules', admin, async (req, res) => {
    res.json({ items: await sla.listRuleVersions(req.actor!) });
  });
  r.post('/admin/sla-rules', admin, validBody(rulesSchema), async (req, res) => {
    const b = req.body as Parameters<typeof sla.addRuleVersion>[1];
    res.status(201).json(await sla.addRuleVersion(req.actor!, { ...b, note: b.note ?? null }));
  });

  return r;
}

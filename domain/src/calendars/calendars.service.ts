/**
 * Working-time calendars as the services use them (a WorkingCalendar per unit, cached briefly) and as
 * administrators edit them: office hours per agency, the yearly table of days off and extra working days.
 * Edits are validated here: a calendar that cannot compute (overlapping periods, no working day) is refused.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db, DbOrTx } from '../db/db.ts';
import { InputError, NotAllowedError, NotFoundError, msg } from '../errors/errors.ts';
import { findOrgUnit } from '../org-units/org-units.repository.ts';
import { adminRegionOf } from '../org-units/org-units.service.ts';
import { recordChange } from '../audit/admin-audit.repository.ts';
import { WorkingCalendar } from '../sla/calendar.ts';
import type { CalendarDayBasis, CalendarDayKind } from '../sla/holidays.ts';
import { nextDate, type IsoDate } from '../time/vietnam-time.ts';
import * as repo from './calendars.repository.ts';
import type { Calendar, CalendarDayRow } from './calendars.repository.ts';

export type { Calendar, CalendarDayRow };

/** How far around a moment a cached WorkingCalendar knows the dated exceptions. */
const WINDOW_YEARS = 10;

export function createCalendarsService({ db, cacheMs = 30_000 }: { db: Db; cacheMs?: number }) {
  const cache = new Map<string, { at: number; calendar: Promise<WorkingCalendar> }>();

  async function build(orgUnitId: string): Promise<WorkingCalendar> {
    const c = await repo.findCalendarForUnit({ db, orgUnitId });
    const year = new Date().getUTCFullYear();
    const days = await repo.listEffectiveDays({ db, calendarId: c.id, from: `${year - WINDOW_YEARS}-01-01`, to: `${year + WINDOW_YEARS}-12-31` });
    return new WorkingCalendar({
      officeHours: c.officeHours,
      weekendDays: c.weekendDays,
      daysOff: days.filter((d) => d.kind === 'day_off').map((d) => d.date),
      extraWorkingDays: days.filter((d) => d.kind === 'working_day').map((d) => d.date),
    });
  }

  /** The working-time calendar of a unit (its own, an ancestor's or the default), with its days off. */
  function workingCalendar(orgUnitId: string): Promise<WorkingCalendar> {
    const hit = cache.get(orgUnitId);
    if (hit && Date.now() - hit.at < cacheMs) return hit.calendar;
    const calendar = build(orgUnitId);
    cache.set(orgUnitId, { at: Date.now(), calendar });
    calendar.catch(() => cache.delete(orgUnitId));
    return calendar;
  }

  /**
   * Checks that the administrator may change the calendar of `orgUnitId` (null: the default calendar or the
   * national days, which only a city-wide administrator changes). @throws NotAllowedError `org_unit_outside_scope`
   */
  async function requireRegion(actor: Account, orgUnitId: string | null): Promise<void> {
    const region = await adminRegionOf({ db, actor });
    if (orgUnitId === null ? !region.cityWide : !region.has(orgUnitId))
      throw new NotAllowedError(
        'org_unit_outside_scope',
        orgUnitId === null
          ? msg('Chỉ quản trị toàn thành phố được sửa lịch chung.', 'Only a city-wide administrator changes the common calendar.')
          : msg('Đơn vị này nằm ngoài phạm vi bạn được quản trị.', 'This unit is outside the region you administer.'),
      );
  }

  async function calendarUnit(calendarId: string | null): Promise<string | null> {
    if (!calendarId) return null;
    const c = await repo.findCalendar({ db, id: calendarId });
    if (!c) throw new NotFoundError('calendar_not_found', msg('Không tìm thấy lịch làm việc.', 'Calendar not found.'));
    return c.orgUnitId;
  }

  function checkComputes(hours: { start: string; end: string }[], weekendDays: number[]): void {
    try {
      const cal = new WorkingCalendar({ officeHours: hours, weekendDays, daysOff: [], extraWorkingDays: [] });
      if (weekendDays.length >= 7 || cal.minutesPerDay <= 0) throw new RangeError('no working time');
    } catch (e) {
      throw new InputError(
        'calendar_invalid',
        msg(
          `Lịch làm việc không hợp lệ: giờ làm việc phải tăng dần, không chồng lấn và có ít nhất một ngày làm việc (${(e as Error).message}).`,
          `Invalid calendar: office periods must increase without overlap and leave at least one working day (${(e as Error).message}).`,
        ),
      );
    }
  }

  /**
   * Sets the office hours of the default calendar (orgUnitId null) or of an agency (creating its own).
   * @throws InputError `calendar_invalid` | `org_unit_unknown`; NotAllowedError
   */
  async function saveCalendar(
    actor: Account,
    input: { orgUnitId: string | null; name: string; officeHours: { start: string; end: string }[]; weekendDays: number[] },
  ): Promise<Calendar> {
    await requireRegion(actor, input.orgUnitId);
    checkComputes(input.officeHours, input.weekendDays);
    if (input.orgUnitId && !(await findOrgUnit({ db, id: input.orgUnitId })))
      throw new InputError('org_unit_unknown', msg('Đơn vị không tồn tại.', 'Unknown org unit.'));
    const saved = await db.transaction(async (tx) => {
      const before = input.orgUnitId ? ((await tx('calendars').where({ org_unit_id: input.orgUnitId }).forUpdate().first()) ?? null) : null;
      const after = await repo.upsertCalendar({
        db: tx,
        calendar: { orgUnitId: input.orgUnitId, name: input.name, officeHours: input.officeHours, weekendDays: [...new Set(input.weekendDays)].sort() },
      });
      // a unit's office hours are part of the unit: its history (the administration log) says who changed them
      if (input.orgUnitId)
        await recordChange({
          db: tx,
          change: {
            actor,
            entity: 'org_unit',
            entityId: input.orgUnitId,
            action: 'office_hours',
            before: before && { officeHours: before.office_hours, weekendDays: before.weekend_days },
            after: { officeHours: after.officeHours, weekendDays: after.weekendDays },
          },
        });
      return after;
    });
    cache.clear();
    return saved;
  }

  async function listDays(actor: Account, query: { calendarId: string | null; year: number }): Promise<CalendarDayRow[]> {
    await adminRegionOf({ db, actor });
    return repo.listDays({ db, calendarId: query.calendarId, from: `${query.year}-01-01`, to: `${query.year}-12-31` });
  }

  /**
   * Marks a date as a day off or an extra working day, nationally (calendarId null) or for one calendar.
   * @throws InputError `calendar_day_invalid`; NotFoundError `calendar_not_found`
   */
  async function saveDay(
    actor: Account,
    input: { calendarId: string | null; date: IsoDate; kind: CalendarDayKind; name: string; basis?: 'decision' | 'admin' },
    ctx: { requestId?: string } = {},
  ): Promise<CalendarDayRow> {
    if (nextDate(input.date, 0) !== input.date) throw new InputError('calendar_day_invalid', msg('Ngày không hợp lệ.', 'Invalid date.'));
    await requireRegion(actor, await calendarUnit(input.calendarId));
    // a national day is the Prime Minister's decision or the administrator's own entry; a unit's, its own
    const basis = input.calendarId === null ? (input.basis ?? 'admin') : 'admin';
    const day = await db.transaction(async (tx) => {
      const before = (await repo.listDays({ db: tx, calendarId: input.calendarId, from: input.date, to: input.date }))[0] ?? null;
      const saved = await repo.upsertDay({ db: tx, day: { calendarId: input.calendarId, date: input.date, kind: input.kind, name: input.name, basis } });
      await logDay(tx, actor, input.calendarId, 'day_saved', before, saved, ctx);
      return saved;
    });
    cache.clear();
    return day;
  }

  /** @throws NotFoundError `calendar_day_not_found` */
  async function deleteDay(actor: Account, id: string, ctx: { requestId?: string } = {}): Promise<void> {
    await adminRegionOf({ db, actor });
    const day = await db('calendar_days').where({ id }).first('calendar_id');
    if (day) await requireRegion(actor, await calendarUnit(day.calendar_id));
    await db.transaction(async (tx) => {
      const before = day
        ? (await repo.listDays({ db: tx, calendarId: day.calendar_id, from: '1900-01-01', to: '2999-12-31' })).find((d) => d.id === id)
        : undefined;
      if (!before || !(await repo.deleteDay({ db: tx, id })))
        throw new NotFoundError('calendar_day_not_found', msg('Không tìm thấy ngày này trong lịch.', 'No such calendar day.'));
      await logDay(tx, actor, before.calendarId, 'day_deleted', before, null, ctx);
    });
    cache.clear();
  }

  /** A change of a day, in the administration log under its calendar (national days: the common calendar). */
  async function logDay(tx: DbOrTx, actor: Account, calendarId: string | null, action: string, before: unknown, after: unknown, ctx: { requestId?: string }) {
    const entityId = calendarId ?? (await tx('calendars').whereNull('org_unit_id').first('id'))?.id;
    if (!entityId) return;
    await recordChange({ db: tx, change: { actor, entity: 'calendar', entityId, action, before, after, requestId: ctx.requestId } });
  }

  /**
   * For each year from `from` to `to`, the national days by their basis: how many the law fixes, the Prime
   * Minister's decision gave, an administrator entered, and how many are still the law's default because the
   * year's decision is not entered yet (`rule`).
   */
  async function yearsStatus(actor: Account, range: { from: number; to: number }) {
    await adminRegionOf({ db, actor });
    const rows = (await db('calendar_days')
      .whereNull('calendar_id')
      .whereBetween('date', [`${range.from}-01-01`, `${range.to}-12-31`])
      .groupByRaw('1, 2')
      .select(db.raw('extract(year from date)::int as year'), 'basis', db.raw('count(*)::int as n'))) as { year: number; basis: CalendarDayBasis; n: number }[];
    return Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i).map((year) => {
      const count = (b: CalendarDayBasis) => rows.find((r) => r.year === year && r.basis === b)?.n ?? 0;
      return { year, law: count('law'), decision: count('decision'), rule: count('rule'), admin: count('admin') };
    });
  }

  /** The common calendar and those of the administrator's region. */
  async function listCalendars(actor: Account): Promise<Calendar[]> {
    const region = await adminRegionOf({ db, actor });
    return (await repo.listCalendars({ db })).filter((c) => c.orgUnitId === null || region.has(c.orgUnitId));
  }

  return { workingCalendar, saveCalendar, listCalendars, listDays, saveDay, deleteDay, yearsStatus, invalidate: () => cache.clear() };
}

export type CalendarsService = ReturnType<typeof createCalendarsService>;

/**
 * Working-time calendars in the application database: the default calendar and agencies' own (office hours,
 * weekly rest days), and the dated exceptions (days off, extra working days), national or per calendar.
 */
import type { DbOrTx } from '../db/db.ts';
import type { CalendarDayBasis, CalendarDayKind } from '../sla/holidays.ts';
import type { IsoDate } from '../time/vietnam-time.ts';

export interface Calendar {
  id: string;
  orgUnitId: string | null;
  name: string;
  officeHours: { start: string; end: string }[];
  weekendDays: number[];
  updatedAt: Date;
}

export interface CalendarDayRow {
  id: string;
  /** null: the national table */
  calendarId: string | null;
  date: IsoDate;
  kind: CalendarDayKind;
  name: string;
  basis: CalendarDayBasis;
}

interface DbCalendarRow {
  id: string;
  org_unit_id: string | null;
  name: string;
  office_hours: { start: string; end: string }[];
  weekend_days: number[];
  updated_at: Date;
}

interface DbCalendarDayRow {
  id: string;
  calendar_id: string | null;
  date: string;
  kind: CalendarDayKind;
  name: string;
  basis: CalendarDayBasis;
}

const toCalendar = (r: DbCalendarRow): Calendar => ({
  id: r.id,
  orgUnitId: r.org_unit_id,
  name: r.name,
  officeHours: r.office_hours,
  weekendDays: r.weekend_days,
  updatedAt: r.updated_at,
});
const toDay = (r: DbCalendarDayRow): CalendarDayRow => ({ id: r.id, calendarId: r.calendar_id, date: r.date, kind: r.kind, name: r.name, basis: r.basis });

/** The calendar of a unit: its own, else the nearest ancestor's, else the default. */
export async function findCalendarForUnit({ db, orgUnitId }: { db: DbOrTx; orgUnitId: string }): Promise<Calendar> {
  const { rows } = await db.raw<{ rows: DbCalendarRow[] }>(
    `with recursive up (id, parent_id, depth) as (
       select id, parent_id, 0 from org_units where id = ?
       union all
       select o.id, o.parent_id, up.depth + 1 from org_units o join up on o.id = up.parent_id
     )
     select c.* from calendars c left join up on up.id = c.org_unit_id
     where c.org_unit_id is null or up.id is not null
     order by (c.org_unit_id is null), up.depth
     limit 1`,
    [orgUnitId],
  );
  if (!rows[0]) throw new Error('no default working-time calendar (migrations not run?)');
  return toCalendar(rows[0]);
}

export async function findCalendar({ db, id }: { db: DbOrTx; id: string }): Promise<Calendar | undefined> {
  const row = await db<DbCalendarRow>('calendars').where({ id }).first();
  return row && toCalendar(row);
}

export async function listCalendars({ db }: { db: DbOrTx }): Promise<Calendar[]> {
  return (await db<DbCalendarRow>('calendars').orderByRaw('org_unit_id is not null, name')).map(toCalendar);
}

/** Creates an agency's calendar or replaces its hours; the default calendar is the one without unit. */
export async function upsertCalendar({ db, calendar }: { db: DbOrTx; calendar: Omit<Calendar, 'id' | 'updatedAt'> }): Promise<Calendar> {
  const values = {
    org_unit_id: calendar.orgUnitId,
    name: calendar.name,
    office_hours: JSON.stringify(calendar.officeHours),
    weekend_days: JSON.stringify(calendar.weekendDays),
    updated_at: db.fn.now(),
  };
  const existing = calendar.orgUnitId
    ? await db<DbCalendarRow>('calendars').where({ org_unit_id: calendar.orgUnitId }).first()
    : await db<DbCalendarRow>('calendars').whereNull('org_unit_id').first();
  const [row] = existing ? await db('calendars').where({ id: existing.id }).update(values).returning('*') : await db('calendars').insert(values).returning('*');
  return toCalendar(row as DbCalendarRow);
}

/** The exceptions that apply to a calendar between two dates: national rows, overridden by the calendar's own. */
export async function listEffectiveDays({
  db,
  calendarId,
  from,
  to,
}: {
  db: DbOrTx;
  calendarId: string;
  from?: IsoDate;
  to?: IsoDate;
}): Promise<CalendarDayRow[]> {
  const q = db<DbCalendarDayRow>('calendar_days').where((w) => w.whereNull('calendar_id').orWhere({ calendar_id: calendarId }));
  if (from) q.where('date', '>=', from);
  if (to) q.where('date', '<=', to);
  const byDate = new Map<string, CalendarDayRow>();
  for (const r of (await q.orderBy('date')).map(toDay)) {
    const seen = byDate.get(r.date);
    if (!seen || r.calendarId) byDate.set(r.date, r);
  }
  return [...byDate.values()];
}

/** The rows of one table (national when calendarId is null) in a date range, as administrators edit them. */
export async function listDays({ db, calendarId, from, to }: { db: DbOrTx; calendarId: string | null; from: IsoDate; to: IsoDate }): Promise<CalendarDayRow[]> {
  const q = db<DbCalendarDayRow>('calendar_days').whereBetween('date', [from, to]);
  if (calendarId) q.where({ calendar_id: calendarId });
  else q.whereNull('calendar_id');
  return (await q.orderBy('date')).map(toDay);
}

/** Sets what a date is in one table, replacing an earlier row of that date. */
export async function upsertDay({ db, day }: { db: DbOrTx; day: Omit<CalendarDayRow, 'id'> }): Promise<CalendarDayRow> {
  const target = day.calendarId ? '(calendar_id, date) where calendar_id is not null' : '(date) where calendar_id is null';
  const { rows } = await db.raw<{ rows: DbCalendarDayRow[] }>(
    `insert into calendar_days (calendar_id, date, kind, name, basis) values (?, ?, ?, ?, ?)
     on conflict ${target} do update set kind = excluded.kind, name = excluded.name, basis = excluded.basis, updated_at = now()
     returning *`,
    [day.calendarId, day.date, day.kind, day.name, day.basis],
  );
  return toDay(rows[0]!);
}

/** @returns whether a row was deleted */
export async function deleteDay({ db, id }: { db: DbOrTx; id: string }): Promise<boolean> {
  return (await db('calendar_days').where({ id }).delete()) > 0;
}

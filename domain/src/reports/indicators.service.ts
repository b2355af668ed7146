/**
 * The indicators of a unit (and its subtree) for a period, for its leaders and auditors: the QĐ 766 groups and
 * the TT 01/2018 index with its total of 18 and grade; the dossiers behind a share; the points a unit's leader
 * enters for what motcua cannot know; the bands an administrator sets; units ranked by their index (within a
 * reader's region, and for the portal all units, counts only).
 */
import type { Account } from '../accounts/accounts.repository.ts';
import { recordChange } from '../audit/admin-audit.repository.ts';
import type { Db } from '../db/db.ts';
import { InputError, NotAllowedError, msg, type Message } from '../errors/errors.ts';
import { listOrgUnits } from '../org-units/org-units.repository.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import type { IsoDate } from '../time/vietnam-time.ts';
import { periodMoments } from './form06.ts';
import { factDossiers, factParts, loadCatalogue, procedureFacts, sumFacts, unitFacts, type FactBase } from './indicator-facts.ts';
import { indicators766, type IndicatorGroup } from './indicators-766.ts';
import {
  COMPUTED_CODES,
  DEFAULT_INDICATOR_BANDS,
  ENTERED_CODES,
  TT01_NAMES,
  bandProblems,
  gradeNames,
  indexTt01,
  type ComputedCode,
  type EnteredCode,
  type Entry,
  type Grade,
  type IndicatorBands,
  type Tt01Index,
} from './index-tt01.ts';
import type { ReportsService } from './reports.service.ts';

/** The TT 01/2018 bands in force, with what names them and who set them. */
export interface BandsInForce {
  version: number;
  bands: IndicatorBands;
  setAt: Date | null;
  setBy: string | null;
  names: Record<ComputedCode, Message>;
  gradeNames: Record<Grade, Message>;
}

export interface IndicatorQuery {
  from: IsoDate;
  to: IsoDate;
  unitId?: string;
}

export interface IndicatorReport {
  query: { from: IsoDate; to: IsoDate; unitId: string };
  unit: { id: string; name: string };
  qd766: IndicatorGroup[];
  tt01: Tt01Index;
  bandsVersion: number;
  /** the reader is a leader of the unit: they may enter its points */
  canEnter: boolean;
}

export interface RankedUnit {
  rank: number;
  id: string;
  name: string;
  total: number;
  grade: Grade;
  gradeName: Message;
}

interface DbEntryRow {
  org_unit_id: string;
  code: EnteredCode;
  points: 0 | 1 | 2;
  note: string | null;
  entered_at: Date;
  full_name: string | null;
}

export function createIndicatorsService({ db, reports, clock = systemClock }: { db: Db; reports: ReportsService; clock?: Clock }) {
  async function currentBands(): Promise<{ version: number; bands: IndicatorBands }> {
    const row = (await db('indicator_bands').orderBy('version', 'desc').first('version', 'bands')) as { version: number; bands: IndicatorBands } | undefined;
    return row ?? { version: 0, bands: DEFAULT_INDICATOR_BANDS };
  }

  async function entriesOf(unitIds: string[], q: { from: IsoDate; to: IsoDate }): Promise<Map<string, Partial<Record<EnteredCode, Entry>>>> {
    const rows = (await db('unit_indicator_entries as e')
      .leftJoin('accounts as a', 'a.id', 'e.entered_by')
      .whereIn('e.org_unit_id', unitIds)
      .where({ 'e.period_from': q.from, 'e.period_to': q.to })
      .select('e.org_unit_id', 'e.code', 'e.points', 'e.note', 'e.entered_at', 'a.full_name')) as DbEntryRow[];
    const out = new Map<string, Partial<Record<EnteredCode, Entry>>>();
    for (const r of rows) {
      const m = out.get(r.org_unit_id) ?? {};
      m[r.code] = { points: r.points, note: r.note, enteredBy: r.full_name ?? '', enteredAt: r.entered_at };
      out.set(r.org_unit_id, m);
    }
    return out;
  }

  /**
   * The QĐ 766 groups and the TT 01/2018 index of a unit and its subtree for a period (the unit's own entries).
   * @throws NotAllowedError `reports_not_allowed`, `org_unit_outside_scope`; InputError `period_invalid`
   */
  async function report(actor: Account, q: IndicatorQuery): Promise<IndicatorReport> {
    reports.checkPeriod(q);
    const { unitId, unitIds } = await reports.scope(actor, q.unitId);
    const { start, end } = periodMoments(q, clock.now());
    const [facts, units, catalogue, bands, entries] = await Promise.all([
      unitFacts(db, { start, end, unitIds }),
      listOrgUnits({ db }),
      loadCatalogue(db),
      currentBands(),
      entriesOf([unitId], q),
    ]);
    const region = new Set(unitIds);
    const unit = units.find((u) => u.id === unitId)!;
    const fields = [...new Set(units.filter((u) => region.has(u.id)).flatMap((u) => u.fields))];
    const f = sumFacts([...facts.values()]);
    const p = procedureFacts(catalogue, fields);
    return {
      query: { from: q.from, to: q.to, unitId },
      unit: { id: unit.id, name: unit.name },
      qd766: indicators766(f, p),
      tt01: indexTt01(f, p, bands.bands, entries.get(unitId) ?? {}),
      bandsVersion: bands.version,
      canEnter: actor.role === 'leader' && actor.orgUnitId === unitId,
    };
  }

  /** The dossiers behind one half of a share (those that have the part, or those that lack it). */
  async function dossiers(actor: Account, q: IndicatorQuery, base: FactBase, part: string, match: boolean, page: { limit: number; offset: number }) {
    reports.checkPeriod(q);
    if (!Object.hasOwn(factParts[base], part))
      throw new InputError('indicator_part_invalid', msg('Chỉ số không có phần này.', 'No such part of an indicator.'));
    const { unitIds } = await reports.scope(actor, q.unitId);
    const { start, end } = periodMoments(q, clock.now());
    return factDossiers(db, { start, end, unitIds }, base, part as never, match, page);
  }

  /**
   * A leader of a unit enters its points for an indicator motcua cannot know, for a period (again: replaced),
   * recorded in the administration log.
   * @throws NotAllowedError `indicator_entry_not_allowed`; InputError `indicator_not_entered`, `indicator_points_invalid`, `period_invalid`
   */
  async function enter(
    actor: Account,
    e: { unitId: string; from: IsoDate; to: IsoDate; code: string; points: number; note?: string | null },
    ctx: { requestId?: string } = {},
  ): Promise<Entry> {
    if (actor.role !== 'leader' || actor.orgUnitId !== e.unitId)
      throw new NotAllowedError(
        'indicator_entry_not_allowed',
        msg('Chỉ lãnh đạo của đơn vị mới được tự đánh giá chỉ số của đơn vị.', 'Only a leader of the unit may enter its points.'),
      );
    reports.checkPeriod(e);
    if (!(ENTERED_CODES as readonly string[]).includes(e.code))
      throw new InputError(
        'indicator_not_entered',
        msg('Chỉ số này được tính từ dữ liệu, không tự đánh giá.', 'This indicator is computed from the data, not entered.'),
        [{ field: 'code', code: 'indicator_not_entered', message: msg('Chỉ số không do đơn vị tự đánh giá.', 'Not an indicator the unit enters.') }],
      );
    if (!Number.isInteger(e.points) || e.points < 0 || e.points > 2)
      throw new InputError('indicator_points_invalid', msg('Điểm phải là 0, 1 hoặc 2.', 'Points must be 0, 1 or 2.'), [
        { field: 'points', code: 'indicator_points_invalid', message: msg('Điểm phải là 0, 1 hoặc 2.', 'Points must be 0, 1 or 2.') },
      ]);
    const key = { org_unit_id: e.unitId, period_from: e.from, period_to: e.to, code: e.code };
    const at = clock.now();
    const note = e.note?.trim() || null;
    await db.transaction(async (tx) => {
      const before = await tx('unit_indicator_entries').where(key).forUpdate().first('points', 'note');
      await tx('unit_indicator_entries')
        .insert({ ...key, points: e.points, note, entered_by: actor.id, entered_at: at })
        .onConflict(['org_unit_id', 'period_from', 'period_to', 'code'])
        .merge(['points', 'note', 'entered_by', 'entered_at']);
      await recordChange({
        db: tx,
        change: {
          actor,
          entity: 'indicator_entry',
          entityId: e.unitId,
          action: 'indicator_entered',
          before: before ? { code: e.code, from: e.from, to: e.to, points: before.points, note: before.note } : null,
          after: { code: e.code, from: e.from, to: e.to, points: e.points, note },
          requestId: ctx.requestId,
        },
      });
    });
    return { points: e.points as 0 | 1 | 2, note, enteredBy: actor.fullName, enteredAt: at };
  }

  /**
   * The bands in force, for the page that shows and sets them: each computed indicator's name, the grades' names,
   * and when and by whom they were set (none for the seeded defaults).
   */
  async function bands(): Promise<BandsInForce> {
    const row = (await db('indicator_bands as b')
      .leftJoin('accounts as a', 'a.id', 'b.created_by')
      .orderBy('b.version', 'desc')
      .first('b.version', 'b.bands', 'b.created_at', 'a.full_name')) as
      { version: number; bands: IndicatorBands; created_at: Date; full_name: string | null } | undefined;
    return {
      version: row?.version ?? 0,
      bands: row?.bands ?? DEFAULT_INDICATOR_BANDS,
      setAt: row?.created_at ?? null,
      setBy: row?.full_name ?? null,
      names: Object.fromEntries(COMPUTED_CODES.map((c) => [c, TT01_NAMES[c]])) as Record<ComputedCode, Message>,
      gradeNames,
    };
  }

  /**
   * An administrator sets new bands: a new version, in force from now, recorded in the administration log.
   * @throws NotAllowedError `indicator_bands_not_allowed`; InputError `indicator_bands_invalid`
   */
  async function setBands(actor: Account, next: IndicatorBands, ctx: { requestId?: string } = {}): Promise<BandsInForce> {
    if (actor.role !== 'administrator')
      throw new NotAllowedError('indicator_bands_not_allowed', msg('Chỉ quản trị mới được đặt ngưỡng điểm.', 'Only an administrator sets the bands.'));
    const problems = bandProblems(next);
    if (problems.length)
      throw new InputError(
        'indicator_bands_invalid',
        msg('Ngưỡng điểm chưa hợp lệ.', 'The bands are not valid.'),
        problems.map((p) => ({ field: p.field, code: 'indicator_bands_invalid', message: p.message })),
      );
    await db.transaction(async (tx) => {
      await tx.raw(`select pg_advisory_xact_lock(hashtext('indicator_bands'))`);
      const last = (await tx('indicator_bands').orderBy('version', 'desc').first('version', 'bands')) as { version: number; bands: IndicatorBands } | undefined;
      const version = (last?.version ?? 0) + 1;
      const [row] = (await tx('indicator_bands')
        .insert({ version, bands: JSON.stringify(next), created_by: actor.id })
        .returning('id')) as { id: string }[];
      await recordChange({
        db: tx,
        change: {
          actor,
          entity: 'indicator_bands',
          entityId: row!.id,
          action: 'indicator_bands_set',
          before: last?.bands ?? null,
          after: next,
          requestId: ctx.requestId,
        },
      });
    });
    return bands();
  }

  /** Units ranked by their own index (their own dossiers, fields and entries) in a period: highest total first, then by name. */
  async function rank(unitIds: string[], q: { from: IsoDate; to: IsoDate }): Promise<RankedUnit[]> {
    const { start, end } = periodMoments(q, clock.now());
    const [facts, units, catalogue, b, entries] = await Promise.all([
      unitFacts(db, { start, end, unitIds }),
      listOrgUnits({ db }),
      loadCatalogue(db),
      currentBands(),
      entriesOf(unitIds, q),
    ]);
    const byId = new Map(units.map((u) => [u.id, u]));
    return [...facts.entries()]
      .filter(([id, f]) => byId.has(id) && (f.decided || f.received))
      .map(([id, f]) => {
        const u = byId.get(id)!;
        const index = indexTt01(f, procedureFacts(catalogue, u.fields), b.bands, entries.get(id) ?? {});
        return { id, name: u.name, total: index.total, grade: index.grade, gradeName: index.gradeName };
      })
      .sort((a, c) => c.total - a.total || a.name.localeCompare(c.name, 'vi'))
      .map((u, i) => ({ rank: i + 1, ...u }));
  }

  /** The units of a reader's region (under the unit asked for), ranked by their index for a period. */
  async function ranking(actor: Account, q: IndicatorQuery): Promise<{ query: IndicatorQuery & { unitId: string }; units: RankedUnit[] }> {
    reports.checkPeriod(q);
    const { unitId, unitIds } = await reports.scope(actor, q.unitId);
    return { query: { from: q.from, to: q.to, unitId }, units: await rank(unitIds, q) };
  }

  /** Every active unit ranked by its index for a period: what the portal publishes (names and points only). */
  async function publicRanking(q: { from: IsoDate; to: IsoDate }): Promise<RankedUnit[]> {
    const units = (await listOrgUnits({ db })).filter((u) => !u.deactivatedAt);
    return rank(
      units.map((u) => u.id),
      q,
    );
  }

  return { report, dossiers, enter, bands, setBands, ranking, publicRanking };
}

export type IndicatorsService = ReturnType<typeof createIndicatorsService>;

export type { Tt01Index };

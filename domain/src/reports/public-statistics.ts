/**
 * The portal's public statistics (DOMAIN.md §6–§7): per receiving unit, for the current year and month, the
 * dossiers received and finished, the share finished on time (early or on the due date), and the share of
 * ratings satisfied (Hài lòng or Rất hài lòng); units ranked by satisfaction. Counts only: no dossier, name or
 * comment leaves through here. Computed at most once a few minutes, whatever the traffic.
 */
import type { Db } from '../db/db.ts';
import { listOrgUnits } from '../org-units/org-units.repository.ts';
import { fromCounts, monthOf } from './dossier-counts.ts';
import { nextDate, vnDate, vnMoment, type IsoDate } from '../time/vietnam-time.ts';
import type { RankedUnit } from './indicators.service.ts';

export interface PeriodFigures {
  received: number;
  finished: number;
  onTime: number;
  /** on time / finished, 0..1; null when nothing finished */
  onTimeRate: number | null;
  ratings: number;
  satisfied: number;
  /** satisfied / ratings, 0..1; null without ratings */
  satisfactionRate: number | null;
}

export interface PublicStatistics {
  year: number;
  month: number;
  /** when the figures were computed */
  at: Date;
  units: { id: string; name: string; agencyCode: string; year: PeriodFigures; month: PeriodFigures }[];
  /** the units with ratings this year, most satisfied first (ties: more ratings first) */
  ranking: { id: string; name: string; rank: number; satisfactionRate: number; ratings: number }[];
  /** the units ranked by their TT 01/2018 index (of 18) for this year, highest first */
  indexRanking: RankedUnit[];
}

const rate = (n: number, of: number) => (of ? n / of : null);

export function createPublicStatistics({
  db,
  cacheMs = 5 * 60_000,
  indexRanking,
}: {
  db: Db;
  cacheMs?: number;
  /** the units ranked by their TT 01/2018 index for a period */
  indexRanking?: (q: { from: IsoDate; to: IsoDate }) => Promise<RankedUnit[]>;
}) {
  let cached: { at: number; stats: Promise<PublicStatistics> } | undefined;

  async function compute(now: Date): Promise<PublicStatistics> {
    const today = vnDate(now);
    const year = Number(today.slice(0, 4));
    const month = Number(today.slice(5, 7));
    const ys = vnMoment(`${year}-01-01`);
    const ms = vnMoment(`${today.slice(0, 7)}-01`);
    const end = vnMoment(nextDate(today));
    const b = { ys, ms, end };
    // from the dossiers' counts by month (dossier-counts.ts): every month up to now is whole so far, none is cut
    const [ym, mm] = [`${year}-01-01`, monthOf(today)];
    const counted = await fromCounts<Record<string, string>>(db, (counts) =>
      counts
        .where((w) => w.where('c.received_month', '>=', ym).orWhere((x) => x.where('c.decided_month', '>=', ym).whereNot('c.decided_month', 'infinity')))
        .groupBy('c.org_unit_id')
        .select(
          'c.org_unit_id',
          ...(
            [
              ['received_y', 'c.received_month >= :ym'],
              ['received_m', 'c.received_month >= :mm'],
              ['finished_y', "c.decided_month >= :ym and c.decided_month <> 'infinity'"],
              ['finished_m', "c.decided_month >= :mm and c.decided_month <> 'infinity'"],
              ['on_time_y', "c.decided_month >= :ym and c.decided_month <> 'infinity' and c.outcome in ('early', 'on_time')"],
              ['on_time_m', "c.decided_month >= :mm and c.decided_month <> 'infinity' and c.outcome in ('early', 'on_time')"],
            ] as const
          ).map(([name, when]) => db.raw(`coalesce(sum(c.n) filter (where ${when}), 0) as ${name}`, { ym, mm })),
        ),
    );
    // (the folded counts and the changes not yet folded, summed by unit)
    const byUnit = new Map<string, Record<string, string>>();
    for (const r of counted) {
      const sum = byUnit.get(r.org_unit_id!);
      if (!sum) byUnit.set(r.org_unit_id!, { ...r });
      else for (const [k, v] of Object.entries(r)) if (k !== 'org_unit_id') sum[k] = String(Number(sum[k]) + Number(v));
    }
    const dossierFigures = [...byUnit.values()];
    const ratingFigures = (await db('dossier_ratings as r')
      .where('r.rated_at', '>=', ys)
      .groupBy('r.org_unit_id')
      .select(
        'r.org_unit_id',
        db.raw('count(*) filter (where r.rated_at < :end) as ratings_y', b),
        db.raw('count(*) filter (where r.rated_at >= :ms and r.rated_at < :end) as ratings_m', b),
        db.raw('count(*) filter (where r.rated_at < :end and r.overall >= 2) as satisfied_y', b),
        db.raw('count(*) filter (where r.rated_at >= :ms and r.rated_at < :end and r.overall >= 2) as satisfied_m', b),
      )) as Record<string, string>[];
    const units = (await listOrgUnits({ db })).filter((u) => !u.deactivatedAt);
    const figures = (d: Record<string, string> | undefined, r: Record<string, string> | undefined, p: 'y' | 'm'): PeriodFigures => {
      const n = (row: Record<string, string> | undefined, k: string) => Number(row?.[`${k}_${p}`] ?? 0);
      const [received, finished, onTime, ratings, satisfied] = [n(d, 'received'), n(d, 'finished'), n(d, 'on_time'), n(r, 'ratings'), n(r, 'satisfied')];
      return { received, finished, onTime, onTimeRate: rate(onTime, finished), ratings, satisfied, satisfactionRate: rate(satisfied, ratings) };
    };
    const rows = units
      .map((u) => {
        const d = dossierFigures.find((x) => x.org_unit_id === u.id);
        const r = ratingFigures.find((x) => x.org_unit_id === u.id);
        return { id: u.id, name: u.name, agencyCode: u.agencyCode, year: figures(d, r, 'y'), month: figures(d, r, 'm') };
      })
      .filter((u) => u.year.received || u.year.finished || u.year.ratings)
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const rated = rows
      .filter((u) => u.year.ratings)
      .sort((a, b) => b.year.satisfactionRate! - a.year.satisfactionRate! || b.year.ratings - a.year.ratings || a.name.localeCompare(b.name, 'vi'));
    return {
      year,
      month,
      at: now,
      units: rows,
      ranking: rated.map((u, i) => ({ id: u.id, name: u.name, rank: i + 1, satisfactionRate: u.year.satisfactionRate!, ratings: u.year.ratings })),
      indexRanking: indexRanking ? await indexRanking({ from: `${year}-01-01`, to: `${year}-12-31` }) : [],
    };
  }

  /** The figures, computed again when older than the cache's length. */
  function get(now = new Date()): Promise<PublicStatistics> {
    if (!cached || now.getTime() - cached.at > cacheMs) {
      const stats = compute(now);
      cached = { at: now.getTime(), stats };
      stats.catch(() => (cached = undefined));
    }
    return cached.stats;
  }

  /** Forgets the figures: the next reader gets them computed afresh. */
  const invalidate = () => void (cached = undefined);

  return { get, compute, invalidate };
}

export type PublicStatisticsService = ReturnType<typeof createPublicStatistics>;

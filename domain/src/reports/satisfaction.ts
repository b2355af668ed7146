/**
 * Citizens' satisfaction in a period (DOMAIN.md §7): the ratings given in it to the dossiers of some units,
 * counted by level (3 Rất hài lòng, 2 Hài lòng, 1 Không hài lòng) per unit, procedure, step and officer, with
 * the share satisfied (levels 2 and 3), and the comments.
 */
import type { Knex } from 'knex';

export interface LevelCounts {
  ratings: number;
  verySatisfied: number;
  satisfied: number;
  notSatisfied: number;
  /** (very satisfied + satisfied) / ratings, 0..1; null without ratings */
  satisfactionRate: number | null;
}

export interface SatisfactionReport {
  overall: LevelCounts;
  byUnit: ({ unitId: string; unitName: string } & LevelCounts)[];
  byProcedure: ({ code: string; name: string } & LevelCounts)[];
  byStep: ({ step: string; stepName: string } & LevelCounts)[];
  byOfficer: ({ officerId: string; officerName: string } & LevelCounts)[];
  comments: { ratedAt: Date; level: number; comment: string; dossierId: string; dossierCode: string | null; procedureName: string; unitName: string }[];
}

const levels = (level: string) => ({
  ratings: 'count(*)',
  verySatisfied: `count(*) filter (where ${level} = 3)`,
  satisfied: `count(*) filter (where ${level} = 2)`,
  notSatisfied: `count(*) filter (where ${level} = 1)`,
});

const toCounts = (r: Record<string, string | number>): LevelCounts => {
  const [ratings, verySatisfied, satisfied, notSatisfied] = ['ratings', 'very_satisfied', 'satisfied', 'not_satisfied'].map((k) => Number(r[k] ?? 0)) as [
    number,
    number,
    number,
    number,
  ];
  return { ratings, verySatisfied, satisfied, notSatisfied, satisfactionRate: ratings ? (verySatisfied + satisfied) / ratings : null };
};

const byRate = <T extends LevelCounts>(a: T, b: T) => (b.satisfactionRate ?? -1) - (a.satisfactionRate ?? -1) || b.ratings - a.ratings;

export async function satisfactionReport(db: Knex, f: { start: Date; end: Date; unitIds: string[] }): Promise<SatisfactionReport> {
  const empty: SatisfactionReport = { overall: toCounts({}), byUnit: [], byProcedure: [], byStep: [], byOfficer: [], comments: [] };
  if (!f.unitIds.length) return empty;
  // the units' own ratings (by their index), joined to their dossiers only where a dossier's data is needed
  const rated = () => db('dossier_ratings as r').whereIn('r.org_unit_id', f.unitIds).where('r.rated_at', '>=', f.start).where('r.rated_at', '<', f.end);
  const ratedDossiers = () => rated().join('dossiers as d', 'd.id', 'r.dossier_id');
  const counted = (level: string) => {
    const l = levels(level);
    return [
      db.raw(`${l.ratings} as ratings`),
      db.raw(`${l.verySatisfied} as very_satisfied`),
      db.raw(`${l.satisfied} as satisfied`),
      db.raw(`${l.notSatisfied} as not_satisfied`),
    ];
  };
  // the steps' ratings: one row per rated step of each rating
  const steps = () => rated().joinRaw('cross join lateral jsonb_array_elements(r.steps) as s(e)').whereRaw(`(s.e->>'level') is not null`);
  const stepLevel = `cast(s.e->>'level' as int)`;
  const [overall, units, procedures, bySteps, officers, comments] = await Promise.all([
    rated().first(...counted('r.overall')),
    rated()
      .join('org_units as u', 'u.id', 'r.org_unit_id')
      .groupBy('u.id', 'u.name')
      .select('u.id', 'u.name', ...counted('r.overall')),
    rated()
      .join('procedures as p', 'p.id', 'r.procedure_id')
      .groupBy('p.code', 'p.name')
      .select('p.code', 'p.name', ...counted('r.overall')),
    steps()
      .groupByRaw(`s.e->>'step', s.e->>'stepName'`)
      .select(db.raw(`s.e->>'step' as step`), db.raw(`s.e->>'stepName' as step_name`), ...counted(stepLevel)),
    steps()
      .whereRaw(`(s.e->>'officerId') is not null`)
      .joinRaw(`join accounts as a on a.id = cast(s.e->>'officerId' as uuid)`)
      .groupBy('a.id', 'a.full_name')
      .select('a.id', 'a.full_name', ...counted(stepLevel)),
    ratedDossiers()
      .whereNotNull('r.comment')
      .join('procedure_versions as v', 'v.id', 'd.procedure_version_id')
      .join('procedures as p', 'p.id', 'v.procedure_id')
      .join('org_units as u', 'u.id', 'r.org_unit_id')
      .orderBy('r.rated_at', 'desc')
      .limit(200)
      .select('r.rated_at', 'r.overall', 'r.comment', 'd.id as dossier_id', 'd.code', 'p.name as procedure_name', 'u.name as unit_name'),
  ]);
  return {
    overall: toCounts(overall ?? {}),
    byUnit: units.map((r: Record<string, string>) => ({ unitId: r.id!, unitName: r.name!, ...toCounts(r) })).sort(byRate),
    byProcedure: procedures.map((r: Record<string, string>) => ({ code: r.code!, name: r.name!, ...toCounts(r) })).sort(byRate),
    byStep: bySteps.map((r: Record<string, string>) => ({ step: r.step!, stepName: r.step_name ?? r.step!, ...toCounts(r) })).sort(byRate),
    byOfficer: officers.map((r: Record<string, string>) => ({ officerId: r.id!, officerName: r.full_name!, ...toCounts(r) })).sort(byRate),
    comments: (
      comments as { rated_at: Date; overall: number; comment: string; dossier_id: string; code: string | null; procedure_name: string; unit_name: string }[]
    ).map((r) => ({
      ratedAt: r.rated_at,
      level: r.overall,
      comment: r.comment,
      dossierId: r.dossier_id,
      dossierCode: r.code,
      procedureName: r.procedure_name,
      unitName: r.unit_name,
    })),
  };
}

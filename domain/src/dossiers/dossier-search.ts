/**
 * The workspace's text search over dossiers, in the database: every word of the query (folded, so with or
 * without diacritics) must occur in the dossier code, the tracking reference, the applicant's name or the
 * procedure (its code or name); a whole code or reference finds its dossier at once. Used by the inbox and the
 * unit's list alike.
 */
import type { Knex } from 'knex';
import type { Db } from '../db/db.ts';
import { foldVietnamese } from '../text/search.ts';

const likeEscaped = (w: string) => w.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Narrows `query` (dossiers as `d`, their applicants' accounts as `a`, procedures as `p`) to the dossiers
 * matching every word of `text`. Procedure names are few: they are folded here, not stored folded.
 */
export async function whereDossierMatches(db: Db, query: Knex.QueryBuilder, text: string): Promise<void> {
  // a whole dossier code or tracking reference (what an auditor or an officer most often types) names one
  // dossier: found by its unique index, rather than by looking for the words in millions of dossiers
  const key = text.trim();
  if (/^[\w.-]{6,40}$/.test(key)) {
    const keys = [...new Set([key, key.toUpperCase()])];
    const exact = (await db('dossiers').whereIn('code', keys).orWhereIn('reference', keys).first('id')) as { id: string } | undefined;
    if (exact) {
      query.where('d.id', exact.id);
      return;
    }
  }
  const words = foldVietnamese(text).split(' ').filter(Boolean);
  if (!words.length) return;
  const procedures = (await db('procedures').select('id', 'code', 'name')) as { id: string; code: string; name: string }[];
  for (const w of words) {
    const like = `%${likeEscaped(w)}%`;
    const byProcedure = procedures.filter((p) => foldVietnamese(`${p.code} ${p.name}`).includes(w)).map((p) => p.id);
    query.where((q) => {
      q.whereRaw('lower(d.code) like ?', [like]).orWhereRaw('lower(d.reference) like ?', [like]).orWhere('a.search_name', 'like', like);
      if (byProcedure.length) q.orWhereIn('p.id', byProcedure);
    });
  }
}

/**
 * The ids of the dossiers these units received or were handed a step of (liên thông; once the step was
 * reached, unless `reachedOnly` is false: the inbox, whose tasks the engine gives anyway), as a subquery: two
 * indexed look-ups joined by UNION, rather than an OR the planner cannot index.
 */
export function dossiersOfUnits(db: Db, units: string[], { reachedOnly = true }: { reachedOnly?: boolean } = {}): Knex.QueryBuilder {
  return db('dossiers')
    .whereIn('org_unit_id', units)
    .select('id')
    .union((u) => {
      u.from('dossier_step_units').whereIn('org_unit_id', units).select('dossier_id');
      if (reachedOnly) u.whereNotNull('reached_at');
    });
}

/**
 * The ids of the dossiers an officer handled a step of (received it, claimed or decided a step), as a subquery
 * on the timeline's index of step events by actor (dossier_events_step_actor).
 */
export function stepsHandledBy(db: Db, officerId: string): Knex.QueryBuilder {
  return db('dossier_events').where('actor_id', officerId).whereNotNull('step').distinct('dossier_id');
}

/**
 * The counts the indicators of QĐ 766 and TT 01/2018 are computed from, per unit and period, read from what
 * motcua holds: dossiers (decided and received in the period, their channel, outcome and return), the requests
 * to supplement on their timelines, the steps each unit held (dossier_step_units) and the steps flagged late
 * (dossier_sla_flags), the ratings, attachments and signed results, and the catalogue. Every dossier count is a
 * count under one of the predicates below, so a count and the dossiers it drills down to come from the same words.
 */
import type { Knex } from 'knex';

/** The dossiers a share counts: decided in the period, received in it, or rated in it. */
export const factBases = {
  decided: 'd.decided_at >= :start and d.decided_at < :end',
  received: 'd.received_at >= :start and d.received_at < :end',
  rated: 'exists (select 1 from dossier_ratings r where r.dossier_id = d.id and r.rated_at >= :start and r.rated_at < :end)',
} as const;
export type FactBase = keyof typeof factBases;

const supplements = `(select count(*) from dossier_events e where e.dossier_id = d.id and e.data->>'decision' = 'supplement')`;

/** The parts of a base each share counts (SQL over a dossier `d`). */
export const factParts = {
  decided: {
    on_time: "d.outcome in ('early', 'on_time')",
    no_supplement: `${supplements} = 0`,
    one_supplement: `${supplements} = 1`,
    more_supplements: `${supplements} > 1`,
    returned: 'd.returned_at is not null',
    e_result: "exists (select 1 from dossier_documents x where x.dossier_id = d.id and x.kind = 'result' and x.signed)",
  },
  received: {
    online: 'd.channel = 2',
    digitised: 'exists (select 1 from dossier_attachments a where a.dossier_id = d.id)',
  },
  rated: {
    satisfied: 'exists (select 1 from dossier_ratings r where r.dossier_id = d.id and r.overall >= 2)',
  },
} as const;
export type FactPart<B extends FactBase = FactBase> = keyof (typeof factParts)[B];

/** The counts of one unit (its own dossiers and steps) in a period. */
export interface UnitFacts {
  decided: number;
  onTime: number;
  noSupplement: number;
  oneSupplement: number;
  moreSupplements: number;
  returned: number;
  eResult: number;
  received: number;
  online: number;
  digitised: number;
  ratings: number;
  satisfied: number;
  /** officers' ratings given step by step, and those Hài lòng or Rất hài lòng */
  stepRatings: number;
  stepSatisfied: number;
  /** (dossier, unit) pairs: dossiers decided in the period in which the unit held a step, and those where no step of it went late */
  handlings: number;
  handlingsWithin: number;
}

/** The catalogue seen by a unit: the procedures of its fields, those published, those offered online. */
export interface ProcedureFacts {
  procedures: number;
  published: number;
  online: number;
  /** the procedures counted and not published, not online (names, for the evidence) */
  unpublished: string[];
  offline: string[];
}

const zeroFacts = (): UnitFacts => ({
  decided: 0,
  onTime: 0,
  noSupplement: 0,
  oneSupplement: 0,
  moreSupplements: 0,
  returned: 0,
  eResult: 0,
  received: 0,
  online: 0,
  digitised: 0,
  ratings: 0,
  satisfied: 0,
  stepRatings: 0,
  stepSatisfied: 0,
  handlings: 0,
  handlingsWithin: 0,
});

/** The counts of several units added up (a unit and its subtree). */
export function sumFacts(list: UnitFacts[]): UnitFacts {
  const total = zeroFacts();
  for (const f of list) for (const k of Object.keys(total) as (keyof UnitFacts)[]) total[k] += f[k];
  return total;
}

/** Each unit's own counts in the period [start, end), for the units named. */
export async function unitFacts(db: Knex, f: { start: Date; end: Date; unitIds: string[] }): Promise<Map<string, UnitFacts>> {
  const out = new Map<string, UnitFacts>();
  if (!f.unitIds.length) return out;
  const b = { start: f.start, end: f.end };
  const counted = <B extends FactBase>(base: B, names: Record<FactPart<B>, string>) =>
    (Object.entries(factParts[base]) as [FactPart<B>, string][]).map(([part, sql]) => db.raw(`count(*) filter (where ${sql}) as ${names[part]}`));
  const units = db.raw('?::uuid[]', [f.unitIds]);
  const [decided, received, rated, steps, handled] = await Promise.all([
    db('dossiers as d')
      .whereRaw(factBases.decided, b)
      .whereRaw('d.org_unit_id = any(?)', [units])
      .groupBy('d.org_unit_id')
      .select(
        'd.org_unit_id',
        db.raw('count(*) as decided'),
        ...counted('decided', {
          on_time: 'on_time',
          no_supplement: 'no_supplement',
          one_supplement: 'one_supplement',
          more_supplements: 'more_supplements',
          returned: 'returned',
          e_result: 'e_result',
        }),
      ),
    db('dossiers as d')
      .whereRaw(factBases.received, b)
      .whereRaw('d.org_unit_id = any(?)', [units])
      .groupBy('d.org_unit_id')
      .select('d.org_unit_id', db.raw('count(*) as received'), ...counted('received', { online: 'online', digitised: 'digitised' })),
    db('dossier_ratings as r')
      .join('dossiers as d', 'd.id', 'r.dossier_id')
      .where('r.rated_at', '>=', f.start)
      .where('r.rated_at', '<', f.end)
      .whereRaw('d.org_unit_id = any(?)', [units])
      .groupBy('d.org_unit_id')
      .select('d.org_unit_id', db.raw('count(*) as ratings'), db.raw('count(*) filter (where r.overall >= 2) as satisfied')),
    db('dossier_ratings as r')
      .join('dossiers as d', 'd.id', 'r.dossier_id')
      .joinRaw('cross join lateral jsonb_array_elements(r.steps) as s(e)')
      .whereRaw(`(s.e->>'level') is not null`)
      .where('r.rated_at', '>=', f.start)
      .where('r.rated_at', '<', f.end)
      .whereRaw('d.org_unit_id = any(?)', [units])
      .groupBy('d.org_unit_id')
      .select('d.org_unit_id', db.raw('count(*) as step_ratings'), db.raw(`count(*) filter (where cast(s.e->>'level' as int) >= 2) as step_satisfied`)),
    // each unit that held a step of a dossier decided in the period (the receiving unit holds the steps no other unit was given)
    db
      .with('h', (q) =>
        q
          .from('dossiers as d')
          .whereRaw(factBases.decided, b)
          .select('d.id', 'd.org_unit_id as receiver', 'd.org_unit_id as unit')
          .union((u) =>
            u
              .from('dossiers as d')
              .join('dossier_step_units as s', 's.dossier_id', 'd.id')
              .whereRaw(factBases.decided, b)
              .select('d.id', 'd.org_unit_id as receiver', 's.org_unit_id as unit'),
          ),
      )
      .from('h')
      .whereRaw('h.unit = any(?)', [units])
      .groupBy('h.unit')
      .select(
        db.raw('h.unit as org_unit_id'),
        db.raw('count(*) as handlings'),
        db.raw(
          `count(*) filter (where not exists (
            select 1 from dossier_sla_flags fl left join dossier_step_units s2 on s2.dossier_id = fl.dossier_id and s2.step = fl.step
            where fl.dossier_id = h.id and fl.level = 'late' and coalesce(s2.org_unit_id, h.receiver) = h.unit)) as handlings_within`,
        ),
      ),
  ]);
  const of = (id: string) => {
    let x = out.get(id);
    if (!x) out.set(id, (x = zeroFacts()));
    return x;
  };
  const n = (v: unknown) => Number(v ?? 0);
  for (const r of decided as Record<string, string>[])
    Object.assign(of(r.org_unit_id!), {
      decided: n(r.decided),
      onTime: n(r.on_time),
      noSupplement: n(r.no_supplement),
      oneSupplement: n(r.one_supplement),
      moreSupplements: n(r.more_supplements),
      returned: n(r.returned),
      eResult: n(r.e_result),
    });
  for (const r of received as Record<string, string>[])
    Object.assign(of(r.org_unit_id!), { received: n(r.received), online: n(r.online), digitised: n(r.digitised) });
  for (const r of rated as Record<string, string>[]) Object.assign(of(r.org_unit_id!), { ratings: n(r.ratings), satisfied: n(r.satisfied) });
  for (const r of steps as Record<string, string>[]) Object.assign(of(r.org_unit_id!), { stepRatings: n(r.step_ratings), stepSatisfied: n(r.step_satisfied) });
  for (const r of handled as Record<string, string>[]) Object.assign(of(r.org_unit_id!), { handlings: n(r.handlings), handlingsWithin: n(r.handlings_within) });
  return out;
}

export interface CatalogueEntry {
  name: string;
  field: string;
  published: boolean;
  online: boolean;
}

/** The catalogue, each procedure with whether it is published on the portal and offered online. */
export async function loadCatalogue(db: Knex): Promise<CatalogueEntry[]> {
  return (await db('procedures as p')
    .orderBy('p.name')
    .select(
      'p.name',
      'p.field',
      db.raw(`exists (select 1 from procedure_versions v where v.procedure_id = p.id and v.status = 'published') as published`),
      db.raw(`coalesce(p.catalogue->'channels', '[]'::jsonb) @> '[{"kind": "online"}]'::jsonb as online`),
    )) as CatalogueEntry[];
}

/** The procedures of some fields (a unit's, or its subtree's): how many, published on the portal, offered online. */
export function procedureFacts(catalogue: CatalogueEntry[], fields: string[]): ProcedureFacts {
  const wanted = new Set(fields);
  const rows = catalogue.filter((r) => wanted.has(r.field));
  return {
    procedures: rows.length,
    published: rows.filter((r) => r.published).length,
    online: rows.filter((r) => r.published && r.online).length,
    unpublished: rows.filter((r) => !r.published).map((r) => r.name),
    offline: rows.filter((r) => r.published && !r.online).map((r) => r.name),
  };
}

export interface FactDossier {
  id: string;
  code: string | null;
  procedureName: string;
  receivedAt: Date | null;
  dueAt: Date | null;
  decidedAt: Date | null;
  outcome: string | null;
  channel: number;
}

/** The dossiers of a base (of some units, in a period) that have a part (match) or lack it, oldest reception first. */
export async function factDossiers<B extends FactBase>(
  db: Knex,
  f: { start: Date; end: Date; unitIds: string[] },
  base: B,
  part: FactPart<B>,
  match: boolean,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: FactDossier[] }> {
  if (!f.unitIds.length) return { total: 0, items: [] };
  const b = { start: f.start, end: f.end };
  const partSql = (factParts[base] as Record<string, string>)[part as string]!;
  const q = db('dossiers as d')
    .join('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .join('procedures as p', 'p.id', 'v.procedure_id')
    .whereRaw(factBases[base], b)
    .whereRaw('d.org_unit_id = any(?::uuid[])', [f.unitIds])
    .whereRaw(match ? `(${partSql})` : `not (${partSql})`);
  const n = ((await q.clone().count({ n: '*' })) as { n: string }[])[0]?.n ?? 0;
  const rows = (await q
    .select('d.id', 'd.code', 'p.name as procedure_name', 'd.received_at', 'd.due_at', 'd.decided_at', 'd.outcome', 'd.channel')
    .orderBy([{ column: 'd.received_at' }, { column: 'd.id' }])
    .limit(page.limit)
    .offset(page.offset)) as {
    id: string;
    code: string | null;
    procedure_name: string;
    received_at: Date | null;
    due_at: Date | null;
    decided_at: Date | null;
    outcome: string | null;
    channel: number;
  }[];
  return {
    total: Number(n),
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      procedureName: r.procedure_name,
      receivedAt: r.received_at,
      dueAt: r.due_at,
      decidedAt: r.decided_at,
      outcome: r.outcome,
      channel: r.channel,
    })),
  };
}

/**
 * The dossiers behind a figure of the leaders' dashboard (issue 14 §4), paged: a month's figure under the same
 * predicate that counts it (dashboard.ts), the late dossiers of a step or holder and an officer's held dossiers as
 * the engine tells them now (dashboard-now.ts); each with who holds its open steps.
 */
import type { Knex } from 'knex';
import type { Task } from '../engine/engine-types.ts';
import { monthPredicates, monthsOf, rangeDossiers, type DashboardBucket, type DashboardFilter } from './dashboard.ts';
import { heldDossiers, holdersOf, lateWithSteps, officerNames, openTasks, stepsOf, type Engine } from './dashboard-now.ts';

export interface DashboardDossier {
  id: string;
  code: string | null;
  reference: string;
  procedureCode: string;
  procedureName: string;
  unitName: string;
  receivedAt: Date;
  dueAt: Date | null;
  decidedAt: Date | null;
  endedAt: Date | null;
  outcome: string | null;
  status: number;
  /** the open steps and who holds each (null: nobody yet); empty when closed or nothing is open */
  holders: { step: string; stepName: string; officerId: string | null; officerName: string | null }[];
}

/**
 * The dossiers of one bucket, oldest reception first, paged; `total` is the bucket's figure.
 * @param engine asked for the late and workload buckets' membership and for the page's holders
 */
export async function dashboardDossiers(
  db: Knex,
  engine: Engine,
  f: DashboardFilter,
  bucket: DashboardBucket,
  page: { limit: number; offset: number },
  now: Date,
): Promise<{ items: DashboardDossier[]; total: number }> {
  if (!f.unitIds.length) return { items: [], total: 0 };
  let q: Knex.QueryBuilder;
  if (bucket.kind === 'month') {
    const m = monthsOf(bucket.month, bucket.month)[0]!;
    if (bucket.series === 'rated' || bucket.series === 'notSatisfied') {
      q = db('dossiers as d')
        .join('dossier_ratings as r', 'r.dossier_id', 'd.id')
        .whereIn('r.org_unit_id', f.unitIds)
        .where('r.rated_at', '>=', m.start)
        .where('r.rated_at', '<', m.end);
      if (bucket.series === 'notSatisfied') q.where('r.overall', 1);
    } else q = rangeDossiers(db, f).whereRaw(monthPredicates[bucket.series], { start: m.start, end: m.end });
  } else {
    let ids: string[];
    if (bucket.kind === 'workload') ids = [...((await heldDossiers(db, engine, f.unitIds)).get(bucket.officer) ?? [])];
    else {
      const late = await lateWithSteps(db, engine, f.unitIds, now);
      ids = late
        .filter((d) => (bucket.kind === 'lateStep' ? stepsOf(d.tasks).includes(bucket.step) : holdersOf(d.tasks).includes(bucket.officer)))
        .map((d) => d.id);
    }
    if (!ids.length) return { items: [], total: 0 };
    q = db('dossiers as d').whereIn('d.id', ids);
  }
  const n = ((await q.clone().count({ n: '*' })) as { n: string }[])[0]?.n ?? 0;
  const rows = (await q
    .join('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .join('procedures as p', 'p.id', 'v.procedure_id')
    .join('org_units as u', 'u.id', 'd.org_unit_id')
    .select(
      'd.id',
      'd.code',
      'd.reference',
      'p.code as procedure_code',
      'p.name as procedure_name',
      'u.name as unit_name',
      'd.received_at',
      'd.due_at',
      'd.decided_at',
      'd.ended_at',
      'd.outcome',
      'd.status',
      'd.process_instance_id',
    )
    .orderBy([{ column: 'd.received_at' }, { column: 'd.id' }])
    .limit(page.limit)
    .offset(page.offset)) as {
    id: string;
    code: string | null;
    reference: string;
    procedure_code: string;
    procedure_name: string;
    unit_name: string;
    received_at: Date;
    due_at: Date | null;
    decided_at: Date | null;
    ended_at: Date | null;
    outcome: string | null;
    status: number;
    process_instance_id: string | null;
  }[];
  // who holds the open ones now; without the engine, the list says nobody
  const open = rows.filter((r) => r.process_instance_id && !r.decided_at && !r.ended_at).map((r) => r.process_instance_id!);
  const tasks = await openTasks(engine, open).catch(() => new Map<string, Task[]>());
  const names = await officerNames(
    db,
    [...new Set([...tasks.values()].flat().map((t) => t.assignee))].filter((a): a is string => Boolean(a)),
  );
  return {
    total: Number(n),
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      reference: r.reference,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      unitName: r.unit_name,
      receivedAt: r.received_at,
      dueAt: r.due_at,
      decidedAt: r.decided_at,
      endedAt: r.ended_at,
      outcome: r.outcome,
      status: r.status,
      holders: (tasks.get(r.process_instance_id ?? '') ?? []).map((t) => ({
        step: t.taskDefinitionKey,
        stepName: t.name ?? t.taskDefinitionKey,
        officerId: t.assignee,
        officerName: t.assignee ? (names.get(t.assignee)?.name ?? null) : null,
      })),
    })),
  };
}

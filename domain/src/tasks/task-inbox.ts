/**
 * The officer's inbox: the query behind it (sorting, filters over the unit's dossiers) and the view of each
 * task (its step, SLA state on the holding unit's office hours, and its dossier).
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import { engineDate, type Task, type TaskQuery } from '../engine/engine.client.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import type { SlaState } from '../sla/deadlines.ts';
import type { SlaService } from '../sla/sla.service.ts';
import type { Clock } from '../time/clock.ts';
import { nextDate, vnMoment } from '../time/vietnam-time.ts';
import { dossiersOfUnits, whereDossierMatches } from '../dossiers/dossier-search.ts';
import { statusNames } from '../dossiers/dossier-status.ts';
import { noDossiers, toDossier, whereDossiersBy, type DbDossierRow, type Dossier, type DossiersBy } from '../dossiers/dossiers.repository.ts';
import { markReached } from '../org-units/step-units.ts';
import { taskSlaState } from './task-sla.ts';

export interface TaskView {
  id: string;
  name: string;
  stepKey: string;
  stepKind: string | undefined;
  created: string;
  due: string | null;
  /** when the step turns nearly late */
  warnAt: string | null;
  slaState: SlaState | null;
  /** working minutes left until the step's due time on the unit's calendar; negative when overdue */
  remainingWorkingMinutes: number | null;
  assignee: string | null;
  /** the officer holding the task, by name */
  assigneeName: string | null;
  assignedToMe: boolean;
  formId: string | null;
  dossier: {
    id: string;
    code: string | null;
    reference: string;
    procedureCode: string;
    procedureName: string;
    status: { code: number; name: { vi: string; en: string } };
    slaState: SlaState;
    submittedAt: Date;
    dueAt: Date | null;
    applicantName: string | null;
    /** how it came back to the unit: supplemented by the applicant, or sent back by the step after */
    marks: DossierMark[];
  } | null;
}

export type DossierMark = 'supplemented' | 'returned';

/** How a task list is ordered: by due time or by arrival, either way. */
export type TaskSort = 'due' | '-due' | 'created' | '-created';

/**
 * Whose tasks of the officer's candidate group (role in unit) the inbox lists: their own (`mine`), nobody's
 * yet (`unclaimed`), or all of them, held by anyone (`unit`); without it, their own and the unclaimed ones.
 */
export type TaskHolder = 'mine' | 'unclaimed' | 'unit';
export const TASK_HOLDERS: readonly TaskHolder[] = ['mine', 'unclaimed', 'unit'];

export interface TaskListQuery {
  limit: number;
  offset: number;
  holder?: TaskHolder;
  /** only tasks in this SLA state now */
  sla?: SlaState;
  sort?: TaskSort;
  /** words of the dossier code or reference, the applicant's name or the procedure (diacritics optional) */
  q?: string;
  /** procedure code */
  procedure?: string;
  /** dossier status */
  status?: number;
  /** dossiers submitted from / to (Vietnamese dates, inclusive) */
  from?: string;
  to?: string;
}

/** How many dossiers a filtered inbox looks at, at most (the engine gets their ids). */
export const FILTER_LIMIT = 5000;

export const sortings: Record<TaskSort, TaskQuery['sorting']> = {
  due: [
    { sortBy: 'dueDate', sortOrder: 'asc' },
    { sortBy: 'created', sortOrder: 'asc' },
  ],
  '-due': [
    { sortBy: 'dueDate', sortOrder: 'desc' },
    { sortBy: 'created', sortOrder: 'desc' },
  ],
  created: [{ sortBy: 'created', sortOrder: 'asc' }],
  '-created': [{ sortBy: 'created', sortOrder: 'desc' }],
};

interface ViewDeps {
  db: Db;
  procedures: ProceduresService;
  sla: Pick<SlaService, 'calendarOf'>;
  clock: Clock;
}

/** A listed task's dossier with what the inbox shows of it beside its row (`inboxDossiers`). */
export interface InboxDossier extends Dossier {
  applicantName: string | null;
  /** the SLA flags the engine's timers raised, per step */
  slaFlags: { step: string; level: string }[];
  marks: DossierMark[];
}

/**
 * The dossiers of listed tasks, by their process instances (or, not linked yet, by their ids), with their
 * applicant's name, their SLA flags and their marks, in one statement: an officer's screen asks for its inbox
 * every few seconds. The marks: supplemented (the applicant gave what was asked, at least once) and returned
 * (the last decision taken on it sent it back to the step before, where it waits now).
 */
export async function inboxDossiers(db: Db, by: DossiersBy): Promise<InboxDossier[]> {
  if (noDossiers(by)) return [];
  const q = db('dossiers as d')
    .leftJoin('accounts as a', 'a.id', 'd.applicant_id')
    .select(
      'd.*',
      'a.full_name as applicant_name',
      db.raw(
        `(select coalesce(json_agg(json_build_object('step', f.step, 'level', f.level)), '[]'::json) from dossier_sla_flags f where f.dossier_id = d.id) as sla_flags`,
      ),
      db.raw(`exists (select 1 from dossier_events e where e.dossier_id = d.id and e.type = 'supplement_provided') as supplemented`),
      db.raw(
        `(select e.data->>'decision' from dossier_events e where e.dossier_id = d.id and e.data->>'decision' is not null order by e.seq desc limit 1) as last_decision`,
      ),
    );
  const rows = (await whereDossiersBy(q, by, 'd')) as (DbDossierRow & {
    applicant_name: string | null;
    sla_flags: { step: string; level: string }[];
    supplemented: boolean;
    last_decision: string | null;
  })[];
  return rows.map((r) => ({
    ...toDossier(r),
    applicantName: r.applicant_name,
    slaFlags: r.sla_flags,
    marks: [...(r.supplemented ? (['supplemented'] as const) : []), ...(r.last_decision === 'sendBack' ? (['returned'] as const) : [])],
  }));
}

/** The views of tasks listed to `actor`, with their dossiers. */
export async function taskViews({ db, procedures, sla, clock }: ViewDeps, actor: Account, tasks: Task[], dossiers: InboxDossier[]): Promise<TaskView[]> {
  const byInstance = new Map(dossiers.map((d) => [d.processInstanceId!, d]));
  // the engine gives these steps to the officer's unit: a unit handed a step sees its dossier from now on
  const handed = tasks.flatMap((t) => {
    const d = byInstance.get(t.processInstanceId);
    return d && d.orgUnitId !== actor.orgUnitId ? [{ dossierId: d.id, step: t.taskDefinitionKey }] : [];
  });
  if (handed.length) {
    const unreached = (await db('dossier_step_units')
      .whereIn(
        'dossier_id',
        handed.map((h) => h.dossierId),
      )
      .whereNull('reached_at')
      .select('dossier_id', 'step')) as { dossier_id: string; step: string }[];
    for (const u of unreached) if (handed.some((h) => h.dossierId === u.dossier_id && h.step === u.step)) await markReached(db, u.dossier_id, [u.step]);
  }
  // who holds the tasks: the officer themself, or (the unit's list) colleagues, read by name
  const colleagues = [...new Set(tasks.flatMap((t) => (t.assignee && t.assignee !== actor.id ? [t.assignee] : [])))];
  const names = new Map<string, string>([
    [actor.id, actor.fullName],
    ...(colleagues.length
      ? ((await db('accounts').whereIn('id', colleagues).select('id', 'full_name')) as { id: string; full_name: string }[]).map(
          (a) => [a.id, a.full_name] as [string, string],
        )
      : []),
  ]);
  const now = clock.now();
  return Promise.all(
    tasks.map(async (t) => {
      const d = byInstance.get(t.processInstanceId);
      const loaded = d ? await procedures.loadVersion(d.procedureVersionId) : undefined;
      const step = loaded?.step(t.taskDefinitionKey);
      const stepFlags = d ? d.slaFlags.filter((f) => f.step === t.taskDefinitionKey).map((f) => f.level) : [];
      // the state now by the step's due and warn times; a flag the timers already raised counts too
      const due = engineDate(t.due);
      let state = taskSlaState(t, now);
      // on the office hours of the unit holding the step: the officer's
      const cal = d && due ? await sla.calendarOf(actor.orgUnitId ?? d.orgUnitId) : undefined;
      const remaining = cal && due ? (due > now ? cal.workingMinutesBetween(now, due) : -cal.workingMinutesBetween(due, now)) : null;
      if (stepFlags.includes('late')) state = 'late';
      else if (stepFlags.includes('nearly_late') && state === 'on_time') state = 'nearly_late';
      return {
        id: t.id,
        name: t.name ?? t.taskDefinitionKey,
        stepKey: t.taskDefinitionKey,
        stepKind: step?.kind,
        created: t.created,
        due: t.due,
        warnAt: t.followUp,
        slaState: state,
        remainingWorkingMinutes: remaining === null ? null : Math.round(remaining),
        assignee: t.assignee,
        assigneeName: t.assignee ? (names.get(t.assignee) ?? null) : null,
        assignedToMe: t.assignee === actor.id,
        formId: step?.formId ?? null,
        dossier:
          d && loaded
            ? {
                id: d.id,
                code: d.code,
                reference: d.reference,
                procedureCode: loaded.procedure.code,
                procedureName: loaded.procedure.name,
                status: { code: d.status, name: statusNames[d.status] },
                slaState: d.slaState,
                submittedAt: d.submittedAt,
                dueAt: d.dueAt,
                applicantName: d.applicantName,
                marks: d.marks,
              }
            : null,
      };
    }),
  );
}

/**
 * Ids of the officer's unit's open dossiers that match the inbox filters (the engine's business keys), the
 * latest FILTER_LIMIT of them; `truncated` when more matched.
 */
export async function matchingDossiers(db: Db, actor: Account, q: TaskListQuery): Promise<{ ids: string[]; truncated: boolean }> {
  const query = db('dossiers as d')
    .join('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .join('procedures as p', 'p.id', 'v.procedure_id')
    .join('accounts as a', 'a.id', 'd.applicant_id')
    // received here, or with a step handed to this unit (liên thông)
    // (a step not yet marked reached too: the engine's task list decides what the officer gets)
    .whereIn('d.id', dossiersOfUnits(db, [actor.orgUnitId!], { reachedOnly: false }))
    .whereIn('d.status', [1, 2, 4, 5, 6, 9])
    .orderBy('d.submitted_at', 'desc')
    .limit(FILTER_LIMIT + 1)
    .select('d.id');
  if (q.procedure) query.where('p.code', q.procedure);
  if (q.status) query.where('d.status', q.status);
  if (q.from) query.where('d.submitted_at', '>=', vnMoment(q.from));
  if (q.to) query.where('d.submitted_at', '<', vnMoment(nextDate(q.to)));
  if (q.q) await whereDossierMatches(db, query, q.q);
  const ids = ((await query) as { id: string }[]).map((r) => r.id);
  return { ids: ids.slice(0, FILTER_LIMIT), truncated: ids.length > FILTER_LIMIT };
}

/**
 * What officers and leaders look at beside their tasks: the dossiers of their unit (and, for leaders and
 * auditors, of the units below) filtered by status, SLA state and text; a summary at a glance (how many are
 * on time, nearly late, late; who holds what); a dossier's process diagram with its steps done and its
 * current step; and the public tracking of a dossier by its code.
 */
import { systemClock, type Clock } from '../time/clock.ts';
import type { Account } from '../accounts/accounts.repository.ts';
import type { Knex } from 'knex';
import type { Db } from '../db/db.ts';
import type { EngineClient } from '../engine/engine.client.ts';
import { InputError, NotAllowedError, msg } from '../errors/errors.ts';
import { unitAndDescendants } from '../org-units/org-units.repository.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import type { SlaState } from '../sla/deadlines.ts';
import { assertCanReadDossier, dossierNotFound } from './dossier-access.ts';
import { DossierStatus, statusNames } from './dossier-status.ts';
import { slaCriteria, taskSlaState } from '../tasks/task-sla.ts';
import { dossiersOfUnits, stepsHandledBy, whereDossierMatches } from './dossier-search.ts';
import { nextDate, vnMoment, type IsoDate } from '../time/vietnam-time.ts';
import * as repo from './dossiers.repository.ts';

/** who may search by officer and period: those who oversee a unit */
const SEARCHERS = ['leader', 'auditor'];

const OPEN = [
  DossierStatus.Submitted,
  DossierStatus.Received,
  DossierStatus.InHandling,
  DossierStatus.SupplementRequested,
  DossierStatus.AwaitingPayment,
  DossierStatus.Decided,
];

export interface UnitDossierRow {
  id: string;
  code: string | null;
  reference: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  unitName: string;
  status: { code: number; name: { vi: string; en: string } };
  slaState: SlaState;
  submittedAt: Date;
  dueAt: Date | null;
  extendedDueAt: Date | null;
  outcome: string | null;
  /** where it is now: the step open in the engine and the unit holding it (another agency's, liên thông) */
  holder: { step: string; unitName: string } | null;
}

export function createWorkspaceService({
  db,
  engine,
  procedures,
  clock = systemClock,
}: {
  db: Db;
  engine: EngineClient;
  procedures: ProceduresService;
  clock?: Clock;
}) {
  async function scope(actor: Account): Promise<string[]> {
    if (!actor.orgUnitId || !['receiving_officer', 'specialist', 'leader', 'auditor'].includes(actor.role))
      throw new NotAllowedError('officers_only', msg('Chức năng dành cho cán bộ.', 'Only officers can do this.'));
    return actor.role === 'leader' || actor.role === 'auditor' ? unitAndDescendants({ db, id: actor.orgUnitId }) : [actor.orgUnitId];
  }

  /**
   * The officers of the actor's units and the units below (for a leader's or an auditor's search by officer),
   * by name. @throws NotAllowedError `dossier_search_leaders` for other officers
   */
  async function officers(actor: Account): Promise<{ id: string; fullName: string; unitName: string }[]> {
    const units = await scope(actor);
    if (!SEARCHERS.includes(actor.role))
      throw new NotAllowedError(
        'dossier_search_leaders',
        msg('Tìm theo cán bộ và thời gian tiếp nhận dành cho lãnh đạo và thanh tra.', 'Searching by officer and period is for leaders and auditors.'),
      );
    const rows = (await db('account_roles as r')
      .join('accounts as a', 'a.id', 'r.account_id')
      .join('org_units as u', 'u.id', 'r.org_unit_id')
      .whereIn('r.org_unit_id', units)
      .whereIn('r.role', ['receiving_officer', 'specialist', 'leader'])
      .distinctOn('a.id')
      .orderBy(['a.id', 'u.name'])
      .select('a.id', 'a.full_name', 'u.name as unit_name')) as { id: string; full_name: string; unit_name: string }[];
    return rows
      .map((r) => ({ id: r.id, fullName: r.full_name, unitName: r.unit_name }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi') || a.unitName.localeCompare(b.unitName, 'vi'));
  }

  /** Dossiers received by these units, or with a step handed to one of them (liên thông). */
  function ofUnits(w: Knex.QueryBuilder, units: string[], alias: string): void {
    w.whereIn(`${alias}.id`, dossiersOfUnits(db, units));
  }

  /** The unit's dossiers, newest first, filtered. */
  async function dossiers(
    actor: Account,
    q: {
      status?: number;
      sla?: SlaState;
      q?: string;
      open?: boolean;
      /** only the dossiers this officer handled a step of (received, claimed, decided) */
      officerId?: string;
      /** received on or after this Vietnamese date */
      receivedFrom?: IsoDate;
      /** received on or before this Vietnamese date */
      receivedTo?: IsoDate;
      limit: number;
      offset: number;
    },
  ): Promise<{ items: UnitDossierRow[]; total: number }> {
    const units = await scope(actor);
    if ((q.officerId || q.receivedFrom || q.receivedTo) && !SEARCHERS.includes(actor.role))
      throw new NotAllowedError(
        'dossier_search_leaders',
        msg('Tìm theo cán bộ và thời gian tiếp nhận dành cho lãnh đạo và thanh tra.', 'Searching by officer and period is for leaders and auditors.'),
      );
    const base = db('dossiers as d')
      .join('procedure_versions as v', 'v.id', 'd.procedure_version_id')
      .join('procedures as p', 'p.id', 'v.procedure_id')
      .join('accounts as a', 'a.id', 'd.applicant_id')
      .join('org_units as u', 'u.id', 'd.org_unit_id')
      .where((w) => ofUnits(w, units, 'd'));
    if (q.status) base.where('d.status', q.status);
    else if (q.open) base.whereIn('d.status', OPEN);
    if (q.sla) base.where('d.sla_state', q.sla);
    if (q.receivedFrom && q.receivedTo && q.receivedTo < q.receivedFrom)
      throw new InputError('period_invalid', msg('Khoảng thời gian tiếp nhận không hợp lệ.', 'Invalid period of reception.'), [
        { field: 'receivedTo', code: 'period_invalid', message: msg('«Đến ngày» phải sau «Từ ngày».', 'The end must come after the start.') },
      ]);
    // the steps an officer took, from the timeline (indexed by actor); the period on the indexed received_at
    if (q.officerId) base.whereIn('d.id', stepsHandledBy(db, q.officerId));
    if (q.receivedFrom) base.where('d.received_at', '>=', vnMoment(q.receivedFrom));
    if (q.receivedTo) base.where('d.received_at', '<', vnMoment(nextDate(q.receivedTo)));
    const columns = [
      'd.id',
      'd.code',
      'd.reference',
      'd.status',
      'd.sla_state',
      'd.submitted_at',
      'd.due_at',
      'd.extended_due_at',
      'd.outcome',
      'p.code as procedure_code',
      'p.name as procedure_name',
      'a.full_name',
      'u.name as unit_name',
      'd.process_instance_id',
    ];
    type Row = {
      id: string;
      code: string | null;
      reference: string;
      status: number;
      sla_state: SlaState;
      submitted_at: Date;
      due_at: Date | null;
      extended_due_at: Date | null;
      outcome: string | null;
      procedure_code: string;
      procedure_name: string;
      full_name: string;
      unit_name: string;
      process_instance_id: string | null;
    };
    const toRow = (r: Row): UnitDossierRow => ({
      id: r.id,
      code: r.code,
      reference: r.reference,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      applicantName: r.full_name,
      unitName: r.unit_name,
      status: { code: r.status, name: statusNames[r.status as DossierStatus] },
      slaState: r.sla_state,
      submittedAt: r.submitted_at,
      dueAt: r.due_at,
      extendedDueAt: r.extended_due_at,
      outcome: r.outcome,
      holder: null,
    });
    if (q.q) await whereDossierMatches(db, base, q.q);
    const [rows, [{ n }]] = await Promise.all([
      base.clone().orderBy('d.submitted_at', 'desc').limit(q.limit).offset(q.offset).select(columns) as Promise<Row[]>,
      base.clone().count({ n: '*' }) as unknown as Promise<[{ n: number }]>,
    ]);
    return { items: await withHolders(rows.map((r) => ({ row: toRow(r), instance: r.process_instance_id }))), total: Number(n) };
  }

  /**
   * Where each dossier is now: its open step in the engine and the unit holding it (the one the step was handed
   * to, else the receiving unit). One engine query for the page; without the engine, the rows say nothing.
   */
  async function withHolders(rows: { row: UnitDossierRow; instance: string | null }[]): Promise<UnitDossierRow[]> {
    const instances = rows.map((r) => r.instance).filter((i): i is string => Boolean(i));
    if (!instances.length) return rows.map((r) => r.row);
    let tasks: { processInstanceId: string; taskDefinitionKey: string; name: string | null }[];
    try {
      tasks = await engine.queryTasks({ processInstanceIdIn: instances }, { maxResults: instances.length * 4 });
    } catch {
      return rows.map((r) => r.row);
    }
    const handed = (await db('dossier_step_units as su')
      .join('org_units as u', 'u.id', 'su.org_unit_id')
      .whereIn(
        'su.dossier_id',
        rows.map((r) => r.row.id),
      )
      .select('su.dossier_id', 'su.step', 'u.name')) as { dossier_id: string; step: string; name: string }[];
    return rows.map(({ row, instance }) => {
      const task = tasks.find((t) => t.processInstanceId === instance);
      if (!task) return row;
      const unitName = handed.find((h) => h.dossier_id === row.id && h.step === task.taskDefinitionKey)?.name ?? row.unitName;
      return { ...row, holder: { step: task.name ?? task.taskDefinitionKey, unitName } };
    });
  }

  /** The unit at a glance: open dossiers by SLA state and status, and who holds which steps. */
  async function summary(actor: Account) {
    const units = await scope(actor);
    const bySla = (await db('dossiers as d')
      .where((w) => ofUnits(w, units, 'd'))
      .whereIn('status', OPEN)
      .groupBy('sla_state')
      .select('sla_state')
      .count({ n: '*' })) as {
      sla_state: SlaState;
      n: number;
    }[];
    const byStatus = (await db('dossiers as d')
      .where((w) => ofUnits(w, units, 'd'))
      .whereIn('status', OPEN)
      .groupBy('status')
      .select('status')
      .count({ n: '*' })) as {
      status: number;
      n: number;
    }[];
    // the steps open in the engine for the unit's candidate groups: the unclaimed ones counted by the engine
    // in each SLA state (there may be thousands), the held ones listed by who holds them (a handful each)
    const groups = units.flatMap((u) => ['receiving_officer', 'specialist', 'leader'].map((r) => `${r}:${u}`));
    const now = clock.now();
    const open = { candidateGroups: groups, unassigned: true };
    const [held, unclaimed, unclaimedNearlyLate, unclaimedLate] = await Promise.all([
      engine.queryTasks({ candidateGroups: groups, includeAssignedTasks: true, assigned: true }, { maxResults: 5000 }),
      engine.countTasks(open),
      engine.countTasks({ ...open, ...slaCriteria('nearly_late', now) }),
      engine.countTasks({ ...open, ...slaCriteria('late', now) }),
    ]);
    const holders = new Map<string, { assignee: string | null; tasks: number; nearlyLate: number; late: number }>();
    if (unclaimed) holders.set('', { assignee: null, tasks: unclaimed, nearlyLate: unclaimedNearlyLate, late: unclaimedLate });
    for (const t of held) {
      const h = holders.get(t.assignee!) ?? { assignee: t.assignee, tasks: 0, nearlyLate: 0, late: 0 };
      h.tasks++;
      const state = taskSlaState(t, now) ?? 'on_time';
      if (state === 'late') h.late++;
      else if (state === 'nearly_late') h.nearlyLate++;
      holders.set(t.assignee!, h);
    }
    const ids = [...holders.values()].map((h) => h.assignee).filter((a): a is string => Boolean(a));
    const names = new Map(
      (await db('accounts').whereIn('id', ids).select('id', 'full_name', 'role')).map((r: { id: string; full_name: string; role: string }) => [r.id, r]),
    );
    const unit = actor.orgUnitId ? await db('org_units').where({ id: actor.orgUnitId }).first('name') : undefined;
    return {
      /** the unit the officer works in (with its units below, for leaders and auditors) */
      unitName: (unit?.name as string | undefined) ?? null,
      bySla: { on_time: 0, nearly_late: 0, late: 0, ...Object.fromEntries(bySla.map((r) => [r.sla_state, Number(r.n)])) },
      byStatus: byStatus
        .map((r) => ({ status: { code: r.status, name: statusNames[r.status as DossierStatus] }, count: Number(r.n) }))
        .sort((a, b) => a.status.code - b.status.code),
      holders: [...holders.values()]
        .map((h) => ({
          ...h,
          name: h.assignee ? (names.get(h.assignee)?.full_name ?? h.assignee) : null,
          role: h.assignee ? (names.get(h.assignee)?.role ?? null) : null,
        }))
        .sort((a, b) => b.late - a.late || b.tasks - a.tasks),
    };
  }

  /** The dossier's process model with what is done and what is open now (and how it stands). */
  async function diagram(actor: Account, dossierId: string) {
    const d = await assertCanReadDossier(db, actor, await repo.findDossier({ db, id: dossierId }));
    const loaded = await procedures.loadVersion(d.procedureVersionId);
    if (!d.processInstanceId) return { bpmnXml: loaded.version.bpmnXml, done: [], current: [] };
    const [activities, tasks] = await Promise.all([
      engine.historicActivities(d.processInstanceId),
      engine.queryTasks({ processInstanceId: d.processInstanceId }),
    ]);
    const now = clock.now();
    const done = [...new Set(activities.filter((a) => a.endTime && !a.canceled).map((a) => a.activityId))];
    const current = [
      ...tasks.map((t) => {
        return { activityId: t.taskDefinitionKey, slaState: taskSlaState(t, now), due: t.due };
      }),
      ...activities
        .filter((a) => !a.endTime && a.activityType !== 'userTask' && !a.activityType.endsWith('Gateway'))
        .map((a) => ({ activityId: a.activityId, slaState: null, due: null })),
    ];
    return { bpmnXml: loaded.version.bpmnXml, done, current };
  }

  /**
   * What anyone holding a dossier code (or the tracking reference) may know, without logging in: the
   * procedure, the unit, the status and the dates. No names, no data.
   * @throws NotFoundError `dossier_not_found`
   */
  async function track(key: string) {
    const d = await repo.findDossierByCodeOrReference({ db, key: key.trim() });
    if (!d) throw dossierNotFound();
    const loaded = await procedures.loadVersion(d.procedureVersionId);
    const unit = await db('org_units').where({ id: d.orgUnitId }).first('name');
    return {
      code: d.code,
      reference: d.reference,
      procedure: { code: loaded.procedure.code, name: loaded.procedure.name, nameEn: loaded.procedure.nameEn },
      unit: unit?.name ?? '',
      status: { code: d.status, name: statusNames[d.status] },
      submittedAt: d.submittedAt,
      receivedAt: d.receivedAt,
      dueAt: d.extendedDueAt ?? d.dueAt,
      returnedAt: d.returnedAt,
    };
  }

  return { dossiers, officers, summary, diagram, track };
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;

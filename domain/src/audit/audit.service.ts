/**
 * The auditors' reading of the administration log (thanh tra): the city's auditors search every administrative
 * action (units, people, roles, calendars, logins and failed logins) and verify its hash chain. An auditor of
 * a unit below the city reads dossiers, not the city's administration.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import { NotAllowedError, msg } from '../errors/errors.ts';
import { findOrgUnit } from '../org-units/org-units.repository.ts';
import { vnMoment, nextDate, type IsoDate } from '../time/vietnam-time.ts';
import { searchChanges, verifyAuditChain, type AuditEntity, type AuditEntry } from './admin-audit.repository.ts';
import type { EngineClient } from '../engine/engine.client.ts';
import { assertCanReadDossier } from '../dossiers/dossier-access.ts';
import { findDossier } from '../dossiers/dossiers.repository.ts';
import { listEvents, verifyChain, type TimelineEvent } from '../timeline/timeline.repository.ts';

export interface AdminLogQuery {
  entity?: AuditEntity;
  action?: string;
  /** words of the actor's name or the user name of a login */
  q?: string;
  from?: IsoDate;
  to?: IsoDate;
  limit: number;
  offset: number;
}

export interface DossierHistory {
  dossier: { id: string; code: string | null; reference: string; status: number; processInstanceId: string | null };
  /** the application's own timeline, with whether its hash chain holds (the first broken entry otherwise) */
  timeline: { events: TimelineEvent[]; intact: boolean; brokenAtSeq: number | null };
  /** the engine's record of the process: every activity, who did what to its tasks, its incidents */
  engine: {
    activities: {
      id: string;
      activityId: string;
      name: string | null;
      type: string;
      startTime: string;
      endTime: string | null;
      canceled: boolean;
      assignee: string | null;
    }[];
    tasks: { id: string; step: string; name: string | null; startTime: string; endTime: string | null; assignee: string | null; outcome: string | null }[];
    operations: {
      at: string;
      operation: string;
      property: string | null;
      value: string | null;
      userId: string | null;
      userName: string | null;
      taskId: string | null;
    }[];
    incidents: { type: string; message: string | null; activityId: string; createTime: string; endTime: string | null }[];
  } | null;
}

export function createAuditService({ db, engine }: { db: Db; engine: EngineClient }) {
  async function requireCityAuditor(actor: Account): Promise<void> {
    const unit = actor.role === 'auditor' && actor.orgUnitId ? await findOrgUnit({ db, id: actor.orgUnitId }) : undefined;
    if (!unit || unit.parentId)
      throw new NotAllowedError(
        'admin_log_city_auditors',
        msg('Nhật ký quản trị dành cho thanh tra cấp thành phố.', "The administration log is for the city's auditors."),
      );
  }

  /** The log, newest first, filtered. */
  async function adminLog(actor: Account, q: AdminLogQuery): Promise<{ items: AuditEntry[]; total: number }> {
    await requireCityAuditor(actor);
    const filter = { ...q, from: q.from ? vnMoment(q.from) : undefined, to: q.to ? vnMoment(nextDate(q.to)) : undefined };
    return searchChanges({ db, filter, limit: q.limit, offset: q.offset });
  }

  /** Whether the whole chain holds; the first row that does not, otherwise. */
  async function verifyAdminLog(actor: Account): Promise<{ intact: boolean; brokenAt: string | null }> {
    await requireCityAuditor(actor);
    const broken = await verifyAuditChain({ db });
    return { intact: !broken, brokenAt: broken ?? null };
  }

  /**
   * A dossier's full history for an auditor who may read it: the application's timeline with its chain
   * verified, and beside it the engine's own record (activities, tasks, who claimed and completed them, timers,
   * incidents). @throws NotFoundError `dossier_not_found`
   */
  async function dossierHistory(actor: Account, dossierId: string): Promise<DossierHistory> {
    if (actor.role !== 'auditor') throw new NotAllowedError('auditors_only', msg('Chức năng dành cho thanh tra.', 'For auditors only.'));
    const d = await assertCanReadDossier(db, actor, await findDossier({ db, id: dossierId }));
    const [events, broken] = await Promise.all([listEvents({ db, dossierId }), verifyChain({ db, dossierId })]);
    const timeline = { events, intact: broken === undefined, brokenAtSeq: broken ?? null };
    const dossier = { id: d.id, code: d.code, reference: d.reference, status: d.status, processInstanceId: d.processInstanceId };
    if (!d.processInstanceId) return { dossier, timeline, engine: null };
    const pid = d.processInstanceId;
    const [activities, tasks, operations, incidents] = await Promise.all([
      engine.historicActivities(pid),
      engine.historicTasks(pid),
      engine.userOperations(pid),
      engine.historicIncidents(pid),
    ]);
    const users = new Set(operations.map((o) => o.userId).filter((u): u is string => Boolean(u)));
    const names = new Map(
      (
        (users.size
          ? await db('accounts')
              .whereIn(
                'id',
                [...users].filter((u) => /^[0-9a-f-]{36}$/.test(u)),
              )
              .select('id', 'full_name')
          : []) as { id: string; full_name: string }[]
      ).map((a) => [a.id, a.full_name]),
    );
    return {
      dossier,
      timeline,
      engine: {
        activities: activities.map((a) => ({
          id: a.id,
          activityId: a.activityId,
          name: a.activityName,
          type: a.activityType,
          startTime: a.startTime,
          endTime: a.endTime,
          canceled: a.canceled,
          assignee: a.assignee,
        })),
        tasks: tasks.map((t) => ({
          id: t.id,
          step: t.taskDefinitionKey,
          name: t.name,
          startTime: t.startTime,
          endTime: t.endTime,
          assignee: t.assignee,
          outcome: t.deleteReason,
        })),
        operations: operations
          .filter((o) => o.entityType === 'Task' || o.entityType === 'ProcessInstance')
          .map((o) => ({
            at: o.timestamp,
            operation: o.operationType,
            property: o.property,
            value: o.newValue,
            userId: o.userId,
            userName: o.userId ? (names.get(o.userId) ?? null) : null,
            taskId: o.taskId,
          })),
        incidents: incidents.map((i) => ({
          type: i.incidentType,
          message: i.incidentMessage,
          activityId: i.activityId,
          createTime: i.createTime,
          endTime: i.endTime,
        })),
      },
    };
  }

  return { adminLog, verifyAdminLog, dossierHistory };
}

export type AuditService = ReturnType<typeof createAuditService>;

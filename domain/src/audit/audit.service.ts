/**
 * The auditors' reading of the administration log (thanh tra): the city's auditors search every administrative
 * action (units, people, roles, calendars, logins and failed logins) and verify its hash chain. An auditor of
 * a unit below the city reads dossiers, not the city's administration.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import { InputError, NotAllowedError, msg } from '../errors/errors.ts';
import { findOrgUnit } from '../org-units/org-units.repository.ts';
import { vnMoment, nextDate, type IsoDate } from '../time/vietnam-time.ts';
import { findChange, searchChanges, verifyAuditChain, type AuditEntity, type AuditEntry } from './admin-audit.repository.ts';
import type { EngineClient } from '../engine/engine.client.ts';
import { assertCanReadDossier } from '../dossiers/dossier-access.ts';
import { findDossier } from '../dossiers/dossiers.repository.ts';
import { listEvents, verifyChain, type TimelineEvent } from '../timeline/timeline.repository.ts';
import { statusNames } from '../dossiers/dossier-status.ts';
import { formFields } from '../forms/form-schema.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import { dossierHistoryPdf } from './dossier-history-pdf.ts';

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

/** the most rows one export carries; a wider search is narrowed by its filters */
export const EXPORT_MAX = 50_000;

export interface AdminLogVerification {
  intact: boolean;
  /** the id of the first row that does not hold */
  brokenAt: string | null;
  /** how many rows, from the first, the chain verified */
  checked: number;
  /** the first row that does not hold, as it is stored now */
  broken: AuditEntry | null;
}

/** a row's standing in the chain: verified, the first that does not hold, or after it (not verifiable) */
export type RowVerification = 'verified' | 'altered' | 'after_break';

export interface AdminLogExport {
  query: Omit<AdminLogQuery, 'limit' | 'offset'>;
  generatedAt: Date;
  verification: AdminLogVerification;
  /** how many rows the filter found (more than the rows when above EXPORT_MAX) */
  total: number;
  rows: (AuditEntry & { verification: RowVerification })[];
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
    tasks: {
      id: string;
      step: string;
      name: string | null;
      startTime: string;
      endTime: string | null;
      assignee: string | null;
      assigneeName: string | null;
      outcome: string | null;
    }[];
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

export function createAuditService({ db, engine, procedures }: { db: Db; engine: EngineClient; procedures: ProceduresService }) {
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
    if (q.from && q.to && q.to < q.from)
      throw new InputError('period_invalid', msg('Khoảng thời gian không hợp lệ.', 'Invalid period.'), [
        { field: 'to', code: 'period_invalid', message: msg('«Đến ngày» phải sau «Từ ngày».', 'The end must come after the start.') },
      ]);
    const filter = { ...q, from: q.from ? vnMoment(q.from) : undefined, to: q.to ? vnMoment(nextDate(q.to)) : undefined };
    return searchChanges({ db, filter, limit: q.limit, offset: q.offset });
  }

  /** Whether the whole chain holds (and how many rows it verified); the first row that does not, otherwise. */
  async function verifyAdminLog(actor: Account): Promise<AdminLogVerification> {
    await requireCityAuditor(actor);
    const { brokenAt, checked } = await verifyAuditChain({ db });
    const broken = brokenAt ? ((await findChange({ db, id: brokenAt })) ?? null) : null;
    return { intact: !brokenAt, brokenAt: brokenAt ?? null, checked, broken };
  }

  /**
   * The log as a file: every row the filter finds (newest first, at most EXPORT_MAX), with its hash and whether
   * the chain verifies it, and the verification of the whole chain.
   */
  async function exportAdminLog(actor: Account, q: Omit<AdminLogQuery, 'limit' | 'offset'>): Promise<AdminLogExport> {
    const verification = await verifyAdminLog(actor);
    const { items, total } = await adminLog(actor, { ...q, limit: EXPORT_MAX, offset: 0 });
    const broken = verification.brokenAt ? Number(verification.brokenAt) : undefined;
    const state = (id: string): RowVerification =>
      broken === undefined || Number(id) < broken ? 'verified' : Number(id) === broken ? 'altered' : 'after_break';
    return {
      query: q,
      generatedAt: new Date(),
      verification,
      total,
      rows: items.map((e) => ({ ...e, verification: state(e.id) })),
    };
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
    const users = new Set([...operations.map((o) => o.userId), ...tasks.map((t) => t.assignee)].filter((u): u is string => Boolean(u)));
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
          assigneeName: t.assignee ? (names.get(t.assignee) ?? null) : null,
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

  /**
   * The history as a printable PDF, in Vietnamese: the dossier, its chain's verification, the engine's steps,
   * the timeline with each step's decision and form data labelled as on its form.
   * @throws NotFoundError `dossier_not_found`
   */
  async function historyPdf(actor: Account, dossierId: string): Promise<{ fileName: string; pdf: Buffer }> {
    const history = await dossierHistory(actor, dossierId);
    const d = (await findDossier({ db, id: dossierId }))!;
    const [loaded, applicant, unit] = await Promise.all([
      procedures.loadVersion(d.procedureVersionId),
      db('accounts').where({ id: d.applicantId }).first('full_name'),
      db('org_units as u').leftJoin('org_units as p', 'p.id', 'u.parent_id').where('u.id', d.orgUnitId).first('u.name', 'p.name as parent_name'),
    ]);
    type Label = { label: string; options: Map<string, string> };
    const labelsOf = new Map<string, Map<string, Label>>();
    const fieldsOf = (formId: string) => {
      let m = labelsOf.get(formId);
      if (!m) {
        m = new Map(
          formFields(loaded.version.forms[formId]!).map((f) => [
            f.path.join('.'),
            { label: f.label, options: new Map((f.component.values ?? []).map((v) => [v.value, v.label])) },
          ]),
        );
        labelsOf.set(formId, m);
      }
      return m;
    };
    const labelOf = (step: string | null, key: string): Label | undefined => {
      const formId = step ? loaded.step(step)?.formId : undefined;
      if (formId && loaded.version.forms[formId]) return fieldsOf(formId).get(key);
      for (const id of Object.keys(loaded.version.forms)) {
        const l = fieldsOf(id).get(key);
        if (l) return l;
      }
      return undefined;
    };
    const pdf = await dossierHistoryPdf({
      history,
      procedure: { code: loaded.procedure.code, name: loaded.procedure.name },
      applicantName: (applicant?.full_name as string | undefined) ?? '—',
      unit: { name: unit?.name ?? '', parentName: unit?.parent_name ?? null },
      statusName: statusNames[d.status].vi,
      labelOf,
      printedBy: actor.fullName,
      printedAt: new Date(),
    });
    return { fileName: `lich-su-ho-so-${(d.code ?? d.reference).replace(/[^A-Za-z0-9.-]+/g, '-')}.pdf`, pdf };
  }

  return { adminLog, verifyAdminLog, exportAdminLog, dossierHistory, historyPdf };
}

export type AuditService = ReturnType<typeof createAuditService>;

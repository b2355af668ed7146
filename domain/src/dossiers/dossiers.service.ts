/**
 * Dossiers as citizens see them: reading (the full view with status, timeline, current steps and
 * documents), their own list, and downloads. Submission and the supplement round trip are in
 * submission.service.ts; this service offers them too, so its callers keep one dossiers service.
 */
import { attachmentFields } from '../forms/form-schema.ts';
import { applicantSla, applicantTimeline, withoutInternals, type ApplicantEvent, type ApplicantSla } from './applicant-view.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import type { Account } from '../accounts/accounts.repository.ts';
import type { IdentityService } from '../accounts/identity.service.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { Db } from '../db/db.ts';
import type { EngineClient } from '../engine/engine.client.ts';
import type { EngineCommands } from '../engine-commands/engine-commands.service.ts';
import { NotAllowedError, msg } from '../errors/errors.ts';
import { readFile } from '../files/files.repository.ts';
import { findOrgUnit } from '../org-units/org-units.repository.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import type { SlaService } from '../sla/sla.service.ts';
import { pendingState, type SlaState } from '../sla/deadlines.ts';
import { taskSlaState } from '../tasks/task-sla.ts';
import { listEvents, type TimelineEvent } from '../timeline/timeline.repository.ts';
import { assertCanReadDossier, dossierNotFound } from './dossier-access.ts';
import { DossierStatus, statusNames } from './dossier-status.ts';
import type { UploadedFile } from './attachments.ts';
import * as repo from './dossiers.repository.ts';
import type { Channel, Dossier } from './dossiers.repository.ts';
import { listAttachments, type Attachment } from './attachments.repository.ts';
import { listApologies } from './apologies.repository.ts';
import { findDocument, listDocuments, type DocumentKind, type IssuedDocument } from '../documents/documents.repository.ts';
import { createSubmissionService } from './submission.service.ts';
import type { DeliveryService, DeliveryView } from '../delivery/delivery.service.ts';

/** Statuses in which a received dossier's clock runs (or stands still, in 5). */
const PENDING_STATUSES: readonly DossierStatus[] = [
  DossierStatus.Received,
  DossierStatus.InHandling,
  DossierStatus.SupplementRequested,
  DossierStatus.AwaitingPayment,
];

export interface DossierView {
  id: string;
  reference: string;
  code: string | null;
  procedure: { code: string; name: string; nameEn: string | null; version: number };
  orgUnit: { id: string; name: string; agencyCode: string };
  status: { code: DossierStatus; name: { vi: string; en: string } };
  channel: Channel;
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  slaState: string;
  /** the one SLA label its applicant reads, in the list and on the page alike */
  sla: ApplicantSla;
  /** while pending: within its time or overdue, now (against the legal due) */
  pending: 'within' | 'overdue' | null;
  /** when finished (decided): early, on time or late */
  outcome: repo.Dossier['outcome'];
  /** the new appointment given with an apology (form 04), if any; lateness is judged against dueAt */
  extendedDueAt: Date | null;
  lateAt: Date | null;
  clock: { paused: boolean; pausedWorkingMinutes: number; slaRuleVersion: number | null; supplementClock: string | null };
  apologies: { step: string; reason: string; previousDueAt: Date; newDueAt: Date; issuedAt: Date; issuedBy: string }[];
  decidedAt: Date | null;
  returnedAt: Date | null;
  supplementRequest: repo.SupplementRequest | null;
  refusal: repo.Refusal | null;
  currentSteps: { key: string; name: string; due: string | null; warnAt: string | null; slaState: SlaState | null; assigned: boolean }[];
  data: Record<string, unknown>;
  /** the form-js schema of the application form of the dossier's procedure version (to show or correct its data) */
  applicationForm: unknown;
  /** each with the words of what it is: its form field's label, or the paper a supplement asked for */
  attachments: (Omit<Attachment, 'fileId' | 'dossierId'> & { label: string })[];
  /** how many times the applicant supplemented it ("Đã bổ sung (lần n)") */
  supplementRounds: number;
  documents: Omit<IssuedDocument, 'fileId' | 'dossierId'>[];
  /** the timeline; for its applicant, the steps' decisions without officers' opinions and notes */
  timeline: Omit<TimelineEvent, 'hash'>[];
  /** for its applicant only: the milestones in words (applicant-view.ts) */
  milestones?: ApplicantEvent[];
  /** how the result is returned (the channel chosen at submission) and where that stands */
  delivery: DeliveryView;
}

export type { UploadedFile };

/** What an attachment is, in words: its form field's label, or the paper the supplement of its round asked for. */
function attachmentLabel(
  a: { fieldKey: string; round: number },
  fieldLabels: Map<string, string>,
  timeline: { type: string; data: Record<string, unknown> }[],
): string {
  const slot = /^supplement_(\d+)$/.exec(a.fieldKey);
  if (!slot) return fieldLabels.get(a.fieldKey.replace(/\.\d+(?=\.|$)/g, '')) ?? fieldLabels.get(a.fieldKey) ?? a.fieldKey;
  const provided = timeline.find((e) => e.type === 'supplement_provided' && e.data.round === a.round);
  const items = (provided?.data.request as { items?: string[] } | undefined)?.items ?? [];
  return items[Number(slot[1])] ?? a.fieldKey;
}
export type { SubmitInput } from './submission.service.ts';

export interface DossiersServiceDeps {
  db: Db;
  accounts: AccountsService;
  identity: IdentityService;
  engine: EngineClient;
  commands: EngineCommands;
  procedures: ProceduresService;
  sla: SlaService;
  uploadMaxBytes: number;
  delivery: DeliveryService;
  clock?: Clock;
}

export function createDossiersService({
  db,
  accounts,
  identity,
  engine,
  commands,
  procedures,
  sla,
  uploadMaxBytes,
  delivery,
  clock = systemClock,
}: DossiersServiceDeps) {
  const { submit, submitAtCounter, supplement } = createSubmissionService({
    db,
    accounts,
    identity,
    commands,
    procedures,
    sla,
    uploadMaxBytes,
    delivery,
    clock,
  });

  /** @throws NotFoundError `dossier_not_found` */
  async function get(actor: Account, id: string): Promise<Dossier> {
    return assertCanReadDossier(db, actor, await repo.findDossier({ db, id }));
  }

  /** The full view: status, timeline, current step, documents. @throws NotFoundError `dossier_not_found` */
  async function view(actor: Account, id: string): Promise<DossierView> {
    const dossier = await get(actor, id);
    return toView(dossier, { forApplicant: actor.role === 'citizen' });
  }

  /**
   * The view of a dossier. `justSubmitted`: the request has just stored it, so it has no open step, document,
   * event or apology yet (its process starts after the answer, and its `submitted` event with it): none is
   * asked for.
   */
  async function toView(
    dossier: Dossier,
    { justSubmitted = false, forApplicant = false }: { justSubmitted?: boolean; forApplicant?: boolean } = {},
  ): Promise<DossierView> {
    const none = Promise.resolve([]);
    const [loaded, unit, attachments, documents, timeline, tasks, rules, apologies, deliveryView] = await Promise.all([
      procedures.loadVersion(dossier.procedureVersionId),
      findOrgUnit({ db, id: dossier.orgUnitId }),
      listAttachments({ db, dossierId: dossier.id }),
      justSubmitted ? none : listDocuments({ db, dossierId: dossier.id }),
      justSubmitted ? none : listEvents({ db, dossierId: dossier.id }),
      !justSubmitted && dossier.processInstanceId ? engine.queryTasks({ processInstanceId: dossier.processInstanceId }).catch(() => []) : none,
      dossier.slaRuleVersionId ? sla.rulesOf(dossier) : Promise.resolve(undefined),
      justSubmitted ? none : listApologies({ db, dossierId: dossier.id }),
      delivery.viewOf(dossier.id),
    ]);
    const fieldLabels = new Map(attachmentFields(loaded.applicationForm.schema).map((f) => [f.path.join('.'), f.fullLabel]));
    const now = clock.now();
    const running = dossier.dueAt && PENDING_STATUSES.includes(dossier.status) && !dossier.clockPausedAt;
    return {
      id: dossier.id,
      reference: dossier.reference,
      code: dossier.code,
      procedure: { code: loaded.procedure.code, name: loaded.procedure.name, nameEn: loaded.procedure.nameEn, version: loaded.version.version },
      orgUnit: { id: unit!.id, name: unit!.name, agencyCode: unit!.agencyCode },
      status: { code: dossier.status, name: statusNames[dossier.status] },
      channel: dossier.channel,
      submittedAt: dossier.submittedAt,
      receivedAt: dossier.receivedAt,
      dueAt: dossier.dueAt,
      slaState: dossier.slaState,
      sla: applicantSla(dossier),
      pending: running ? pendingState(now, dossier.dueAt!) : null,
      outcome: dossier.outcome,
      extendedDueAt: dossier.extendedDueAt,
      lateAt: dossier.lateAt,
      clock: {
        paused: Boolean(dossier.clockPausedAt),
        pausedWorkingMinutes: dossier.pausedWorkingMinutes,
        slaRuleVersion: rules?.version ?? null,
        supplementClock: rules?.supplementClock ?? null,
      },
      apologies: apologies.map((a) => ({
        step: a.step,
        reason: a.reason,
        previousDueAt: a.previousDueAt,
        newDueAt: a.newDueAt,
        issuedAt: a.issuedAt,
        issuedBy: a.issuedByName,
      })),
      decidedAt: dossier.decidedAt,
      returnedAt: dossier.returnedAt,
      supplementRequest: dossier.supplementRequest,
      refusal: dossier.refusal,
      currentSteps: tasks.map((t) => ({
        key: t.taskDefinitionKey,
        name: t.name ?? t.taskDefinitionKey,
        due: t.due,
        warnAt: t.followUp,
        slaState: taskSlaState(t, now),
        assigned: t.assignee !== null,
      })),
      data: dossier.data,
      applicationForm: loaded.version.forms[loaded.version.applicationFormId],
      attachments: attachments.map(({ fileId: _f, dossierId: _d, ...a }) => ({ ...a, label: attachmentLabel(a, fieldLabels, timeline) })),
      supplementRounds: timeline.filter((e) => e.type === 'supplement_provided').length,
      documents: documents.map(({ fileId: _f, dossierId: _d, ...d }) => d),
      timeline: timeline.map(({ hash: _h, ...e }) => (forApplicant ? withoutInternals(e) : e)),
      ...(forApplicant ? { milestones: applicantTimeline(timeline, { id: dossier.applicantId, unitName: unit!.name }) } : {}),
      delivery: deliveryView,
    };
  }

  async function listMine(actor: Account, page: { limit: number; offset: number }) {
    if (actor.role !== 'citizen')
      throw new NotAllowedError('citizens_only', msg('Chỉ công dân có danh sách hồ sơ đã nộp.', 'Only citizens have submitted dossiers.'));
    return repo.listDossiersOfApplicant({ db, applicantId: actor.id, ...page });
  }

  /** A file the actor may read: an attachment or an issued document of a dossier they can see. */
  async function download(actor: Account, dossierId: string, what: { attachmentId?: string; documentKind?: DocumentKind }) {
    await get(actor, dossierId);
    let fileId: string | undefined;
    let fileName = 'file';
    if (what.attachmentId) {
      const a = (await listAttachments({ db, dossierId })).find((x) => x.id === what.attachmentId);
      fileId = a?.fileId;
      fileName = a?.fileName ?? fileName;
    } else if (what.documentKind) {
      const d = await findDocument({ db, dossierId, kind: what.documentKind });
      fileId = d?.fileId;
      fileName = d?.fileName ?? fileName;
    }
    const file = fileId && (await readFile({ db, id: fileId }));
    if (!file) throw dossierNotFound();
    return { fileName, mediaType: file.mediaType, content: file.content, sha256: file.sha256 };
  }

  return { submit, submitAtCounter, get, view, toView, listMine, supplement, download };
}

export type DossiersService = ReturnType<typeof createDossiersService>;

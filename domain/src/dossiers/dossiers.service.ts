/**
 * Dossiers as citizens see them: submission (form validated against the published application form,
 * attachments checked and stored with their SHA-256, the dossier row and its process instance created
 * together), reading, the supplement round trip, and downloads.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Account } from '../accounts/accounts.repository.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { Db } from '../db/db.ts';
import { EngineError, EngineUnreachableError, type EngineClient } from '../engine/engine.client.ts';
import { ConflictError, InputError, NotAllowedError, UnavailableError, msg } from '../errors/errors.ts';
import { attachmentFields } from '../forms/form-schema.ts';
import { readFile } from '../files/files.repository.ts';
import { moduleLogger } from '../logging/logger.ts';
import { findOrgUnit } from '../org-units/org-units.repository.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import type { SlaService } from '../sla/sla.service.ts';
import { pendingState, type SlaState } from '../sla/deadlines.ts';
import { taskSlaState } from '../tasks/task-sla.ts';
import { appendEvent, listEvents, type TimelineEvent } from '../timeline/timeline.repository.ts';
import { receiptDayStamp } from './dossier-code.ts';
import { assertCanReadDossier, dossierNotFound } from './dossier-access.ts';
import { DossierStatus, assertTransition, statusNames } from './dossier-status.ts';
import { checkFiles, resolveAttachments, storeAttachments, type NewAttachment, type UploadedFile } from './attachments.ts';
import * as repo from './dossiers.repository.ts';
import type { Attachment, Channel, Dossier, IssuedDocument } from './dossiers.repository.ts';

const log = moduleLogger('dossiers');

/** Statuses in which a received dossier's clock runs (or stands still, in 5). */
const PENDING_STATUSES: readonly DossierStatus[] = [DossierStatus.Received, DossierStatus.InHandling, DossierStatus.SupplementRequested, DossierStatus.AwaitingPayment];

export interface SubmitInput {
  procedureCode: string;
  orgUnitId: string;
  data: unknown;
  files: UploadedFile[];
  idempotencyKey?: string | undefined;
}

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
  attachments: Omit<Attachment, 'fileId' | 'dossierId'>[];
  documents: Omit<IssuedDocument, 'fileId' | 'dossierId'>[];
  timeline: Omit<TimelineEvent, 'hash'>[];
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function newReference(at: Date): string {
  const bytes = randomBytes(8);
  let s = '';
  for (let i = 0; i < 8; i++) s += CROCKFORD[bytes[i]! % 32];
  return `TN${receiptDayStamp(at)}-${s}`;
}

export type { UploadedFile };

const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

export interface DossiersServiceDeps {
  db: Db;
  accounts: AccountsService;
  engine: EngineClient;
  procedures: ProceduresService;
  sla: SlaService;
  uploadMaxBytes: number;
}

export function createDossiersService({ db, accounts, engine, procedures, sla, uploadMaxBytes }: DossiersServiceDeps) {
  /**
   * Submits a dossier for a published procedure, online by its applicant. A retried submission with the same
   * idempotency key returns the dossier of the first. The dossier and its process instance exist together
   * or not at all. Files come inline (multipart) or as uploads named in the data.
   * @throws InputError `form_invalid` with the problems per field; NotFoundError `procedure_not_found`;
   *   InputError `org_unit_unknown`; UnavailableError `engine_unavailable` (nothing stored)
   */
  async function submit(actor: Account, input: SubmitInput): Promise<Dossier> {
    if (actor.role !== 'citizen') throw new NotAllowedError('citizens_only', msg('Chỉ công dân mới nộp hồ sơ trực tuyến.', 'Only citizens submit dossiers online.'));
    return create({ applicant: actor, enteredBy: null, channel: 2, uploadOwners: [actor.id], input });
  }

  /**
   * A walk-in application entered at the counter by a receiving officer of the unit, on behalf of the
   * applicant (found by identity number, or given an account). Channel 1.
   * @throws NotAllowedError `receiving_officers_only`; InputError as for `submit`
   */
  async function submitAtCounter(officer: Account, input: Omit<SubmitInput, 'orgUnitId'> & { applicant: { fullName: string; idNumber: string; phone?: string | null; email?: string | null } }): Promise<Dossier> {
    if (officer.role !== 'receiving_officer' || !officer.orgUnitId) throw new NotAllowedError('receiving_officers_only', msg('Chỉ cán bộ tiếp nhận mới nhập hồ sơ tại quầy.', 'Only receiving officers enter counter applications.'));
    const applicant = await accounts.findOrCreateWalkIn(input.applicant);
    return create({ applicant, enteredBy: officer, channel: 1, uploadOwners: [officer.id], input: { ...input, orgUnitId: officer.orgUnitId } });
  }

  async function create(o: { applicant: Account; enteredBy: Account | null; channel: Channel; uploadOwners: string[]; input: SubmitInput }): Promise<Dossier> {
    const { applicant, input } = o;
    if (input.idempotencyKey) {
      const earlier = await repo.findDossierByIdempotencyKey({ db, applicantId: applicant.id, key: input.idempotencyKey });
      if (earlier) return earlier;
    }
    const loaded = await procedures.publishedByCode(input.procedureCode);
    const unit = await findOrgUnit({ db, id: input.orgUnitId });
    if (!unit || unit.parentId === null) throw new InputError('org_unit_unknown', msg('Đơn vị tiếp nhận không hợp lệ.', 'Unknown receiving unit.'));

    const fields = attachmentFields(loaded.applicationForm.schema);
    const inline = checkFiles(fields, input.files, uploadMaxBytes);
    let problems = inline.problems;
    let added: NewAttachment[] = [];
    const data = isObject(input.data) ? structuredClone(input.data) : input.data;
    if (isObject(data)) {
      const resolved = await resolveAttachments({ db, data, fields, procedureCode: loaded.procedure.code, ownerIds: o.uploadOwners, existing: [], inline: inline.accepted });
      added = resolved.added;
      problems = [...problems, ...resolved.problems];
    }
    const result = loaded.applicationForm.validate(data);
    const all = [...problems, ...result.problems.filter((p) => !problems.some((q) => q.field === p.field))];
    if (all.length) throw new InputError('form_invalid', msg('Hồ sơ chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.', 'The application is not valid; check the marked fields.'), all);

    const id = randomUUID();
    const now = new Date();
    // 1. the dossier, its files and attachments, committed before the engine hears of it, so a worker
    //    picking up the new process instance always finds its dossier
    try {
      await db.transaction(async (tx) => {
        await repo.insertDossier({
          db: tx,
          dossier: { id, reference: newReference(now), procedureVersionId: loaded.version.id, orgUnitId: unit.id, applicantId: applicant.id, channel: o.channel, status: DossierStatus.Submitted, data: result.data, idempotencyKey: input.idempotencyKey ?? null, submittedAt: now, enteredBy: o.enteredBy?.id ?? null },
        });
        await storeAttachments(tx, id, added, 0);
        await tx('dossier_drafts').where({ applicant_id: applicant.id, procedure_code: loaded.procedure.code }).delete();
      });
    } catch (e) {
      if (input.idempotencyKey && (e as { code?: string }).code === '23505') {
        const earlier = await repo.findDossierByIdempotencyKey({ db, applicantId: applicant.id, key: input.idempotencyKey });
        if (earlier) return earlier;
      }
      throw e;
    }
    // 2. the process instance; if the engine refuses, the dossier is removed again: nothing half-made remains
    const actor = o.enteredBy ?? applicant;
    let instanceId: string;
    try {
      instanceId = (await engine.startProcess(loaded.version.engineProcessDefinitionId!, { businessKey: id, variables: processVariables(unit.id), actor: actor.id })).id;
    } catch (e) {
      await removeUnstarted(id);
      log.error({ err: e, dossierId: id }, 'the engine did not start the dossier process; submission undone');
      throw new UnavailableError('engine_unavailable', msg('Hệ thống xử lý đang bận, hồ sơ chưa được nộp. Vui lòng thử lại sau ít phút.', 'The processing engine is unavailable; the dossier was not submitted. Please try again in a few minutes.'));
    }
    // 3. link and record; a crash before this point is repaired by reconcileSubmissions()
    const dossier = await linkProcess(id, instanceId, actor, now, added.length);
    log.info({ action: 'submitted', dossierId: id, processInstanceId: instanceId, channel: o.channel }, 'dossier submitted');
    return dossier;
  }

  /** What the model reads: the unit (its candidate groups). The dossier itself is the business key. */
  function processVariables(orgUnitId: string) {
    return { orgUnitId };
  }

  async function removeUnstarted(id: string): Promise<void> {
    await db.transaction(async (tx) => {
      const attachments = await repo.listAttachments({ db: tx, dossierId: id });
      await tx('dossiers').where({ id }).whereNull('process_instance_id').delete();
      // uploads go back to their owner for the next try; files sent inline go
      const uploads = attachments.length ? await tx('uploads').whereIn('id', attachments.map((a) => a.id)).update({ used_at: null }).returning('file_id') : [];
      const kept = new Set(uploads.map((u: { file_id: string }) => u.file_id));
      const inline = attachments.map((a) => a.fileId).filter((f) => !kept.has(f));
      if (inline.length) await tx('stored_files').whereIn('id', inline).delete();
    });
  }

  async function linkProcess(id: string, processInstanceId: string, actor: { id: string; fullName: string } | null, at: Date, attachments: number): Promise<Dossier> {
    return db.transaction(async (tx) => {
      const linked = await repo.updateDossier({ db: tx, id, patch: { processInstanceId } });
      await appendEvent({ db: tx, event: { dossierId: id, type: 'submitted', actor, statusTo: DossierStatus.Submitted, data: { channel: linked!.channel, attachments, processInstanceId }, at } });
      return linked!;
    });
  }

  /**
   * Repairs submissions interrupted between storing the dossier and linking its process (a crash of the
   * api): an instance the engine already has is linked, otherwise one is started. Run by the workers.
   * @returns how many dossiers were repaired
   */
  async function reconcileSubmissions(olderThanMs = 60_000): Promise<number> {
    const stale = await db('dossiers').whereNull('process_instance_id').where('submitted_at', '<', new Date(Date.now() - olderThanMs)).limit(100);
    let repaired = 0;
    for (const row of stale) {
      const d = repo.toDossier(row);
      const loaded = await procedures.loadVersion(d.procedureVersionId);
      const existing = (await engine.processInstances({ businessKey: d.id }))[0];
      const instanceId = existing?.id ?? (await engine.startProcess(loaded.version.engineProcessDefinitionId!, { businessKey: d.id, variables: processVariables(d.orgUnitId) })).id;
      const applicant = await db('accounts').where({ id: d.applicantId }).first('id', 'full_name');
      await linkProcess(d.id, instanceId, applicant ? { id: applicant.id, fullName: applicant.full_name } : null, d.submittedAt, (await repo.listAttachments({ db, dossierId: d.id })).length);
      log.warn({ action: 'submission_repaired', dossierId: d.id, processInstanceId: instanceId }, 'interrupted submission repaired');
      repaired++;
    }
    return repaired;
  }

  /** @throws NotFoundError `dossier_not_found` */
  async function get(actor: Account, id: string): Promise<Dossier> {
    return assertCanReadDossier(db, actor, await repo.findDossier({ db, id }));
  }

  /** The full view: status, timeline, current step, documents. @throws NotFoundError `dossier_not_found` */
  async function view(actor: Account, id: string): Promise<DossierView> {
    const dossier = await get(actor, id);
    return toView(dossier);
  }

  /** The view of a dossier; `withSteps: false` skips asking the engine for its open steps (none right after submission). */
  async function toView(dossier: Dossier, { withSteps = true }: { withSteps?: boolean } = {}): Promise<DossierView> {
    const [loaded, unit, attachments, documents, timeline, tasks, rules, apologies] = await Promise.all([
      procedures.loadVersion(dossier.procedureVersionId),
      findOrgUnit({ db, id: dossier.orgUnitId }),
      repo.listAttachments({ db, dossierId: dossier.id }),
      repo.listDocuments({ db, dossierId: dossier.id }),
      listEvents({ db, dossierId: dossier.id }),
      withSteps && dossier.processInstanceId ? engine.queryTasks({ processInstanceId: dossier.processInstanceId }).catch(() => []) : Promise.resolve([]),
      dossier.slaRuleVersionId ? sla.rulesOf(dossier) : Promise.resolve(undefined),
      repo.listApologies({ db, dossierId: dossier.id }),
    ]);
    const now = new Date();
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
      pending: running ? pendingState(now, dossier.dueAt!) : null,
      outcome: dossier.outcome,
      extendedDueAt: dossier.extendedDueAt,
      lateAt: dossier.lateAt,
      clock: { paused: Boolean(dossier.clockPausedAt), pausedWorkingMinutes: dossier.pausedWorkingMinutes, slaRuleVersion: rules?.version ?? null, supplementClock: rules?.supplementClock ?? null },
      apologies: apologies.map((a) => ({ step: a.step, reason: a.reason, previousDueAt: a.previousDueAt, newDueAt: a.newDueAt, issuedAt: a.issuedAt, issuedBy: a.issuedByName })),
      decidedAt: dossier.decidedAt,
      returnedAt: dossier.returnedAt,
      supplementRequest: dossier.supplementRequest,
      refusal: dossier.refusal,
      currentSteps: tasks.map((t) => ({ key: t.taskDefinitionKey, name: t.name ?? t.taskDefinitionKey, due: t.due, warnAt: t.followUp, slaState: taskSlaState(t, now), assigned: t.assignee !== null })),
      data: dossier.data,
      applicationForm: loaded.version.forms[loaded.version.applicationFormId],
      attachments: attachments.map(({ fileId: _f, dossierId: _d, ...a }) => a),
      documents: documents.map(({ fileId: _f, dossierId: _d, ...d }) => d),
      timeline: timeline.map(({ hash: _h, ...e }) => e),
    };
  }

  async function listMine(actor: Account, page: { limit: number; offset: number }) {
    if (actor.role !== 'citizen') throw new NotAllowedError('citizens_only', msg('Chỉ công dân có danh sách hồ sơ đã nộp.', 'Only citizens have submitted dossiers.'));
    return repo.listDossiersOfApplicant({ db, applicantId: actor.id, ...page });
  }

  /**
   * The applicant supplies what was asked for: corrected form data and/or new files (inline or uploaded).
   * Files the dossier has stay unless the data drops them. The dossier goes back to reception (5 → 1), its
   * clock re-planned, and the process resumes.
   * @throws ConflictError `dossier_status_conflict` when no supplement is requested; InputError `form_invalid`
   */
  async function supplement(actor: Account, id: string, input: { data?: unknown; files: UploadedFile[] }): Promise<Dossier> {
    const dossier = await get(actor, id);
    if (dossier.applicantId !== actor.id) throw dossierNotFound();
    assertTransition(dossier.status, DossierStatus.Submitted);
    const loaded = await procedures.loadVersion(dossier.procedureVersionId);
    const fields = attachmentFields(loaded.applicationForm.schema);
    const inline = checkFiles(fields, input.files, uploadMaxBytes);
    const base = structuredClone(isObject(input.data) ? input.data : dossier.data);
    const existing = await repo.listAttachments({ db, dossierId: id });
    const resolved = await resolveAttachments({ db, data: base, fields, procedureCode: loaded.procedure.code, ownerIds: [actor.id], existing, inline: inline.accepted });
    const result = loaded.applicationForm.validate(base);
    const all = [...inline.problems, ...resolved.problems, ...result.problems];
    if (all.length) throw new InputError('form_invalid', msg('Nội dung bổ sung chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.', 'The supplement is not valid; check the marked fields.'), all);

    const updated = await db.transaction(async (tx) => {
      const locked = await repo.lockDossier({ tx, id });
      if (!locked) throw dossierNotFound();
      assertTransition(locked.status, DossierStatus.Submitted);
      const round = (await repo.maxAttachmentRound({ db: tx, dossierId: id })) + 1;
      await storeAttachments(tx, id, resolved.added, round);
      const accepted = resolved.added;
      // the clock resumes: the due moment is planned again in the mode of the dossier's SLA rules
      const now = new Date();
      const clock = await sla.resumeClock(locked, now, tx);
      const next = await repo.updateDossier({
        db: tx,
        id,
        patch: { status: DossierStatus.Submitted, data: result.data, supplementRequest: null, ...(clock ? { dueAt: clock.dueAt, clockPausedAt: null, pausedWorkingMinutes: locked.pausedWorkingMinutes + clock.pausedMinutes } : {}) },
        expectStatus: [DossierStatus.SupplementRequested],
      });
      if (!next) throw new ConflictError('dossier_status_conflict', msg('Hồ sơ không ở trạng thái chờ bổ sung.', 'The dossier is not waiting for a supplement.'));
      const replanned = clock ? { clock: { mode: clock.mode, pausedWorkingMinutes: clock.pausedMinutes, previousDueAt: locked.dueAt, dueAt: clock.dueAt } } : {};
      await appendEvent({ db: tx, event: { dossierId: id, type: 'supplement_provided', actor, statusFrom: locked.status, statusTo: DossierStatus.Submitted, data: { round, files: accepted.map((a) => a.fileName), request: locked.supplementRequest, ...replanned }, at: now } });
      try {
        await engine.correlateMessage('SupplementProvided', id, {}, actor.id);
      } catch (e) {
        if (e instanceof EngineUnreachableError) throw new UnavailableError('engine_unavailable', msg('Hệ thống xử lý đang bận, vui lòng thử lại sau ít phút.', 'The processing engine is unavailable; please try again in a few minutes.'));
        // a model older than the one-stop template's parallel notice waits only once its notice is out: nothing
        // is recorded (the transaction rolls back) and the applicant sends it again
        if (e instanceof EngineError && e.status === 400 && /MismatchingMessageCorrelation/.test(e.message)) {
          throw new ConflictError('dossier_not_waiting', msg('Hồ sơ đang được cập nhật, nội dung bổ sung chưa được ghi nhận. Vui lòng gửi lại sau ít phút.', 'The dossier is being updated and the supplement was not recorded. Please send it again in a few minutes.'));
        }
        throw e;
      }
      return next;
    });
    log.info({ action: 'supplement_provided', dossierId: id }, 'supplement provided');
    return updated;
  }

  /** A file the actor may read: an attachment or an issued document of a dossier they can see. */
  async function download(actor: Account, dossierId: string, what: { attachmentId?: string; documentKind?: repo.DocumentKind }) {
    await get(actor, dossierId);
    let fileId: string | undefined;
    let fileName = 'file';
    if (what.attachmentId) {
      const a = (await repo.listAttachments({ db, dossierId })).find((x) => x.id === what.attachmentId);
      fileId = a?.fileId;
      fileName = a?.fileName ?? fileName;
    } else if (what.documentKind) {
      const d = await repo.findDocument({ db, dossierId, kind: what.documentKind });
      fileId = d?.fileId;
      fileName = d?.fileName ?? fileName;
    }
    const file = fileId && (await readFile({ db, id: fileId }));
    if (!file) throw dossierNotFound();
    return { fileName, mediaType: file.mediaType, content: file.content, sha256: file.sha256 };
  }

  return { submit, submitAtCounter, get, view, toView, listMine, supplement, download, reconcileSubmissions };
}

export type DossiersService = ReturnType<typeof createDossiersService>;

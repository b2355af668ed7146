/**
 * Dossiers as citizens see them: submission (form validated against the published application form,
 * attachments checked and stored with their SHA-256, the dossier row and its process instance created
 * together), reading, the supplement round trip, and downloads.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import { EngineUnreachableError, type EngineClient } from '../engine/engine.client.ts';
import { ConflictError, InputError, NotAllowedError, UnavailableError, msg, type FieldProblem } from '../errors/errors.ts';
import { acceptedTypes, attachmentFields, type FormField } from '../forms/form-schema.ts';
import { storeFile, readFile, sha256Hex } from '../files/files.repository.ts';
import { sniffMediaType } from '../files/media-types.ts';
import { moduleLogger } from '../logging/logger.ts';
import { findOrgUnit } from '../org-units/org-units.repository.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import type { SlaService } from '../sla/sla.service.ts';
import { pendingState, slaStateAt, type SlaState } from '../sla/deadlines.ts';
import { engineDate } from '../engine/engine.client.ts';
import { appendEvent, listEvents, type TimelineEvent } from '../timeline/timeline.repository.ts';
import { receiptDayStamp } from './dossier-code.ts';
import { assertCanReadDossier, dossierNotFound } from './dossier-access.ts';
import { DossierStatus, assertTransition, statusNames } from './dossier-status.ts';
import * as repo from './dossiers.repository.ts';
import type { Attachment, Channel, Dossier, IssuedDocument } from './dossiers.repository.ts';

const log = moduleLogger('dossiers');

/** Statuses in which a received dossier's clock runs (or stands still, in 5). */
const PENDING_STATUSES: readonly DossierStatus[] = [DossierStatus.Received, DossierStatus.InHandling, DossierStatus.SupplementRequested, DossierStatus.AwaitingPayment];

export interface UploadedFile {
  /** the attachment field's key in the form (the multipart field name) */
  fieldKey: string;
  fileName: string;
  content: Buffer;
}

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

function setAt(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let o = obj;
  path.slice(0, -1).forEach((k) => {
    if (!o[k] || typeof o[k] !== 'object') o[k] = {};
    o = o[k] as Record<string, unknown>;
  });
  o[path[path.length - 1]!] = value;
}

export interface DossiersServiceDeps {
  db: Db;
  engine: EngineClient;
  procedures: ProceduresService;
  sla: SlaService;
  uploadMaxBytes: number;
}

export function createDossiersService({ db, engine, procedures, sla, uploadMaxBytes }: DossiersServiceDeps) {
  /**
   * Checks uploaded files against the form's attachment fields: known field, size, real media type, count.
   * @returns the attachment records to store, keyed by field; problems when any file is refused
   */
  function checkFiles(fields: FormField[], files: UploadedFile[]): { accepted: (UploadedFile & { mediaType: string; field: FormField; id: string })[]; problems: FieldProblem[] } {
    const problems: FieldProblem[] = [];
    const accepted: (UploadedFile & { mediaType: string; field: FormField; id: string })[] = [];
    for (const file of files) {
      const field = fields.find((f) => f.path.join('.') === file.fieldKey);
      if (!field) {
        problems.push({ field: file.fieldKey, code: 'attachment.unknown_field', message: msg(`Tệp «${file.fileName}» gửi kèm trường không có trong biểu mẫu.`, `File "${file.fileName}" is attached to a field the form does not have.`) });
        continue;
      }
      const max = Math.min(field.component.maxSize ?? uploadMaxBytes, uploadMaxBytes);
      if (file.content.length === 0) {
        problems.push({ field: file.fieldKey, code: 'attachment.empty', message: msg(`Tệp «${file.fileName}» rỗng.`, `File "${file.fileName}" is empty.`) });
        continue;
      }
      if (file.content.length > max) {
        problems.push({ field: file.fieldKey, code: 'attachment.too_large', message: msg(`Tệp «${file.fileName}» vượt quá dung lượng cho phép (${Math.floor(max / 1024 / 1024)} MB).`, `File "${file.fileName}" is larger than ${Math.floor(max / 1024 / 1024)} MB.`) });
        continue;
      }
      const mediaType = sniffMediaType(file.content);
      if (!mediaType || !acceptedTypes(field.component).includes(mediaType)) {
        problems.push({ field: file.fieldKey, code: 'attachment.type', message: msg(`Tệp «${file.fileName}» không đúng định dạng cho phép (PDF, JPG, PNG).`, `File "${file.fileName}" is not of an accepted type (PDF, JPG, PNG).`) });
        continue;
      }
      accepted.push({ ...file, mediaType, field, id: randomUUID() });
    }
    for (const field of fields) {
      const n = accepted.filter((a) => a.field === field).length;
      if (n > 1 && !field.component.multiple) {
        problems.push({ field: field.path.join('.'), code: 'attachment.too_many', message: msg(`«${field.fullLabel}»: chỉ được đính kèm một tệp.`, `${field.fullLabel}: only one file is allowed.`) });
      }
    }
    return { accepted, problems };
  }

  function attachmentValues(accepted: ReturnType<typeof checkFiles>['accepted'], fields: FormField[]): Map<FormField, unknown[]> {
    const values = new Map<FormField, unknown[]>();
    for (const f of fields) values.set(f, []);
    for (const a of accepted) values.get(a.field)!.push({ attachmentId: a.id, fileName: a.fileName.slice(0, 255), mediaType: a.mediaType, size: a.content.length, sha256: sha256Hex(a.content) });
    return values;
  }

  /**
   * Submits a dossier for a published procedure. A retried submission with the same idempotency key returns
   * the dossier of the first. The dossier and its process instance exist together or not at all.
   * @throws InputError `form_invalid` with the problems per field; NotFoundError `procedure_not_found`;
   *   InputError `org_unit_unknown`; UnavailableError `engine_unavailable` (nothing stored)
   */
  async function submit(actor: Account, input: SubmitInput): Promise<Dossier> {
    if (actor.role !== 'citizen') throw new NotAllowedError('citizens_only', msg('Chỉ công dân mới nộp hồ sơ trực tuyến.', 'Only citizens submit dossiers online.'));
    if (input.idempotencyKey) {
      const earlier = await repo.findDossierByIdempotencyKey({ db, applicantId: actor.id, key: input.idempotencyKey });
      if (earlier) return earlier;
    }
    const loaded = await procedures.publishedByCode(input.procedureCode);
    const unit = await findOrgUnit({ db, id: input.orgUnitId });
    if (!unit || unit.parentId === null) throw new InputError('org_unit_unknown', msg('Đơn vị tiếp nhận không hợp lệ.', 'Unknown receiving unit.'));

    const fields = attachmentFields(loaded.applicationForm.schema);
    const { accepted, problems } = checkFiles(fields, input.files);
    const data = input.data && typeof input.data === 'object' && !Array.isArray(input.data) ? structuredClone(input.data as Record<string, unknown>) : input.data;
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      // attachment values come from the uploaded files only
      for (const [field, value] of attachmentValues(accepted, fields)) if (value.length) setAt(data as Record<string, unknown>, field.path, value);
        else setAt(data as Record<string, unknown>, field.path, undefined);
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
          dossier: { id, reference: newReference(now), procedureVersionId: loaded.version.id, orgUnitId: unit.id, applicantId: actor.id, channel: 2, status: DossierStatus.Submitted, data: result.data, idempotencyKey: input.idempotencyKey ?? null, submittedAt: now },
        });
        for (const a of accepted) {
          const file = await storeFile({ db: tx, content: a.content, mediaType: a.mediaType });
          await repo.insertAttachment({ db: tx, attachment: { id: a.id, dossierId: id, fieldKey: a.fieldKey, fileName: a.fileName.slice(0, 255), fileId: file.id, mediaType: a.mediaType, size: file.size, sha256: file.sha256, round: 0 } });
        }
      });
    } catch (e) {
      if (input.idempotencyKey && (e as { code?: string }).code === '23505') {
        const earlier = await repo.findDossierByIdempotencyKey({ db, applicantId: actor.id, key: input.idempotencyKey });
        if (earlier) return earlier;
      }
      throw e;
    }
    // 2. the process instance; if the engine refuses, the dossier is removed again: nothing half-made remains
    let instanceId: string;
    try {
      instanceId = (await engine.startProcess(loaded.version.engineProcessDefinitionId!, { businessKey: id, variables: processVariables(unit.id), actor: actor.id })).id;
    } catch (e) {
      await removeUnstarted(id);
      log.error({ err: e, dossierId: id }, 'the engine did not start the dossier process; submission undone');
      throw new UnavailableError('engine_unavailable', msg('Hệ thống xử lý đang bận, hồ sơ chưa được nộp. Vui lòng thử lại sau ít phút.', 'The processing engine is unavailable; the dossier was not submitted. Please try again in a few minutes.'));
    }
    // 3. link and record; a crash before this point is repaired by reconcileSubmissions()
    const dossier = await linkProcess(id, instanceId, actor, now, accepted.length);
    log.info({ action: 'submitted', dossierId: id, processInstanceId: instanceId }, 'dossier submitted');
    return dossier;
  }

  /** What the model reads: the unit (its candidate groups). The dossier itself is the business key. */
  function processVariables(orgUnitId: string) {
    return { orgUnitId };
  }

  async function removeUnstarted(id: string): Promise<void> {
    await db.transaction(async (tx) => {
      const fileIds = (await repo.listAttachments({ db: tx, dossierId: id })).map((a) => a.fileId);
      await tx('dossiers').where({ id }).whereNull('process_instance_id').delete();
      if (fileIds.length) await tx('stored_files').whereIn('id', fileIds).delete();
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
      currentSteps: tasks.map((t) => {
        const due = engineDate(t.due);
        return { key: t.taskDefinitionKey, name: t.name ?? t.taskDefinitionKey, due: t.due, warnAt: t.followUp, slaState: due ? slaStateAt(now, due, engineDate(t.followUp) ?? due) : null, assigned: t.assignee !== null };
      }),
      data: dossier.data,
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
   * The applicant supplies what was asked for: corrected form data and/or new files. The dossier goes back
   * to reception (status 5 → 1) and the process resumes.
   * @throws ConflictError `dossier_status_conflict` when no supplement is requested; InputError `form_invalid`
   */
  async function supplement(actor: Account, id: string, input: { data?: unknown; files: UploadedFile[] }): Promise<Dossier> {
    const dossier = await get(actor, id);
    if (dossier.applicantId !== actor.id) throw dossierNotFound();
    assertTransition(dossier.status, DossierStatus.Submitted);
    const loaded = await procedures.loadVersion(dossier.procedureVersionId);
    const fields = attachmentFields(loaded.applicationForm.schema);
    const { accepted, problems } = checkFiles(fields, input.files);
    const base = (input.data && typeof input.data === 'object' && !Array.isArray(input.data) ? structuredClone(input.data) : structuredClone(dossier.data)) as Record<string, unknown>;
    // earlier attachments stay; new files for a single-file field replace its earlier file
    for (const [field, value] of attachmentValues(accepted, fields)) {
      const earlier = (field.path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], dossier.data) as unknown[] | undefined) ?? [];
      setAt(base, field.path, value.length ? (field.component.multiple ? [...earlier, ...value] : value) : earlier.length ? earlier : undefined);
    }
    const result = loaded.applicationForm.validate(base);
    const all = [...problems, ...result.problems];
    if (all.length) throw new InputError('form_invalid', msg('Nội dung bổ sung chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.', 'The supplement is not valid; check the marked fields.'), all);

    const updated = await db.transaction(async (tx) => {
      const locked = await repo.lockDossier({ tx, id });
      if (!locked) throw dossierNotFound();
      assertTransition(locked.status, DossierStatus.Submitted);
      const round = (await repo.maxAttachmentRound({ db: tx, dossierId: id })) + 1;
      for (const a of accepted) {
        const file = await storeFile({ db: tx, content: a.content, mediaType: a.mediaType });
        await repo.insertAttachment({ db: tx, attachment: { id: a.id, dossierId: id, fieldKey: a.fieldKey, fileName: a.fileName.slice(0, 255), fileId: file.id, mediaType: a.mediaType, size: file.size, sha256: file.sha256, round } });
      }
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

  return { submit, get, view, toView, listMine, supplement, download, reconcileSubmissions };
}

export type DossiersService = ReturnType<typeof createDossiersService>;

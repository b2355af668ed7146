/**
 * Dossiers as applicants file them: submission online by the applicant or at the counter by a receiving
 * officer (form validated against the published application form, attachments checked and stored with their
 * SHA-256, the dossier row and the command that starts its process written together), and the supplement
 * round trip.
 */
import { systemClock, type Clock } from '../time/clock.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Account } from '../accounts/accounts.repository.ts';
import type { IdentityService } from '../accounts/identity.service.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { Db, Tx } from '../db/db.ts';
import { toEngineVariables } from '../engine/engine.client.ts';
import type { EngineCommand, EngineCommands } from '../engine-commands/engine-commands.service.ts';
import { ConflictError, InputError, NotAllowedError, msg } from '../errors/errors.ts';
import { attachmentFields, type FormField } from '../forms/form-schema.ts';
import { moduleLogger } from '../logging/logger.ts';
import { actsFor } from '../accounts/organisations.service.ts';
import { findOrgUnit } from '../org-units/org-units.repository.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import type { SlaService } from '../sla/sla.service.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { receiptDayStamp } from './dossier-code.ts';
import { assertCanReadDossier, dossierNotFound } from './dossier-access.ts';
import { DossierStatus, assertTransition } from './dossier-status.ts';
import { checkFiles, resolveAttachments, storeAttachments, type NewAttachment, type UploadedFile } from './attachments.ts';
import * as repo from './dossiers.repository.ts';
import type { Channel, Dossier } from './dossiers.repository.ts';
import { listAttachments, maxAttachmentRound } from './attachments.repository.ts';
import type { DeliveryChoice, DeliveryService } from '../delivery/delivery.service.ts';

const log = moduleLogger('dossiers');

export interface SubmitInput {
  procedureCode: string;
  orgUnitId: string;
  data: unknown;
  files: UploadedFile[];
  idempotencyKey?: string | undefined;
  /** the HTTP request's id, carried into the engine command */
  requestId?: string | undefined;
  /** how the result is to be returned (default: online; at the counter for a walk-in) */
  resultDelivery?: DeliveryChoice | undefined;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function newReference(at: Date): string {
  const bytes = randomBytes(8);
  let s = '';
  for (let i = 0; i < 8; i++) s += CROCKFORD[bytes[i]! % 32];
  return `TN${receiptDayStamp(at)}-${s}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

export interface SubmissionServiceDeps {
  db: Db;
  accounts: AccountsService;
  identity: IdentityService;
  commands: EngineCommands;
  procedures: ProceduresService;
  sla: SlaService;
  uploadMaxBytes: number;
  delivery: DeliveryService;
  clock?: Clock;
}

export function createSubmissionService({
  db,
  accounts,
  identity,
  commands,
  procedures,
  sla,
  uploadMaxBytes,
  delivery,
  clock = systemClock,
}: SubmissionServiceDeps) {
  /**
   * Submits a dossier for a published procedure, online by its applicant. A retried submission with the same
   * idempotency key returns the dossier of the first. The dossier is stored with the command that starts its
   * process (carried out at once, or by the relay when the engine does not answer). Files come inline
   * (multipart) or as uploads named in the data.
   * @throws InputError `form_invalid` with the problems per field; NotFoundError `procedure_not_found`;
   *   InputError `org_unit_unknown` | `org_unit_inactive`
   * @returns the dossier, and whether this request stored it (not a retry's answer)
   */
  async function submit(actor: Account, input: SubmitInput & { organisationId?: string | null }): Promise<{ dossier: Dossier; created: boolean }> {
    if (actor.role !== 'citizen')
      throw new NotAllowedError('citizens_only', msg('Chỉ công dân mới nộp hồ sơ trực tuyến.', 'Only citizens submit dossiers online.'));
    const organisationId = input.organisationId ?? null;
    // filed for an organisation: by someone acting for it, and seen by all who do
    if (organisationId && !(await actsFor(db, actor.id, organisationId)))
      throw new NotAllowedError(
        'organisation_not_member',
        msg('Bạn không được ủy quyền nộp hồ sơ cho tổ chức này.', 'You are not authorised to file for this organisation.'),
      );
    return create({
      applicant: actor,
      enteredBy: null,
      channel: 2,
      uploadOwners: [actor.id],
      input,
      afterInsert: organisationId ? async (tx, id) => void (await tx('dossiers').where({ id }).update({ organisation_id: organisationId })) : undefined,
    });
  }

  /**
   * A walk-in application entered at the counter by a receiving officer of the unit, on behalf of the
   * applicant (found by identity number, or given an account). Channel 1.
   * @throws NotAllowedError `receiving_officers_only`; InputError as for `submit`
   */
  async function submitAtCounter(
    officer: Account,
    input: Omit<SubmitInput, 'orgUnitId'> & { applicant: { fullName: string; idNumber: string; phone?: string | null; email?: string | null } },
    /** more the dossier's own transaction writes (the counter's choice of the handling unit) */
    also?: (tx: Tx, dossierId: string) => Promise<void>,
  ): Promise<Dossier> {
    if (officer.role !== 'receiving_officer' || !officer.orgUnitId)
      throw new NotAllowedError(
        'receiving_officers_only',
        msg('Chỉ cán bộ tiếp nhận mới nhập hồ sơ tại quầy.', 'Only receiving officers enter counter applications.'),
      );
    // the walk-in's account is found or made in the dossier's own transaction: a refused application leaves nothing
    const { dossier } = await create({
      applicant: (tx) => accounts.findOrCreateWalkIn(input.applicant, tx),
      enteredBy: officer,
      channel: 1,
      uploadOwners: [officer.id],
      input: { ...input, orgUnitId: officer.orgUnitId },
      startInRequest: true,
      // filed under a walk-in account: its receipt carries the code that brings it into the citizen's own account
      afterInsert: async (tx, dossierId, applicant) => {
        if (applicant.walkIn) await identity.issueClaimCode(tx, applicant, dossierId);
        await also?.(tx, dossierId);
      },
    });
    return dossier;
  }

  async function create(o: {
    applicant: Account | ((tx: Tx) => Promise<Account>);
    enteredBy: Account | null;
    channel: Channel;
    uploadOwners: string[];
    input: SubmitInput;
    afterInsert?: (tx: Tx, dossierId: string, applicant: Account) => Promise<void>;
    /** the process started before answering (the counter, which receives the dossier next) */
    startInRequest?: boolean;
  }): Promise<{ dossier: Dossier; created: boolean }> {
    const { input } = o;
    const known = typeof o.applicant === 'function' ? undefined : o.applicant;
    if (input.idempotencyKey && known) {
      const applicant = known;
      const earlier = await repo.findDossierByIdempotencyKey({ db, applicantId: applicant.id, key: input.idempotencyKey });
      if (earlier) return { dossier: earlier, created: false };
    }
    const loaded = await procedures.publishedByCode(input.procedureCode);
    const resultDelivery = delivery.checkChoice(input.resultDelivery, o.channel);
    const unit = await findOrgUnit({ db, id: input.orgUnitId });
    if (!unit || unit.parentId === null) throw new InputError('org_unit_unknown', msg('Đơn vị tiếp nhận không hợp lệ.', 'Unknown receiving unit.'));
    if (unit.deactivatedAt)
      throw new InputError(
        'org_unit_inactive',
        msg('Đơn vị này đã ngừng tiếp nhận hồ sơ, vui lòng chọn đơn vị khác.', 'This unit no longer receives dossiers; choose another unit.'),
      );

    const fields = attachmentFields(loaded.applicationForm.schema);
    const inline = await checkFiles(fields, input.files, uploadMaxBytes);
    let problems = inline.problems;
    let added: NewAttachment[] = [];
    const data = isObject(input.data) ? structuredClone(input.data) : input.data;
    if (isObject(data)) {
      const resolved = await resolveAttachments({
        db,
        data,
        fields,
        procedureCode: loaded.procedure.code,
        ownerIds: o.uploadOwners,
        existing: [],
        inline: inline.accepted,
      });
      added = resolved.added;
      problems = [...problems, ...resolved.problems];
    }
    const result = loaded.applicationForm.validate(data);
    const all = [...problems, ...result.problems.filter((p) => !problems.some((q) => q.field === p.field))];
    if (all.length)
      throw new InputError(
        'form_invalid',
        msg('Hồ sơ chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.', 'The application is not valid; check the marked fields.'),
        all,
      );

    const id = randomUUID();
    const now = clock.now();
    // the dossier, its files and the engine command that starts its process, in one transaction: a worker
    // picking up the new process instance always finds its dossier, and a dossier always gets its process
    let start: EngineCommand;
    let inserted: Dossier | undefined;
    try {
      start = await db.transaction(async (tx) => {
        const applicant = known ?? (await (o.applicant as (tx: Tx) => Promise<Account>)(tx));
        const actor = o.enteredBy ?? applicant;
        inserted = await repo.insertDossier({
          db: tx,
          dossier: {
            id,
            reference: newReference(now),
            procedureVersionId: loaded.version.id,
            orgUnitId: unit.id,
            applicantId: applicant.id,
            channel: o.channel,
            status: DossierStatus.Submitted,
            data: result.data,
            idempotencyKey: input.idempotencyKey ?? null,
            submittedAt: now,
            enteredBy: o.enteredBy?.id ?? null,
          },
        });
        // what a citizen gives online is kept as their papers (at the counter the officer scans what is shown)
        await storeAttachments(tx, id, added, 0, o.channel === 2 && applicant.role === 'citizen' ? applicant.id : undefined);
        await delivery.recordChoice(tx, id, resultDelivery);
        await o.afterInsert?.(tx, id, applicant);
        await tx('dossier_drafts').where({ applicant_id: applicant.id, procedure_code: loaded.procedure.code }).delete();
        return commands.enqueue(tx, {
          dossierId: id,
          dedupeKey: `start:${id}`,
          payload: {
            kind: 'start',
            processDefinitionId: loaded.version.engineProcessDefinitionId!,
            variables: toEngineVariables(processVariables(unit.id)),
            attachments: added.length,
          },
          actorId: actor.id,
          requestId: input.requestId ?? null,
        });
      });
    } catch (e) {
      if (input.idempotencyKey && known && (e as { code?: string }).code === '23505') {
        const earlier = await repo.findDossierByIdempotencyKey({ db, applicantId: known.id, key: input.idempotencyKey });
        if (earlier) return { dossier: earlier, created: false };
      }
      throw e;
    }
    // the process starts after the answer: the applicant waits for the database, not for the engine (issue 17).
    // At the counter the officer receives it at once, so there it starts in the request. Either way, if the
    // engine does not answer (or this process stops), the relay starts it later.
    if (!o.startInRequest) {
      commands.runSoon(id, start.id);
      log.info({ action: 'submitted', dossierId: id, channel: o.channel }, 'dossier submitted');
      // the row as its insert returned it (what ran after the insert, an organisation's filing, is read again)
      return { dossier: o.afterInsert ? (await repo.findDossier({ db, id }))! : inserted!, created: true };
    }
    const started = await commands.runUpTo(id, start.id);
    const dossier = (await repo.findDossier({ db, id }))!;
    log.info(
      { action: 'submitted', dossierId: id, processInstanceId: dossier.processInstanceId, channel: o.channel, engine: started?.state },
      'dossier submitted',
    );
    return { dossier, created: true };
  }

  /** What the model reads: the unit (its candidate groups). The dossier itself is the business key. */
  function processVariables(orgUnitId: string) {
    return { orgUnitId };
  }

  /**
   * The applicant supplies what was asked for: corrected form data and/or new files (inline or uploaded).
   * Files the dossier has stay unless the data drops them. The dossier goes back to reception (5 → 1), its
   * clock re-planned, and the process resumes.
   * @throws ConflictError `dossier_status_conflict` when no supplement is requested; InputError `form_invalid`
   */
  async function supplement(actor: Account, id: string, input: { data?: unknown; files: UploadedFile[]; requestId?: string }): Promise<Dossier> {
    const dossier = await assertCanReadDossier(db, actor, await repo.findDossier({ db, id }));
    if (dossier.applicantId !== actor.id) throw dossierNotFound();
    assertTransition(dossier.status, DossierStatus.Submitted);
    const loaded = await procedures.loadVersion(dossier.procedureVersionId);
    const fields = attachmentFields(loaded.applicationForm.schema);
    // one upload slot per paper the officer listed (supplement_0, supplement_1...), beside the form's own fields
    const slots = supplementSlots(dossier.supplementRequest?.items ?? []);
    const checked = await checkFiles([...fields, ...slots], input.files, uploadMaxBytes);
    const slotKeys = new Set(slots.map((f) => f.path[0]));
    const inline = { accepted: checked.accepted.filter((a) => !slotKeys.has(a.fieldKey)), problems: checked.problems };
    const slotFiles = checked.accepted.filter((a) => slotKeys.has(a.fieldKey));
    const base = structuredClone(isObject(input.data) ? input.data : dossier.data);
    const existing = await listAttachments({ db, dossierId: id });
    const resolved = await resolveAttachments({
      db,
      data: base,
      fields,
      procedureCode: loaded.procedure.code,
      ownerIds: [actor.id],
      existing,
      inline: inline.accepted,
    });
    const result = loaded.applicationForm.validate(base);
    const all = [...inline.problems, ...resolved.problems, ...result.problems];
    if (all.length)
      throw new InputError(
        'form_invalid',
        msg('Nội dung bổ sung chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.', 'The supplement is not valid; check the marked fields.'),
        all,
      );

    const updated = await db.transaction(async (tx) => {
      const locked = await repo.lockDossier({ tx, id });
      if (!locked) throw dossierNotFound();
      assertTransition(locked.status, DossierStatus.Submitted);
      const round = (await maxAttachmentRound({ db: tx, dossierId: id })) + 1;
      const accepted = [...resolved.added, ...slotFiles];
      await storeAttachments(tx, id, accepted, round, actor.role === 'citizen' ? actor.id : undefined);
      // the clock resumes: the due moment is planned again in the mode of the dossier's SLA rules
      const now = clock.now();
      const resumed = await sla.resumeClock(locked, now, tx);
      const next = await repo.updateDossier({
        db: tx,
        id,
        patch: {
          status: DossierStatus.Submitted,
          data: result.data,
          supplementRequest: null,
          ...(resumed ? { dueAt: resumed.dueAt, clockPausedAt: null, pausedWorkingMinutes: locked.pausedWorkingMinutes + resumed.pausedMinutes } : {}),
        },
        expectStatus: [DossierStatus.SupplementRequested],
      });
      if (!next)
        throw new ConflictError('dossier_status_conflict', msg('Hồ sơ không ở trạng thái chờ bổ sung.', 'The dossier is not waiting for a supplement.'));
      const replanned = resumed
        ? { clock: { mode: resumed.mode, pausedWorkingMinutes: resumed.pausedMinutes, previousDueAt: locked.dueAt, dueAt: resumed.dueAt } }
        : {};
      await appendEvent({
        db: tx,
        event: {
          dossierId: id,
          type: 'supplement_provided',
          actor,
          statusFrom: locked.status,
          statusTo: DossierStatus.Submitted,
          data: { round, files: accepted.map((a) => a.fileName), request: locked.supplementRequest, ...replanned },
          at: now,
        },
      });
      // the process resumes; a model that is not waiting yet (its notice still going out) gets the message again later
      const command = await commands.enqueue(tx, {
        dossierId: id,
        dedupeKey: `supplement:${id}:${round}`,
        payload: { kind: 'message', messageName: 'SupplementProvided', effect: 'message_caught', variables: {} },
        actorId: actor.id,
        requestId: input.requestId ?? null,
      });
      return { next, command };
    });
    const resumed = await commands.runUpTo(id, updated.command.id);
    log.info({ action: 'supplement_provided', dossierId: id, engine: resumed?.state }, 'supplement provided');
    return updated.next;
  }

  return { submit, submitAtCounter, supplement };
}

/**
 * The upload slots of a supplement request: one attachment field per paper asked for, keyed `supplement_<n>`
 * and labelled with the paper's words, taking what an application's attachment field takes (PDF, JPEG, PNG).
 */
export function supplementSlots(items: string[]): FormField[] {
  return items.map((label, i) => {
    const key = `supplement_${i}`;
    return { component: { type: 'attachment', id: key, key, label }, path: [key], label, fullLabel: label, hide: [] } as unknown as FormField;
  });
}

/**
 * Apology and new appointment (form 04): before a step's due time passes, the officer holding it issues a
 * letter with the reason and a new date. The letter is signed in the agency's name (its head signs), the
 * dossier keeps both dates (lateness is still judged against the legal due), the applicant is told.
 */
import { systemClock, type Clock } from '../time/clock.ts';
import type { Account } from '../accounts/accounts.repository.ts';
import { findAccountById, listAccountsByUnitAndRole } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import { renderApology } from '../documents/apology.ts';
import { engineDate } from '../engine/engine.client.ts';
import { ConflictError, InputError, msg } from '../errors/errors.ts';
import { storeFile } from '../files/files.repository.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { findOrgUnitWithParent } from '../org-units/org-units.repository.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import { signPdf } from '../signing/pades.ts';
import type { AgencySigners } from '../signing/agency-signers.ts';
import type { SlaService } from '../sla/sla.service.ts';
import type { TasksService } from '../tasks/tasks.service.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { signatureRecord } from '../signing/signer.ts';
import { vnDate } from '../time/vietnam-time.ts';
import * as repo from './dossiers.repository.ts';
import { insertDocument } from '../documents/documents.repository.ts';
import { insertApology } from './apologies.repository.ts';

const log = moduleLogger('apologies');

export interface ApologiesServiceDeps {
  db: Db;
  tasks: TasksService;
  procedures: ProceduresService;
  sla: SlaService;
  notifications: NotificationsService;
  signers: AgencySigners | undefined;
  clock?: Clock;
}

export function createApologiesService({ db, tasks, procedures, sla, notifications, signers, clock = systemClock }: ApologiesServiceDeps) {
  /**
   * Issues form 04 for the dossier of a task the officer holds.
   * @throws ConflictError `task_not_held` | `apology_too_late` (the step is already overdue) | `dossier_not_received`;
   *   InputError `apology_date_invalid` (not after the current appointment, or not a working day)
   */
  async function issue(actor: Account, taskId: string, input: { reason: string; newDueAt: Date }): Promise<{ newDueAt: Date; documentId: string }> {
    const task = await tasks.heldTask(actor, taskId);
    const { dossier } = await tasks.dossierOf(task);
    const now = clock.now();
    const stepDue = engineDate(task.due);
    if (stepDue && stepDue.getTime() <= now.getTime()) {
      throw new ConflictError(
        'apology_too_late',
        msg(
          'Bước xử lý đã quá hạn: phiếu xin lỗi phải được lập trước thời hạn.',
          'The step is already overdue: the apology must be issued before its due time.',
        ),
      );
    }
    if (!dossier.dueAt || !dossier.receivedAt || !dossier.code)
      throw new ConflictError('dossier_not_received', msg('Hồ sơ chưa được tiếp nhận.', 'The dossier has not been received.'));
    const current = dossier.extendedDueAt ?? dossier.dueAt;
    const calendar = await sla.calendarOf(dossier.orgUnitId);
    if (input.newDueAt.getTime() <= Math.max(now.getTime(), current.getTime())) {
      throw new InputError('apology_date_invalid', msg('Ngày hẹn mới phải sau ngày hẹn hiện tại.', 'The new appointment must be after the current one.'), [
        {
          field: 'newDueAt',
          code: 'apology.date_not_later',
          message: msg('Ngày hẹn mới phải sau ngày hẹn hiện tại.', 'The new appointment must be after the current one.'),
        },
      ]);
    }
    if (!calendar.isWorkingDay(vnDate(input.newDueAt))) {
      throw new InputError('apology_date_invalid', msg('Ngày hẹn mới phải là ngày làm việc.', 'The new appointment must be on a working day.'), [
        {
          field: 'newDueAt',
          code: 'apology.not_working_day',
          message: msg('Ngày hẹn mới phải là ngày làm việc.', 'The new appointment must be on a working day.'),
        },
      ]);
    }

    // the letter comes from the unit holding the step (liên thông: the agency the dossier was handed to)
    const issuer = actor.orgUnitId ?? dossier.orgUnitId;
    const [loaded, units, applicant] = await Promise.all([
      procedures.loadVersion(dossier.procedureVersionId),
      findOrgUnitWithParent({ db, id: issuer }),
      findAccountById({ db, id: dossier.applicantId }),
    ]);
    const { unit, parent } = units!;
    const head = (await listAccountsByUnitAndRole({ db, orgUnitId: issuer, role: 'leader' }))[0];
    const pdf = await renderApology({
      dossierCode: dossier.code,
      unitName: unit!.name,
      parentUnitName: parent?.name,
      place: parent?.name.replace(/^(Ủy ban nhân dân|UBND)\s*/i, '') ?? unit!.name,
      applicantName: applicant?.fullName ?? '',
      procedureName: loaded.procedure.name,
      receivedAt: dossier.receivedAt,
      dueAt: current,
      reason: input.reason,
      newDueAt: input.newDueAt,
      headName: head?.fullName ?? '',
      issuedAt: now,
    });
    const signer = signers ? await signers.forUnit(unit!) : undefined;
    const signed = signer
      ? await signPdf(pdf, signer, {
          name: head?.fullName ?? unit!.name,
          reason: `Phiếu xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${dossier.code}`,
          location: unit!.name,
          signingTime: now,
        })
      : pdf;

    const documentId = await db.transaction(async (tx) => {
      const locked = (await repo.lockDossier({ tx, id: dossier.id }))!;
      if (locked.status !== dossier.status)
        throw new ConflictError(
          'dossier_status_conflict',
          msg('Hồ sơ vừa được cập nhật bởi người khác, vui lòng tải lại.', 'The dossier changed meanwhile; reload it.'),
        );
      const file = await storeFile({ db: tx, content: signed, mediaType: 'application/pdf' });
      const doc = await insertDocument({
        db: tx,
        document: {
          dossierId: dossier.id,
          kind: 'apology',
          fileName: `phieu-xin-loi-${dossier.code}-${vnDate(now)}.pdf`,
          fileId: file.id,
          sha256: file.sha256,
          signed: Boolean(signer),
          signature: signatureRecord(signer, now, head?.fullName ?? null),
        },
      });
      await insertApology({
        db: tx,
        apology: {
          dossierId: dossier.id,
          step: task.taskDefinitionKey,
          reason: input.reason,
          originalDueAt: locked.dueAt!,
          previousDueAt: current,
          newDueAt: input.newDueAt,
          issuedBy: actor.id,
          documentId: doc.id,
        },
      });
      await repo.updateDossier({ db: tx, id: dossier.id, patch: { extendedDueAt: input.newDueAt } });
      await appendEvent({
        db: tx,
        event: {
          dossierId: dossier.id,
          type: 'apology_issued',
          actor,
          step: task.taskDefinitionKey,
          data: { reason: input.reason, originalDueAt: locked.dueAt, previousDueAt: current, newDueAt: input.newDueAt, documentId: doc.id },
        },
      });
      await notifications.notifyApplicant(
        dossier.applicantId,
        'apology',
        { id: dossier.id, code: dossier.code, reference: dossier.reference, procedureName: loaded.procedure.name, dueAt: input.newDueAt },
        doc.id,
        tx,
      );
      return doc.id;
    });
    log.info({ action: 'apology_issued', dossierId: dossier.id, dossierCode: dossier.code }, 'apology issued');
    return { newDueAt: input.newDueAt, documentId };
  }

  return { issue };
}

export type ApologiesService = ReturnType<typeof createApologiesService>;

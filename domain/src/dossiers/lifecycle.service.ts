/**
 * The ends of a dossier's life other than a result: withdrawal by the applicant (status 7, before a
 * decision) and a stop when the time to supplement runs out (status 8). Each is one transaction that moves
 * the status (guarded) and appends to the timeline; the engine is told inside it, so a failing engine call
 * leaves the dossier as it was.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import { EngineError, EngineUnreachableError, type EngineClient } from '../engine/engine.client.ts';
import { ConflictError, UnavailableError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { assertCanReadDossier, dossierNotFound } from './dossier-access.ts';
import { DossierStatus, assertTransition } from './dossier-status.ts';
import * as repo from './dossiers.repository.ts';

const log = moduleLogger('lifecycle');

/** Statuses from which the applicant may still withdraw: before the decision. */
const WITHDRAWABLE = [DossierStatus.Submitted, DossierStatus.Received, DossierStatus.InHandling, DossierStatus.SupplementRequested, DossierStatus.AwaitingPayment] as const;

export function createLifecycleService({ db, engine, procedures, notifications }: { db: Db; engine: EngineClient; procedures: ProceduresService; notifications: NotificationsService }) {
  /**
   * The applicant withdraws their dossier before it is decided: status 7, the process interrupted.
   * @throws NotFoundError `dossier_not_found`; ConflictError `dossier_status_conflict`; UnavailableError `engine_unavailable`
   */
  async function withdraw(actor: Account, dossierId: string, reason: string | undefined): Promise<repo.Dossier> {
    const d = await assertCanReadDossier(db, actor, await repo.findDossier({ db, id: dossierId }));
    if (d.applicantId !== actor.id) throw dossierNotFound();
    const withdrawn = await db.transaction(async (tx) => {
      const locked = (await repo.lockDossier({ tx, id: dossierId }))!;
      assertTransition(locked.status, DossierStatus.Withdrawn);
      const updated = await repo.updateDossier({ db: tx, id: dossierId, patch: { status: DossierStatus.Withdrawn, clockPausedAt: null }, expectStatus: WITHDRAWABLE });
      if (!updated) throw new ConflictError('dossier_status_conflict', msg('Hồ sơ vừa thay đổi trạng thái, vui lòng tải lại.', 'The dossier changed meanwhile; reload it.'));
      await appendEvent({ db: tx, event: { dossierId, type: 'withdrawn', actor, statusFrom: locked.status, statusTo: DossierStatus.Withdrawn, data: { reason: reason ?? null } } });
      if (locked.processInstanceId) {
        try {
          await engine.correlateMessage('DossierWithdrawn', dossierId, {}, actor.id);
        } catch (e) {
          if (e instanceof EngineUnreachableError) throw new UnavailableError('engine_unavailable', msg('Hệ thống xử lý đang bận, vui lòng thử lại sau ít phút.', 'The processing engine is unavailable; please try again in a few minutes.'));
          // nothing waits for it: the process already ended (it cannot be withdrawn any more)
          if (e instanceof EngineError && e.status === 400) throw new ConflictError('dossier_status_conflict', msg('Hồ sơ đã được giải quyết, không thể rút.', 'The dossier is already decided and cannot be withdrawn.'));
          throw e;
        }
      }
      return updated;
    });
    log.info({ action: 'withdrawn', dossierId }, 'dossier withdrawn');
    const loaded = await procedures.loadVersion(withdrawn.procedureVersionId);
    await notifications.notifyApplicant(withdrawn.applicantId, 'withdrawn', { id: withdrawn.id, code: withdrawn.code, reference: withdrawn.reference, procedureName: loaded.procedure.name });
    return withdrawn;
  }

  /**
   * Stops a dossier waiting for a supplement whose time ran out (status 5 → 8). Idempotent: a redelivered
   * task finds it stopped. @returns whether this call stopped it
   */
  async function stop(dossierId: string, reason: string): Promise<boolean> {
    const stopped = await db.transaction(async (tx) => {
      const d = await repo.lockDossier({ tx, id: dossierId });
      if (!d) throw new Error(`dossier ${dossierId} not found`);
      if (d.status === DossierStatus.Stopped) return undefined;
      // the applicant supplied it at the last moment, or withdrew: nothing to stop
      if (d.status !== DossierStatus.SupplementRequested) return undefined;
      const updated = await repo.updateDossier({ db: tx, id: dossierId, patch: { status: DossierStatus.Stopped, clockPausedAt: null }, expectStatus: [DossierStatus.SupplementRequested] });
      await appendEvent({ db: tx, event: { dossierId, type: 'stopped', statusFrom: d.status, statusTo: DossierStatus.Stopped, data: { reason, supplementDueAt: d.supplementRequest?.dueAt ?? null } } });
      return updated;
    });
    if (!stopped) return false;
    log.info({ action: 'stopped', dossierId, reason }, 'dossier stopped');
    const loaded = await procedures.loadVersion(stopped.procedureVersionId);
    await notifications.notifyApplicant(stopped.applicantId, 'stopped', { id: stopped.id, code: stopped.code, reference: stopped.reference, procedureName: loaded.procedure.name });
    return true;
  }

  return { withdraw, stop };
}

export type LifecycleService = ReturnType<typeof createLifecycleService>;

/**
 * The ends of a dossier's life other than a result: withdrawal by the applicant (status 7, before a
 * decision) and a stop when the time to supplement runs out (status 8). Each is one transaction that moves
 * the status (guarded) and appends to the timeline; a withdrawal also writes the engine command that
 * interrupts the process (the outbox), carried out after the commit.
 */
import { systemClock, type Clock } from '../time/clock.ts';
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import type { EngineCommands } from '../engine-commands/engine-commands.service.ts';
import { ConflictError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import { markPaidFeeForRefund } from '../payments/payments.service.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { assertCanReadDossier, dossierNotFound } from './dossier-access.ts';
import { DossierStatus, assertTransition } from './dossier-status.ts';
import * as repo from './dossiers.repository.ts';

const log = moduleLogger('lifecycle');

/** Statuses from which the applicant may still withdraw: before the decision. */
const WITHDRAWABLE = [
  DossierStatus.Submitted,
  DossierStatus.Received,
  DossierStatus.InHandling,
  DossierStatus.SupplementRequested,
  DossierStatus.AwaitingPayment,
] as const;

export function createLifecycleService({
  db,
  commands,
  procedures,
  notifications,
  clock = systemClock,
}: {
  db: Db;
  commands: EngineCommands;
  procedures: ProceduresService;
  notifications: NotificationsService;
  clock?: Clock;
}) {
  /**
   * The applicant withdraws their dossier before it is decided: status 7, the process interrupted.
   * @throws NotFoundError `dossier_not_found`; ConflictError `dossier_status_conflict`
   */
  async function withdraw(actor: Account, dossierId: string, reason: string | undefined, ctx: { requestId?: string } = {}): Promise<repo.Dossier> {
    const d = await assertCanReadDossier(db, actor, await repo.findDossier({ db, id: dossierId }));
    if (d.applicantId !== actor.id) throw dossierNotFound();
    const { withdrawn, command } = await db.transaction(async (tx) => {
      const locked = (await repo.lockDossier({ tx, id: dossierId }))!;
      assertTransition(locked.status, DossierStatus.Withdrawn);
      const updated = await repo.updateDossier({
        db: tx,
        id: dossierId,
        patch: { status: DossierStatus.Withdrawn, clockPausedAt: null, endedAt: clock.now() },
        expectStatus: WITHDRAWABLE,
      });
      if (!updated)
        throw new ConflictError(
          'dossier_status_conflict',
          msg('Hồ sơ vừa thay đổi trạng thái, vui lòng tải lại.', 'The dossier changed meanwhile; reload it.'),
        );
      await appendEvent({
        db: tx,
        event: { dossierId, type: 'withdrawn', actor, statusFrom: locked.status, statusTo: DossierStatus.Withdrawn, data: { reason: reason ?? null } },
      });
      await markPaidFeeForRefund(tx, dossierId, 'withdrawn');
      const loaded = await procedures.loadVersion(updated.procedureVersionId, tx);
      await notifications.notifyApplicant(
        updated.applicantId,
        'withdrawn',
        { id: updated.id, code: updated.code, reference: updated.reference, procedureName: loaded.procedure.name },
        0,
        tx,
      );
      // the process is interrupted (a dossier whose process has not started yet is started and interrupted in order)
      const command = await commands.enqueue(tx, {
        dossierId,
        dedupeKey: `withdraw:${dossierId}`,
        payload: { kind: 'message', messageName: 'DossierWithdrawn', effect: 'instance_ended', variables: {} },
        actorId: actor.id,
        requestId: ctx.requestId ?? null,
      });
      return { withdrawn: updated, command };
    });
    await commands.runUpTo(dossierId, command.id);
    log.info({ action: 'withdrawn', dossierId }, 'dossier withdrawn');
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
      const updated = await repo.updateDossier({
        db: tx,
        id: dossierId,
        patch: { status: DossierStatus.Stopped, clockPausedAt: null, endedAt: clock.now() },
        expectStatus: [DossierStatus.SupplementRequested],
      });
      await appendEvent({
        db: tx,
        event: {
          dossierId,
          type: 'stopped',
          statusFrom: d.status,
          statusTo: DossierStatus.Stopped,
          data: { reason, supplementDueAt: d.supplementRequest?.dueAt ?? null },
          at: clock.now(),
        },
      });
      await markPaidFeeForRefund(tx, dossierId, 'stopped');
      const loaded = await procedures.loadVersion(d.procedureVersionId, tx);
      await notifications.notifyApplicant(
        d.applicantId,
        'stopped',
        { id: d.id, code: d.code, reference: d.reference, procedureName: loaded.procedure.name },
        0,
        tx,
      );
      return updated;
    });
    if (!stopped) return false;
    log.info({ action: 'stopped', dossierId, reason }, 'dossier stopped');
    return true;
  }

  return { withdraw, stop };
}

export type LifecycleService = ReturnType<typeof createLifecycleService>;

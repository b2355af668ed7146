/**
 * Urging (đôn đốc): a leader presses the officers holding a dossier that is late or nearly late. Whoever holds
 * its open step (or, while nobody has taken it, the officers of the role and unit it waits for) is told, and
 * the urge joins the dossier's timeline, with the leader's words.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import { listAccountsByUnitAndRole } from '../accounts/accounts.repository.ts';
import { isOfficer, type Role } from '../accounts/roles.ts';
import type { Db } from '../db/db.ts';
import type { EngineClient } from '../engine/engine.client.ts';
import { ConflictError, NotAllowedError, msg } from '../errors/errors.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { assertCanReadDossier } from './dossier-access.ts';
import { findDossier, lockDossier } from './dossiers.repository.ts';

export function createUrgeService({
  db,
  engine,
  notifications,
  procedures,
  clock = systemClock,
}: {
  db: Db;
  engine: EngineClient;
  notifications: NotificationsService;
  procedures: ProceduresService;
  clock?: Clock;
}) {
  /**
   * @returns how many officers were told
   * @throws NotAllowedError `leaders_only`; NotFoundError `dossier_not_found`; ConflictError `urge_not_due` (on time,
   *   or nothing open to urge)
   */
  async function urge(actor: Account, dossierId: string, note: string | undefined): Promise<{ told: number }> {
    if (actor.role !== 'leader') throw new NotAllowedError('leaders_only', msg('Chỉ lãnh đạo mới đôn đốc hồ sơ.', 'Only leaders urge dossiers.'));
    const d = await assertCanReadDossier(db, actor, await findDossier({ db, id: dossierId }));
    const open = d.processInstanceId ? await engine.queryTasks({ processInstanceId: d.processInstanceId }) : [];
    if (d.slaState === 'on_time' || !open.length)
      throw new ConflictError(
        'urge_not_due',
        msg('Chỉ đôn đốc hồ sơ đang xử lý đã quá hạn hoặc sắp đến hạn.', 'Only a dossier in handling that is late or nearly late can be urged.'),
      );
    // who holds each open step, or who may take it
    const recipients = new Set<string>();
    for (const t of open) {
      if (t.assignee) {
        recipients.add(t.assignee);
        continue;
      }
      for (const link of await engine.taskIdentityLinks(t.id)) {
        const [role, unitId] = (link.groupId ?? '').split(':');
        if (link.type === 'candidate' && role && unitId && isOfficer(role as Role))
          for (const a of await listAccountsByUnitAndRole({ db, orgUnitId: unitId, role: role as Role })) recipients.add(a.id);
      }
    }
    const at = clock.now();
    const steps = [...new Set(open.map((t) => t.name ?? t.taskDefinitionKey))].join(', ');
    await db.transaction(async (tx) => {
      await lockDossier({ tx, id: d.id });
      await appendEvent({
        db: tx,
        event: {
          dossierId: d.id,
          type: 'urged',
          actor,
          data: { note: note?.trim() || null, steps: open.map((t) => t.taskDefinitionKey), told: recipients.size },
          at,
        },
      });
      const loaded = await procedures.loadVersion(d.procedureVersionId, tx);
      for (const accountId of recipients)
        await notifications.notifyEvent(
          'urged',
          {
            accountId,
            dossier: { id: d.id, code: d.code, reference: d.reference, procedureName: loaded.procedure.name },
            vars: { by: actor.fullName, steps, note: note?.trim() || null },
            dedupeKey: `urged:${d.id}:${at.getTime()}:${accountId}`,
          },
          tx,
        );
    });
    return { told: recipients.size };
  }

  return { urge };
}

export type UrgeService = ReturnType<typeof createUrgeService>;

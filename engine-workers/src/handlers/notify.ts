/**
 * Topic `notify`: tells the applicant of a supplement request or a refusal, with its form (02 or 03) issued
 * first among the dossier's documents. One notification per task.
 */
import type { Services } from '@motcua/domain/services.ts';
import type { ApplicantNotice } from '@motcua/domain/notifications/notifications.service.ts';
import { findDossier } from '@motcua/domain/dossiers/dossiers.repository.ts';
import { done, type TopicHandler } from '../runner.ts';
import { dossierIdOf } from './dossier-id.ts';

const kinds: readonly ApplicantNotice[] = ['received', 'supplement_requested', 'refused', 'result_ready'];

export function createNotifyHandler({
  db,
  notifications,
  procedures,
  notices,
}: Pick<Services, 'db' | 'notifications' | 'procedures' | 'notices'>): TopicHandler {
  return async (task) => {
    const kind = task.variable<string>('notifyKind') as ApplicantNotice | undefined;
    if (!kind || !kinds.includes(kind)) throw new Error(`notify at ${task.activityId} has no valid notifyKind`);
    const d = await findDossier({ db, id: dossierIdOf(task) });
    if (!d) throw new Error(`dossier ${dossierIdOf(task)} not found`);
    if (kind === 'supplement_requested' || kind === 'refused') await notices.issue(d.id, kind === 'refused' ? 'refusal' : 'supplement_request');
    const loaded = await procedures.loadVersion(d.procedureVersionId);
    // the external task id is stable across redeliveries and new for every round: one notification each
    await notifications.notifyApplicant(
      d.applicantId,
      kind,
      {
        id: d.id,
        code: d.code,
        reference: d.reference,
        procedureName: loaded.procedure.name,
        // a supplement request tells the time the applicant has to supply it
        dueAt: kind === 'supplement_requested' ? (d.supplementRequest?.dueAt ? new Date(d.supplementRequest.dueAt) : null) : d.dueAt,
      },
      task.id,
    );
    return done();
  };
}

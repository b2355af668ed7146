/** Topic `reception`: dossier code, status "received", receipt (form 01), notification. */
import type { Services } from '@motcua/domain/services.ts';
import { done, type TopicHandler } from '../runner.ts';
import { dossierIdOf } from './dossier-id.ts';

export function createReceptionHandler({ reception }: Pick<Services, 'reception'>): TopicHandler {
  return async (task) => {
    const acceptedAt = task.variable<Date>('receptionDecidedAt') ?? new Date();
    const { code } = await reception.receive(dossierIdOf(task), new Date(acceptedAt), task.variable<string>('receptionDecidedBy') ?? null);
    return done({ dossierCode: code });
  };
}

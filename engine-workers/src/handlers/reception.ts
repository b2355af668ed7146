/** Topic `reception`: dossier code, status "received", receipt (form 01), notification. */
import type { Services } from '@motcua/domain/services.ts';
import { done, type TopicHandler } from '../runner.ts';
import { dossierIdOf } from './dossier-id.ts';

export function createReceptionHandler({ reception }: Pick<Services, 'reception'>): TopicHandler {
  return async (task) => {
    const { code } = await reception.receive(dossierIdOf(task));
    return done({ dossierCode: code });
  };
}

/** Topic `stop`: the applicant's time to supplement ran out; the dossier stops (status 8). */
import type { Services } from '@motcua/domain/services.ts';
import { done, type TopicHandler } from '../runner.ts';
import { dossierIdOf } from './dossier-id.ts';

export function createStopHandler({ lifecycle }: Pick<Services, 'lifecycle'>): TopicHandler {
  return async (task) => {
    const reason = task.variable<string>('stopReason') ?? 'supplement_expired';
    await lifecycle.stop(dossierIdOf(task), reason);
    return done();
  };
}

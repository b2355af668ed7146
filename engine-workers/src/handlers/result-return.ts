/** Topic `result-return`: the signed result published to the applicant's account (online return). */
import type { Services } from '@motcua/domain/services.ts';
import { done, type TopicHandler } from '../runner.ts';
import { dossierIdOf } from './dossier-id.ts';

export function createResultReturnHandler({ results }: Pick<Services, 'results'>): TopicHandler {
  if (!results) throw new Error('the result-return handler needs the results service');
  return async (task) => {
    await results.returnResult(dossierIdOf(task));
    return done();
  };
}

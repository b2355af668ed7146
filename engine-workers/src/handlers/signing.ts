/** Topic `signing`: the approved result rendered and PAdES-signed, once. */
import type { Services } from '@motcua/domain/services.ts';
import { done, type TopicHandler } from '../runner.ts';
import { dossierIdOf } from './dossier-id.ts';

export function createSigningHandler({ results }: Pick<Services, 'results'>): TopicHandler {
  if (!results) throw new Error('the signing handler needs a signer');
  return async (task) => {
    const { sha256 } = await results.signResult(dossierIdOf(task));
    return done({ resultSha256: sha256 });
  };
}

/** Topic `sla`: the due and warn dates of the steps, as process variables the timers and due dates read. */
import type { Services } from '@motcua/domain/services.ts';
import { done, type TopicHandler } from '../runner.ts';
import { dossierIdOf } from './dossier-id.ts';

export function createSlaHandler({ sla, clock }: Pick<Services, 'sla' | 'clock'>): TopicHandler {
  return async (task) => {
    const phase = task.variable<string>('slaPhase');
    const dossierId = dossierIdOf(task);
    if (phase === 'reception') return done(await sla.planReception(dossierId, clock.now()));
    if (phase === 'handling') return done(await sla.planHandling(dossierId, clock.now()));
    throw new Error(`unknown slaPhase ${String(phase)} at ${task.activityId}`);
  };
}

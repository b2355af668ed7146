/** Topic `sla-flag`: a step's warn or due timer fired; the step and dossier turn amber or red. */
import type { Services } from '@motcua/domain/services.ts';
import { done, type TopicHandler } from '../runner.ts';
import { dossierIdOf } from './dossier-id.ts';

export function createSlaFlagHandler({ sla }: Pick<Services, 'sla'>): TopicHandler {
  return async (task) => {
    const step = task.variable<string>('slaStep');
    const level = task.variable<string>('slaLevel');
    if (!step || (level !== 'nearly_late' && level !== 'late')) throw new Error(`sla-flag at ${task.activityId} needs slaStep and slaLevel`);
    await sla.flag(dossierIdOf(task), step, level, task.processInstanceId);
    return done();
  };
}

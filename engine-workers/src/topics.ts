/**
 * The one registry of topics: topic → handler → fetch options. A test proves that every camunda:topic in
 * processes/ has a handler here, and every handler a topic in some model.
 */
import type { Services } from '@motcua/domain/services.ts';
import type { TopicHandler } from './runner.ts';
import { createNotifyHandler } from './handlers/notify.ts';
import { createReceptionHandler } from './handlers/reception.ts';
import { createResultReturnHandler } from './handlers/result-return.ts';
import { createSigningHandler } from './handlers/signing.ts';
import { createSlaFlagHandler } from './handlers/sla-flag.ts';
import { createSlaHandler } from './handlers/sla.ts';
import { createStopHandler } from './handlers/stop.ts';
import { createPaymentHandler } from './handlers/payment.ts';

export interface TopicSpec {
  create: (services: Services) => TopicHandler;
  /** the process variables the handler reads; only these are fetched (the dossier is the business key) */
  variables: string[];
}

export const topics: Record<string, TopicSpec> = {
  sla: { create: createSlaHandler, variables: ['slaPhase'] },
  reception: { create: createReceptionHandler, variables: [] },
  'sla-flag': { create: createSlaFlagHandler, variables: ['slaStep', 'slaLevel'] },
  signing: { create: createSigningHandler, variables: [] },
  'result-return': { create: createResultReturnHandler, variables: [] },
  notify: { create: createNotifyHandler, variables: ['notifyKind'] },
  stop: { create: createStopHandler, variables: ['stopReason'] },
  payment: { create: createPaymentHandler, variables: ['paymentStage'] },
};

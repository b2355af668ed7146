/**
 * Topic `payment`: a payment gate of the model. Asks whether the dossier must pay at this stage (its
 * procedure version's fee schedule); `paymentDue` tells the gateway after it to wait for `PaymentReceived`.
 */
import type { Services } from '@motcua/domain/services.ts';
import type { PaymentStage } from '@motcua/domain/payments/fees.ts';
import { done, type TopicHandler } from '../runner.ts';
import { dossierIdOf } from './dossier-id.ts';

export function createPaymentHandler({ payments }: Pick<Services, 'payments'>): TopicHandler {
  return async (task) => {
    const stage = task.variable<string>('paymentStage');
    if (stage !== 'before_handling' && stage !== 'before_return') throw new Error(`unknown paymentStage ${String(stage)} at ${task.activityId}`);
    const { paymentDue } = await payments.requestPayment(dossierIdOf(task), stage as PaymentStage);
    return done({ paymentDue });
  };
}

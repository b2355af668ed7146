/**
 * Fees and payment: the fee shown before submission, a dossier's payment, paying online through the gateway
 * (the redirect, the browser's return, the gateway's server-to-server notification), the receipt, and the
 * receiving officer's counter payment and confirmed exemption.
 */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import { requireLogin, requireRole } from '../http/session.ts';
import { checkAgainst, requireUuid, validBody, validQuery } from '../http/validate.ts';
import { contentDisposition } from '../http/files.ts';

const quoteSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['data'],
  properties: { data: { type: 'object' }, channel: { type: 'integer', enum: [1, 2, 3] } },
};

const onlineSchema = { type: 'object', additionalProperties: false, properties: { locale: { type: 'string', enum: ['vi', 'en'] } } };

const counterSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['amount'],
  properties: { amount: { type: 'integer', minimum: 0, maximum: 1_000_000_000 } },
};

const exemptionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['exemption'],
  properties: { exemption: { type: 'string', minLength: 1, maxLength: 50 }, note: { type: 'string', maxLength: 1000 } },
};

/** What a gateway sends: its own `vnp_` parameters, each once, as text. */
const gatewayQuery = {
  type: 'object',
  maxProperties: 40,
  propertyNames: { pattern: '^vnp_[A-Za-z]{1,40}$' },
  additionalProperties: { type: 'string', maxLength: 1000 },
};
const checkGatewayQuery = checkAgainst(gatewayQuery);

const labels = {
  amount: { vi: 'Số tiền', en: 'Amount' },
  exemption: { vi: 'Đối tượng miễn', en: 'Exemption' },
  note: { vi: 'Ghi chú', en: 'Note' },
  data: { vi: 'Nội dung tờ khai', en: 'Application data' },
  channel: { vi: 'Cách thức nộp', en: 'Channel' },
};

export function paymentRoutes(services: Services): Router {
  const r = Router();
  const { payments } = services;
  const dossierId = (raw: unknown) => requireUuid(raw as string, 'hồ sơ / dossier');

  // the fee of an application as typed so far, before it is submitted
  r.post('/procedures/:code/fee-quote', validBody(quoteSchema, { labels }), async (req, res) => {
    const b = req.body as { data: unknown; channel?: 1 | 2 | 3 };
    res.json({ quote: (await payments.quote(String(req.params.code), b.data, b.channel ?? 2)) ?? null, onlinePayment: payments.onlineAvailable() });
  });

  r.get('/dossiers/:id/payment', requireLogin, async (req, res) => {
    res.json(await payments.view(req.actor!, dossierId(req.params.id)));
  });

  r.post('/dossiers/:id/payment/online', requireRole('citizen'), validBody(onlineSchema), async (req, res) => {
    const started = await payments.startOnline(req.actor!, dossierId(req.params.id), {
      ipAddr: req.ip ?? '127.0.0.1',
      locale: (req.body as { locale?: 'vi' | 'en' }).locale ?? 'vi',
    });
    res.status(201).json(started);
  });

  r.get('/dossiers/:id/payment/receipt', requireLogin, async (req, res) => {
    const file = await payments.receipt(req.actor!, dossierId(req.params.id));
    res.type('application/pdf').set('Content-Disposition', contentDisposition(file.fileName)).send(file.content);
  });

  r.post('/workspace/dossiers/:id/payment/counter', requireRole('receiving_officer'), validBody(counterSchema, { labels }), async (req, res) => {
    await payments.recordCounterPayment(req.actor!, dossierId(req.params.id), { amount: (req.body as { amount: number }).amount });
    res.json(await payments.view(req.actor!, dossierId(req.params.id)));
  });

  r.post('/workspace/dossiers/:id/payment/exemption', requireRole('receiving_officer'), validBody(exemptionSchema, { labels }), async (req, res) => {
    const b = req.body as { exemption: string; note?: string };
    await payments.confirmExemption(req.actor!, dossierId(req.params.id), b);
    res.json(await payments.view(req.actor!, dossierId(req.params.id)));
  });

  // the gateway's notification (IPN), server to server: always answered in the gateway's own terms
  r.get('/payments/vnpay/ipn', async (req, res) => {
    try {
      checkGatewayQuery(req.query);
    } catch {
      res.json(services.payments.invalidNotification());
      return;
    }
    const answer = await payments.handleNotification(req.query as Record<string, string>);
    res.json(answer.body);
  });

  // the payer's browser back from the gateway: read only, the notification pays
  r.get('/payments/vnpay/return', requireLogin, validQuery(gatewayQuery), async (req, res) => {
    res.json(await payments.readReturn(req.actor!, req.query as Record<string, string>));
  });

  return r;
}

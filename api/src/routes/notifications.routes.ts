/** In-account notifications of the logged-in user. */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import { requireLogin } from '../http/session.ts';
import { requireUuid, validQuery } from '../http/validate.ts';

const query = {
  type: 'object',
  additionalProperties: false,
  properties: { unread: { type: 'boolean', default: false }, limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
};

export function notificationRoutes(services: Services): Router {
  const r = Router();
  r.get('/notifications', requireLogin, validQuery(query), async (req, res) => {
    const q = req.query as unknown as { unread: boolean; limit: number };
    res.json({ items: await services.notifications.list(req.actor!, { unreadOnly: q.unread, limit: q.limit }) });
  });
  r.post('/notifications/:id/read', requireLogin, async (req, res) => {
    await services.notifications.markRead(req.actor!, requireUuid(req.params.id as string, 'thông báo / notification'));
    res.status(204).end();
  });
  return r;
}

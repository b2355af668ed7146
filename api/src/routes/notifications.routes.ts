/** Notifications of the logged-in user, their choice of channels, and a dossier's delivery log for officers. */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import type { NotificationPreferences } from '@motcua/domain/notifications/notifications.service.ts';
import { requireLogin, requireRole } from '../http/session.ts';
import { requireUuid, validBody, validQuery } from '../http/validate.ts';

const query = {
  type: 'object',
  additionalProperties: false,
  properties: { unread: { type: 'boolean', default: false }, limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
};

const settingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'sms', 'language'],
  properties: {
    email: { type: 'boolean' },
    sms: { type: 'boolean' },
    language: { type: ['string', 'null'], enum: ['vi', 'en', null] },
  },
};
const settingsLabels = {
  email: { vi: 'Nhận qua thư điện tử', en: 'By email' },
  sms: { vi: 'Nhận qua tin nhắn SMS', en: 'By SMS' },
  language: { vi: 'Ngôn ngữ', en: 'Language' },
};

export function notificationRoutes(services: Services): Router {
  const r = Router();
  r.get('/notifications', requireLogin, validQuery(query), async (req, res) => {
    const q = req.query as unknown as { unread: boolean; limit: number };
    const [items, unread] = await Promise.all([
      services.notifications.list(req.actor!, { unreadOnly: q.unread, limit: q.limit }),
      services.notifications.unreadCount(req.actor!),
    ]);
    res.json({ items, unread });
  });
  // the count beside the header's link, asked often: nothing else
  r.get('/notifications/unread-count', requireLogin, async (req, res) => {
    res.json({ unread: await services.notifications.unreadCount(req.actor!) });
  });
  r.post('/notifications/read-all', requireLogin, async (req, res) => {
    res.json({ marked: await services.notifications.markAllRead(req.actor!) });
  });
  r.get('/notifications/settings', requireLogin, async (req, res) => {
    res.json(await services.notifications.settings(req.actor!));
  });
  r.put('/notifications/settings', requireLogin, validBody(settingsSchema, { labels: settingsLabels }), async (req, res) => {
    res.json(await services.notifications.saveSettings(req.actor!, req.body as NotificationPreferences));
  });
  r.post('/notifications/:id/read', requireLogin, async (req, res) => {
    await services.notifications.markRead(req.actor!, requireUuid(req.params.id as string, 'thông báo / notification'));
    res.status(204).end();
  });
  // every attempt to send a message about the dossier (sent, failed, retried), for the officers who see it
  r.get('/dossiers/:id/deliveries', requireRole('receiving_officer', 'specialist', 'leader', 'auditor'), async (req, res) => {
    res.json({ items: await services.notifications.deliveryLog(req.actor!, requireUuid(req.params.id as string, 'hồ sơ / dossier')) });
  });
  return r;
}

/** The notification settings of the logged-in person, and a dossier's delivery log (officers). */
import { api, type Message } from '../../app/api.ts';

export type Language = 'vi' | 'en' | null;

export interface NotificationSettings {
  email: boolean;
  sms: boolean;
  language: Language;
  chosen: boolean;
  available: ('email' | 'sms')[];
  addresses: { email: string | null; phone: string | null };
}

export interface DeliveryLogEntry {
  at: string;
  kind: string;
  title: Message;
  channel: 'email' | 'sms';
  recipientName: string;
  recipient: string | null;
  attempt: number;
  status: 'sent' | 'failed' | 'skipped';
  error: string | null;
}

export const getSettings = () => api.get<NotificationSettings>('/notifications/settings');
export const saveSettings = (s: { email: boolean; sms: boolean; language: Language }) => api.put<NotificationSettings>('/notifications/settings', s);
export const getDeliveryLog = (dossierId: string) => api.get<{ items: DeliveryLogEntry[] }>(`/dossiers/${dossierId}/deliveries`).then((r) => r.items);

export interface InAppNotification {
  id: string;
  dossierId: string | null;
  kind: string;
  title: Message;
  body: Message;
  createdAt: string;
  readAt: string | null;
}

/** Told when notifications were read here, so the header's count follows at once. */
export const NOTIFICATIONS_CHANGED = 'motcua:notifications-changed';
const changed = () => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));

export const listNotifications = (limit = 100) => api.get<{ items: InAppNotification[]; unread: number }>(`/notifications?limit=${limit}`);
export const unreadCount = () => api.get<{ unread: number }>('/notifications/unread-count').then((r) => r.unread);
export const markRead = (id: string) => api.post<void>(`/notifications/${id}/read`).then(changed);
export const markAllRead = () => api.post<{ marked: number }>('/notifications/read-all').then(changed);

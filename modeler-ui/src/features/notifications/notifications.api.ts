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

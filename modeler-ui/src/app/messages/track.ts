/** Tracking a dossier by its code. */
import type { AreaMessages } from './area.ts';

export const trackMessages = {
  'track.title': ['Tra cứu hồ sơ', 'Track a dossier'],
  'track.label': ['Mã hồ sơ hoặc mã tra cứu', 'Dossier code or tracking reference'],
  'track.placeholder': ['Ví dụ: 000.00.27.H29-261124-0001', 'For example: 000.00.27.H29-261124-0001'],
  'track.search': ['Tra cứu', 'Look up'],
  'track.loginForMore': ['Đăng nhập để xem đầy đủ quá trình xử lý hồ sơ của bạn.', 'Log in to see the whole history of your dossier.'],
} as const satisfies AreaMessages<'track'>;

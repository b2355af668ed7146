/** A leader urging the holders of a late dossier. */
import type { AreaMessages } from './area.ts';

export const urgeMessages = {
  'urge.open': ['Đôn đốc xử lý', 'Urge'],
  'urge.title': ['Đôn đốc xử lý hồ sơ', 'Urge the handling of this dossier'],
  'urge.hint': [
    'Cán bộ đang giữ bước hiện tại (hoặc các cán bộ có thể nhận bước đó) sẽ nhận được thông báo; việc đôn đốc được ghi vào quá trình xử lý.',
    'The officer holding the current step (or those who may take it) is told; the urge is recorded on the timeline.',
  ],
  'urge.note': ['Lời nhắn (không bắt buộc)', 'A note (optional)'],
  'urge.send': ['Gửi đôn đốc', 'Send'],
  'urge.done': ['Đã đôn đốc: {n} cán bộ nhận được thông báo.', 'Urged: {n} officers were told.'],
} as const satisfies AreaMessages<'urge'>;

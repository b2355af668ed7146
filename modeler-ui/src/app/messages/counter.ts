/** Receiving a dossier at the counter. */
import type { AreaMessages } from './area.ts';

export const counterMessages = {
  'counter.title': ['Tiếp nhận hồ sơ trực tiếp', 'Counter reception'],
  'counter.intro': [
    'Nhập hồ sơ của công dân nộp tại quầy, đính kèm bản quét giấy tờ; hồ sơ được tiếp nhận ngay và in giấy tiếp nhận.',
    'Enter a walk-in application, attach the scanned papers; it is accepted at once and the receipt printed.',
  ],
  'counter.chooseProcedure': ['— Chọn thủ tục —', '— Choose a procedure —'],
  'counter.applicant': ['Người nộp hồ sơ', 'Applicant'],
  'counter.receive': ['Tiếp nhận hồ sơ', 'Receive'],
  'counter.receiving': ['Đang tiếp nhận…', 'Receiving…'],
  'counter.handlingUnit': ['Cơ quan giải quyết', 'Handling agency'],
  'counter.handlingUnit.hint': [
    'Thủ tục này do cơ quan có thẩm quyền giải quyết; Trung tâm tiếp nhận và trả kết quả.',
    'An agency competent for the field handles this procedure; the centre receives and returns.',
  ],
} as const satisfies AreaMessages<'counter'>;

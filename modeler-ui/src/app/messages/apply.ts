/** Applying online and the receipt that follows. */
import type { AreaMessages } from './area.ts';

export const applyMessages = {
  'apply.title': ['Nộp hồ sơ', 'Apply'],
  'apply.heading': ['Nộp hồ sơ: {name}', 'Apply: {name}'],
  'apply.unit': ['Nơi tiếp nhận hồ sơ', 'Receiving unit'],
  'apply.chooseUnit': ['— Chọn đơn vị —', '— Choose a unit —'],
  'apply.unitRequired': ['Vui lòng chọn nơi tiếp nhận hồ sơ.', 'Choose where to submit the application.'],
  'apply.saveDraft': ['Lưu nháp', 'Save draft'],
  'apply.submit': ['Nộp hồ sơ', 'Submit'],
  'apply.submitting': ['Đang nộp…', 'Submitting…'],
  'apply.draftSavedAt': ['Đã lưu bản nháp lúc {time}.', 'Draft saved at {time}.'],
  'apply.draftResumed': ['Đã mở lại bản nháp đã lưu.', 'Your saved draft is open again.'],
  'receipt.submittedTitle': ['Đã nộp hồ sơ', 'Application submitted'],
  'receipt.receivedTitle': ['Đã tiếp nhận hồ sơ', 'Dossier received'],
  'receipt.codeLater': ['Sẽ được cấp khi tiếp nhận', 'Given at reception'],
  'receipt.qr': ['Mã QR để tra cứu hồ sơ {key}', 'QR code to track dossier {key}'],
  'receipt.qrHint': [
    'Quét mã QR hoặc nhập mã hồ sơ tại trang Tra cứu hồ sơ để theo dõi.',
    'Scan the QR code or enter the code on the tracking page to follow the dossier.',
  ],
  'receipt.download': ['Tải giấy tiếp nhận (mẫu 01)', 'Download the receipt (form 01)'],
  'receipt.print': ['In', 'Print'],
  'receipt.follow': ['Theo dõi hồ sơ', 'Follow the dossier'],
  'receipt.backToWork': ['Về danh sách công việc', 'Back to tasks'],
  'apply.filedFor': ['Nộp hồ sơ cho', 'Filed for'],
  'apply.filedFor.self': ['Bản thân tôi', 'Myself'],
  'apply.continue': ['Tiếp tục', 'Continue'],
  'review.title': ['Xem lại hồ sơ trước khi nộp', 'Check your application before submitting'],
  'review.hint': [
    'Hồ sơ chưa được gửi. Kiểm tra các thông tin dưới đây; nếu cần sửa, chọn «Quay lại sửa».',
    'Nothing has been sent yet. Check what follows; to change anything, choose “Back to edit”.',
  ],
  'review.back': ['Quay lại sửa', 'Back to edit'],
  'review.yes': ['Có', 'Yes'],
  'review.no': ['Không', 'No'],
  'review.filedFor': ['Nộp hồ sơ cho', 'Filed for'],
} as const satisfies AreaMessages<'apply' | 'receipt' | 'review'>;

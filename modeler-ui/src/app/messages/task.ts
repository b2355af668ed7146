/** Handling one task, and the apology for a late result. */
import type { AreaMessages } from './area.ts';

export const taskMessages = {
  'task.handle': ['Xử lý', 'Handle'],
  'task.claim': ['Nhận xử lý', 'Take it'],
  'task.unclaim': ['Trả công việc về hàng chờ của đơn vị', "Return the task to the unit's queue"],
  'task.pickUnit': ['Đơn vị thực hiện bước «{step}»', 'Unit doing the step "{step}"'],
  'task.pickUnitHint': ['Hồ sơ được chuyển cho đơn vị này sau khi bạn gửi.', 'The dossier goes to this unit when you send.'],
  'task.pickUnitNone': ['Chọn đơn vị', 'Choose a unit'],
  'task.pickUnitMissing': ['Hãy chọn đơn vị sẽ thực hiện bước tiếp theo.', 'Choose the unit that does the next step.'],
  'task.heldByOther': ['Công việc đang do cán bộ khác xử lý.', 'Another officer holds this task.'],
  'task.heldBy': ['Công việc đang do {name} xử lý.', '{name} holds this task.'],
  'task.decision': ['Quyết định', 'Decision'],
  'task.formLoading': ['Đang tải biểu mẫu xử lý…', 'Loading the decision form…'],
  'task.send': ['Gửi quyết định', 'Send the decision'],
  'task.dossier': ['Hồ sơ', 'Dossier'],
  'task.openDossier': ['Mở chi tiết hồ sơ', 'Open the dossier'],
  'apology.open': ['Lập phiếu xin lỗi và hẹn lại (mẫu 04)', 'Issue an apology and new appointment (form 04)'],
  'apology.title': ['Phiếu xin lỗi và hẹn lại ngày trả kết quả', 'Apology and new appointment'],
  'apology.reason': ['Lý do chậm trễ', 'Reason for the delay'],
  'apology.newDue': ['Ngày, giờ hẹn trả mới', 'New appointment'],
  'apology.issue': ['Lập phiếu', 'Issue'],
  'apology.done': ['Đã lập phiếu xin lỗi và thông báo cho công dân.', 'The apology is issued and the applicant told.'],
} as const satisfies AreaMessages<'task' | 'apology'>;

/** The auditors' reading of a dossier's history. */
import type { AreaMessages } from './area.ts';

export const auditMessages = {
  'audit.tab': ['Lịch sử xử lý (thanh tra)', 'Process history (audit)'],
  'audit.chainIntact': [
    'Chuỗi nhật ký của hồ sơ nguyên vẹn: {n} mục, không mục nào bị sửa hay xóa.',
    "The dossier's log chain is intact: {n} entries, none altered or removed.",
  ],
  'audit.chainBroken': [
    'Chuỗi nhật ký bị phá vỡ từ mục số {seq}: mục này đã bị sửa hoặc xóa ngoài hệ thống.',
    'The log chain breaks at entry {seq}: it was altered or removed outside the system.',
  ],
  'audit.operations': ['Ai nhận, trả, hoàn thành từng bước (theo bộ máy quy trình)', 'Who claimed, gave back and completed each step (the engine’s record)'],
  'audit.activities': ['Các hoạt động của quy trình', 'Process activities'],
  'audit.incidents': ['Sự cố', 'Incidents'],
  'audit.noIncidents': ['Không có sự cố.', 'No incidents.'],
  'audit.canceled': ['đã hủy', 'cancelled'],
  'audit.resolved': ['đã xử lý', 'resolved'],
  'audit.op.Claim': ['Nhận xử lý', 'Claimed'],
  'audit.op.Complete': ['Hoàn thành', 'Completed'],
  'audit.op.Assign': ['Giao việc', 'Assigned'],
  'audit.op.SetVariable': ['Ghi biến', 'Set a variable'],
  'audit.op.Create': ['Tạo', 'Created'],
  'audit.op.Delete': ['Xóa', 'Deleted'],
} as const satisfies AreaMessages<'audit'>;

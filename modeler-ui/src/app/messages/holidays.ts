/** The national days off and worked Saturdays, year by year (administrators). */
import type { AreaMessages } from './area.ts';

export const holidaysMessages = {
  'holidays.title': ['Ngày nghỉ lễ, Tết và ngày làm bù', 'Public holidays and swapped working days'],
  'holidays.intro': [
    'Các ngày nghỉ và ngày làm bù trên toàn quốc mà mọi thời hạn giải quyết hồ sơ tính theo. Mỗi năm Thủ tướng quyết định ngày nghỉ Tết và hoán đổi ngày làm việc; khi có quyết định, hãy xác nhận hoặc sửa các ngày dưới đây.',
    'The national days off and working days every deadline counts in. Each year the Prime Minister decides Tết and the swapped days; when the decision is out, confirm or correct the days below.',
  ],
  'holidays.years': ['Tình trạng các năm', 'Years at a glance'],
  'holidays.year': ['Năm {year}', 'Year {year}'],
  'holidays.year.decided': ['Đã theo quyết định', 'As decided'],
  'holidays.year.pending': ['{n} ngày còn theo quy tắc mặc định, chưa có quyết định', '{n} days still by the default rule, no decision yet'],
  'holidays.year.empty': ['Chưa có ngày nào', 'No days yet'],
  'holidays.pendingNotice': [
    'Năm {year} còn {n} ngày theo quy tắc mặc định của Bộ luật Lao động (chưa có quyết định của Thủ tướng). Thời hạn hồ sơ vẫn tính theo các ngày này cho đến khi bạn xác nhận hoặc sửa.',
    'In {year}, {n} days still follow the Labour Code’s default rule (no Prime Minister’s decision entered). Deadlines count in them until you confirm or correct them.',
  ],
  'holidays.date': ['Ngày', 'Date'],
  'holidays.kind': ['Loại ngày', 'Kind of day'],
  'holidays.kind.day_off': ['Ngày nghỉ', 'Day off'],
  'holidays.kind.working_day': ['Ngày làm bù', 'Working day'],
  'holidays.name': ['Tên ngày', 'Name'],
  'holidays.basis': ['Căn cứ', 'Basis'],
  'holidays.basis.law': ['Theo luật', 'By law'],
  'holidays.basis.decision': ['Theo quyết định của Thủ tướng', "By the Prime Minister's decision"],
  'holidays.basis.rule': ['Mặc định, chưa có quyết định', 'Default, no decision yet'],
  'holidays.basis.admin': ['Quản trị viên nhập', 'Entered by an administrator'],
  'holidays.confirm': ['Xác nhận theo quyết định', 'Confirm as decided'],
  'holidays.remove': ['Xóa ngày này: {date}', 'Remove this day: {date}'],
  'holidays.removeQuestion': [
    'Xóa ngày {date} ({name}) khỏi lịch? Thời hạn của các hồ sơ tiếp nhận sau đây sẽ tính lại theo lịch mới.',
    'Remove {date} ({name}) from the calendar? Deadlines of dossiers received from now on count without it.',
  ],
  'holidays.removeYes': ['Xóa ngày này', 'Remove this day'],
  'holidays.cancel': ['Không xóa', 'Keep it'],
  'holidays.add': ['Thêm hoặc sửa một ngày', 'Add or change a day'],
  'holidays.addBasis': ['Căn cứ của ngày này', 'Basis of this day'],
  'holidays.save': ['Lưu ngày', 'Save the day'],
  'holidays.saved': ['Đã lưu ngày {date}.', '{date} is saved.'],
  'holidays.removed': ['Đã xóa ngày {date}.', '{date} is removed.'],
  'holidays.none': ['Năm này chưa có ngày nghỉ hay ngày làm bù nào.', 'No days off or working days in this year.'],
} as const satisfies AreaMessages<'holidays'>;

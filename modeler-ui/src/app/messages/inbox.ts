/** The officers' task inbox. */
import type { AreaMessages } from './area.ts';

export const inboxMessages = {
  'inbox.title': ['Công việc của tôi và đơn vị', "My and my unit's tasks"],
  'inbox.search': ['Tìm kiếm', 'Search'],
  'inbox.searchPlaceholder': ['Mã hồ sơ, người nộp, thủ tục', 'Code, applicant, procedure'],
  'inbox.from': ['Nộp từ ngày', 'Submitted from'],
  'inbox.to': ['đến ngày', 'to'],
  'inbox.sort': ['Sắp xếp', 'Sort'],
  'inbox.sortDue': ['Hạn gần nhất trước', 'Due soonest first'],
  'inbox.sortDueDesc': ['Hạn xa nhất trước', 'Due latest first'],
  'inbox.sortNewest': ['Mới nhất trước', 'Newest first'],
  'inbox.sortOldest': ['Cũ nhất trước', 'Oldest first'],
  'inbox.apply': ['Lọc', 'Filter'],
  'inbox.count': ['{n} công việc', '{n} tasks'],
  'inbox.moreFilters': ['Bộ lọc khác', 'More filters'],
  'inbox.truncated': [
    'chỉ tìm trong {n} hồ sơ mới nhất khớp điều kiện, hãy thu hẹp tìm kiếm',
    'only the latest {n} matching dossiers are searched; narrow the search',
  ],
  'inbox.step': ['Bước', 'Step'],
  'inbox.holder': ['Người xử lý', 'Held by'],
  'inbox.due': ['Hạn xử lý', 'Due'],
  'inbox.left': ['Thời gian còn lại', 'Working time left'],
  'inbox.me': ['Tôi', 'Me'],
  'inbox.someone': ['Cán bộ khác', 'Another officer'],
  'inbox.unclaimed': ['Chưa có người nhận', 'Unclaimed'],
  'inbox.empty': ['Không có công việc nào.', 'No tasks.'],
} as const satisfies AreaMessages<'inbox'>;

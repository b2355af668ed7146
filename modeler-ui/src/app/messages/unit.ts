/** A unit's overview: who holds what. */
import type { AreaMessages } from './area.ts';

export const unitMessages = {
  'unit.title': ['Tình hình giải quyết hồ sơ của đơn vị', 'The unit at a glance'],
  'unit.holders': ['Ai đang xử lý gì', 'Who holds what'],
  'unit.officer': ['Cán bộ', 'Officer'],
  'unit.tasks': ['Số việc', 'Tasks'],
  'unit.holder': ['Đang ở bước «{step}», {unit}', 'Now at "{step}", {unit}'],
  'unit.search.status': ['Trạng thái', 'Status'],
  'unit.search.open': ['Đang giải quyết', 'Open'],
  'unit.search.allStatuses': ['Tất cả trạng thái', 'Any status'],
  'unit.search.officer': ['Cán bộ đã xử lý', 'Handled by'],
  'unit.search.anyOfficer': ['Mọi cán bộ', 'Any officer'],
  'unit.search.receivedFrom': ['Tiếp nhận từ ngày', 'Received from'],
  'unit.search.receivedTo': ['Tiếp nhận đến ngày', 'Received to'],
} as const satisfies AreaMessages<'unit'>;

/** A unit's overview: who holds what. */
import type { AreaMessages } from './area.ts';

export const unitMessages = {
  'unit.title': ['Tình hình giải quyết hồ sơ của đơn vị', 'The unit at a glance'],
  'unit.holders': ['Ai đang xử lý gì', 'Who holds what'],
  'unit.officer': ['Cán bộ', 'Officer'],
  'unit.tasks': ['Số việc', 'Tasks'],
  'unit.holder': ['Đang ở bước «{step}», {unit}', 'Now at "{step}", {unit}'],
} as const satisfies AreaMessages<'unit'>;

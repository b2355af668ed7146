/** The portal's public statistics. */
import type { AreaMessages } from './area.ts';

export const statisticsMessages = {
  'stats.title': ['Thống kê giải quyết thủ tục hành chính', 'Administrative procedure statistics'],
  'stats.intro': [
    'Số hồ sơ các cơ quan đã tiếp nhận và giải quyết, tỉ lệ giải quyết đúng hạn và mức độ hài lòng của người dân, doanh nghiệp. Số liệu cập nhật vài phút một lần.',
    'The dossiers each agency received and finished, the share finished on time and how satisfied citizens and businesses are. Updated every few minutes.',
  ],
  'stats.year': ['Năm {year}', 'Year {year}'],
  'stats.month': ['Tháng {month}/{year}', '{month}/{year}'],
  'stats.received': ['Đã tiếp nhận', 'Received'],
  'stats.finished': ['Đã giải quyết', 'Finished'],
  'stats.onTime': ['Giải quyết đúng hạn', 'Finished on time'],
  'stats.satisfaction': ['Hài lòng', 'Satisfied'],
  'stats.ratings': ['{n} lượt đánh giá', '{n} ratings'],
  'stats.none': ['Chưa có', 'None yet'],
  'stats.ranking': ['Xếp hạng mức độ hài lòng năm {year}', 'Satisfaction ranking {year}'],
  'stats.rank': ['Hạng {rank}', 'Rank {rank}'],
  'stats.empty': ['Chưa có số liệu trong năm nay.', 'No figures this year yet.'],
  'stats.updated': ['Số liệu lúc {at}', 'Figures as of {at}'],
} as const satisfies AreaMessages<'stats'>;

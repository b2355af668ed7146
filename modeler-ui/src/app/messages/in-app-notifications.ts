/** The notifications kept in a person's account: the list, read and unread, and the header's count. */
import type { AreaMessages } from './area.ts';

export const inAppNotificationsMessages = {
  'inApp.title': ['Thông báo của tôi', 'My notifications'],
  'inApp.nav': ['Thông báo', 'Notifications'],
  'inApp.navUnread': ['{n} chưa đọc', '{n} unread'],
  'inApp.unread': ['Bạn có {n} thông báo chưa đọc.', 'You have {n} unread notifications.'],
  'inApp.allRead': ['Bạn đã đọc hết thông báo.', 'You have read every notification.'],
  'inApp.markAll': ['Đánh dấu tất cả là đã đọc', 'Mark all as read'],
  'inApp.markedAll': ['Đã đánh dấu tất cả thông báo là đã đọc.', 'Every notification is marked read.'],
  'inApp.none': ['Chưa có thông báo nào.', 'No notifications yet.'],
  'inApp.new': ['Mới', 'New'],
  'inApp.readOn': ['đã đọc lúc {at}', 'read at {at}'],
} as const satisfies AreaMessages<'inApp'>;

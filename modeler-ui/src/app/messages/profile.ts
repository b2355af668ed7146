/** The profile a person keeps in their account. */
import type { AreaMessages } from './area.ts';

export const profileMessages = {
  'profile.nav': ['Tài khoản của tôi', 'My account'],
  'profile.title': ['Tài khoản của tôi', 'My account'],
  'profile.hint': [
    'Thông tin dưới đây được điền sẵn vào tờ khai khi bạn nộp hồ sơ; bạn vẫn có thể sửa trong từng tờ khai.',
    'What you keep here fills your application forms; you can still change it in each form.',
  ],
  'profile.fullName': ['Họ và tên', 'Full name'],
  'profile.idNumber': ['Số định danh cá nhân', 'Personal identification number'],
  'profile.idVerified': ['đã xác thực', 'verified'],
  'profile.none': ['Chưa có', 'Not given'],
  'profile.dateOfBirth': ['Ngày sinh', 'Date of birth'],
  'profile.residence': ['Nơi thường trú', 'Permanent residence'],
  'profile.phone': ['Số điện thoại', 'Phone number'],
  'profile.email': ['Thư điện tử', 'Email'],
  'profile.save': ['Lưu thông tin', 'Save'],
  'profile.saved': ['Đã lưu thông tin tài khoản.', 'Your account details are saved.'],
  'profile.password': ['Đổi mật khẩu', 'Change password'],
} as const satisfies AreaMessages<'profile'>;

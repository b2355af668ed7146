/** A forgotten password: asking for a link, and setting a new password with it. */
import type { AreaMessages } from './area.ts';

export const passwordResetMessages = {
  'forgot.link': ['Quên mật khẩu?', 'Forgot your password?'],
  'forgot.title': ['Quên mật khẩu', 'Forgotten password'],
  'forgot.intro': [
    'Nhập thư điện tử hoặc số định danh cá nhân của tài khoản. Chúng tôi gửi đường dẫn đặt lại mật khẩu tới thư điện tử của tài khoản; đường dẫn dùng được một lần trong 30 phút.',
    "Type your account's email or personal identification number. We mail a link to set a new password to the account's email; it works once, within 30 minutes.",
  ],
  'forgot.identifier': ['Thư điện tử hoặc số định danh cá nhân', 'Email or personal identification number'],
  'forgot.submit': ['Gửi đường dẫn', 'Send the link'],
  'forgot.sent': [
    'Nếu có tài khoản với thông tin này và tài khoản có thư điện tử, đường dẫn đặt lại mật khẩu đã được gửi tới đó. Hãy kiểm tra hộp thư (cả thư rác).',
    'If an account with this information has an email address, a link to set a new password has been mailed to it. Check your inbox (and spam).',
  ],
  'forgot.noMail': [
    'Tài khoản không có thư điện tử? Hãy đến bộ phận một cửa với căn cước để được cấp lại mật khẩu.',
    'No email on your account? Come to the one-stop desk with your identity card to have your password reset.',
  ],
  'reset.title': ['Đặt mật khẩu mới', 'Set a new password'],
  'reset.hint': ['Ít nhất 10 ký tự.', 'At least 10 characters.'],
  'reset.submit': ['Đặt mật khẩu mới', 'Set the new password'],
  'reset.done': ['Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu mới.', 'Your new password is set. Log in with it.'],
  'reset.noToken': [
    'Đường dẫn không đầy đủ. Hãy mở đúng đường dẫn trong thư, hoặc yêu cầu đường dẫn mới.',
    'The link is incomplete. Open the link in the mail as it is, or ask for a new one.',
  ],
  'reset.again': ['Yêu cầu đường dẫn mới', 'Ask for a new link'],
} as const satisfies AreaMessages<'forgot' | 'reset'>;

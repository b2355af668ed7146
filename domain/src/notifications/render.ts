/**
 * A notification as mail or SMS text: in the recipient's language when the account chose one, else in
 * Vietnamese with the English below it (mail) or Vietnamese alone (SMS, which is paid by length).
 */
import type { Message } from '../errors/errors.ts';
import type { ChannelName } from './channels.ts';

export interface RenderInput {
  title: Message;
  body: Message;
  /** the recipient's name, for the greeting */
  fullName: string;
  /** where the person reads the dossier and their notifications */
  link: string;
}

const mailText = {
  vi: (i: RenderInput) =>
    [
      `Kính gửi ${i.fullName},`,
      '',
      i.body.vi,
      '',
      `Xem chi tiết: ${i.link}`,
      '',
      'Thư này được gửi tự động từ hệ thống một cửa điện tử; vui lòng không trả lời.',
    ].join('\n'),
  en: (i: RenderInput) =>
    [
      `Dear ${i.fullName},`,
      '',
      i.body.en,
      '',
      `Details: ${i.link}`,
      '',
      'This message was sent automatically by the one-stop system; please do not reply.',
    ].join('\n'),
};

/** The subject and text of a notification on a channel, in `language` (null: Vietnamese, English below). */
export function renderMessage(channel: ChannelName, language: 'vi' | 'en' | null, i: RenderInput): { subject: string; text: string } {
  if (channel === 'sms') {
    const l = language ?? 'vi';
    return { subject: i.title[l], text: `${i.title[l]}. ${i.body[l]}` };
  }
  if (language) return { subject: i.title[language], text: mailText[language](i) };
  return { subject: i.title.vi, text: `${mailText.vi(i)}\n\n----- English -----\n\n${i.title.en}\n\n${mailText.en(i)}` };
}

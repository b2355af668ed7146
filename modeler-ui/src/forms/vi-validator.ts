/**
 * form-js 1.x produces its validation messages in English only, with no translation hook (form-js #77): the
 * `validator` service is wrapped so that every message comes out in the user's language, worded like the
 * server's own messages.
 */
import type { Lang } from '../app/i18n.tsx';

type Rule = [RegExp, (m: RegExpExecArray) => { vi: string; en: string }];

const rules: Rule[] = [
  [/^Field is required\.$/, () => ({ vi: 'Vui lòng nhập thông tin này.', en: 'This field is required.' })],
  [/^Field must have minimum length of (.+)\.$/, (m) => ({ vi: `Cần ít nhất ${m[1]} ký tự.`, en: `At least ${m[1]} characters.` })],
  [/^Field must have maximum length of (.+)\.$/, (m) => ({ vi: `Tối đa ${m[1]} ký tự.`, en: `At most ${m[1]} characters.` })],
  [/^Field must have minimum value of (.+)\.$/, (m) => ({ vi: `Giá trị nhỏ nhất là ${m[1]}.`, en: `The smallest value is ${m[1]}.` })],
  [/^Field must have maximum value of (.+)\.$/, (m) => ({ vi: `Giá trị lớn nhất là ${m[1]}.`, en: `The largest value is ${m[1]}.` })],
  [/^Field must match pattern ([\s\S]+)\.$/, () => ({ vi: 'Giá trị không đúng định dạng.', en: 'The value is not in the expected format.' })],
  [/^Field must be a valid email\.$/, () => ({ vi: 'Địa chỉ thư điện tử không hợp lệ.', en: 'Not a valid email address.' })],
  [/^Field must be a valid\s+international phone number/, () => ({ vi: 'Số điện thoại không hợp lệ.', en: 'Not a valid phone number.' })],
  [/^Value is not a number\.$/, () => ({ vi: 'Giá trị phải là một số.', en: 'The value must be a number.' })],
  [/^Value is expected to be an integer\.$/, () => ({ vi: 'Giá trị phải là số nguyên.', en: 'The value must be a whole number.' })],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, (m) => ({ vi: `Tối đa ${m[1]} chữ số thập phân.`, en: `At most ${m[1]} decimal digits.` })],
  [/^Date and time must both be entered\.$/, () => ({ vi: 'Vui lòng nhập cả ngày và giờ.', en: 'Enter both the date and the time.' })],
];

export function translateFormMessage(message: string, lang: Lang): string {
  for (const [re, f] of rules) {
    const m = re.exec(message);
    if (m) return f(m)[lang];
  }
  return message;
}

/** A form-js module translating the `validator` service's messages into `lang`. */
export function validatorModule(lang: Lang) {
  function TranslatingValidator(validator: { validateFieldInstance(fi: unknown, v: unknown): string[]; validateField(f: unknown, v: unknown): string[] }) {
    const byInstance = validator.validateFieldInstance.bind(validator);
    const byField = validator.validateField.bind(validator);
    validator.validateFieldInstance = (fi, v) => byInstance(fi, v).map((m) => translateFormMessage(m, lang));
    validator.validateField = (f, v) => byField(f, v).map((m) => translateFormMessage(m, lang));
  }
  TranslatingValidator.$inject = ['validator'];
  return { __init__: ['motcuaTranslatingValidator'], motcuaTranslatingValidator: ['type', TranslatingValidator] };
}

/**
 * Vietnamese tax codes (mã số thuế), a pure rule the api and the web app share:
 * - an enterprise's: 10 digits, the 10th a check digit over the first 9 (weights 31, 29, 23, 19, 17, 13, 7, 5, 3,
 *   check = 10 − sum mod 11; a prefix whose check would be 10 is never issued), a branch's the same followed by
 *   a dash and 3 digits;
 * - since 1/7/2025 (Thông tư 86/2024/TT-BTC) a person's or household business's is their 12-digit personal
 *   identification number, which carries no check digit: its form alone is checked, as identity numbers are
 *   everywhere else.
 */

/** The legal forms: 10 digits, 10 digits + `-` + 3 digits (a branch), or a 12-digit personal identification number. */
export const TAX_CODE = /^(?:[0-9]{10}(?:-[0-9]{3})?|[0-9]{12})$/;

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/** The check digit of the first 9 digits of an enterprise code, or undefined when no code is issued with them. */
export function taxCodeCheckDigit(first9: string): number | undefined {
  if (!/^[0-9]{9}$/.test(first9)) throw new Error('expected 9 digits');
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(first9[i]), 0);
  const check = 10 - (sum % 11);
  return check === 10 ? undefined : check;
}

/** What is wrong with a tax code: its form, its check digit, or nothing (undefined). */
export function taxCodeProblem(code: string): 'format' | 'check_digit' | undefined {
  if (!TAX_CODE.test(code)) return 'format';
  if (code.length === 12) return undefined; // a personal identification number
  return taxCodeCheckDigit(code.slice(0, 9)) === Number(code[9]) ? undefined : 'check_digit';
}

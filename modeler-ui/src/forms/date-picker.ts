/**
 * form-js picks dates with flatpickr, in English and in the browser's date order. Here every date picker of
 * the app gets the page's language (Vietnamese day and month names), weeks from Monday, and shows and reads
 * dates as people write them here (dd/MM/yyyy). The form's value stays an ISO date (yyyy-MM-dd).
 */
import flatpickr from 'flatpickr';
import { Vietnamese } from 'flatpickr/dist/l10n/vn.js';
import { english } from 'flatpickr/dist/l10n/default.js';
import type { Instance } from 'flatpickr/dist/types/instance';
import type { Lang } from '../app/i18n.tsx';

/** how a date is written in the field: 20/11/2026 */
export const DATE_FORMAT = 'd/m/Y';
/** what the field shows while empty */
export const DATE_PLACEHOLDER = 'dd/mm/yyyy';

// "ngày 20 tháng 11 năm 2026" for screen readers: every letter escaped, as none is a flatpickr token here
const escape = (words: string) => [...words].map((c) => (c === ' ' ? c : `\\${c}`)).join('');
const ariaFormats: Record<Lang, string> = {
  vi: `${escape('ngày')} j ${escape('tháng')} n ${escape('năm')} Y`,
  en: 'j F Y',
};

/** Sets the language of the date pickers opened from now on (form-js passes its own format: this one wins). */
export function setDatePickerLanguage(lang: Lang): void {
  flatpickr.localize({ ...(lang === 'vi' ? Vietnamese : english), firstDayOfWeek: 1 });
  flatpickr.setDefaults({
    ariaDateFormat: ariaFormats[lang],
    onReady: [
      (_dates: Date[], _text: string, instance: Instance) => {
        instance.set('dateFormat', DATE_FORMAT);
        instance.input.placeholder = DATE_PLACEHOLDER;
      },
    ],
  });
}

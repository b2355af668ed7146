/**
 * Search text the way citizens type it: with or without Vietnamese diacritics, in any case
 * ("Đăng ký khai sinh", "dang ky khai sinh" and "DANG KY KHAI SINH" are the same query). Pure: the portal
 * uses the same folding to highlight matches.
 */

/** Lower case, no diacritics, đ → d, single spaces. */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether every word of the query occurs in one of the texts (folded). An empty query matches all. */
export function matchesQuery(query: string, ...texts: (string | null | undefined)[]): boolean {
  const words = foldVietnamese(query).split(' ').filter(Boolean);
  if (!words.length) return true;
  const hay = foldVietnamese(texts.filter(Boolean).join(' '));
  return words.every((w) => hay.includes(w));
}

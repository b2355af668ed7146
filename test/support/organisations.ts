/** Builders of organisations' data. */
import { taxCodeCheckDigit } from '@motcua/domain/accounts/tax-codes.ts';

/**
 * A valid enterprise tax code from 9 digits (a test's tag): their check digit appended; a prefix with no check
 * digit (never issued) has its last digit moved on until it has one.
 */
export function buildTaxCode(first9: string): string {
  if (!/^[0-9]{9}$/.test(first9)) throw new Error(`expected 9 digits, not ${first9}`);
  for (let bump = 0; bump < 10; bump++) {
    const prefix = first9.slice(0, 8) + ((Number(first9[8]) + bump) % 10);
    const check = taxCodeCheckDigit(prefix);
    if (check !== undefined) return `${prefix}${check}`;
  }
  throw new Error('unreachable: one of ten last digits has a check digit');
}

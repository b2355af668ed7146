/**
 * One-time rating codes of counter dossiers: short, in Crockford's base32 (no I, L, O, U, so a code read from
 * paper and typed on a tablet is not mistaken), kept only as a hash. Pure.
 */
import { createHash, randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 8;

/** How long a code stays valid after the result is returned. */
export const RATING_CODE_DAYS = 90;

/** A new code, `XXXX-XXXX` (40 bits; wrong codes are rate-limited and a code works only at its unit's tablets). */
export function newRatingCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A code as a person typed it: any case, spaces or dashes, O for 0 and I or L for 1; undefined when it cannot be one. */
export function normalizeRatingCode(typed: string): string | undefined {
  const raw = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (raw.length !== LENGTH || [...raw].some((c) => !ALPHABET.includes(c))) return undefined;
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/** What is stored of a code (normalized first). */
export const hashRatingCode = (code: string): string => createHash('sha256').update(code).digest('hex');

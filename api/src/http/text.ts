/**
 * Text that PostgreSQL cannot store: a NUL character (refused in text and jsonb) and a lone UTF-16 surrogate
 * (refused as a jsonb escape, turned into U+FFFD elsewhere). Refused at the door, for every body, query and
 * multipart field, with a problem naming the field, so no request reaches the database with it.
 */
import type { RequestHandler } from 'express';
import { InputError, msg } from '@motcua/domain/errors/errors.ts';

// eslint-disable-next-line no-control-regex -- NUL is what it looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (or key) in `value` that cannot be stored, or undefined. */
export function findUnstorableText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path || '(body)' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (UNSTORABLE.test(k)) return p;
      const found = findUnstorableText(v, p);
      if (found) return found;
    }
  }
  return undefined;
}

/** @throws InputError `text_invalid` when a string of `value` holds a NUL or a lone surrogate */
export function assertStorableText(value: unknown, where: string): void {
  const field = findUnstorableText(value);
  if (field) {
    throw new InputError(
      'text_invalid',
      msg('Nội dung có ký tự không hợp lệ (ký tự rỗng hoặc mã hóa sai).', 'The text holds characters that are not allowed (a NUL or a broken encoding).'),
      [
        {
          field: `${where}.${field}`,
          code: 'text.invalid_character',
          message: msg('Trường này có ký tự không hợp lệ.', 'This field holds a character that is not allowed.'),
        },
      ],
    );
  }
}

/** Refuses a request whose path, query or (JSON) body holds text that cannot be stored. */
export const refuseUnstorableText: RequestHandler = (req, _res, next) => {
  if (/%00/i.test(req.originalUrl)) assertStorableText('\u0000', 'path');
  assertStorableText(req.query, 'query');
  assertStorableText(req.body, 'body');
  next();
};

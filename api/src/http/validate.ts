/** Request bodies and queries checked against JSON Schemas compiled once (ajv); problems per field. */
import type { RequestHandler } from 'express';
import { Ajv, type ErrorObject, type JSONSchemaType } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { InputError, msg, type FieldProblem } from '@motcua/domain/errors/errors.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, coerceTypes: false, useDefaults: true, strict: true });
addFormats(ajv);
const queryAjv = new Ajv({ allErrors: true, coerceTypes: true, useDefaults: true, strict: true });
addFormats(queryAjv);

type Labels = Record<string, { vi: string; en: string }>;

function problems(errors: ErrorObject[] | null | undefined, o: { prefix?: string; labels?: Labels; hints?: Labels } = {}): FieldProblem[] {
  const seen = new Set<string>();
  return (errors ?? []).flatMap((e) => {
    const own = (
      e.keyword === 'required'
        ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`
        : e.keyword === 'additionalProperties'
          ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`
          : e.instancePath
    )
      .replace(/^\//, '')
      .replace(/\//g, '.');
    const field = o.prefix ? (own ? `${o.prefix}.${own}` : o.prefix) : own;
    // one problem per field: the first ajv finds
    if (seen.has(field)) return [];
    seen.add(field);
    const name = o.labels?.[own] ?? { vi: field, en: field };
    const hint = o.hints?.[own];
    const m =
      hint && e.keyword !== 'required' && e.keyword !== 'additionalProperties'
        ? msg(`«${name.vi}»: ${hint.vi}`, `"${name.en}": ${hint.en}`)
        : e.keyword === 'required'
          ? msg(`Thiếu thông tin «${name.vi}».`, `"${name.en}" is missing.`)
          : e.keyword === 'additionalProperties'
            ? msg(`Trường «${name.vi}» không được chấp nhận.`, `"${name.en}" is not accepted.`)
            : msg(`Giá trị của «${name.vi}» không hợp lệ.`, `"${name.en}" is not valid: ${e.message ?? ''}.`);
    return [{ field, code: `request.${e.keyword}`, message: m }];
  });
}

/**
 * A check of a value against a schema, throwing InputError `request_invalid` with the problems; `prefix`
 * places them in the request (e.g. "applicant.idNumber"), `labels` names the fields for the reader.
 */
export function checkAgainst(schema: Record<string, unknown>, o: { prefix?: string; labels?: Labels } = {}): (value: unknown) => void {
  const check = ajv.compile(schema);
  return (value) => {
    if (!check(value)) throw new InputError('request_invalid', msg('Yêu cầu không hợp lệ.', 'The request is not valid.'), problems(check.errors, o));
  };
}

/** A route's schemas, kept on its validating middleware so that tests can generate requests from them. */
export interface SchemaTagged {
  bodySchema?: Record<string, unknown>;
  querySchema?: Record<string, unknown>;
}

/**
 * Validates the JSON body; a request without one is validated (and seen by the route) as `{}`. `labels` name
 * the fields in the problems (Vietnamese and English), never their keys.
 */
export function validBody<T>(schema: JSONSchemaType<T> | Record<string, unknown>, o: { labels?: Labels; hints?: Labels } = {}): RequestHandler {
  const check = ajv.compile(schema);
  const handler: RequestHandler = (req, _res, next) => {
    if (req.body === undefined || req.body === null) req.body = {};
    if (!check(req.body))
      throw new InputError(
        'request_invalid',
        msg('Yêu cầu không hợp lệ.', 'The request is not valid.'),
        problems(check.errors, { labels: o.labels, hints: o.hints }),
      );
    next();
  };
  return Object.assign(handler, { bodySchema: schema as Record<string, unknown> } satisfies SchemaTagged);
}

/** Validates (and coerces) the query string; the result replaces req.query. */
export function validQuery(schema: Record<string, unknown>): RequestHandler {
  const check = queryAjv.compile(schema);
  const handler: RequestHandler = (req, _res, next) => {
    const q = { ...(req.query as Record<string, unknown>) };
    // a number too long to be one (coerced to Infinity) is as invalid as a word
    const infinite = Object.entries(req.query as Record<string, unknown>).filter(
      ([, v]) => typeof v === 'string' && /^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v.trim()) && !Number.isFinite(Number(v)),
    );
    if (infinite.length)
      throw new InputError(
        'query_invalid',
        msg('Tham số truy vấn không hợp lệ.', 'The query parameters are not valid.'),
        infinite.map(([k]) => ({ field: k, code: 'request.maximum', message: msg(`Giá trị của «${k}» quá lớn.`, `"${k}" is too large.`) })),
      );
    if (!check(q)) throw new InputError('query_invalid', msg('Tham số truy vấn không hợp lệ.', 'The query parameters are not valid.'), problems(check.errors));
    Object.defineProperty(req, 'query', { value: q, writable: true, configurable: true });
    next();
  };
  return Object.assign(handler, { querySchema: schema } satisfies SchemaTagged);
}

export const uuidParam = { type: 'string', format: 'uuid' } as const;

export const pageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
  },
} as const;

const uuidCheck = ajv.compile({ type: 'string', format: 'uuid' });
/** @throws InputError `id_invalid` unless `id` is a UUID */
export function requireUuid(id: string | undefined, what = 'id'): string {
  if (!id || !uuidCheck(id)) throw new InputError('id_invalid', msg(`Mã ${what} không hợp lệ.`, `Invalid ${what}.`));
  return id;
}

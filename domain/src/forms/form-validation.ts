/**
 * Server-side validation of form data against a form-js schema: strings trimmed, fields hidden by their
 * FEEL condition dropped (as form-js does on submit), then ajv against the derived JSON Schema, then the
 * required check of visible conditional fields. Problems come back per field, in Vietnamese and English.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { evaluate } from '@bpmn-io/feelin';
import { msg, type FieldProblem } from '../errors/errors.ts';
import { formFields, toJsonSchema, type FormField, type FormSchema } from './form-schema.ts';
import { translate } from '../procedures/translations.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: false });
addFormats(ajv);

export type FormData = Record<string, unknown>;

export interface FormValidationResult {
  ok: boolean;
  /** the cleaned data: strings trimmed, hidden fields removed */
  data: FormData;
  problems: FieldProblem[];
}

function trimDeep(v: unknown): unknown {
  if (typeof v === 'string') return v.trim();
  if (Array.isArray(v)) return v.map(trimDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, trimDeep(x)]));
  return v;
}

/** An empty field form-js sends as null (a date left blank) is a field not filled: the required checks tell if it had to be. */
function dropNulls(v: unknown): void {
  if (Array.isArray(v)) v.forEach(dropNulls);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (x === null) delete (v as Record<string, unknown>)[k];
      else dropNulls(x);
    }
  }
}

function getAt(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function deleteAt(obj: unknown, path: string[]): void {
  const parent = getAt(obj, path.slice(0, -1));
  if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[path[path.length - 1]!];
}

/** Evaluates a form-js condition ("=expr") against the data; a condition that fails to evaluate hides nothing. */
export function isHidden(condition: string | undefined, context: FormData): boolean {
  if (!condition) return false;
  const expr = condition.startsWith('=') ? condition.slice(1) : condition;
  try {
    return evaluate(expr, context).value === true;
  } catch {
    return false;
  }
}

/** Removes objects left empty by hidden fields (a hidden group sends nothing). */
function pruneEmptyObjects(obj: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      pruneEmptyObjects(v as Record<string, unknown>);
      if (Object.keys(v).length === 0) delete obj[k];
    }
  }
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

const fieldName = (label: string) => `«${label}»`;

function problemFor(e: ErrorObject, labels: Map<string, string>, labelsEn: Map<string, string>): FieldProblem {
  let pointer = e.instancePath;
  if (e.keyword === 'required') pointer = `${pointer}/${(e.params as { missingProperty: string }).missingProperty}`;
  if (e.keyword === 'additionalProperties') pointer = `${pointer}/${(e.params as { additionalProperty: string }).additionalProperty}`;
  const field = pointer.replace(/^\//, '').replace(/\//g, '.');
  const at = field.replace(/\.\d+(?=\.|$)/g, '');
  const label = labels.get(at) ?? field;
  // the English message names the field in English where the procedure translated its label
  const en = labelsEn.get(at) ?? label;
  const n = fieldName(label);
  const p = e.params as Record<string, unknown>;
  const m = (() => {
    switch (e.keyword) {
      case 'required':
        return msg(`${n}: thông tin bắt buộc, vui lòng nhập.`, `${en}: this field is required.`);
      case 'additionalProperties':
        return msg(`${n}: trường này không có trong biểu mẫu.`, `${en}: this field is not part of the form.`);
      case 'type':
        return msg(`${n}: giá trị không đúng kiểu dữ liệu.`, `${en}: the value has the wrong type.`);
      case 'enum':
        return msg(`${n}: vui lòng chọn một giá trị trong danh sách.`, `${en}: choose one of the listed values.`);
      case 'const':
        return msg(`${n}: vui lòng đánh dấu xác nhận.`, `${en}: this box must be ticked.`);
      case 'format':
        return p.format === 'date'
          ? msg(`${n}: ngày không hợp lệ (định dạng YYYY-MM-DD).`, `${en}: not a valid date (YYYY-MM-DD).`)
          : msg(`${n}: giá trị không đúng định dạng.`, `${en}: the value is not in the expected format.`);
      case 'minLength':
        return p.limit === 1
          ? msg(`${n}: thông tin bắt buộc, vui lòng nhập.`, `${en}: this field is required.`)
          : msg(`${n}: cần ít nhất ${p.limit} ký tự.`, `${en}: at least ${p.limit} characters.`);
      case 'maxLength':
        return msg(`${n}: tối đa ${p.limit} ký tự.`, `${en}: at most ${p.limit} characters.`);
      case 'pattern':
        return msg(`${n}: giá trị không đúng định dạng.`, `${en}: the value is not in the expected format.`);
      case 'minimum':
        return msg(`${n}: giá trị nhỏ nhất là ${p.limit}.`, `${en}: the smallest value is ${p.limit}.`);
      case 'maximum':
        return msg(`${n}: giá trị lớn nhất là ${p.limit}.`, `${en}: the largest value is ${p.limit}.`);
      case 'minItems':
        return msg(`${n}: thông tin bắt buộc, vui lòng chọn hoặc đính kèm.`, `${en}: this field is required.`);
      case 'maxItems':
        return msg(`${n}: tối đa ${p.limit} mục.`, `${en}: at most ${p.limit} items.`);
      case 'uniqueItems':
        return msg(`${n}: các mục không được trùng nhau.`, `${en}: items must not repeat.`);
      default:
        return msg(`${n}: giá trị không hợp lệ.`, `${en}: the value is not valid.`);
    }
  })();
  return { field, code: `form.${e.keyword}`, message: m };
}

/** A compiled form: build once per form schema, validate many submissions. */
export class FormValidator {
  readonly schema: FormSchema;
  readonly fields: FormField[];
  private readonly check: ValidateFunction;
  private readonly labels: Map<string, string>;
  private readonly labelsEn: Map<string, string>;

  /**
   * @param english the procedure's English texts (translations.ts), naming fields in English messages
   * @throws FormSchemaError when the form uses something the server cannot enforce
   */
  constructor(schema: FormSchema, english?: Record<string, string>) {
    this.schema = schema;
    this.fields = formFields(schema);
    this.check = ajv.compile(toJsonSchema(schema));
    this.labels = new Map(this.fields.map((f) => [[...(f.listPath ?? []), ...f.path].join('.'), f.fullLabel]));
    this.labelsEn = new Map(
      english
        ? this.fields.map((f) => [
            [...(f.listPath ?? []), ...f.path].join('.'),
            f.fullLabel
              .split(' › ')
              .map((part) => translate(english, part))
              .join(' › '),
          ])
        : [],
    );
  }

  validate(input: unknown): FormValidationResult {
    if (!input || typeof input !== 'object' || Array.isArray(input)) {
      return {
        ok: false,
        data: {},
        problems: [{ field: '', code: 'form.type', message: msg('Dữ liệu biểu mẫu phải là một đối tượng JSON.', 'Form data must be a JSON object.') }],
      };
    }
    const data = trimDeep(input) as FormData;
    dropNulls(data);
    const problems: FieldProblem[] = [];
    const mustHave: FormField[] = [];

    // visibility, evaluated on the submitted data the way the form-js viewer does
    const context = structuredClone(data);
    for (const f of this.fields) {
      if (!f.hide.length) continue;
      if (f.listPath) {
        const items = getAt(data, f.listPath);
        if (!Array.isArray(items)) continue;
        for (const item of items) {
          if (item && typeof item === 'object' && f.hide.some((h) => isHidden(h, { ...context, ...(item as FormData) }))) deleteAt(item, f.path);
        }
        continue;
      }
      if (f.hide.some((h) => isHidden(h, context))) deleteAt(data, f.path);
      else if (f.component.validate?.required) mustHave.push(f);
    }
    pruneEmptyObjects(data);

    if (!this.check(data)) {
      // one problem per field, the first ajv finds (an empty required field is "required", not also "pattern")
      const seen = new Set<string>();
      for (const e of this.check.errors ?? []) {
        const p = problemFor(e, this.labels, this.labelsEn);
        if (seen.has(p.field)) continue;
        seen.add(p.field);
        problems.push(p);
      }
    }
    for (const f of mustHave) {
      if (isEmpty(getAt(data, f.path))) {
        problems.push({
          field: f.path.join('.'),
          code: 'form.required',
          message: msg(
            `${fieldName(f.fullLabel)}: thông tin bắt buộc, vui lòng nhập.`,
            `${this.labelsEn.get(f.path.join('.')) ?? f.fullLabel}: this field is required.`,
          ),
        });
      }
    }
    return { ok: problems.length === 0, data, problems };
  }
}

const cache = new Map<string, FormValidator>();

/** The compiled validator of a form schema, cached by the schema's text. */
export function validatorFor(schema: FormSchema, english?: Record<string, string>): FormValidator {
  const key = english ? `${JSON.stringify(schema)}\n${JSON.stringify(english)}` : JSON.stringify(schema);
  let v = cache.get(key);
  if (!v) {
    v = new FormValidator(schema, english);
    if (cache.size > 500) cache.clear();
    cache.set(key, v);
  }
  return v;
}

export { getAt as valueAt };

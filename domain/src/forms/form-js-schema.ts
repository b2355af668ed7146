/**
 * Checks a form-js document before it is published: its shape against a JSON Schema of the form-js format
 * (schemaVersion up to 19, the components motcua renders, their properties and types), then what form-js
 * itself refuses on import (duplicate ids, duplicate keys) and what the server must be able to enforce
 * (form-schema.ts turns it into the validation of submissions). The form-js project keeps its JSON Schema in
 * its repository but does not publish it on npm; this one is written from the format's documentation.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { msg, type Message } from '../errors/errors.ts';
import { FormSchemaError, INPUT_TYPES, formFields, toJsonSchema, type FormSchema } from './form-schema.ts';

export interface FormProblem {
  formId: string;
  componentId?: string;
  /** JSON pointer into the form document */
  path: string;
  message: Message;
  /** a warning does not stop publishing */
  severity?: 'warning';
}

const KEY = '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$';
const DISPLAY = ['text', 'html', 'image', 'spacer', 'separator', 'button'];
const CONTAINERS = ['group', 'dynamiclist'];
const ALL_TYPES = [...INPUT_TYPES, ...DISPLAY, ...CONTAINERS];

const option = {
  type: 'object',
  required: ['label', 'value'],
  properties: { label: { type: 'string' }, value: { type: ['string', 'number', 'boolean'] } },
  additionalProperties: false,
};

const formJsSchema = {
  $id: 'https://motcua.vn/schemas/form-js.json',
  type: 'object',
  required: ['type', 'components'],
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_.-]*$', maxLength: 100 },
    type: { const: 'default' },
    // form-js 1.23's editor writes 19
    schemaVersion: { type: 'integer', minimum: 1, maximum: 19 },
    executionPlatform: { type: 'string' },
    executionPlatformVersion: { type: 'string' },
    exporter: { type: 'object', properties: { name: { type: 'string' }, version: { type: 'string' } } },
    components: { type: 'array', items: { $ref: '#/$defs/component' } },
    generated: { type: 'boolean' },
    name: { type: 'string' },
    versionTag: { type: 'string' },
  },
  additionalProperties: false,
  $defs: {
    component: {
      type: 'object',
      required: ['type'],
      properties: {
        id: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
        type: { enum: ALL_TYPES },
        key: { type: 'string', pattern: KEY },
        path: { type: 'string', pattern: KEY },
        label: { type: 'string', maxLength: 500 },
        description: { type: 'string', maxLength: 2000 },
        text: { type: 'string' },
        content: { type: 'string' },
        source: { type: 'string' },
        alt: { type: 'string' },
        action: { enum: ['submit', 'reset'] },
        defaultValue: {},
        disabled: { type: 'boolean' },
        readonly: { type: ['boolean', 'string'] },
        searchable: { type: 'boolean' },
        subtype: { enum: ['date', 'time', 'datetime'] },
        dateLabel: { type: 'string' },
        timeLabel: { type: 'string' },
        use24h: { type: 'boolean' },
        timeInterval: { type: 'integer' },
        timeSerializingFormat: { type: 'string' },
        disallowPassedDates: { type: 'boolean' },
        increment: { type: ['number', 'string'] },
        decimalDigits: { type: 'integer', minimum: 0 },
        serializeToString: { type: 'boolean' },
        values: { type: 'array', items: option },
        valuesKey: { type: 'string', pattern: KEY },
        valuesExpression: { type: 'string' },
        appearance: { type: 'object', properties: { prefixAdorner: { type: 'string' }, suffixAdorner: { type: 'string' } }, additionalProperties: false },
        layout: {
          type: 'object',
          properties: { row: { type: 'string' }, columns: { type: ['integer', 'null'], minimum: 1, maximum: 16 } },
          additionalProperties: false,
        },
        conditional: { type: 'object', properties: { hide: { type: 'string' } }, additionalProperties: false },
        validate: {
          type: 'object',
          properties: {
            required: { type: 'boolean' },
            minLength: { type: 'integer', minimum: 0 },
            maxLength: { type: 'integer', minimum: 0 },
            min: { type: 'number' },
            max: { type: 'number' },
            pattern: { type: 'string' },
            validationType: { enum: ['email', 'phone', 'custom', ''] },
          },
          additionalProperties: false,
        },
        components: { type: 'array', items: { $ref: '#/$defs/component' } },
        showOutline: { type: 'boolean' },
        isRepeating: { type: 'boolean' },
        allowAddRemove: { type: 'boolean' },
        defaultRepetitions: { type: 'integer', minimum: 0 },
        nonCollapsedItems: { type: 'integer', minimum: 1 },
        verticalAlignment: { enum: ['start', 'center', 'end'] },
        height: { type: 'integer' },
        accept: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
        maxSize: { type: 'integer', minimum: 1 },
        multiple: { type: 'boolean' },
        properties: { type: 'object', additionalProperties: { type: 'string' } },
      },
      additionalProperties: false,
      allOf: [
        { if: { properties: { type: { enum: [...INPUT_TYPES] } } }, then: { required: ['key'] } },
        {
          if: { properties: { type: { enum: ['select', 'radio', 'checklist', 'taglist'] } } },
          then: { anyOf: [{ required: ['values'] }, { required: ['valuesKey'] }, { required: ['valuesExpression'] }] },
        },
        { if: { properties: { type: { enum: CONTAINERS } } }, then: { required: ['components'] } },
        { if: { properties: { type: { const: 'dynamiclist' } } }, then: { required: ['path'] } },
      ],
    },
  },
};

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(formJsSchema);

/** The component an instance path points at, e.g. /components/2/components/0/key → that component's id. */
function componentAt(form: FormSchema, pointer: string): { id?: string } | undefined {
  const m = pointer.match(/^((?:\/components\/\d+)+)/);
  if (!m) return undefined;
  let node: unknown = form;
  for (const seg of m[1]!.split('/').slice(1)) node = (node as Record<string, unknown>)?.[seg];
  return node as { id?: string } | undefined;
}

function describe(e: ErrorObject): Message {
  const where = e.instancePath || '/';
  switch (e.keyword) {
    case 'required':
      return msg(`${where}: thiếu thuộc tính "${String(e.params.missingProperty)}"`, `${where}: missing "${String(e.params.missingProperty)}"`);
    case 'additionalProperties':
      return msg(
        `${where}: thuộc tính "${String(e.params.additionalProperty)}" không thuộc định dạng form-js`,
        `${where}: "${String(e.params.additionalProperty)}" is not a form-js property`,
      );
    case 'enum':
    case 'const':
      return msg(
        `${where}: giá trị không được hỗ trợ (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues ?? (e.params as { allowedValue?: unknown }).allowedValue)})`,
        `${where}: value not supported (${e.message ?? ''})`,
      );
    case 'pattern':
      return msg(
        `${where}: tên khóa không hợp lệ (chữ, số, dấu gạch dưới, phân cách bằng dấu chấm)`,
        `${where}: not a valid key (letters, digits, underscore, dot-separated)`,
      );
    default:
      return msg(`${where}: ${e.message ?? 'không hợp lệ'}`, `${where}: ${e.message ?? 'invalid'}`);
  }
}

/** Every problem of one form document; none but warnings means it can be published. */
export function checkFormDocument(form: unknown, formId: string): FormProblem[] {
  if (!validate(form)) {
    // the if/then wrappers repeat the inner error: keep the informative ones
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
    return (errors.length ? errors : (validate.errors ?? [])).map((e) => ({
      formId,
      componentId: componentAt(form as FormSchema, e.instancePath)?.id,
      path: e.instancePath,
      message: describe(e),
    }));
  }
  const schema = form as FormSchema;
  const problems: FormProblem[] = [];
  const warnings: FormProblem[] = [];
  const ids = new Map<string, number>();
  const walk = (cs: FormSchema['components']) => {
    for (const c of cs) {
      if (c.id) ids.set(c.id, (ids.get(c.id) ?? 0) + 1);
      if (c.validate?.pattern) {
        try {
          new RegExp(c.validate.pattern, 'u');
        } catch {
          problems.push({
            formId,
            componentId: c.id,
            path: '',
            message: msg(
              `Trường ${c.key ?? c.id}: mẫu kiểm tra (pattern) không phải biểu thức chính quy hợp lệ`,
              `Field ${c.key ?? c.id}: the pattern is not a valid regular expression`,
            ),
          });
        }
      }
      if (c.validate?.validationType === 'phone') {
        warnings.push({
          severity: 'warning',
          formId,
          componentId: c.id,
          path: '',
          message: msg(
            `Trường ${c.key ?? c.id}: kiểu «phone» của form-js chỉ nhận số quốc tế (+84…); số viết kiểu trong nước như 0912345678 sẽ bị từ chối. Nên dùng mẫu kiểm tra ^0[0-9]{9}$.`,
            `Field ${c.key ?? c.id}: form-js's "phone" type accepts only international numbers (+84…); a number written 0912345678 is refused. Prefer the pattern ^0[0-9]{9}$.`,
          ),
        });
      }
      if (c.components) walk(c.components);
    }
  };
  walk(schema.components);
  for (const [id, n] of ids)
    if (n > 1) problems.push({ formId, componentId: id, path: '', message: msg(`Hai thành phần cùng mã "${id}"`, `Two components share the id "${id}"`) });
  if (problems.length) return [...problems, ...warnings];
  try {
    formFields(schema);
    toJsonSchema(schema);
  } catch (e) {
    if (!(e instanceof FormSchemaError)) throw e;
    problems.push({
      formId,
      componentId: e.componentId,
      path: '',
      message: msg(`Biểu mẫu không dùng được: ${e.message}`, `The form cannot be used: ${e.message}`),
    });
  }
  return [...problems, ...warnings];
}

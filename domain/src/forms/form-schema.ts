/**
 * form-js schemas, as the studio draws them, turned into what the server enforces: a JSON Schema per form
 * (ajv, unknown fields rejected) plus the visibility rules (FEEL `conditional.hide`) that form-js applies in
 * the browser. Pure: no I/O, so the UI can import the same rules.
 *
 * Supported components: textfield, textarea, number, datetime, select, radio, checkbox, checklist, taglist,
 * group and dynamiclist (with `path`), the display-only ones (text, html, image, spacer, separator, button),
 * and motcua's own `attachment` (files the applicant uploads; form-js has none for Camunda 7).
 */

export interface FormComponent {
  id?: string;
  type: string;
  key?: string;
  path?: string;
  label?: string;
  /** a date field's label (form-js keeps it apart from `label`) */
  dateLabel?: string;
  description?: string;
  subtype?: 'date' | 'time' | 'datetime';
  values?: { label: string; value: string }[];
  valuesKey?: string;
  valuesExpression?: string;
  validate?: {
    required?: boolean;
    minLength?: number;
    maxLength?: number;
    min?: number;
    max?: number;
    pattern?: string;
    validationType?: 'email' | 'phone' | 'custom' | string;
  };
  conditional?: { hide?: string };
  components?: FormComponent[];
  isRepeating?: boolean;
  serializeToString?: boolean;
  /** attachment: accepted media types, e.g. ["application/pdf", "image/jpeg", "image/png"] */
  accept?: string[] | string;
  /** attachment: largest file in bytes */
  maxSize?: number;
  /** attachment: more than one file allowed */
  multiple?: boolean;
  [other: string]: unknown;
}

export interface FormSchema {
  id?: string;
  type: 'default' | string;
  schemaVersion?: number;
  components: FormComponent[];
  [other: string]: unknown;
}

/** A field that holds data, with where its value lives. */
export interface FormField {
  component: FormComponent;
  /** path segments from the root of the data, e.g. ['child', 'fullName'] */
  path: string[];
  /** set when the field sits inside a dynamic list: the list's path */
  listPath?: string[];
  label: string;
  /** the label with the labels of the groups around it, e.g. "Thông tin người mẹ › Họ và tên" */
  fullLabel: string;
  /** FEEL `hide` conditions of the field and of every group around it: any true hides the field */
  hide: string[];
}

const DISPLAY_ONLY = new Set(['text', 'html', 'image', 'spacer', 'separator', 'button', 'default']);
const CONTAINERS = new Set(['group', 'dynamiclist']);
export const INPUT_TYPES = new Set(['textfield', 'textarea', 'number', 'datetime', 'select', 'radio', 'checkbox', 'checklist', 'taglist', 'attachment']);

/**
 * What form-js accepts for validationType "email" and "phone", so that the server refuses nothing the browser
 * let through and the reverse. form-js's "phone" is an international number with its country code (+84…, 0084…):
 * a number written the Vietnamese way (0912…) fails it in the browser, so Vietnamese forms use a pattern.
 */
export const EMAIL_PATTERN = '^[^\\s@<>()\\[\\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$';
export const PHONE_PATTERN = '^(?:\\+|00)[1-9][0-9]{6,19}$';
/** Longest text any field takes unless its own maxLength says otherwise. */
const DEFAULT_MAX_TEXT = 10_000;

export class FormSchemaError extends Error {
  override name = 'FormSchemaError';
  readonly componentId: string | undefined;
  constructor(message: string, componentId?: string) {
    super(message);
    this.componentId = componentId;
  }
}

function splitPath(p: string | undefined): string[] {
  return p ? p.split('.').filter(Boolean) : [];
}

/** Every data field of a form, in order, with its full path. @throws FormSchemaError on an unsupported component. */
export function formFields(schema: FormSchema): FormField[] {
  const out: FormField[] = [];
  const walk = (components: FormComponent[], base: string[], listPath: string[] | undefined, hide: string[], groups: string[]) => {
    for (const c of components) {
      const ownHide = c.conditional?.hide ? [...hide, c.conditional.hide] : hide;
      if (CONTAINERS.has(c.type)) {
        const own = [...base, ...splitPath(c.path)];
        if (c.type === 'dynamiclist') {
          if (!c.path) throw new FormSchemaError(`dynamic list ${c.id ?? ''} needs a path`, c.id);
          if (listPath) throw new FormSchemaError('nested dynamic lists are not supported', c.id);
          walk(c.components ?? [], [], own, ownHide, c.label ? [...groups, c.label] : groups);
        } else {
          walk(c.components ?? [], own, listPath, ownHide, c.label ? [...groups, c.label] : groups);
        }
        continue;
      }
      if (DISPLAY_ONLY.has(c.type)) continue;
      if (!INPUT_TYPES.has(c.type)) throw new FormSchemaError(`unsupported form component type "${c.type}"`, c.id);
      if (!c.key) throw new FormSchemaError(`${c.type} ${c.id ?? ''} has no key`, c.id);
      const label = c.label ?? c.dateLabel ?? c.key;
      out.push({ component: c, path: [...base, ...splitPath(c.key)], listPath, label, fullLabel: [...groups, label].join(' › '), hide: ownHide });
    }
  };
  walk(schema.components ?? [], [], undefined, [], []);
  // form-js refuses a form whose components share an id
  const ids = new Set<string>();
  const visit = (components: FormComponent[]) => {
    for (const c of components) {
      if (c.id) {
        if (ids.has(c.id)) throw new FormSchemaError(`two components have the id ${c.id}`, c.id);
        ids.add(c.id);
      }
      if (c.components) visit(c.components);
    }
  };
  visit(schema.components ?? []);
  const seen = new Set<string>();
  for (const f of out) {
    const k = [...(f.listPath ?? []), '[]', ...f.path].join('.');
    if (seen.has(k)) throw new FormSchemaError(`two fields bind to ${f.path.join('.')}`, f.component.id);
    seen.add(k);
  }
  return out;
}

export function attachmentFields(schema: FormSchema): FormField[] {
  return formFields(schema).filter((f) => f.component.type === 'attachment');
}

/** Accepted media types of an attachment field. */
export function acceptedTypes(c: FormComponent): string[] {
  const raw = c.accept ?? ['application/pdf', 'image/jpeg', 'image/png'];
  return (Array.isArray(raw) ? raw : raw.split(',')).map((s) => s.trim()).filter(Boolean);
}

type JsonSchema = Record<string, unknown>;

function valueSchema(f: FormField): JsonSchema {
  const c = f.component;
  const v = c.validate ?? {};
  const staticValues = c.values?.map((o) => o.value);
  switch (c.type) {
    case 'textfield':
    case 'textarea': {
      // as in form-js, an optional field left empty ('' is what form-js submits) skips its pattern and minimum length
      const s: JsonSchema = { type: 'string', maxLength: v.maxLength ?? DEFAULT_MAX_TEXT };
      const pattern = v.validationType === 'email' ? EMAIL_PATTERN : v.validationType === 'phone' ? PHONE_PATTERN : v.pattern;
      if (v.required) {
        s.minLength = Math.max(1, v.minLength ?? 1);
        if (pattern) s.pattern = pattern;
      } else {
        // empty, or else every rule: one lookahead each (the pattern searched anywhere, as form-js does)
        const rules = [...(pattern ? [`(?=[\\s\\S]*?(?:${pattern}))`] : []), ...(v.minLength ? [`(?=[\\s\\S]{${v.minLength}})`] : [])];
        if (rules.length) s.pattern = `^$|^${rules.join('')}`;
      }
      return s;
    }
    case 'number': {
      const s: JsonSchema = c.serializeToString ? { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' } : { type: 'number' };
      if (!c.serializeToString) {
        if (v.min !== undefined) s.minimum = v.min;
        if (v.max !== undefined) s.maximum = v.max;
      }
      return s;
    }
    case 'datetime':
      if (c.subtype === 'time') return { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d' };
      if (c.subtype === 'datetime') return { type: 'string', format: 'date-time' };
      return { type: 'string', format: 'date' };
    case 'select':
    case 'radio':
      return staticValues ? { type: 'string', enum: staticValues } : { type: 'string', maxLength: DEFAULT_MAX_TEXT };
    case 'checkbox':
      return v.required ? { type: 'boolean', const: true } : { type: 'boolean' };
    case 'checklist':
    case 'taglist': {
      const s: JsonSchema = { type: 'array', uniqueItems: true, items: staticValues ? { type: 'string', enum: staticValues } : { type: 'string' } };
      if (v.required) s.minItems = 1;
      return s;
    }
    case 'attachment': {
      const item = {
        type: 'object',
        additionalProperties: false,
        required: ['attachmentId', 'fileName'],
        properties: {
          attachmentId: { type: 'string', format: 'uuid' },
          fileName: { type: 'string', maxLength: 255 },
          mediaType: { type: 'string' },
          size: { type: 'integer' },
          sha256: { type: 'string' },
        },
      };
      return { type: 'array', items: item, ...(v.required ? { minItems: 1 } : {}), ...(c.multiple ? {} : { maxItems: 1 }) };
    }
  }
  throw new FormSchemaError(`unsupported form component type "${c.type}"`, c.id);
}

type ObjectNode = {
  type: 'object';
  additionalProperties: false;
  properties: Record<string, JsonSchema>;
  required: string[];
};

const objectNode = (): ObjectNode => ({ type: 'object', additionalProperties: false, properties: {}, required: [] });

function place(root: ObjectNode, path: string[], leaf: JsonSchema, required: boolean): void {
  let node = root;
  path.forEach((seg, i) => {
    if (i === path.length - 1) {
      node.properties[seg] = leaf;
      if (required && !node.required.includes(seg)) node.required.push(seg);
      return;
    }
    let next = node.properties[seg] as ObjectNode | undefined;
    if (!next) {
      next = objectNode();
      node.properties[seg] = next;
    }
    node = next;
  });
}

function isConditional(f: FormField): boolean {
  return f.hide.length > 0;
}

/**
 * The JSON Schema of a form's data. Fields are required when `validate.required` is set and they have no
 * visibility condition; conditionally hidden fields are checked after the conditions are evaluated
 * (see form-validation.ts). Every object rejects unknown properties.
 */
export function toJsonSchema(schema: FormSchema, opts: { includeAttachments?: boolean } = {}): JsonSchema {
  const root = objectNode();
  const lists = new Map<string, { node: ObjectNode; required: boolean }>();
  for (const f of formFields(schema)) {
    if (f.component.type === 'attachment' && opts.includeAttachments === false) continue;
    const required = Boolean(f.component.validate?.required) && !isConditional(f);
    if (f.listPath) {
      const key = f.listPath.join('.');
      let list = lists.get(key);
      if (!list) {
        list = { node: objectNode(), required: false };
        lists.set(key, list);
      }
      place(list.node, f.path, valueSchema(f), required);
    } else {
      place(root, f.path, valueSchema(f), required);
    }
  }
  for (const [key, list] of lists) place(root, key.split('.'), { type: 'array', items: list.node, maxItems: 1000 }, false);
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...root };
}

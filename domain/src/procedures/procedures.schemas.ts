/**
 * JSON Schemas of a procedure's data as the studio edits it (DOMAIN.md §2): the catalogue entry, time
 * limits as structured data, step allowances and the result document. The api validates request bodies
 * with them; the check before publishing validates a draft with them again.
 */
import { feeScheduleSchema } from '../payments/fees.ts';

/** A form's id, as saved and as imported: it names the form's file and the model's camunda:formRef. */
export const formIdPattern = '^[A-Za-z][A-Za-z0-9_.-]{0,99}$';
/** how many forms a procedure may have */
export const MAX_FORMS = 50;

const clock = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' };
const unit = { type: 'string', enum: ['working_days', 'working_hours', 'calendar_days'] };

export const timeLimitSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['value', 'unit'],
  properties: {
    value: { type: 'number', minimum: 0, maximum: 365 },
    unit,
    cutoff: clock,
    extensionWhenVerificationNeeded: {
      type: 'object',
      additionalProperties: false,
      required: ['value', 'unit'],
      properties: { value: { type: 'number', exclusiveMinimum: 0, maximum: 365 }, unit },
    },
  },
};

export const allowanceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['value', 'unit'],
  properties: { value: { type: 'number', exclusiveMinimum: 0, maximum: 365 }, unit: { type: 'string', enum: ['working_days', 'working_hours'] } },
};

const text = (max = 500) => ({ type: 'string', minLength: 1, maxLength: max });

const fee = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'amount'],
  properties: {
    name: text(300),
    /** đồng; 0 = free */
    amount: { type: 'integer', minimum: 0, maximum: 1_000_000_000 },
    per: { type: 'string', maxLength: 100 },
    note: { type: 'string', maxLength: 1000 },
    exemptions: { type: 'array', maxItems: 20, items: text(500) },
  },
};

export const catalogueSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['level', 'implementingAgency', 'applicants', 'onlineLevel', 'channels', 'documents', 'result', 'legalBasis'],
  properties: {
    level: text(100),
    implementingAgency: text(300),
    competentAgency: { type: 'string', maxLength: 300 },
    applicants: { type: 'array', minItems: 1, maxItems: 20, items: text(300) },
    onlineLevel: { type: 'string', enum: ['toan_trinh', 'mot_phan'] },
    channels: {
      type: 'array',
      minItems: 1,
      maxItems: 3,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'timeLimit', 'fees'],
        properties: {
          kind: { type: 'string', enum: ['in_person', 'online', 'postal'] },
          timeLimit: timeLimitSchema,
          fees: { type: 'array', maxItems: 20, items: fee },
          note: { type: 'string', maxLength: 1000 },
        },
      },
    },
    documents: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['case', 'name', 'originals', 'copies'],
        properties: {
          case: text(300),
          name: text(1000),
          originals: { type: 'integer', minimum: 0, maximum: 20 },
          copies: { type: 'integer', minimum: 0, maximum: 20 },
          photocopies: { type: 'integer', minimum: 0, maximum: 20 },
          template: { type: 'string', maxLength: 300 },
        },
      },
    },
    result: text(1000),
    legalBasis: { type: 'array', maxItems: 50, items: text(500) },
    conditions: { type: 'array', maxItems: 50, items: text(2000) },
    steps: { type: 'array', maxItems: 50, items: text(500) },
    /** the fees as structured data: what the dossier is charged and when it pays (payments/fees.ts) */
    feeSchedule: feeScheduleSchema,
    /** per language, the Vietnamese texts of the entry and its forms with their translation (translations.ts) */
    translations: {
      type: 'object',
      additionalProperties: false,
      properties: {
        en: { type: 'object', maxProperties: 2000, propertyNames: { minLength: 1, maxLength: 2000 }, additionalProperties: text(2000) },
      },
    },
  },
};

export const procedureCodePattern = '^(\\d\\.\\d{6}|[A-Z]{2,6}\\.\\d{3,6})$';

/** What a procedure is called and where it belongs, with its catalogue entry. */
export const procedureDataSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'field', 'catalogue'],
  properties: {
    name: text(300),
    nameEn: { type: ['string', 'null'], maxLength: 300 },
    field: text(200),
    catalogue: catalogueSchema,
  },
};

export const resultTemplateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'fields'],
  properties: {
    title: text(200),
    titleEn: { type: 'string', maxLength: 200 },
    fields: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['label', 'path'],
        properties: {
          label: text(200),
          path: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$' },
          values: { type: 'object', additionalProperties: { type: 'string' } },
          format: { type: 'string', enum: ['date'] },
        },
      },
    },
  },
};

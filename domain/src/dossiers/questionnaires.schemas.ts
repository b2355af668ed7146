/**
 * The satisfaction questionnaire (phiếu đánh giá) as data: the overall question on the three-level scale, one
 * question per handling step, extra questions (yes/no or three levels) and whether a comment is asked. Pure: the
 * web app shares these types and the schema that the api validates a new version with.
 */

export interface Text {
  vi: string;
  en: string;
}

export type Scale = 'yes_no' | 'levels';

export interface ExtraQuestion {
  /** stable within a version; the key of its answer in a rating */
  key: string;
  scale: Scale;
  text: Text;
}

export interface QuestionnaireContent {
  overall: Text;
  /** whether each handling step (the officer who did it) is rated */
  rateSteps: boolean;
  stepsText: Text;
  extra: ExtraQuestion[];
  comment: { asked: boolean; text: Text };
}

export interface Questionnaire {
  version: number;
  content: QuestionnaireContent;
  publishedAt: Date;
  publishedBy: { id: string; name: string } | null;
}

/** An answer to an extra question: yes/no, or a level 1–3 (3 Rất hài lòng). */
export type Answer = 'yes' | 'no' | 1 | 2 | 3;

const text = {
  type: 'object',
  additionalProperties: false,
  required: ['vi', 'en'],
  properties: { vi: { type: 'string', minLength: 1, maxLength: 300, pattern: '\\S' }, en: { type: 'string', minLength: 1, maxLength: 300, pattern: '\\S' } },
};

/** A version as an administrator sends it. */
export const questionnaireContentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['overall', 'rateSteps', 'stepsText', 'extra', 'comment'],
  properties: {
    overall: text,
    rateSteps: { type: 'boolean' },
    stepsText: text,
    extra: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'scale', 'text'],
        properties: { key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' }, scale: { type: 'string', enum: ['yes_no', 'levels'] }, text },
      },
    },
    comment: {
      type: 'object',
      additionalProperties: false,
      required: ['asked', 'text'],
      properties: { asked: { type: 'boolean' }, text },
    },
  },
} as const;

/** Answers as a rating sends them. */
export const answersSchema = {
  type: 'object',
  maxProperties: 20,
  propertyNames: { pattern: '^[a-z][a-z0-9_]{0,39}$' },
  additionalProperties: { enum: ['yes', 'no', 1, 2, 3] },
} as const;

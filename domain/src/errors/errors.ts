/**
 * The closed set of domain errors. Every one carries a stable machine code and a message a citizen can read,
 * in Vietnamese first and English second. One api middleware maps them to RFC 9457 problem+json.
 */

export interface Message {
  vi: string;
  en: string;
}

/** One problem with one input field, e.g. a form value that fails its schema. */
export interface FieldProblem {
  /** JSON pointer or form key of the field */
  field: string;
  code: string;
  message: Message;
  /** a procedure check's problem: where it is (diagram element, form, form component) and how bad */
  severity?: 'error' | 'warning';
  area?: string;
  elementId?: string;
  formId?: string;
  componentId?: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: 'input' | 'not_found' | 'conflict' | 'not_allowed' | 'authentication' | 'unavailable';
  readonly code: string;
  readonly messages: Message;
  readonly fields: FieldProblem[] | undefined;

  constructor(code: string, messages: Message, fields?: FieldProblem[]) {
    super(messages.en);
    this.code = code;
    this.messages = messages;
    this.fields = fields;
  }
}

/** The request itself is wrong: malformed, missing or invalid data. HTTP 400. */
export class InputError extends DomainError {
  readonly kind = 'input' as const;
  override name = 'InputError';
}

/** The thing does not exist, or the caller may not know that it does. HTTP 404. */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
  override name = 'NotFoundError';
}

/** The thing is not in a state that allows this, e.g. a dossier already received. HTTP 409. */
export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
  override name = 'ConflictError';
}

/** The caller is known but their role or unit does not allow this. HTTP 403. */
export class NotAllowedError extends DomainError {
  readonly kind = 'not_allowed' as const;
  override name = 'NotAllowedError';
}

/** The caller is not logged in, or their credentials are wrong. HTTP 401. */
export class AuthenticationError extends DomainError {
  readonly kind = 'authentication' as const;
  override name = 'AuthenticationError';
}

/** A part the request needs (the engine) does not answer; nothing was changed. HTTP 503. */
export class UnavailableError extends DomainError {
  readonly kind = 'unavailable' as const;
  override name = 'UnavailableError';
}

export const msg = (vi: string, en: string): Message => ({ vi, en });

/**
 * motcua's `attachment` field for form-js (which has no file upload for Camunda 7): each chosen file is
 * checked in the browser (size, type) against the field's own limits, then uploaded at once with its
 * progress shown; the field's value is the list of uploaded files ({ attachmentId, fileName, mediaType,
 * size, sha256 }), exactly what the server validates. Written for form-js's Preact (htm, no JSX). Used by
 * the portal's forms and, registered the same way, by the studio's form editor.
 */
import { html } from 'htm/preact';
import { useContext, useState } from 'preact/hooks';
import { Description, Errors, FormContext, Label } from '@bpmn-io/form-js-viewer';

export const ATTACHMENT_TYPE = 'attachment';
const DEFAULT_ACCEPT = ['application/pdf', 'image/jpeg', 'image/png'];

export interface AttachmentValue {
  attachmentId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256?: string;
}

/** What the field needs from the page: where files go, where they are shown, and words in the user's language. */
export interface AttachmentServices {
  upload(file: File, fieldKey: string, onProgress: (share: number) => void): Promise<AttachmentValue>;
  linkFor(value: AttachmentValue): string;
  t(key: 'choose' | 'remove' | 'uploading' | 'tooLarge' | 'badType' | 'failed' | 'none', vars?: Record<string, string>): string;
}

interface Field {
  id: string;
  key: string;
  label?: string;
  description?: string;
  validate?: { required?: boolean };
  accept?: string[] | string;
  maxSize?: number;
  multiple?: boolean;
}

const acceptList = (f: Field) => (Array.isArray(f.accept) ? f.accept : f.accept ? f.accept.split(',').map((s) => s.trim()) : DEFAULT_ACCEPT);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;

export function AttachmentField(props: {
  field: Field;
  value: unknown;
  errors?: string[];
  disabled?: boolean;
  readonly?: boolean;
  domId: string;
  onChange(e: { value: AttachmentValue[] }): void;
  onBlur?(): void;
}) {
  const { field, errors = [], disabled, readonly, domId, onChange, onBlur } = props;
  const files: AttachmentValue[] = Array.isArray(props.value) ? (props.value as AttachmentValue[]) : [];
  const { getService } = useContext(FormContext) as { getService(name: string, strict?: boolean): unknown };
  const services = getService('motcuaAttachments', false) as AttachmentServices | null;
  const [progress, setProgress] = useState<{ name: string; share: number }[]>([]);
  const [local, setLocal] = useState<string[]>([]);
  const accept = acceptList(field);
  const t = (k: Parameters<AttachmentServices['t']>[0], v?: Record<string, string>) => services?.t(k, v) ?? k;

  const choose = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const chosen = Array.from(input.files ?? []);
    input.value = '';
    if (!chosen.length || !services) return;
    // checked here first, so that a wrong file is refused before anything is sent
    const problems: string[] = [];
    const ok = chosen.filter((f) => {
      if (field.maxSize && f.size > field.maxSize) return void problems.push(t('tooLarge', { name: f.name, max: mb(field.maxSize) }));
      if (f.type && !accept.includes(f.type)) return void problems.push(t('badType', { name: f.name }));
      return true;
    });
    setLocal(problems);
    if (!ok.length) return;
    const toSend = field.multiple ? ok : ok.slice(0, 1);
    setProgress(toSend.map((f) => ({ name: f.name, share: 0 })));
    const uploaded: AttachmentValue[] = [];
    for (const [i, f] of toSend.entries()) {
      try {
        uploaded.push(await services.upload(f, field.key, (share) => setProgress((p) => p.map((x, j) => (j === i ? { ...x, share } : x)))));
      } catch (err) {
        problems.push((err as Error).message || t('failed', { name: f.name }));
      }
    }
    setProgress([]);
    setLocal(problems);
    if (uploaded.length) onChange({ value: field.multiple ? [...files, ...uploaded] : uploaded });
    onBlur?.();
  };

  const allErrors = [...local, ...errors];
  const errorId = `${domId}-error-message`;
  const descId = `${domId}-description`;
  const inactive = disabled || readonly || !services || progress.length > 0;
  return html`<div
    class=${['fjs-form-field', 'fjs-form-field-attachment', allErrors.length ? 'fjs-has-errors' : '', disabled ? 'fjs-disabled' : '', readonly ? 'fjs-readonly' : ''].join(' ')}
  >
    <${Label} htmlFor=${domId} label=${field.label} required=${field.validate?.required} />
    ${
      !readonly &&
      html`<label class="attachment-choose ${inactive ? 'is-disabled' : ''}">
        <input
          id=${domId}
          type="file"
          class="attachment-input"
          accept=${accept.join(',')}
          multiple=${Boolean(field.multiple)}
          disabled=${inactive}
          aria-describedby=${`${descId} ${errorId}`}
          aria-invalid=${allErrors.length > 0}
          onChange=${choose}
        />
        <span class="attachment-button" aria-hidden="true">${t('choose')}</span>
      </label>`
    }
    ${progress.map((p) => html`<div class="attachment-progress" role="status"><span>${t('uploading', { name: p.name })}</span><progress max="1" value=${p.share}>${Math.round(p.share * 100)}%</progress></div>`)}
    <ul class="attachment-list">
      ${files.length === 0 && readonly ? html`<li class="attachment-none">${t('none')}</li>` : null}
      ${files.map(
        (f, i) =>
          html`<li key=${f.attachmentId}>
            <a href=${services?.linkFor(f) ?? '#'} target="_blank" rel="noopener">${f.fileName}</a>
            <span class="attachment-size">${mb(f.size)}</span>
            ${!(disabled || readonly) && html`<button type="button" class="attachment-remove" aria-label=${`${t('remove')} ${f.fileName}`} onClick=${() => onChange({ value: files.filter((_, j) => j !== i) })}>${t('remove')}</button>`}
          </li>`,
      )}
    </ul>
    <${Description} id=${descId} description=${field.description} />
    <${Errors} id=${errorId} errors=${allErrors} />
  </div>`;
}

AttachmentField.config = {
  type: ATTACHMENT_TYPE,
  keyed: true,
  name: 'Tệp đính kèm',
  group: 'basic-input',
  emptyValue: [],
  sanitizeValue: ({ value }: { value: unknown }) => (Array.isArray(value) ? value : []),
  create: (options = {}) => ({ label: 'Tệp đính kèm', accept: DEFAULT_ACCEPT, maxSize: 5 * 1024 * 1024, multiple: false, ...options }),
  propertiesPanelEntries: ['key', 'label', 'description', 'required', 'disabled', 'readonly'],
};

class AttachmentFieldRegistration {
  static $inject = ['formFields'];
  constructor(formFields: { register(type: string, component: unknown): void }) {
    formFields.register(ATTACHMENT_TYPE, AttachmentField);
  }
}

/** The form-js module that adds the field (viewer and editor alike). */
export const AttachmentFieldModule = { __init__: ['motcuaAttachmentField'], motcuaAttachmentField: ['type', AttachmentFieldRegistration] };

/**
 * motcua's `attachment` field for form-js (which has no file upload for Camunda 7): each chosen file is
 * checked in the browser (size, type) against the field's own limits, then uploaded at once with its
 * progress shown; the field's value is the list of uploaded files ({ attachmentId, fileName, mediaType,
 * size, sha256 }), exactly what the server validates. A citizen may instead name one of the papers kept in their
 * account (provide once): the server checks it as it checks an upload and the field holds the same kind of value.
 * Written for form-js's Preact (htm, no JSX). Used by the portal's forms and, registered the same way, by the
 * studio's form editor.
 */
import { html } from 'htm/preact';
import { useContext, useState } from 'preact/hooks';
import { Description, Errors, FormContext, Label } from '@bpmn-io/form-js-viewer';
import { date, fileSize } from '../app/format.ts';

export const ATTACHMENT_TYPE = 'attachment';
const DEFAULT_ACCEPT = ['application/pdf', 'image/jpeg', 'image/png'];

export interface AttachmentValue {
  attachmentId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256?: string;
}

/** A paper kept in the citizen's account, as the field offers it. */
export interface PaperChoice {
  id: string;
  title: string | null;
  fieldKey: string | null;
  fileName: string;
  mediaType: string;
  size: number;
  createdAt: string;
}

/** The citizen's papers, where the page offers them (the portal's applications, not the counter). */
export interface PaperServices {
  list(): Promise<PaperChoice[]>;
  use(paperId: string, fieldKey: string): Promise<AttachmentValue>;
}

type Word =
  'choose' | 'remove' | 'uploading' | 'tooLarge' | 'badType' | 'failed' | 'none' | 'fromPapers' | 'papersHeading' | 'papersNone' | 'usePaper' | 'keptOn';

/** What the field needs from the page: where files go, where they are shown, and words in the user's language. */
export interface AttachmentServices {
  upload(file: File, fieldKey: string, onProgress: (share: number) => void): Promise<AttachmentValue>;
  linkFor(value: AttachmentValue): string;
  papers?: PaperServices;
  t(key: Word, vars?: Record<string, string>): string;
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
  const [papers, setPapers] = useState<PaperChoice[] | undefined>();
  const [papersOpen, setPapersOpen] = useState(false);
  const accept = acceptList(field);
  const t = (k: Word, v?: Record<string, string>) => services?.t(k, v) ?? k;

  // the papers that suit this field: accepted type and size, the ones first given for the same field first
  const openPapers = async () => {
    if (papersOpen) return setPapersOpen(false);
    setPapersOpen(true);
    try {
      const all = (await services!.papers!.list()).filter((p) => accept.includes(p.mediaType) && (!field.maxSize || p.size <= field.maxSize));
      setPapers([...all.filter((p) => p.fieldKey === field.key), ...all.filter((p) => p.fieldKey !== field.key)]);
    } catch (err) {
      setPapers([]);
      setLocal([(err as Error).message]);
    }
  };
  const choosePaper = async (paper: PaperChoice) => {
    setProgress([{ name: paper.fileName, share: 0 }]);
    try {
      const value = await services!.papers!.use(paper.id, field.key);
      setLocal([]);
      setPapersOpen(false);
      onChange({ value: field.multiple ? [...files, value] : [value] });
    } catch (err) {
      setLocal([(err as Error).message || t('failed', { name: paper.fileName })]);
    } finally {
      setProgress([]);
      onBlur?.();
    }
  };
  const papersId = `${domId}-papers`;

  const choose = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const chosen = Array.from(input.files ?? []);
    input.value = '';
    if (!chosen.length || !services) return;
    // checked here first, so that a wrong file is refused before anything is sent
    const problems: string[] = [];
    const ok = chosen.filter((f) => {
      if (field.maxSize && f.size > field.maxSize) return void problems.push(t('tooLarge', { name: f.name, max: fileSize(field.maxSize) }));
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
    ${
      !readonly &&
      services?.papers &&
      html`<button
        type="button"
        class="attachment-papers-toggle"
        aria-expanded=${papersOpen}
        aria-controls=${papersId}
        disabled=${inactive}
        onClick=${openPapers}
      >
        ${t('fromPapers')}
      </button>`
    }
    ${
      papersOpen &&
      html`<div class="attachment-papers" id=${papersId} role="group" aria-label=${t('papersHeading')}>
        ${papers === undefined ? html`<p class="attachment-papers-note">…</p>` : null}
        ${papers?.length === 0 ? html`<p class="attachment-papers-note">${t('papersNone')}</p>` : null}
        <ul>
          ${(papers ?? []).map(
            (p) =>
              html`<li key=${p.id}>
                <span class="attachment-paper-name">${p.title ? html`<strong>${p.title}</strong><br />` : null}${p.fileName}</span>
                <span class="attachment-size">${fileSize(p.size)} · ${t('keptOn', { date: date(p.createdAt) })}</span>
                <button
                  type="button"
                  class="attachment-use"
                  disabled=${inactive}
                  aria-label=${`${t('usePaper')}: ${p.fileName}`}
                  onClick=${() => choosePaper(p)}
                >
                  ${t('usePaper')}
                </button>
              </li>`,
          )}
        </ul>
      </div>`
    }
    ${progress.map((p) => html`<div class="attachment-progress" role="status"><span>${t('uploading', { name: p.name })}</span><progress max="1" value=${p.share}>${Math.round(p.share * 100)}%</progress></div>`)}
    <ul class="attachment-list">
      ${files.length === 0 && readonly ? html`<li class="attachment-none">${t('none')}</li>` : null}
      ${files.map(
        (f, i) =>
          html`<li key=${f.attachmentId}>
            <a href=${services?.linkFor(f) ?? '#'} target="_blank" rel="noopener">${f.fileName}</a>
            <span class="attachment-size">${fileSize(f.size)}</span>
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

/**
 * A form-js form in a React page: the schema rendered with motcua's attachment field and messages in the
 * user's language. The page reads it through a handle: `submit()` gives the data when valid (the errors are
 * shown in place otherwise), `showProblems()` shows the server's problems under their fields.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { translateFormSchema, translationsFor, type Translations } from '@motcua/domain/procedures/translations.ts';
import type { FieldProblem } from '../app/api.ts';
import { useI18n } from '../app/i18n.tsx';
import type { FormError } from '../components/ErrorSummary.tsx';
import { AttachmentFieldModule, type AttachmentServices } from './attachment-field.ts';
import { setDatePickerLanguage } from './date-picker.ts';
import { translateFormMessage, validatorModule } from './vi-validator.ts';

export interface FormHandle {
  /** the data when the form is valid; undefined (errors shown, the first focused unless the page sums them up) when not */
  submit(opts?: { focusFirstError?: boolean }): Record<string, unknown> | undefined;
  data(): Record<string, unknown>;
  /** sets these values (keyed by data path, "applicant.fullName") as if typed, leaving the others as they are */
  patch(values: Record<string, unknown>): void;
  /** problems from the server, keyed by data path ("child.fullName"); returns those that matched no field */
  showProblems(problems: FieldProblem[]): FieldProblem[];
  /** the errors shown in the form now, each naming its field by its label (within its group) and linking to it */
  errors(): Promise<FormError[]>;
}

interface Props {
  schema: unknown;
  data?: Record<string, unknown>;
  readOnly?: boolean;
  attachments: Omit<AttachmentServices, 't'>;
  onChange?(data: Record<string, unknown>): void;
  /** the procedure's texts in other languages: the form is shown in the reader's where it has them */
  translations?: Translations;
}

type FormJs = InstanceType<typeof Form> & {
  _id: string;
  _setState(s: unknown): void;
  _getState(): { errors: Record<string, unknown>; data: Record<string, unknown> };
};

interface RegisteredField {
  id: string;
  key?: string;
  label?: string;
  type: string;
  _parent?: string;
}

/** A field's label in words, with the titles of the groups it sits in ("Thông tin người mẹ › Số định danh cá nhân"). */
function fieldName(registry: { get(id: string): RegisteredField | undefined }, field: RegisteredField): string {
  const names: string[] = [];
  for (let f: RegisteredField | undefined = field; f; f = f._parent ? registry.get(f._parent) : undefined) {
    if (f.type === 'default') break;
    const text = (f.label ?? '').trim();
    if (text) names.unshift(text);
  }
  return names.join(' › ') || field.key || field.id;
}

/** The element a link to the field focuses: its input, or the first option of a radio group. */
function focusTarget(domId: string): string {
  if (document.getElementById(domId)) return domId;
  if (document.getElementById(`${domId}-0`)) return `${domId}-0`;
  return domId;
}

const fixedWords: Record<string, string> = {
  Select: 'Chọn',
  Search: 'Tìm kiếm',
  'No results': 'Không có kết quả',
  'All values selected': 'Đã chọn tất cả',
  Browse: 'Chọn tệp',
  'No files selected': 'Chưa chọn tệp',
};

function translateFixedWords(root: HTMLElement, lang: string): void {
  if (lang !== 'vi') return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue?.trim();
    if (text && fixedWords[text] && n.nodeValue !== fixedWords[text]) n.nodeValue = fixedWords[text]!;
  }
  root.querySelectorAll<HTMLInputElement>('input[placeholder]').forEach((el) => {
    const v = fixedWords[el.placeholder];
    if (v) el.placeholder = v;
  });
}

export const FormView = forwardRef<FormHandle, Props>(function FormView({ schema, data, readOnly, attachments, onChange, translations }, ref) {
  const { lang, t } = useI18n();
  setDatePickerLanguage(lang);
  const container = useRef<HTMLDivElement>(null);
  const form = useRef<FormJs | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const attachmentsRef = useRef(attachments);
  attachmentsRef.current = attachments;

  useEffect(() => {
    // the element of this form (the ref is emptied when the page goes; a late callback still has its element)
    const root = container.current!;
    const services: AttachmentServices = {
      upload: (file, key, progress) => attachmentsRef.current.upload(file, key, progress),
      linkFor: (v) => attachmentsRef.current.linkFor(v),
      ...(attachmentsRef.current.papers
        ? { papers: { list: () => attachmentsRef.current.papers!.list(), use: (id, key) => attachmentsRef.current.papers!.use(id, key) } }
        : {}),
      t: (key, vars) => t(`attachment.${key}`, vars),
    };
    // form-js holds typed text back 300 ms; a re-render in that time (an upload finishing) wiped it from the
    // field, so each keystroke goes to the form's data at once (`debounce`, read from its config, not typed)
    const options = {
      container: root,
      properties: readOnly ? { readOnly: true } : {},
      debounce: false,
      additionalModules: [AttachmentFieldModule, validatorModule(lang), { motcuaAttachments: ['value', services] }],
    };
    const f = new Form(options) as FormJs;
    form.current = f;
    let alive = true;
    // form-js writes a few fixed English words into its markup (issue #77): give them the page's language
    const observer = new MutationObserver(() => translateFixedWords(root, lang));
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['placeholder'] });
    const shown = translateFormSchema(schema, translationsFor({ translations }, lang));
    void f.importSchema(shown as never, structuredClone(data ?? {})).then(() => {
      if (alive) translateFixedWords(root, lang);
    });
    f.on('changed', (e: { data: Record<string, unknown> }) => changeRef.current?.(e.data));
    return () => {
      alive = false;
      observer.disconnect();
      f.destroy();
      form.current = null;
    };
    // a new schema, language or mode builds a new form; data changes after that are the form's own
  }, [schema, lang, readOnly]); // eslint-disable-line react-hooks/exhaustive-deps

  useImperativeHandle(ref, () => ({
    submit(opts) {
      const f = form.current;
      if (!f) return undefined;
      const { data: values, errors } = f.submit() as { data: Record<string, unknown>; errors: Record<string, string[]> };
      if (Object.keys(errors).length) {
        if (opts?.focusFirstError === false) return undefined;
        container.current?.querySelector<HTMLElement>('.fjs-has-errors input, .fjs-has-errors textarea, .fjs-has-errors select')?.focus();
        return undefined;
      }
      return values;
    },
    data() {
      return form.current?._getState().data ?? {};
    },
    patch(values) {
      const f = form.current;
      if (!f) return;
      const data = structuredClone(f._getState().data ?? {});
      for (const [path, v] of Object.entries(values)) {
        const keys = path.split('.');
        let o = data as Record<string, unknown>;
        for (const k of keys.slice(0, -1)) {
          if (!o[k] || typeof o[k] !== 'object') o[k] = {};
          o = o[k] as Record<string, unknown>;
        }
        o[keys[keys.length - 1]!] = v;
      }
      f._setState({ data });
    },
    showProblems(problems) {
      const f = form.current;
      if (!f) return problems;
      const registry = f.get('formFieldRegistry') as { getAll(): { id: string; key?: string }[] };
      const paths = f.get('pathRegistry') as { getValuePath(field: unknown): (string | number)[] | undefined };
      const idByPath = new Map<string, string>();
      for (const field of registry.getAll()) {
        if (!field.key) continue;
        let p: string = field.key;
        try {
          p = (paths.getValuePath(field) ?? [field.key]).join('.');
        } catch {
          /* keep the key */
        }
        idByPath.set(p, field.id);
      }
      const errors: Record<string, string[]> = { ...f._getState().errors };
      const unmatched: FieldProblem[] = [];
      for (const pr of problems) {
        const id = idByPath.get(pr.field);
        if (id) errors[id] = [...(errors[id] ?? []), translateFormMessage(pr.message[lang], lang)];
        else unmatched.push(pr);
      }
      f._setState({ errors });
      return unmatched;
    },
    async errors() {
      const f = form.current;
      if (!f) return [];
      // form-js renders its errors on the next tick: read the ids once they are in the page
      await new Promise((r) => setTimeout(r, 0));
      const registry = f.get('formFieldRegistry') as { get(id: string): RegisteredField | undefined; getAll(): RegisteredField[] };
      const state = f._getState().errors;
      const out: FormError[] = [];
      // in the order the fields appear in the form
      for (const field of registry.getAll()) {
        const messages = state[field.id];
        if (!Array.isArray(messages) || !messages.length || typeof messages[0] !== 'string') continue;
        out.push({ fieldId: focusTarget(`fjs-form-${f._id}-${field.id}`), text: `${fieldName(registry, field)}: ${messages.join(' ')}` });
      }
      const order = new Map([...(container.current?.querySelectorAll('[id]') ?? [])].map((el, i) => [el.id, i]));
      return out.sort((a, b) => (order.get(a.fieldId) ?? 0) - (order.get(b.fieldId) ?? 0));
    },
  }));

  return <div ref={container} className="form-view" />;
});

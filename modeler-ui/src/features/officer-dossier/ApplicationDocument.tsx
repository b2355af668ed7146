/**
 * The applicant's data as a document an officer reads: each filled field as "label: value" under the headings
 * of its groups, a list's entries one after another, the papers by their name in the form with their files
 * linked. Not a form: nothing looks editable, nothing is greyed. Fields left empty (or hidden by the form's
 * conditions, which the server drops) are not shown.
 */
import { Fragment, type ReactNode } from 'react';
import type { FormComponent, FormSchema } from '@motcua/domain/forms/form-schema.ts';
import { fileSize } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';

interface FileValue {
  attachmentId: string;
  fileName: string;
  size?: number;
}

const CONTAINERS = new Set(['group', 'dynamiclist']);
const INPUTS = new Set(['textfield', 'textarea', 'number', 'datetime', 'select', 'radio', 'checkbox', 'checklist', 'taglist', 'attachment']);

function at(obj: unknown, path: string | undefined): unknown {
  if (!path) return obj;
  return path
    .split('.')
    .filter(Boolean)
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** "2026-11-20" → "20/11/2026"; a date-time the same way with its time. */
function vnDate(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(v);
  return m ? `${m[3]}/${m[2]}/${m[1]}${m[4] ? ` ${m[4]}` : ''}` : v;
}

function hasData(c: FormComponent, data: unknown): boolean {
  if (CONTAINERS.has(c.type)) {
    const own = at(data, c.path);
    if (c.type === 'dynamiclist') return Array.isArray(own) && own.length > 0;
    return (c.components ?? []).some((x) => hasData(x, own));
  }
  return INPUTS.has(c.type) && Boolean(c.key) && !isEmpty(at(data, c.key));
}

export function ApplicationDocument({
  schema,
  data,
  fileLink,
}: {
  schema: unknown;
  data: Record<string, unknown>;
  fileLink: (attachmentId: string) => string;
}) {
  const { t } = useI18n();
  const components = (schema as FormSchema | null)?.components ?? [];

  const label = (c: FormComponent) => c.label ?? c.key ?? '';
  const choice = (c: FormComponent, v: unknown) => c.values?.find((x) => x.value === v)?.label ?? String(v);

  const value = (c: FormComponent, v: unknown): ReactNode => {
    switch (c.type) {
      case 'checkbox':
        return v === true ? t('appDoc.yes') : t('appDoc.no');
      case 'select':
      case 'radio':
        return choice(c, v);
      case 'checklist':
      case 'taglist':
        return (Array.isArray(v) ? v : [v]).map((x) => choice(c, x)).join('; ');
      case 'datetime':
        return typeof v === 'string' ? vnDate(v) : String(v);
      case 'attachment': {
        const files = (Array.isArray(v) ? v : [v]) as FileValue[];
        return (
          <ul className="doc-files">
            {files.map((f) => (
              <li key={f.attachmentId}>
                <a href={fileLink(f.attachmentId)} target="_blank" rel="noreferrer">
                  {f.fileName}
                </a>
                {f.size ? <span className="muted"> ({fileSize(f.size)})</span> : null}
              </li>
            ))}
          </ul>
        );
      }
      default:
        return String(v);
    }
  };

  /** the filled fields of these components, as one list; a group or list found among them becomes its own section */
  const render = (cs: FormComponent[], scope: unknown, level: number, key: string): ReactNode[] => {
    const out: ReactNode[] = [];
    let facts: ReactNode[] = [];
    const flush = () => {
      if (facts.length)
        out.push(
          <dl className="facts doc-facts" key={`${key}-dl${out.length}`}>
            {facts}
          </dl>,
        );
      facts = [];
    };
    cs.forEach((c, i) => {
      if (!hasData(c, scope)) return;
      const k = `${key}-${c.id ?? i}`;
      if (CONTAINERS.has(c.type)) {
        flush();
        const own = at(scope, c.path);
        const Heading = `h${Math.min(level, 6)}` as 'h3';
        const body =
          c.type === 'dynamiclist'
            ? (own as unknown[]).map((item, n) => (
                <div className="doc-entry" key={`${k}-${n}`}>
                  <p className="doc-entry-number">{t('appDoc.entry', { n: n + 1 })}</p>
                  {render(c.components ?? [], item, level + 1, `${k}-${n}`)}
                </div>
              ))
            : render(c.components ?? [], own, level + 1, k);
        out.push(
          <section className="doc-section" key={k}>
            {c.label && <Heading>{c.label}</Heading>}
            {body}
          </section>,
        );
        return;
      }
      facts.push(
        <Fragment key={k}>
          <dt>{label(c)}</dt>
          <dd>{value(c, at(scope, c.key))}</dd>
        </Fragment>,
      );
    });
    flush();
    return out;
  };

  const body = render(components, data, 3, 'doc');
  return <div className="application-document">{body.length ? body : <p className="muted">{t('appDoc.empty')}</p>}</div>;
}

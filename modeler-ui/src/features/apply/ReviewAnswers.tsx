/**
 * The application as a document, before it is sent: each answer under its label in words (options by their
 * names, dates as dd/mm/yyyy, files by their names), grouped as in the form, with the receiving unit and how
 * the result comes back. Fields the form hid (and so does not send) are not shown.
 */
import { useEffect, useRef } from 'react';
import { useI18n } from '../../app/i18n.tsx';

interface Component {
  type: string;
  key?: string;
  path?: string;
  label?: string;
  dateLabel?: string;
  subtype?: string;
  values?: { label: string; value: string }[];
  components?: Component[];
}

type Data = Record<string, unknown>;

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function answer(c: Component, v: unknown, yes: string, no: string): string | string[] | undefined {
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) return undefined;
  const option = (x: unknown) => c.values?.find((o) => o.value === x)?.label ?? String(x);
  switch (c.type) {
    case 'checkbox':
      return v === true ? yes : no;
    case 'select':
    case 'radio':
      return option(v);
    case 'checklist':
    case 'taglist':
      return (v as unknown[]).map(option).join(', ');
    case 'attachment':
      return (v as { fileName: string }[]).map((f) => f.fileName);
    case 'datetime': {
      const m = typeof v === 'string' ? isoDate.exec(v) : null;
      return m ? `${m[3]}/${m[2]}/${m[1]}` : String(v);
    }
    default:
      return String(v);
  }
}

function Section({ components, data, level }: { components: Component[]; data: Data; level: number }) {
  const { t } = useI18n();
  const rows: React.ReactNode[] = [];
  components.forEach((c, i) => {
    if (c.type === 'group' || c.type === 'dynamiclist') {
      const inner = c.path ? ((data[c.path] as Data | undefined) ?? undefined) : data;
      if (!inner || typeof inner !== 'object' || Array.isArray(inner)) return;
      const Heading = level === 2 ? 'h2' : 'h3';
      rows.push(
        <section key={i} className="review-group">
          {c.label && <Heading>{c.label}</Heading>}
          <Section components={c.components ?? []} data={inner} level={level + 1} />
        </section>,
      );
      return;
    }
    if (!c.key) return;
    const a = answer(c, data[c.key], t('review.yes'), t('review.no'));
    if (a === undefined) return;
    rows.push(
      <div key={i} className="review-row">
        <dt>{c.label || c.dateLabel || c.key}</dt>
        <dd>
          {Array.isArray(a) ? (
            <ul className="review-files">
              {a.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          ) : (
            a
          )}
        </dd>
      </div>,
    );
  });
  // answers side by side in a list, a group's section between lists (a list holds only its terms)
  const parts: React.ReactNode[] = [];
  let run: React.ReactNode[] = [];
  const close = () => {
    if (run.length)
      parts.push(
        <dl key={`dl${parts.length}`} className="review-list">
          {run}
        </dl>,
      );
    run = [];
  };
  for (const r of rows) {
    if ((r as React.ReactElement).type === 'section') {
      close();
      parts.push(r);
    } else run.push(r);
  }
  close();
  return <>{parts}</>;
}

export function ReviewAnswers({ schema, data, facts }: { schema: unknown; data: Data; facts: { label: string; value: string }[] }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    window.scrollTo(0, 0);
    heading.current?.focus();
  }, []);
  return (
    <div className="card review">
      <h2 ref={heading} tabIndex={-1}>
        {t('review.title')}
      </h2>
      <p>{t('review.hint')}</p>
      <dl className="review-list">
        {facts.map((f) => (
          <div key={f.label} className="review-row">
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      <Section components={(schema as { components?: Component[] }).components ?? []} data={data} level={3} />
    </div>
  );
}

/**
 * The errors of a form at its top, where the person is looking after pressing its button: focused when it appears
 * (so a screen reader reads it), each error naming its field in words and linking to it (the link moves focus
 * to the field). Fields are named by their labels, never by their keys.
 */
import { useEffect, useRef } from 'react';
import { useI18n } from '../app/i18n.tsx';

export interface FormError {
  /** the id of the field's input, focused by the link */
  fieldId: string;
  /** what the person sees: the field's label and what is wrong with it */
  text: string;
}

export function ErrorSummary({ errors, title }: { errors: FormError[]; title?: string }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) box.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div ref={box} className="alert alert-error error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <p id="error-summary-title">
        <strong>{title ?? t('form.errors', { n: errors.length })}</strong>
      </p>
      <ul>
        {errors.map((e) => (
          <li key={`${e.fieldId}:${e.text}`}>
            <a
              href={`#${e.fieldId}`}
              onClick={(ev) => {
                ev.preventDefault();
                const field = document.getElementById(e.fieldId);
                field?.scrollIntoView({ block: 'center' });
                field?.focus();
              }}
            >
              {e.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A failed request, told in the user's language; announced to screen readers. */
import { ApiError } from '../app/api.ts';
import { useI18n } from '../app/i18n.tsx';

export function Problem({ error }: { error: unknown }) {
  const { pick, t } = useI18n();
  if (!error) return null;
  const text = error instanceof ApiError ? pick(error.messages) : t('error.generic');
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <div className="alert alert-error" role="alert">
      <p>{text}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f, i) => (
            <li key={i}>{pick(f.message)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Notice({ children, kind = 'info' }: { children: React.ReactNode; kind?: 'info' | 'success' | 'warning' }) {
  return (
    <div className={`alert alert-${kind}`} role="status">
      {children}
    </div>
  );
}

/** The error summary at the top of a form: every problem, each a link to its field. */
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Problem } from '../../components/Problem.tsx';

/** The problem of one field (its path in the request), if any. */
export function fieldProblem(error: unknown, field: string) {
  return error instanceof ApiError ? error.fields.find((f) => f.field === field) : undefined;
}

/** `ids` maps a request field to the id of its input; problems of other fields are listed without a link. */
export function ErrorSummary({ error, ids }: { error: unknown; ids: Record<string, string> }) {
  const { t, pick } = useI18n();
  if (!(error instanceof ApiError)) return <Problem error={error} />;
  return (
    <div className="alert alert-error error-summary" role="alert" tabIndex={-1}>
      <p>{pick(error.messages)}</p>
      {error.fields.length > 0 && (
        <>
          <p>{t('delivery.errors')}</p>
          <ul>
            {error.fields.map((f, i) => (
              <li key={i}>{ids[f.field] ? <a href={`#${ids[f.field]}`}>{pick(f.message)}</a> : pick(f.message)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

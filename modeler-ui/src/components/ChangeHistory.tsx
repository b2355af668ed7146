/** The administration log of one unit or person, newest first: when, who, and what was done, in words. */
import { dateTime } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';

export interface LoggedChange {
  id: string;
  at: string;
  actor: { id: string | null; name: string };
  action: string;
}

export function ChangeHistory({ history, actionName }: { history: LoggedChange[] | null; actionName: (action: string) => string }) {
  const { t, lang } = useI18n();
  return (
    <>
      <h3>{t('units.history')}</h3>
      {history && history.length === 0 && <p>{t('units.history.empty')}</p>}
      {history && history.length > 0 && (
        <ol className="change-history">
          {history.map((c) => (
            <li key={c.id}>
              <time dateTime={c.at}>{dateTime(c.at, lang)}</time> · {c.actor.name} · {actionName(c.action)}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/**
 * A dossier's history for an auditor: whether its timeline's hash chain holds (the first altered entry named),
 * and the engine's own record beside it: who claimed and completed each step and when, every activity, incidents.
 */
import { useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { messages, type MessageKey } from '../../app/messages.ts';
import { Notice, Problem } from '../../components/Problem.tsx';

interface History {
  timeline: { intact: boolean; brokenAtSeq: number | null; events: { seq?: number; type: string }[] };
  engine: {
    activities: { id: string; activityId: string; name: string | null; type: string; startTime: string; endTime: string | null; canceled: boolean }[];
    operations: { at: string; operation: string; property: string | null; userName: string | null; userId: string | null; taskId: string | null }[];
    tasks: { id: string; step: string; name: string | null }[];
    incidents: { type: string; message: string | null; activityId: string; createTime: string; endTime: string | null }[];
  } | null;
}

export function AuditHistory({ dossierId }: { dossierId: string }) {
  const { t, lang } = useI18n();
  const [h, setH] = useState<History>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    api.get<History>(`/audit/dossiers/${dossierId}/history`).then(setH, setError);
  }, [dossierId]);
  if (error) return <Problem error={error} />;
  if (!h) return <p>{t('common.loading')}</p>;
  // the engine's operation in words where we have them, else as the engine names it
  const opName = (op: string) => (`audit.op.${op}` in messages ? t(`audit.op.${op}` as MessageKey) : op);
  const stepOf = (taskId: string | null) => h.engine?.tasks.find((x) => x.id === taskId)?.name ?? '';
  const operations = (h.engine?.operations ?? []).filter((o) => o.operation !== 'Claim' || o.property === 'assignee');
  return (
    <>
      {h.timeline.intact ? (
        <Notice kind="success">{t('audit.chainIntact', { n: h.timeline.events.length })}</Notice>
      ) : (
        <Notice kind="warning">{t('audit.chainBroken', { seq: h.timeline.brokenAtSeq ?? 0 })}</Notice>
      )}
      <p>
        <a className="button" href={`/api/audit/dossiers/${dossierId}/history.pdf`} download>
          {t('audit.pdf')}
        </a>
      </p>
      {h.engine && (
        <>
          <h3>{t('audit.operations')}</h3>
          <ol className="audit-list">
            {operations.map((o, i) => (
              <li key={i}>
                <strong>{dateTime(o.at, lang)}</strong> · {[opName(o.operation), stepOf(o.taskId), o.userName ?? o.userId ?? '—'].filter(Boolean).join(' · ')}
              </li>
            ))}
          </ol>
          <h3>{t('audit.activities')}</h3>
          <ol className="audit-list">
            {h.engine.activities.map((a) => (
              <li key={a.id}>
                <strong>{dateTime(a.startTime, lang)}</strong> · {a.name ?? a.activityId} <small>({a.type})</small>
                {a.canceled ? ` · ${t('audit.canceled')}` : ''}
              </li>
            ))}
          </ol>
          <h3>{t('audit.incidents')}</h3>
          {h.engine.incidents.length ? (
            <ul className="audit-list">
              {h.engine.incidents.map((x, i) => (
                <li key={i}>
                  {dateTime(x.createTime, lang)} · {x.activityId} · {x.message ?? x.type} {x.endTime ? `· ${t('audit.resolved')}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('audit.noIncidents')}</p>
          )}
        </>
      )}
    </>
  );
}

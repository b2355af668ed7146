/** A dossier's timeline: who did what and when, newest last, with status changes. */
import { dateTime } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import type { MessageKey } from '../app/messages.ts';
import { messages } from '../app/messages.ts';

export interface TimelineEvent {
  seq: number;
  type: string;
  actorName: string;
  step: string | null;
  statusFrom: number | null;
  statusTo: number | null;
  data: Record<string, unknown>;
  at: string;
}

export function Timeline({ events }: { events: TimelineEvent[] }) {
  const { t, lang } = useI18n();
  // a step's decision is worded by the kind of step it is (a studio-made procedure names its steps freely)
  const label = (e: TimelineEvent) => {
    const byKind = typeof e.data.kind === 'string' && typeof e.data.decision === 'string' ? `event.${e.data.kind}_${e.data.decision}` : undefined;
    for (const key of [byKind, `event.${e.type}`]) if (key && key in messages) return t(key as MessageKey);
    return e.type;
  };
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.seq} className={`timeline-item event-${e.type}`}>
          <time dateTime={e.at}>{dateTime(e.at, lang)}</time>
          <div>
            <strong>{label(e)}</strong>
            {typeof e.data.stepName === 'string' && !(`event.${e.type}` in messages) && <span className="muted"> ({e.data.stepName})</span>}
            <span className="muted"> — {e.actorName}</span>
            {typeof e.data.reason === 'string' && <p className="muted">{e.data.reason}</p>}
            {typeof e.data.opinion === 'string' && <p className="muted">{e.data.opinion}</p>}
            {typeof e.data.note === 'string' && e.data.note && <p className="muted">{e.data.note}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}

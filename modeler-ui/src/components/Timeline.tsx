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
  const label = (type: string) => {
    const key = `event.${type}` as MessageKey;
    return key in messages ? t(key) : type;
  };
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.seq} className={`timeline-item event-${e.type}`}>
          <time dateTime={e.at}>{dateTime(e.at, lang)}</time>
          <div>
            <strong>{label(e.type)}</strong>
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

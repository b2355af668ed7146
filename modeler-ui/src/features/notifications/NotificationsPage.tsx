/**
 * The notifications kept in a person's account (/thong-bao), newest first: unread ones marked in words and
 * weight, each opening its dossier (and read by that), all marked read at once; the settings one link away.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { isOfficer, useSession } from '../../app/session.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { listNotifications, markAllRead, markRead, type InAppNotification } from './notifications.api.ts';

export function NotificationsPage() {
  const { t, pick, lang } = useI18n();
  const { account } = useSession();
  const navigate = useNavigate();
  const [items, setItems] = useState<InAppNotification[]>();
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  const load = useCallback(
    () =>
      listNotifications().then((r) => {
        setItems(r.items);
        setUnread(r.unread);
      }, setError),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const dossierPath = (id: string) => (isOfficer(account) ? `/mot-cua/ho-so/${id}` : `/ho-so/${id}`);
  const open = async (n: InAppNotification) => {
    if (!n.readAt) await markRead(n.id).catch(() => undefined);
    if (n.dossierId) navigate(dossierPath(n.dossierId));
    else void load();
  };
  return (
    <section className="container narrow notifications-page">
      <h1>{t('inApp.title')}</h1>
      <p>
        {unread > 0 ? t('inApp.unread', { n: unread }) : t('inApp.allRead')} <Link to="/thong-bao/cai-dat">{t('notify.title')}</Link>
      </p>
      <Problem error={error} />
      {done && <Notice kind="success">{done}</Notice>}
      {unread > 0 && (
        <div className="actions">
          <button
            type="button"
            onClick={() =>
              markAllRead().then(() => {
                setDone(t('inApp.markedAll'));
                return load();
              }, setError)
            }
          >
            {t('inApp.markAll')}
          </button>
        </div>
      )}
      {items && items.length === 0 && <p>{t('inApp.none')}</p>}
      {items && items.length > 0 && (
        <ul className="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
              <button type="button" className="link-button notification" onClick={() => void open(n)}>
                {!n.readAt && <span className="badge unread-mark">{t('inApp.new')}</span>} <strong>{pick(n.title)}</strong>
              </button>
              <p>{pick(n.body)}</p>
              <p className="muted">
                <time dateTime={n.createdAt}>{dateTime(n.createdAt, lang)}</time>
                {n.readAt ? ` · ${t('inApp.readOn', { at: dateTime(n.readAt, lang) })}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

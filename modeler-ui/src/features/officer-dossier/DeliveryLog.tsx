/** The delivery log of a dossier: every mail and SMS attempt about it (sent, failed and retried, skipped). */
import { useEffect, useState } from 'react';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Problem } from '../../components/Problem.tsx';
import { getDeliveryLog, type DeliveryLogEntry } from '../notifications/notifications.api.ts';

export function DeliveryLog({ dossierId }: { dossierId: string }) {
  const { t, lang, pick } = useI18n();
  const [items, setItems] = useState<DeliveryLogEntry[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    getDeliveryLog(dossierId).then(setItems, setError);
  }, [dossierId]);
  if (error) return <Problem error={error} />;
  if (!items) return <p>{t('common.loading')}</p>;
  return (
    <>
      <p className="hint">{t('deliveries.intro')}</p>
      {items.length === 0 ? (
        <p>{t('deliveries.none')}</p>
      ) : (
        <table className="table responsive delivery-log">
          <thead>
            <tr>
              <th scope="col">{t('deliveries.time')}</th>
              <th scope="col">{t('deliveries.message')}</th>
              <th scope="col">{t('deliveries.recipient')}</th>
              <th scope="col">{t('deliveries.channel')}</th>
              <th scope="col">{t('deliveries.attempt')}</th>
              <th scope="col">{t('deliveries.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e, i) => (
              <tr key={i}>
                <td data-label={t('deliveries.time')}>{dateTime(e.at, lang)}</td>
                <td data-label={t('deliveries.message')}>
                  <span>{pick(e.title)}</span>
                </td>
                <td data-label={t('deliveries.recipient')}>
                  <span>
                    {e.recipientName}
                    <span className="muted mono">{e.recipient ?? t('deliveries.noAddress')}</span>
                  </span>
                </td>
                <td data-label={t('deliveries.channel')}>{t(`deliveries.channel.${e.channel}`)}</td>
                <td data-label={t('deliveries.attempt')}>{e.attempt || '—'}</td>
                <td data-label={t('deliveries.status')}>
                  <span>
                    <span className={`delivery-status delivery-${e.status}`}>{t(`deliveries.status.${e.status}`)}</span>
                    {e.error && <span className="muted">{e.error}</span>}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

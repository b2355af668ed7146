import { useI18n } from '../../../app/i18n.tsx';
import { Confirm } from '../../../components/Confirm.tsx';
import { dateTime } from '../../../app/format.ts';
import type { PublishRequest } from '../studio.api.ts';

/** A request to publish this draft (PUBLISH_APPROVAL): who asked and when; another administrator approves or rejects it. */
export function PublishRequestPanel({
  request,
  mine,
  busy,
  deciding,
  reason,
  lang,
  onReason,
  onDeciding,
  onDecide,
}: {
  request: PublishRequest;
  mine: boolean;
  busy: boolean;
  deciding: 'approve' | 'reject' | null;
  reason: string;
  lang: 'vi' | 'en';
  onReason(r: string): void;
  onDeciding(d: 'approve' | 'reject' | null): void;
  onDecide(d: 'approve' | 'reject'): void;
}) {
  const { t } = useI18n();
  const who = { name: request.requestedByName ?? '', at: dateTime(request.requestedAt, lang) };
  if (request.status === 'rejected')
    return (
      <div className="alert alert-warning publish-request" role="status">
        {t('studio.approval.rejected', { reason: request.reason ?? '' })}
      </div>
    );
  if (request.status === 'withdrawn')
    return (
      <div className="alert alert-info publish-request" role="status">
        {t('studio.approval.withdrawn')}
      </div>
    );
  return (
    <div className="alert alert-info publish-request" role="status">
      <p>{t(mine ? 'studio.approval.waitingMine' : 'studio.approval.waiting', who)}</p>
      {!mine && deciding === null && (
        <div className="inline-actions">
          <button type="button" className="button primary" disabled={busy} onClick={() => onDeciding('approve')}>
            {t('studio.approval.approve')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => onDeciding('reject')}>
            {t('studio.approval.reject')}
          </button>
        </div>
      )}
      {!mine && deciding === 'approve' && (
        <Confirm
          question={t('studio.approval.approveConfirm', who)}
          yes={t('studio.approval.approveYes')}
          no={t('studio.publish.no')}
          busy={busy}
          onYes={() => onDecide('approve')}
          onNo={() => onDeciding(null)}
        />
      )}
      {!mine && deciding === 'reject' && (
        <div className="reject-request">
          <label htmlFor="reject-reason">
            {t('studio.approval.reason')}
            <textarea id="reject-reason" rows={2} value={reason} onChange={(e) => onReason(e.target.value)} />
          </label>
          <div className="inline-actions">
            <button type="button" className="button primary" disabled={busy} onClick={() => onDecide('reject')}>
              {t('studio.approval.rejectYes')}
            </button>
            <button type="button" className="button" onClick={() => onDeciding(null)}>
              {t('studio.approval.back')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** The applicant's view of a dossier's fee: what is owed, paying online through the gateway, the receipt. */
import { useEffect, useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Problem } from '../../components/Problem.tsx';
import { FeeSummary } from './FeeSummary.tsx';
import { dong, paymentApi, type PaymentView } from './payment.api.ts';

export function PaymentSection({ dossierId }: { dossierId: string }) {
  const { t, lang } = useI18n();
  const [view, setView] = useState<PaymentView | null>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    paymentApi.of(dossierId).then(setView, (e: unknown) => (e instanceof ApiError && e.status === 404 ? setView(null) : setError(e)));
  }, [dossierId]);
  if (!view) return error ? <Problem error={error} /> : null;
  const p = view.payment;
  const pay = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { redirectUrl } = await paymentApi.payOnline(dossierId, lang === 'en' ? 'en' : 'vi');
      window.location.assign(redirectUrl);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <div className="card payment" id="payment">
      <h2>{t('payment.fee')}</h2>
      {p ? (
        <dl>
          <dt>{t('payment.status')}</dt>
          <dd className={`payment-status payment-${p.status}`}>{t(`payment.status.${p.status}`)}</dd>
          <dt>{t('payment.amountDue')}</dt>
          <dd>{dong(p.amount)}</dd>
          {p.receiptNo && (
            <>
              <dt>{t('payment.receiptNo')}</dt>
              <dd className="mono">
                {p.receiptNo} ({p.method ? t(`payment.method.${p.method}`) : ''}, {dateTime(p.paidAt, lang)})
              </dd>
            </>
          )}
          {p.exemption && (
            <>
              <dt>{t('payment.status.exempted')}</dt>
              <dd>{t('payment.exemptedAs', { name: p.exemption.name })}</dd>
            </>
          )}
        </dl>
      ) : (
        <FeeSummary quote={view.quote} />
      )}
      {p?.receiptNo && (
        <p>
          <a href={paymentApi.receiptUrl(dossierId)} download>
            {t('payment.receipt')}
          </a>
        </p>
      )}
      {p?.status === 'due' && (
        <>
          {p.lines.length > 0 && <FeeSummary quote={{ ...view.quote, lines: p.lines, total: p.amount }} showExemptions={false} />}
          <p className="hint">{t('payment.orCounter')}</p>
          <Problem error={error} />
          {view.canPayOnline && (
            <div className="actions">
              <button type="button" className="button primary" onClick={pay} disabled={busy}>
                {busy ? t('payment.redirecting') : t('payment.payOnline')}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** The fee of an application before it is submitted, computed on the server from the form as it is filled. */
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { FeeSummary } from './FeeSummary.tsx';
import { paymentApi, type FeeQuote } from './payment.api.ts';

export function FeeQuoteCard({ code, data }: { code: string; data: Record<string, unknown> }) {
  const { t } = useI18n();
  const [quote, setQuote] = useState<FeeQuote | null>();
  const key = JSON.stringify(data);
  useEffect(() => {
    // a short pause while the applicant types, then the fee of what is there
    const timer = setTimeout(() => {
      paymentApi.quote(code, data).then(
        (r) => setQuote(r.quote),
        () => setQuote(undefined),
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [code, key]); // eslint-disable-line react-hooks/exhaustive-deps
  if (quote === undefined) return null;
  return (
    <div className="card fee-quote" aria-live="polite">
      <h2>{t('payment.fee')}</h2>
      {quote ? <FeeSummary quote={quote} /> : <p>{t('payment.free')}</p>}
    </div>
  );
}

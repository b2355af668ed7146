/**
 * Where the gateway sends the payer back. What the browser brings is only read (the gateway's notification,
 * server to server, is what pays): the page shows it and waits for the payment to be recorded.
 */
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { paymentApi } from './payment.api.ts';

export function PaymentReturnPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const [state, setState] = useState<{ dossierId: string; succeeded: boolean; responseCode: string; paid: boolean }>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let stop = false;
    const query = search.replace(/^\?/, '');
    const look = async (tries: number): Promise<void> => {
      const r = await paymentApi.readReturn(query);
      const paid = r.paymentStatus === 'paid';
      if (stop) return;
      setState({ dossierId: r.dossierId, succeeded: r.succeeded, responseCode: r.responseCode, paid });
      // the notification may come a moment after the browser: look again for a while
      if (r.succeeded && !paid && tries > 0) {
        await new Promise((res) => setTimeout(res, 1000));
        return look(tries - 1);
      }
    };
    look(60).catch(setError);
    return () => {
      stop = true;
    };
  }, [search]);
  return (
    <section className="container">
      <h1>{t('payment.return.title')}</h1>
      <Problem error={error} />
      {state && (
        <>
          {state.paid ? (
            <Notice kind="success">{t('payment.return.paid')}</Notice>
          ) : state.succeeded ? (
            <Notice kind="info">{t('payment.return.waiting')}</Notice>
          ) : (
            <Notice kind="warning">{t('payment.return.failed', { code: state.responseCode })}</Notice>
          )}
          <p>
            <Link to={`/ho-so/${state.dossierId}`}>{t('payment.return.back')}</Link>
          </p>
        </>
      )}
    </section>
  );
}

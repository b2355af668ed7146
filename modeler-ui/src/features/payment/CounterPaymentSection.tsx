/**
 * The receiving officer's part of a dossier's fee: record a payment taken at the counter (exactly the amount
 * owed; a receipt is issued) or confirm an exemption after seeing its evidence. Both ask for confirmation.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { FeeSummary } from './FeeSummary.tsx';
import { dong, paymentApi, type PaymentView } from './payment.api.ts';

export function CounterPaymentSection({ dossierId, onChange }: { dossierId: string; onChange(): void }) {
  const { t } = useI18n();
  const [view, setView] = useState<PaymentView | null>();
  const [amount, setAmount] = useState('');
  const [exemption, setExemption] = useState('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState<'counter' | 'exempt'>();
  const [exemptionMissing, setExemptionMissing] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    paymentApi.of(dossierId).then(
      (v) => {
        setView(v);
        setAmount(String(v.payment?.amount ?? v.quote.total));
      },
      (e: unknown) => (e instanceof ApiError && e.status === 404 ? setView(null) : setError(e)),
    );
  }, [dossierId]);
  if (!view) return error ? <Problem error={error} /> : null;
  const p = view.payment;
  const open = !p || p.status === 'due';
  const act = async (what: 'counter' | 'exempt') => {
    setBusy(true);
    setError(undefined);
    try {
      const v = what === 'counter' ? await paymentApi.counter(dossierId, Number(amount)) : await paymentApi.exempt(dossierId, exemption, note.trim());
      setView(v);
      setDone(what === 'counter' ? t('payment.counter.done', { no: v.payment?.receiptNo ?? '' }) : t('payment.exempt.done'));
      setConfirming(undefined);
      onChange();
    } catch (e) {
      setError(e);
      setConfirming(undefined);
    } finally {
      setBusy(false);
    }
  };
  const askCounter = (e: FormEvent) => {
    e.preventDefault();
    setConfirming('counter');
  };
  const askExempt = (e: FormEvent) => {
    e.preventDefault();
    setExemptionMissing(!exemption);
    if (exemption) setConfirming('exempt');
  };
  return (
    <div className="card no-print payment-counter" id="payment">
      <h2>{t('payment.fee')}</h2>
      {done && <Notice kind="success">{done}</Notice>}
      {exemptionMissing && (
        <div className="error-summary" role="alert">
          <p>{t('payment.errors')}</p>
          <ul>
            <li>
              <a href="#payment-exemption">{t('payment.exempt.required')}</a>
            </li>
          </ul>
        </div>
      )}
      <Problem error={error} />
      {p && (
        <p>
          {t('payment.status')}: <strong className={`payment-status payment-${p.status}`}>{t(`payment.status.${p.status}`)}</strong> — {dong(p.amount)}
          {p.receiptNo && (
            <>
              {' '}
              · {t('payment.receiptNo')} <span className="mono">{p.receiptNo}</span> ·{' '}
              <a href={paymentApi.receiptUrl(dossierId)} download>
                {t('payment.receipt')}
              </a>
            </>
          )}
          {p.exemption && <> · {t('payment.exemptedAs', { name: p.exemption.name })}</>}
        </p>
      )}
      {open && (
        <>
          <FeeSummary quote={p ? { ...view.quote, lines: p.lines, total: p.amount } : view.quote} showExemptions={false} />
          <form onSubmit={askCounter}>
            <h3>{t('payment.counter.title')}</h3>
            <label>
              {t('payment.counter.amount')}
              <input type="number" min={0} step={1} inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} />
            </label>
            {confirming === 'counter' ? (
              <div className="confirm" role="alertdialog" aria-label={t('payment.counter.title')}>
                <p>{t('payment.counter.confirm', { amount: dong(Number(amount)) })}</p>
                <div className="actions">
                  <button type="button" className="button" onClick={() => setConfirming(undefined)}>
                    {t('common.cancel')}
                  </button>
                  <button type="button" className="button primary" disabled={busy} onClick={() => act('counter')}>
                    {t('payment.counter.yes')}
                  </button>
                </div>
              </div>
            ) : (
              <div className="actions">
                <button type="submit" className="button primary">
                  {t('payment.counter.record')}
                </button>
              </div>
            )}
          </form>
          {view.quote.exemptions.length > 0 && (
            <form onSubmit={askExempt}>
              <h3>{t('payment.exempt.title')}</h3>
              <label>
                {t('payment.exempt.which')}
                <select id="payment-exemption" value={exemption} aria-invalid={exemptionMissing} onChange={(e) => setExemption(e.target.value)}>
                  <option value="">{t('payment.exempt.choose')}</option>
                  {view.quote.exemptions.map((x) => (
                    <option key={x.code} value={x.code}>
                      {x.name}
                    </option>
                  ))}
                </select>
              </label>
              {exemption && (
                <p className="hint">{t('payment.evidence', { evidence: view.quote.exemptions.find((x) => x.code === exemption)?.evidence ?? '' })}</p>
              )}
              <label>
                {t('payment.exempt.note')}
                <input type="text" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
              </label>
              {confirming === 'exempt' ? (
                <div className="confirm" role="alertdialog" aria-label={t('payment.exempt.title')}>
                  <p>{t('payment.exempt.confirm')}</p>
                  <div className="actions">
                    <button type="button" className="button" onClick={() => setConfirming(undefined)}>
                      {t('common.cancel')}
                    </button>
                    <button type="button" className="button primary" disabled={busy} onClick={() => act('exempt')}>
                      {t('payment.exempt.record')}
                    </button>
                  </div>
                </div>
              ) : (
                <div className="actions">
                  <button type="submit" className="button">
                    {t('payment.exempt.record')}
                  </button>
                </div>
              )}
            </form>
          )}
        </>
      )}
    </div>
  );
}

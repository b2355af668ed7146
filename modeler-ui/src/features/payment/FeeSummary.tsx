/** A fee as computed from the schedule: its lines, total, when it is paid and who is exempt (with the evidence). */
import { useI18n } from '../../app/i18n.tsx';
import { dong, type FeeQuote } from './payment.api.ts';

export function FeeSummary({ quote, showExemptions = true }: { quote: FeeQuote; showExemptions?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="fee-summary">
      <ul>
        {quote.lines.map((l) => (
          <li key={l.code}>{t('payment.line', { name: l.name, unit: dong(l.unitAmount), qty: l.quantity, amount: dong(l.amount) })}</li>
        ))}
      </ul>
      <p>
        <strong>
          {t('payment.total')}: <span className="fee-total">{dong(quote.total)}</span>
        </strong>
      </p>
      <p className="hint">{t(`payment.payAt.${quote.payAt}`)}</p>
      {showExemptions && quote.exemptions.length > 0 && (
        <details>
          <summary>{t('payment.exemptions')}</summary>
          <ul>
            {quote.exemptions.map((e) => (
              <li key={e.code}>
                {e.name} — <span className="hint">{t('payment.evidence', { evidence: e.evidence })}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** SLA state and dossier status, in words as well as colour (colour alone tells nothing to some users). */
import { useI18n } from '../app/i18n.tsx';

export type SlaState = 'on_time' | 'nearly_late' | 'late';

export function SlaBadge({ state }: { state: SlaState | null | undefined }) {
  const { t } = useI18n();
  if (!state) return null;
  return <span className={`badge sla-${state}`}>{t(`sla.${state}`)}</span>;
}

export function StatusBadge({ status }: { status: { code: number; name: { vi: string; en: string } } }) {
  const { pick } = useI18n();
  return <span className={`badge status status-${status.code}`}>{pick(status.name)}</span>;
}

export function OutcomeBadge({ outcome }: { outcome: string | null | undefined }) {
  const { t } = useI18n();
  if (!outcome) return null;
  return <span className={`badge outcome-${outcome}`}>{t(`outcome.${outcome as 'early' | 'on_time' | 'late'}`)}</span>;
}

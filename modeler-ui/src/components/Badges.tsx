/** SLA state and dossier status, in words as well as colour (colour alone tells nothing to some users). */
import { useI18n } from '../app/i18n.tsx';
import { applicantSlaWords, type ApplicantSla } from '@motcua/domain/dossiers/applicant-view.ts';

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

const applicantSlaClass: Record<ApplicantSla, string> = {
  not_started: 'sla-none',
  on_time: 'sla-on_time',
  nearly_late: 'sla-nearly_late',
  late: 'sla-late',
  paused: 'sla-paused',
  early: 'sla-on_time',
  finished_on_time: 'sla-on_time',
  finished_late: 'sla-late',
  closed: 'sla-none',
};

/** The one SLA label an applicant reads (domain/src/dossiers/applicant-view.ts), the same in the list and on the page. */
export function ApplicantSlaBadge({ sla }: { sla: ApplicantSla | null | undefined }) {
  const { pick } = useI18n();
  if (!sla) return null;
  return (
    <span className={`badge applicant-sla ${applicantSlaClass[sla]}`} data-sla={sla}>
      {pick(applicantSlaWords[sla])}
    </span>
  );
}

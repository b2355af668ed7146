/** The leaders' dashboard as the api gives it (GET /api/reports/dashboard and its dossiers). */
export interface MonthFigures {
  month: string;
  received: number;
  finished: number;
  finishedOnTime: number;
  finishedLate: number;
  onTimeRate: number | null;
  pending: number;
}
export interface MonthSatisfaction {
  month: string;
  ratings: number;
  verySatisfied: number;
  satisfied: number;
  notSatisfied: number;
  satisfactionRate: number | null;
}
export interface OfficerCount {
  officerId: string;
  officerName: string;
  unitName: string;
  count: number;
}
export interface Dashboard {
  query: { unitId: string; from: string; to: string };
  unit: { id: string; name: string };
  series: MonthFigures[];
  satisfaction: MonthSatisfaction[];
  /** null: the engine did not answer */
  late: { total: number; byStep: { step: string; stepName: string; count: number }[]; byOfficer: OfficerCount[] } | null;
  workload: OfficerCount[] | null;
}
export type MonthSeries = 'received' | 'finished' | 'finishedOnTime' | 'finishedLate' | 'pending' | 'rated' | 'notSatisfied';
/** What a bar or point opens: with its label, as the list's heading says it. */
export type Bucket =
  | { bucket: MonthSeries; month: string; label: string }
  | { bucket: 'lateStep'; step: string; label: string }
  | { bucket: 'lateOfficer' | 'workload'; officer: string; label: string };
export interface DashboardDossier {
  id: string;
  code: string | null;
  reference: string;
  procedureName: string;
  unitName: string;
  receivedAt: string;
  dueAt: string | null;
  decidedAt: string | null;
  holders: { step: string; stepName: string; officerId: string | null; officerName: string | null }[];
}

/** The drill's query parameters of a bucket. */
export function bucketParams(b: Bucket): Record<string, string> {
  if ('month' in b) return { bucket: b.bucket, month: b.month };
  if (b.bucket === 'lateStep') return b.step ? { bucket: b.bucket, step: b.step } : { bucket: b.bucket };
  return b.officer ? { bucket: b.bucket, officer: b.officer } : { bucket: b.bucket };
}

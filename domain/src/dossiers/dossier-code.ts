/**
 * The dossier code (mã hồ sơ), Thông tư 01/2018/TT-VPCP Art. 19: <agency code>-<YYMMDD>-<NNNN>,
 * e.g. 000.00.27.H29-261123-0001. The date is the date of receipt in Vietnam; NNNN is the receiving unit's
 * sequence of that day. Pure: the sequence itself comes from the database (dossiers.repository).
 */
import { vnParts } from '../time/vietnam-time.ts';

export const AGENCY_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
export const DOSSIER_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/;

/** YYMMDD of a receipt, in Vietnamese time. */
export function receiptDayStamp(receivedAt: Date): string {
  const p = vnParts(receivedAt);
  return `${String(p.year % 100).padStart(2, '0')}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
}

export function formatDossierCode(agencyCode: string, receivedAt: Date, sequence: number): string {
  if (!AGENCY_CODE_PATTERN.test(agencyCode)) throw new RangeError(`not an agency code: ${agencyCode}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) throw new RangeError(`sequence out of range: ${sequence}`);
  return `${agencyCode}-${receiptDayStamp(receivedAt)}-${String(sequence).padStart(4, '0')}`;
}

export function parseDossierCode(code: string): { agencyCode: string; day: string; sequence: number } | undefined {
  if (!DOSSIER_CODE_PATTERN.test(code)) return undefined;
  const [agencyCode, day, seq] = code.split('-') as [string, string, string];
  return { agencyCode, day, sequence: Number(seq) };
}

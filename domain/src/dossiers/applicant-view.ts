/**
 * What an applicant reads of their dossier, decided in one place (pure, so the list, the page and the UI agree):
 * one SLA label, and the timeline in words for citizens — milestones only, without officers' opinions, notes
 * or the hand-offs between them.
 */
import type { Message } from '../errors/errors.ts';

/**
 * The one SLA label of a dossier as its applicant sees it, in the list and on its page alike:
 * not_started (no due date yet), on_time / nearly_late / late (running), paused (waiting for the applicant:
 * supplement or payment, clock stopped), early / finished_on_time / finished_late (decided), closed (refused,
 * withdrawn, stopped).
 */
export type ApplicantSla = 'not_started' | 'on_time' | 'nearly_late' | 'late' | 'paused' | 'early' | 'finished_on_time' | 'finished_late' | 'closed';

export const applicantSlaWords: Record<ApplicantSla, Message> = {
  not_started: { vi: 'Chưa tính hạn', en: 'Not yet timed' },
  on_time: { vi: 'Trong hạn', en: 'On time' },
  nearly_late: { vi: 'Sắp đến hạn', en: 'Nearly due' },
  late: { vi: 'Quá hạn', en: 'Late' },
  paused: { vi: 'Tạm dừng tính hạn', en: 'Clock paused' },
  early: { vi: 'Xong trước hạn', en: 'Done early' },
  finished_on_time: { vi: 'Xong đúng hạn', en: 'Done on time' },
  finished_late: { vi: 'Xong quá hạn', en: 'Done late' },
  closed: { vi: 'Không tính hạn', en: 'Not timed' },
};

export function applicantSla(d: {
  status: number;
  dueAt: Date | string | null;
  slaState: string | null;
  outcome: string | null;
  clockPausedAt?: Date | string | null;
}): ApplicantSla {
  if (d.outcome === 'early') return 'early';
  if (d.outcome === 'on_time') return 'finished_on_time';
  if (d.outcome === 'late') return 'finished_late';
  if (d.status === 3 || d.status === 7 || d.status === 8) return 'closed';
  if (d.status === 5 || d.clockPausedAt) return 'paused';
  if (!d.dueAt || d.status === 1) return 'not_started';
  if (d.slaState === 'late') return 'late';
  if (d.slaState === 'nearly_late') return 'nearly_late';
  return 'on_time';
}

export interface ApplicantEvent {
  seq: number;
  type: string;
  at: Date | string;
  /** who, in words a citizen reads: themselves, or the agency (never an officer's note) */
  actorName: string;
  step: string | null;
  statusFrom: number | null;
  statusTo: number | null;
  /** only what the applicant was told: the papers asked for, the reasons of a refusal or an apology, a new date */
  data: Record<string, unknown>;
}

const DECISIONS_SHOWN: Record<string, string[]> = {
  reception: ['accept', 'supplement', 'refuse'],
  review: ['approve'],
  approval: ['approve'],
};

/** Events an applicant sees as they are (besides the steps' decisions). */
const SHOWN = new Set([
  'submitted',
  'received',
  'supplement_provided',
  'payment_requested',
  'payment_received',
  'payment_failed',
  'payment_duplicate',
  'payment_refund_due',
  'fee_exempted',
  'result_signed',
  'result_returned',
  'result_ready_for_collection',
  'result_posting',
  'result_posted',
  'result_in_transit',
  'result_returned_to_sender',
  'result_delivered',
  'result_handed_over',
  'withdrawn',
  'stopped',
  'apology_issued',
  'rated',
]);

/**
 * The timeline an applicant reads: the milestones of their dossier in order, each with only what they were
 * told (the papers to supplement, the reasons of a refusal, an apology's reason and new date, the supplement's
 * round); officers' opinions and notes, claims and hand-offs, SLA flags and repairs are left out.
 */
export function applicantTimeline(
  events: {
    seq: number;
    type: string;
    at: Date | string;
    actorName: string;
    actorId?: string | null;
    step: string | null;
    statusFrom: number | null;
    statusTo: number | null;
    data: Record<string, unknown>;
  }[],
  applicant: { id: string; unitName: string },
): ApplicantEvent[] {
  const out: ApplicantEvent[] = [];
  for (const e of events) {
    const data = e.data ?? {};
    const kind = typeof data.kind === 'string' ? data.kind : e.step;
    const decision = typeof data.decision === 'string' ? data.decision : undefined;
    const isDecision = kind && decision && DECISIONS_SHOWN[kind] !== undefined && e.type.endsWith(`_${decision}`);
    if (!SHOWN.has(e.type) && !(isDecision && DECISIONS_SHOWN[kind!]!.includes(decision!))) continue;
    const kept: Record<string, unknown> = {};
    if (isDecision) {
      kept.kind = kind;
      kept.decision = decision;
      if (decision === 'supplement') {
        const request = data.supplementRequest as { items?: unknown } | undefined;
        const items = Array.isArray(request?.items)
          ? request.items
          : typeof data.missingItems === 'string'
            ? data.missingItems.split(/\r?\n/).filter(Boolean)
            : [];
        kept.items = items;
      }
      if (decision === 'refuse' && typeof data.refusalReasons === 'string') kept.reasons = data.refusalReasons;
    }
    if (e.type === 'supplement_provided' && typeof data.round === 'number') kept.round = data.round;
    if (e.type === 'apology_issued') {
      if (typeof data.reason === 'string') kept.reason = data.reason;
      if (typeof data.newDueAt === 'string') kept.newDueAt = data.newDueAt;
    }
    if (e.type === 'withdrawn' && typeof data.reason === 'string') kept.reason = data.reason;
    const own = e.actorId === applicant.id || e.type === 'submitted' || e.type === 'supplement_provided' || e.type === 'withdrawn' || e.type === 'rated';
    out.push({
      seq: e.seq,
      type: e.type,
      at: e.at,
      actorName: own ? e.actorName : applicant.unitName,
      step: e.step,
      statusFrom: e.statusFrom,
      statusTo: e.statusTo,
      data: kept,
    });
  }
  return out;
}

/** What of a step's decision its applicant may read: which decision, and what they were asked or told. */
const DECISION_DATA_SHOWN = new Set(['taskId', 'decision', 'kind', 'stepName', 'missingItems', 'refusalReasons', 'supplementDays', 'supplementDueDate']);

/** A timeline event as its applicant receives it: a step's decision without the officer's opinion, note or other form values. */
export function withoutInternals<E extends { type: string; data: Record<string, unknown> }>(e: E): E {
  const data = e.data ?? {};
  if (typeof data.kind !== 'string' || typeof data.decision !== 'string') return e;
  return { ...e, data: Object.fromEntries(Object.entries(data).filter(([k]) => DECISION_DATA_SHOWN.has(k))) };
}

/**
 * What follows a result reaching its applicant (status 10), whichever channel brought it (online, at the desk,
 * by post), in the transaction that records it: a counter rating code's days start, and the result becomes the
 * applicant's paper (provide once).
 */
import type { Tx } from '../db/db.ts';
import { startRatingCodeClock } from '../dossiers/counter-rating.service.ts';
import { keepResultPaper } from '../papers/papers.repository.ts';

export async function afterResultReturned(tx: Tx, dossierId: string, returnedAt: Date): Promise<void> {
  await startRatingCodeClock(tx, dossierId, returnedAt);
  await keepResultPaper(tx, dossierId);
}

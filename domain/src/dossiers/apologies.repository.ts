/**
 * The apologies (form 04) issued for a dossier: the step, the reason, the due moments before and after, who
 * issued it and the letter issued with it.
 */
import type { DbOrTx } from '../db/db.ts';

export interface Apology {
  id: string;
  dossierId: string;
  step: string;
  reason: string;
  originalDueAt: Date;
  previousDueAt: Date;
  newDueAt: Date;
  issuedBy: string;
  issuedByName: string;
  documentId: string | null;
  issuedAt: Date;
}

export async function insertApology({ db, apology }: { db: DbOrTx; apology: Omit<Apology, 'id' | 'issuedAt' | 'issuedByName'> }): Promise<string> {
  const [row] = await db('dossier_apologies')
    .insert({
      dossier_id: apology.dossierId,
      step: apology.step,
      reason: apology.reason,
      original_due_at: apology.originalDueAt,
      previous_due_at: apology.previousDueAt,
      new_due_at: apology.newDueAt,
      issued_by: apology.issuedBy,
      document_id: apology.documentId,
    })
    .returning('id');
  return (row as { id: string }).id;
}

/** The apologies (form 04) of a dossier, oldest first, with the name of who issued each. */
export async function listApologies({ db, dossierId }: { db: DbOrTx; dossierId: string }): Promise<Apology[]> {
  const rows = await db('dossier_apologies as p')
    .join('accounts as a', 'a.id', 'p.issued_by')
    .where('p.dossier_id', dossierId)
    .orderBy('p.issued_at')
    .select('p.*', 'a.full_name');
  return rows.map((r) => ({
    id: r.id,
    dossierId: r.dossier_id,
    step: r.step,
    reason: r.reason,
    originalDueAt: r.original_due_at,
    previousDueAt: r.previous_due_at,
    newDueAt: r.new_due_at,
    issuedBy: r.issued_by,
    issuedByName: r.full_name,
    documentId: r.document_id,
    issuedAt: r.issued_at,
  }));
}

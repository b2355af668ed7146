/**
 * A citizen's papers (giấy tờ): the files they attached to their applications and the results issued to them,
 * kept once per content (SHA-256) in their account and pointing at the files their dossiers hold.
 */
import type { DbOrTx, Tx } from '../db/db.ts';

export type PaperKind = 'attachment' | 'result';

/** A file a dossier now holds, to keep as its applicant's paper. */
export interface PaperSource {
  title: string | null;
  fieldKey: string | null;
  fileId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** A paper kept: its source, where it came from, and when. */
export interface Paper extends PaperSource {
  id: string;
  kind: PaperKind;
  dossierId: string | null;
  dossierCode: string | null;
  createdAt: Date;
}

const toPaper = (r: Record<string, unknown>): Paper => ({
  id: r.id as string,
  kind: r.kind as PaperKind,
  title: (r.title as string | null) ?? null,
  fieldKey: (r.field_key as string | null) ?? null,
  fileId: r.file_id as string,
  fileName: r.file_name as string,
  mediaType: r.media_type as string,
  size: Number(r.size),
  sha256: r.sha256 as string,
  dossierId: (r.dossier_id as string | null) ?? null,
  dossierCode: (r.dossier_code as string | null) ?? null,
  createdAt: r.created_at as Date,
});

/**
 * Keeps the files a citizen just gave with a dossier as their papers; a content they keep already stays one
 * paper (given again, a paper they had removed comes back).
 */
export async function keepAttachmentPapers(tx: Tx, ownerId: string, dossierId: string, files: PaperSource[]): Promise<void> {
  if (!files.length) return;
  await tx('citizen_papers')
    .insert(
      files.map((f) => ({
        owner_id: ownerId,
        kind: 'attachment',
        title: f.title,
        field_key: f.fieldKey,
        file_id: f.fileId,
        file_name: f.fileName,
        media_type: f.mediaType,
        size: f.size,
        sha256: f.sha256,
        dossier_id: dossierId,
      })),
    )
    .onConflict(['owner_id', 'sha256'])
    .merge({ removed_at: null });
}

/** Keeps a dossier's signed result as its applicant's paper once it is returned to them (citizens only). */
export async function keepResultPaper(tx: Tx, dossierId: string): Promise<void> {
  await tx.raw(
    `insert into citizen_papers (owner_id, kind, title, file_id, file_name, media_type, size, sha256, dossier_id)
     select d.applicant_id, 'result', p.name, r.file_id, r.file_name, f.media_type, f.size, r.sha256, d.id
       from dossier_documents r join dossiers d on d.id = r.dossier_id join accounts c on c.id = d.applicant_id
       join stored_files f on f.id = r.file_id
       join procedure_versions v on v.id = d.procedure_version_id join procedures p on p.id = v.procedure_id
      where r.dossier_id = ? and r.kind = 'result' and c.role = 'citizen'
     on conflict (owner_id, sha256) do nothing`,
    [dossierId],
  );
}

const papers = (db: DbOrTx) =>
  db('citizen_papers as p')
    .leftJoin('dossiers as d', 'd.id', 'p.dossier_id')
    .whereNull('p.removed_at')
    .select('p.*', db.raw('coalesce(d.code, d.reference) as dossier_code'));

/** The papers an owner keeps, newest first. */
export async function listPapers({ db, ownerId }: { db: DbOrTx; ownerId: string }): Promise<Paper[]> {
  const rows = await papers(db).where('p.owner_id', ownerId).orderBy('p.created_at', 'desc').limit(500);
  return rows.map(toPaper);
}

export async function findPaper({ db, ownerId, id }: { db: DbOrTx; ownerId: string; id: string }): Promise<Paper | undefined> {
  const row = await papers(db).where({ 'p.owner_id': ownerId, 'p.id': id }).first();
  return row ? toPaper(row) : undefined;
}

/** Removes a paper from its owner's account. @returns whether there was one */
export async function removePaper({ db, ownerId, id }: { db: DbOrTx; ownerId: string; id: string }): Promise<boolean> {
  const n = await db('citizen_papers').where({ owner_id: ownerId, id }).whereNull('removed_at').update({ removed_at: db.fn.now() });
  return n > 0;
}

/**
 * The files attached to a dossier by its applicant (or the counter officer), one row per file with its field,
 * name, media type, size, SHA-256 and the supplement round it came in; the content is in the files store.
 */
import type { DbOrTx } from '../db/db.ts';

export interface Attachment {
  id: string;
  dossierId: string;
  fieldKey: string;
  fileName: string;
  fileId: string;
  mediaType: string;
  size: number;
  sha256: string;
  round: number;
  uploadedAt: Date;
}

export async function insertAttachment({ db, attachment }: { db: DbOrTx; attachment: Omit<Attachment, 'uploadedAt'> }): Promise<void> {
  await db('dossier_attachments').insert({
    id: attachment.id,
    dossier_id: attachment.dossierId,
    field_key: attachment.fieldKey,
    file_name: attachment.fileName,
    file_id: attachment.fileId,
    media_type: attachment.mediaType,
    size: attachment.size,
    sha256: attachment.sha256,
    round: attachment.round,
  });
}

export async function listAttachments({ db, dossierId }: { db: DbOrTx; dossierId: string }): Promise<Attachment[]> {
  const rows = await db('dossier_attachments').where({ dossier_id: dossierId }).orderBy('uploaded_at');
  return rows.map((r) => ({
    id: r.id,
    dossierId: r.dossier_id,
    fieldKey: r.field_key,
    fileName: r.file_name,
    fileId: r.file_id,
    mediaType: r.media_type,
    size: Number(r.size),
    sha256: r.sha256,
    round: r.round,
    uploadedAt: r.uploaded_at,
  }));
}

export async function maxAttachmentRound({ db, dossierId }: { db: DbOrTx; dossierId: string }): Promise<number> {
  const row = await db('dossier_attachments').where({ dossier_id: dossierId }).max({ m: 'round' }).first();
  return Number(row?.m ?? 0);
}

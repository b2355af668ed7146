/**
 * Files uploaded one by one while an application is being filled (the portal shows each upload's
 * progress), checked at once against the attachment field they are for, and named by id in the submission.
 * An upload belongs to whoever made it; one nobody used within a week is deleted.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db, DbOrTx } from '../db/db.ts';
import { InputError, NotAllowedError, msg } from '../errors/errors.ts';
import { attachmentFields } from '../forms/form-schema.ts';
import { storeFile } from '../files/files.repository.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import { checkFiles, type AttachmentValue, type UploadedFile } from './attachments.ts';

const log = moduleLogger('uploads');
const KEEP_UNUSED_MS = 7 * 86_400_000;

/** Records an upload: a file stored for an attachment field, or a paper of the owner's named again. @returns its id */
export async function insertUpload(
  db: DbOrTx,
  u: {
    id: string;
    ownerId: string;
    procedureCode: string;
    fieldKey: string;
    fileId: string;
    fileName: string;
    mediaType: string;
    size: number;
    sha256: string;
    paperId?: string;
  },
): Promise<string> {
  const [row] = await db('uploads')
    .insert({
      id: u.id,
      owner_id: u.ownerId,
      procedure_code: u.procedureCode,
      field_key: u.fieldKey,
      file_id: u.fileId,
      file_name: u.fileName,
      media_type: u.mediaType,
      size: u.size,
      sha256: u.sha256,
      paper_id: u.paperId ?? null,
    })
    .returning('id');
  return (row as { id: string }).id;
}

export function createUploadsService({ db, procedures, uploadMaxBytes }: { db: Db; procedures: ProceduresService; uploadMaxBytes: number }) {
  /**
   * Stores one file for an attachment field of a procedure's application form.
   * @returns the value the field holds for it
   * @throws InputError `form_invalid` (size, type, unknown field); NotAllowedError for officers other than
   *   receiving officers (who upload at the counter)
   */
  async function upload(actor: Account, input: { procedureCode: string; file: UploadedFile }): Promise<AttachmentValue> {
    if (actor.role !== 'citizen' && actor.role !== 'receiving_officer')
      throw new NotAllowedError('role_not_allowed', msg('Tài khoản của bạn không tải tệp cho hồ sơ.', 'Your account does not upload application files.'));
    const loaded = await procedures.publishedByCode(input.procedureCode);
    const { accepted, problems } = await checkFiles(attachmentFields(loaded.applicationForm.schema), [input.file], uploadMaxBytes);
    if (problems.length || !accepted[0]) throw new InputError('form_invalid', msg('Tệp không được chấp nhận.', 'The file is not accepted.'), problems);
    const a = accepted[0];
    const id = await db.transaction(async (tx) => {
      const file = await storeFile({ db: tx, content: a.content!, mediaType: a.mediaType });
      return insertUpload(tx, {
        id: a.id,
        ownerId: actor.id,
        procedureCode: loaded.procedure.code,
        fieldKey: a.fieldKey,
        fileId: file.id,
        fileName: a.fileName,
        mediaType: a.mediaType,
        size: a.size,
        sha256: a.sha256,
      });
    });
    return { attachmentId: id, fileName: a.fileName, mediaType: a.mediaType, size: a.size, sha256: a.sha256 };
  }

  /** An upload's content, for its owner (a preview before submitting). */
  async function read(actor: Account, id: string) {
    const row = await db('uploads as u')
      .join('stored_files as f', 'f.id', 'u.file_id')
      .where({ 'u.id': id, 'u.owner_id': actor.id })
      .first('u.file_name', 'f.media_type', 'f.content', 'f.sha256');
    return row
      ? { fileName: row.file_name as string, mediaType: row.media_type as string, content: row.content as Buffer, sha256: row.sha256 as string }
      : undefined;
  }

  /** Deletes uploads nobody used for a week, unless a draft still names them. @returns how many */
  async function purgeUnused(): Promise<number> {
    const stale = await db('uploads as u')
      .whereNull('u.used_at')
      .where('u.created_at', '<', new Date(Date.now() - KEEP_UNUSED_MS))
      .whereNotExists(db('dossier_drafts as d').whereRaw('d.applicant_id = u.owner_id').whereRaw("d.data::text like '%' || u.id::text || '%'"))
      .limit(500)
      .select('u.id', 'u.file_id', 'u.paper_id');
    if (!stale.length) return 0;
    await db.transaction(async (tx) => {
      await tx('uploads')
        .whereIn(
          'id',
          stale.map((s: { id: string }) => s.id),
        )
        .delete();
      // an upload made from a paper shares the paper's file, which stays
      const own = stale.filter((s: { paper_id: string | null }) => !s.paper_id).map((s: { file_id: string }) => s.file_id);
      if (own.length) await tx('stored_files').whereIn('id', own).delete();
    });
    log.info({ action: 'uploads_purged', count: stale.length }, 'unused uploads deleted');
    return stale.length;
  }

  return { upload, read, purgeUnused };
}

export type UploadsService = ReturnType<typeof createUploadsService>;

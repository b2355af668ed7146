/**
 * "Provide once": a citizen's papers, listed, read, removed from the account, and named again for a new
 * application. Naming a paper again makes an upload that points at the paper's stored file (nothing is copied)
 * after its content is checked: its SHA-256 must still be the one recorded when the paper was kept, and the file
 * must suit the attachment field it is for (type, size, readable), exactly as a fresh upload is checked.
 */
import { randomUUID } from 'node:crypto';
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import { ConflictError, InputError, NotAllowedError, NotFoundError, msg } from '../errors/errors.ts';
import { attachmentFields } from '../forms/form-schema.ts';
import { readFile, sha256Hex } from '../files/files.repository.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import { checkFiles, type AttachmentValue } from '../dossiers/attachments.ts';
import { insertUpload } from '../dossiers/uploads.service.ts';
import { findPaper, listPapers, removePaper, type Paper } from './papers.repository.ts';

const log = moduleLogger('papers');

const paperNotFound = () =>
  new NotFoundError('paper_not_found', msg('Không tìm thấy giấy tờ này trong tài khoản của bạn.', 'This paper is not in your account.'));

function citizenOnly(actor: Account): void {
  if (actor.role !== 'citizen')
    throw new NotAllowedError('role_not_allowed', msg('Chỉ công dân có kho giấy tờ trong tài khoản.', 'Only citizens keep papers in their account.'));
}

export function createPapersService({ db, procedures, uploadMaxBytes }: { db: Db; procedures: ProceduresService; uploadMaxBytes: number }) {
  async function own(actor: Account, id: string): Promise<Paper> {
    citizenOnly(actor);
    const paper = await findPaper({ db, ownerId: actor.id, id });
    if (!paper) throw paperNotFound();
    return paper;
  }

  /** The paper's content, checked against the hash it was kept with. @throws ConflictError `paper_altered` */
  async function checkedContent(paper: Paper): Promise<Buffer> {
    const file = await readFile({ db, id: paper.fileId });
    if (!file || sha256Hex(file.content) !== paper.sha256) {
      log.warn({ action: 'paper_altered', paperId: paper.id, fileId: paper.fileId }, 'a kept paper no longer matches its hash');
      throw new ConflictError(
        'paper_altered',
        msg(
          `Giấy tờ «${paper.fileName}» không còn khớp với bản đã lưu, vui lòng tải tệp lên lại.`,
          `The paper "${paper.fileName}" no longer matches the copy kept; upload the file again.`,
        ),
      );
    }
    return file.content;
  }

  return {
    async list(actor: Account): Promise<Paper[]> {
      citizenOnly(actor);
      return listPapers({ db, ownerId: actor.id });
    },

    /** A paper's content for its owner, checked against its hash. */
    async content(actor: Account, id: string): Promise<{ paper: Paper; content: Buffer }> {
      const paper = await own(actor, id);
      return { paper, content: await checkedContent(paper) };
    },

    /** Removes a paper from the account; the dossiers that hold its file keep it. */
    async remove(actor: Account, id: string): Promise<void> {
      citizenOnly(actor);
      if (!(await removePaper({ db, ownerId: actor.id, id }))) throw paperNotFound();
    },

    /**
     * Names a paper again for an attachment field of a procedure's application form.
     * @returns the value the field holds for it (an upload, as if the file had been sent again)
     * @throws NotFoundError `paper_not_found`; ConflictError `paper_altered`; InputError `form_invalid` when the
     *   file does not suit the field
     */
    async reuse(actor: Account, id: string, input: { procedureCode: string; fieldKey: string }): Promise<AttachmentValue> {
      const paper = await own(actor, id);
      const loaded = await procedures.publishedByCode(input.procedureCode);
      const content = await checkedContent(paper);
      const { accepted, problems } = await checkFiles(
        attachmentFields(loaded.applicationForm.schema),
        [{ fieldKey: input.fieldKey, fileName: paper.fileName, content }],
        uploadMaxBytes,
      );
      if (problems.length || !accepted[0])
        throw new InputError('form_invalid', msg('Giấy tờ này không dùng được cho mục này.', 'This paper cannot be used here.'), problems);
      const a = accepted[0];
      const uploadId = await insertUpload(db, {
        id: randomUUID(),
        ownerId: actor.id,
        procedureCode: loaded.procedure.code,
        fieldKey: a.fieldKey,
        fileId: paper.fileId,
        fileName: paper.fileName,
        mediaType: a.mediaType,
        size: a.size,
        sha256: paper.sha256,
        paperId: paper.id,
      });
      log.info({ action: 'paper_reused', paperId: paper.id, uploadId, procedureCode: loaded.procedure.code }, 'paper named again');
      return { attachmentId: uploadId, fileName: paper.fileName, mediaType: a.mediaType, size: a.size, sha256: paper.sha256 };
    },
  };
}

export type PapersService = ReturnType<typeof createPapersService>;

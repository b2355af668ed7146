/**
 * The files of an application: checked against the form's attachment fields (known field, size, real media
 * type, count), whether they come inside the submission (multipart) or were uploaded ahead of it (the
 * portal uploads each file with progress, then submits JSON that points at the uploads). Either way a file
 * becomes a dossier attachment whose id is the value the form holds.
 */
import { randomUUID } from 'node:crypto';
import type { DbOrTx, Tx } from '../db/db.ts';
import { msg, type FieldProblem } from '../errors/errors.ts';
import { acceptedTypes, type FormField } from '../forms/form-schema.ts';
import { sha256Hex, storeFile } from '../files/files.repository.ts';
import { sniffMediaType } from '../files/media-types.ts';
import { contentProblem } from '../files/file-content.ts';
import { insertAttachment, type Attachment } from './attachments.repository.ts';
import { keepAttachmentPapers, type PaperSource } from '../papers/papers.repository.ts';

export interface UploadedFile {
  /** the attachment field's key in the form (the multipart field name) */
  fieldKey: string;
  fileName: string;
  content: Buffer;
}

/** A file about to become an attachment: new content, or an upload already stored. */
export interface NewAttachment {
  id: string;
  field: FormField;
  fieldKey: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  content?: Buffer;
  /** stored already (an upload) */
  fileId?: string;
  uploadId?: string;
}

/** The value an attachment field holds for one file. */
export interface AttachmentValue {
  attachmentId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

const fieldKeyOf = (f: FormField) => f.path.join('.');

/**
 * Checks files against the form's attachment fields, and that each reads as what it is.
 * @returns the files accepted, and a problem per refused file
 */
export async function checkFiles(
  fields: FormField[],
  files: UploadedFile[],
  uploadMaxBytes: number,
): Promise<{ accepted: NewAttachment[]; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  const accepted: NewAttachment[] = [];
  for (const file of files) {
    const field = fields.find((f) => fieldKeyOf(f) === file.fieldKey);
    if (!field) {
      problems.push({
        field: file.fieldKey,
        code: 'attachment.unknown_field',
        message: msg(
          `Tệp «${file.fileName}» gửi kèm trường không có trong biểu mẫu.`,
          `File "${file.fileName}" is attached to a field the form does not have.`,
        ),
      });
      continue;
    }
    const max = Math.min(field.component.maxSize ?? uploadMaxBytes, uploadMaxBytes);
    if (file.content.length === 0) {
      problems.push({ field: file.fieldKey, code: 'attachment.empty', message: msg(`Tệp «${file.fileName}» rỗng.`, `File "${file.fileName}" is empty.`) });
      continue;
    }
    if (file.content.length > max) {
      problems.push({
        field: file.fieldKey,
        code: 'attachment.too_large',
        message: msg(
          `Tệp «${file.fileName}» vượt quá dung lượng cho phép (${Math.floor(max / 1024 / 1024)} MB).`,
          `File "${file.fileName}" is larger than ${Math.floor(max / 1024 / 1024)} MB.`,
        ),
      });
      continue;
    }
    const mediaType = sniffMediaType(file.content);
    if (!mediaType || !acceptedTypes(field.component).includes(mediaType)) {
      problems.push({
        field: file.fieldKey,
        code: 'attachment.type',
        message: msg(
          `Tệp «${file.fileName}» không đúng định dạng cho phép (PDF, JPG, PNG).`,
          `File "${file.fileName}" is not of an accepted type (PDF, JPG, PNG).`,
        ),
      });
      continue;
    }
    // it must also read as what it starts as: a PDF that parses, an image that decodes
    if (await contentProblem(mediaType, file.content)) {
      problems.push({
        field: file.fieldKey,
        code: 'attachment.unreadable',
        message: msg(
          `Tệp «${file.fileName}» bị hỏng hoặc không đọc được, vui lòng quét hoặc lưu lại rồi gửi lại.`,
          `File "${file.fileName}" is damaged or unreadable; scan or save it again and resend it.`,
        ),
      });
      continue;
    }
    accepted.push({
      id: randomUUID(),
      field,
      fieldKey: file.fieldKey,
      fileName: file.fileName.slice(0, 255),
      mediaType,
      size: file.content.length,
      sha256: sha256Hex(file.content),
      content: file.content,
    });
  }
  return { accepted, problems };
}

const valueOf = (a: NewAttachment | Attachment): AttachmentValue => ({
  attachmentId: a.id,
  fileName: a.fileName,
  mediaType: a.mediaType,
  size: a.size,
  sha256: a.sha256,
});

function getAt(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function setAt(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let o = obj;
  path.slice(0, -1).forEach((k) => {
    if (!o[k] || typeof o[k] !== 'object') o[k] = {};
    o = o[k] as Record<string, unknown>;
  });
  o[path[path.length - 1]!] = value;
}

/**
 * The attachment values of an application, rebuilt from what the client may name: files the dossier
 * already has (`existing`), uploads of the owners that no submission used yet, and files sent inline
 * (which replace a single-file field's value, or add to a multi-file one). Anything else is refused.
 * Mutates `data` so that each attachment field holds exactly the accepted files.
 * @returns the new files to store and the problems
 */
export async function resolveAttachments(o: {
  db: DbOrTx;
  data: Record<string, unknown>;
  fields: FormField[];
  procedureCode: string;
  ownerIds: string[];
  existing: Attachment[];
  inline: NewAttachment[];
}): Promise<{ added: NewAttachment[]; problems: FieldProblem[] }> {
  const added: NewAttachment[] = [];
  const problems: FieldProblem[] = [];
  const named = o.fields.flatMap((f) => {
    const v = getAt(o.data, f.path);
    return Array.isArray(v) ? v.map((item) => ({ field: f, id: (item as { attachmentId?: unknown })?.attachmentId })) : [];
  });
  const uploadIds = named
    .map((n) => n.id)
    .filter((id): id is string => typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) && !o.existing.some((e) => e.id === id));
  const uploads = uploadIds.length
    ? await o.db('uploads').whereIn('id', uploadIds).whereIn('owner_id', o.ownerIds).whereNull('used_at').where({ procedure_code: o.procedureCode })
    : [];
  for (const f of o.fields) {
    const key = fieldKeyOf(f);
    const values: AttachmentValue[] = [];
    for (const n of named.filter((x) => x.field === f)) {
      const kept = o.existing.find((e) => e.id === n.id && e.fieldKey === key);
      const upload = uploads.find((u: { id: string; field_key: string }) => u.id === n.id && u.field_key === key);
      if (kept) values.push(valueOf(kept));
      else if (upload) {
        const a: NewAttachment = {
          id: upload.id,
          field: f,
          fieldKey: key,
          fileName: upload.file_name,
          mediaType: upload.media_type,
          size: Number(upload.size),
          sha256: upload.sha256,
          fileId: upload.file_id,
          uploadId: upload.id,
        };
        added.push(a);
        values.push(valueOf(a));
      } else {
        problems.push({
          field: key,
          code: 'attachment.unknown',
          message: msg(
            `«${f.fullLabel}»: tệp đính kèm không còn tồn tại, vui lòng tải lên lại.`,
            `${f.fullLabel}: the attached file no longer exists; upload it again.`,
          ),
        });
      }
    }
    const inline = o.inline.filter((a) => a.field === f);
    added.push(...inline);
    const all = inline.length ? (f.component.multiple ? [...values, ...inline.map(valueOf)] : inline.map(valueOf)) : values;
    if (all.length > 1 && !f.component.multiple)
      problems.push({
        field: key,
        code: 'attachment.too_many',
        message: msg(`«${f.fullLabel}»: chỉ được đính kèm một tệp.`, `${f.fullLabel}: only one file is allowed.`),
      });
    setAt(o.data, f.path, all.length ? all : undefined);
  }
  return { added, problems };
}

/**
 * Stores the new files of a dossier (inline content, or the upload's file) and marks the uploads used. Files a
 * citizen gave for themselves (`paperOwner`) are kept as their papers, to name again in later applications.
 */
export async function storeAttachments(tx: Tx, dossierId: string, added: NewAttachment[], round: number, paperOwner?: string): Promise<void> {
  const kept: PaperSource[] = [];
  for (const a of added) {
    const fileId = a.fileId ?? (await storeFile({ db: tx, content: a.content!, mediaType: a.mediaType })).id;
    await insertAttachment({
      db: tx,
      attachment: { id: a.id, dossierId, fieldKey: a.fieldKey, fileName: a.fileName, fileId, mediaType: a.mediaType, size: a.size, sha256: a.sha256, round },
    });
    kept.push({ title: a.field.fullLabel, fieldKey: a.fieldKey, fileId, fileName: a.fileName, mediaType: a.mediaType, size: a.size, sha256: a.sha256 });
  }
  const used = added.map((a) => a.uploadId).filter((x): x is string => Boolean(x));
  if (used.length) await tx('uploads').whereIn('id', used).update({ used_at: tx.fn.now() });
  if (paperOwner) await keepAttachmentPapers(tx, paperOwner, dossierId, kept);
}

/** Multipart uploads held in memory within strict limits; files are checked by the dossier service. */
import type { RequestHandler } from 'express';
import multer from 'multer';
import type { UploadedFile } from '@motcua/domain/dossiers/dossiers.service.ts';
import { InputError, msg } from '@motcua/domain/errors/errors.ts';
import { assertStorableText } from './text.ts';

/**
 * Parses a multipart body. A body the parser cannot read (truncated, no boundary, a part without a name or
 * headers) is the client's fault: 400 `multipart_malformed`; its text fields are checked like any body.
 */
export function multipart(limits: { maxFileBytes: number; maxFiles: number }): RequestHandler {
  const m = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 20, fieldSize: 1024 * 1024, parts: limits.maxFiles + 20, fieldNameSize: 200 },
  }).any();
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    m(req, res, (err?: unknown) => {
      if (err)
        return next(
          err instanceof multer.MulterError
            ? err
            : new InputError(
                'multipart_malformed',
                msg('Dữ liệu tải lên bị hỏng hoặc không đúng định dạng, vui lòng gửi lại.', 'The upload is broken or malformed; please send it again.'),
              ),
        );
      try {
        assertStorableText(req.body, 'body');
        next();
      } catch (e) {
        next(e);
      }
    });
  };
}

/** Characters that have no place in a file name: controls and bidirectional overrides (which disguise an extension). */
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const FILE_NAME_JUNK = /[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The uploaded files of a request; multer gives file names as latin1, browsers send UTF-8. */
export function uploadedFiles(files: unknown): UploadedFile[] {
  return ((files as Express.Multer.File[] | undefined) ?? []).map((f) => ({
    fieldKey: f.fieldname,
    fileName:
      Buffer.from(f.originalname, 'latin1')
        .toString('utf8')
        .replace(FILE_NAME_JUNK, '')
        .replace(/[\uD800-\uDFFF]/g, '')
        .trim() || 'tep',
    content: f.buffer,
  }));
}

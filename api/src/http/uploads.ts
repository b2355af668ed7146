/** Multipart uploads held in memory within strict limits; files are checked by the dossier service. */
import type { RequestHandler } from 'express';
import multer from 'multer';
import type { UploadedFile } from '@motcua/domain/dossiers/dossiers.service.ts';

export function multipart(limits: { maxFileBytes: number; maxFiles: number }): RequestHandler {
  const m = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 20, fieldSize: 1024 * 1024, parts: limits.maxFiles + 20, fieldNameSize: 200 },
  }).any();
  return (req, res, next) => (req.is('multipart/form-data') ? m(req, res, next) : next());
}

/** The uploaded files of a request; multer gives file names as latin1, browsers send UTF-8. */
export function uploadedFiles(files: unknown): UploadedFile[] {
  return ((files as Express.Multer.File[] | undefined) ?? []).map((f) => ({ fieldKey: f.fieldname, fileName: Buffer.from(f.originalname, 'latin1').toString('utf8'), content: f.buffer }));
}

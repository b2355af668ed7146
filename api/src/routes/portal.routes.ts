/**
 * The citizen portal beside submission itself: files uploaded ahead of a submission, drafts to resume,
 * satisfaction ratings, and tracking a dossier by its code without logging in.
 */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import { InputError, NotFoundError, msg } from '@motcua/domain/errors/errors.ts';
import { requireLogin, requireRole } from '../http/session.ts';
import { multipart, uploadedFiles } from '../http/uploads.ts';
import { requireUuid, validBody } from '../http/validate.ts';
import { contentDisposition } from '../http/files.ts';
import { sharedRateLimit } from '../http/rate-limit.ts';
import { answersSchema } from '@motcua/domain/dossiers/questionnaires.schemas.ts';

const draftSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['data'],
  properties: { orgUnitId: { type: ['string', 'null'], format: 'uuid' }, data: { type: 'object' } },
};
const level = { type: 'integer', enum: [1, 2, 3] };
const ratingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['overall'],
  properties: {
    overall: level,
    steps: {
      type: 'array',
      maxItems: 20,
      default: [],
      items: { type: 'object', additionalProperties: false, required: ['step', 'level'], properties: { step: { type: 'string', maxLength: 100 }, level } },
    },
    answers: answersSchema,
    comment: { type: 'string', maxLength: 2000 },
  },
};
const procedureCode = (raw: unknown) => {
  if (typeof raw !== 'string' || !/^[A-Za-z0-9._-]{1,40}$/.test(raw))
    throw new InputError('procedure_missing', msg('Chưa chọn thủ tục.', 'procedureCode is missing.'));
  return raw;
};

export function portalRoutes(services: Services, opts: { uploadMaxBytes: number; trackRateLimit: number }): Router {
  const r = Router();
  const upload = multipart({ maxFileBytes: opts.uploadMaxBytes, maxFiles: 1 });

  // one file for one attachment field; the answer is the value the field holds
  r.post('/uploads', requireRole('citizen', 'receiving_officer'), upload, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const [file] = uploadedFiles(req.files);
    if (!file) throw new InputError('file_missing', msg('Chưa chọn tệp.', 'No file was sent.'));
    res.status(201).json(await services.uploads.upload(req.actor!, { procedureCode: procedureCode(body.procedureCode), file }));
  });
  r.get('/uploads/:id', requireLogin, async (req, res) => {
    const file = await services.uploads.read(req.actor!, requireUuid(req.params.id as string, 'tệp / file'));
    if (!file) throw new NotFoundError('upload_not_found', msg('Không tìm thấy tệp.', 'File not found.'));
    res.type(file.mediaType).set('Content-Disposition', contentDisposition(file.fileName, 'inline')).set('X-Content-SHA256', file.sha256).send(file.content);
  });

  r.get('/drafts', requireRole('citizen'), async (req, res) => {
    res.json({ items: await services.drafts.list(req.actor!) });
  });
  r.get('/drafts/:code', requireRole('citizen'), async (req, res) => {
    res.json(await services.drafts.get(req.actor!, procedureCode(req.params.code)));
  });
  r.put('/drafts/:code', requireRole('citizen'), validBody(draftSchema), async (req, res) => {
    const b = req.body as { orgUnitId?: string | null; data: Record<string, unknown> };
    res.json(await services.drafts.save(req.actor!, procedureCode(req.params.code), { orgUnitId: b.orgUnitId ?? null, data: b.data }));
  });
  r.delete('/drafts/:code', requireRole('citizen'), async (req, res) => {
    await services.drafts.remove(req.actor!, procedureCode(req.params.code));
    res.status(204).end();
  });

  r.get('/dossiers/:id/rating', requireLogin, async (req, res) => {
    const d = await services.dossiers.get(req.actor!, requireUuid(req.params.id as string, 'hồ sơ / dossier'));
    const [rating, form] = await Promise.all([services.ratings.of(d.id), services.ratings.form(d)]);
    res.json({ rating: rating ?? null, steps: form.steps, questionnaire: form.questionnaire });
  });
  r.post('/dossiers/:id/rating', requireRole('citizen'), validBody(ratingSchema), async (req, res) => {
    res.status(201).json(await services.ratings.rate(req.actor!, requireUuid(req.params.id as string, 'hồ sơ / dossier'), req.body));
  });

  // tracking by code: public, so limited per address (codes are short)
  const trackLimiter = sharedRateLimit(services.rateLimits, {
    name: 'track',
    windowMs: 60_000,
    limit: opts.trackRateLimit,
    code: 'too_many_requests',
    message: msg('Bạn tra cứu quá nhiều lần, vui lòng thử lại sau một phút.', 'Too many look-ups; try again in a minute.'),
  });
  r.get('/public/track/:key', trackLimiter, async (req, res) => {
    const key = String(req.params.key);
    if (key.length > 60) throw new InputError('track_key_invalid', msg('Mã hồ sơ không hợp lệ.', 'Invalid dossier code.'));
    res.json(await services.workspace.track(key));
  });
  // verifying a document motcua issued (the QR of a result leads here): by its dossier's code, or the file itself
  r.get('/public/verify/:code', trackLimiter, async (req, res) => {
    res.json(await services.verification.verifyCode(String(req.params.code)));
  });
  const verifyUpload = multipart({ maxFileBytes: opts.uploadMaxBytes, maxFiles: 1 });
  r.post('/public/verify', trackLimiter, verifyUpload, async (req, res) => {
    const [file] = uploadedFiles(req.files);
    if (!file)
      throw new InputError('file_missing', msg('Chưa chọn tệp PDF cần kiểm tra.', 'No PDF file was sent.'), [
        { field: 'file', code: 'file_missing', message: msg('Chưa chọn tệp PDF cần kiểm tra.', 'Choose the PDF file to check.') },
      ]);
    res.json(await services.verification.verifyFile(file.content));
  });
  // the portal's statistics per unit (counts only, computed at most every few minutes)
  r.get('/public/statistics', async (_req, res) => {
    res.set('cache-control', 'public, max-age=60').json(await services.publicStatistics.get(services.clock.now()));
  });

  return r;
}

/** Citizens submit, read and supplement dossiers and download their documents; officers read them too. */
import { applicantSla } from '@motcua/domain/dossiers/applicant-view.ts';
import { Router } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Services } from '@motcua/domain/services.ts';
import { InputError, msg } from '@motcua/domain/errors/errors.ts';
import type { DossierView } from '@motcua/domain/dossiers/dossiers.service.ts';
import type { DocumentKind } from '@motcua/domain/documents/documents.repository.ts';
import { statusNames } from '@motcua/domain/dossiers/dossier-status.ts';
import { requireLogin, requireRole } from '../http/session.ts';
import { multipart, uploadedFiles } from '../http/uploads.ts';
import { pageQuery, requireUuid, validBody, validQuery } from '../http/validate.ts';
import { contentDisposition } from '../http/files.ts';
import { sharedRateLimit } from '../http/rate-limit.ts';
import { resultDeliveryOf } from '../http/result-delivery.ts';

function parseJsonField(raw: unknown, name: string): unknown {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw new InputError('body_malformed', msg(`Trường «${name}» không phải JSON hợp lệ.`, `"${name}" is not valid JSON.`));
  }
}

const withdrawSchema = { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', maxLength: 2000 } } };

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

const claimSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['claimCode'],
  properties: { claimCode: { type: 'string', minLength: 1, maxLength: 20 } },
};

export function dossierRoutes(services: Services, opts: { uploadMaxBytes: number; uploadMaxFiles: number; submitRateLimit: number }): Router {
  const r = Router();
  const upload = multipart({ maxFileBytes: opts.uploadMaxBytes, maxFiles: opts.uploadMaxFiles });
  const submitLimiter = sharedRateLimit(services.rateLimits, {
    name: 'submit',
    windowMs: 60 * 60_000,
    limit: opts.submitRateLimit,
    keyGenerator: (req) => req.actor?.id ?? ipKeyGenerator(req.ip ?? ''),
    code: 'too_many_submissions',
    message: msg('Bạn đã nộp quá nhiều hồ sơ trong một giờ, vui lòng thử lại sau.', 'Too many submissions this hour; try again later.'),
  });

  r.post('/dossiers', requireRole('citizen'), submitLimiter, upload, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const key = req.get('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
      throw new InputError('idempotency_key_invalid', msg('Khóa chống gửi trùng không hợp lệ.', 'Invalid Idempotency-Key header.'));
    const procedureCode = body.procedureCode;
    const orgUnitId = body.orgUnitId;
    if (typeof procedureCode !== 'string' || !procedureCode) throw new InputError('procedure_missing', msg('Chưa chọn thủ tục.', 'procedureCode is missing.'));
    const unknown = Object.keys(body).filter((k) => !['procedureCode', 'orgUnitId', 'organisationId', 'data', 'resultDelivery'].includes(k));
    if (unknown.length)
      throw new InputError('request_invalid', msg(`Trường không được chấp nhận: ${unknown.join(', ')}.`, `Fields not accepted: ${unknown.join(', ')}.`));
    const { dossier, created } = await services.dossiers.submit(req.actor!, {
      procedureCode,
      orgUnitId: requireUuid(typeof orgUnitId === 'string' ? orgUnitId : undefined, 'đơn vị / unit'),
      // filed for an organisation the citizen acts for
      organisationId: body.organisationId ? requireUuid(String(body.organisationId), 'tổ chức / organisation') : null,
      data: parseJsonField(body.data, 'data'),
      resultDelivery: resultDeliveryOf(body.resultDelivery),
      files: uploadedFiles(req.files),
      idempotencyKey: key,
      requestId: String(req.id),
    });
    // a new dossier has no open step, document or event yet (its process starts after this answer): none is read
    const view: DossierView = await services.dossiers.toView(dossier, { justSubmitted: created, forApplicant: true });
    res.status(201).location(`/api/dossiers/${dossier.id}`).json(view);
  });

  // counter dossiers into the citizen's own account, with the code printed on the receipt; guessing is limited
  const claimLimiter = sharedRateLimit(services.rateLimits, {
    name: 'claim',
    windowMs: 60 * 60_000,
    limit: 10,
    keyGenerator: (req) => req.actor?.id ?? ipKeyGenerator(req.ip ?? ''),
    code: 'too_many_attempts',
    message: msg('Bạn đã nhập sai mã quá nhiều lần, vui lòng thử lại sau một giờ.', 'Too many attempts; try again in an hour.'),
  });
  r.post('/dossiers/claims', requireRole('citizen'), claimLimiter, validBody(claimSchema), async (req, res) => {
    const claimed = await services.identity.claim(req.actor!, req.body.claimCode);
    res.json({ dossierIds: claimed.dossierIds, count: claimed.dossierIds.length });
  });

  r.get('/dossiers', requireRole('citizen'), validQuery(pageQuery), async (req, res) => {
    const { limit, offset } = req.query as unknown as { limit: number; offset: number };
    const page = await services.dossiers.listMine(req.actor!, { limit, offset });
    const names = await services.procedures.namesOfVersions(page.items.map((d) => d.procedureVersionId));
    res.json({
      total: page.total,
      items: page.items.map((d) => ({
        id: d.id,
        reference: d.reference,
        code: d.code,
        procedure: names.get(d.procedureVersionId) ?? null,
        status: { code: d.status, name: statusNames[d.status] },
        slaState: d.slaState,
        sla: applicantSla(d),
        outcome: d.outcome,
        submittedAt: d.submittedAt,
        dueAt: d.extendedDueAt ?? d.dueAt,
      })),
    });
  });

  r.get('/dossiers/:id', requireLogin, async (req, res) => {
    res.json(await services.dossiers.view(req.actor!, requireUuid(req.params.id as string, 'hồ sơ / dossier')));
  });

  r.post('/dossiers/:id/supplement', requireRole('citizen'), upload, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const dossier = await services.dossiers.supplement(req.actor!, requireUuid(req.params.id as string, 'hồ sơ / dossier'), {
      data: parseJsonField(body.data, 'data'),
      files: uploadedFiles(req.files),
      requestId: String(req.id),
    });
    res.json(await services.dossiers.toView(dossier, { forApplicant: true }));
  });

  r.post('/dossiers/:id/withdraw', requireRole('citizen'), validBody(withdrawSchema), async (req, res) => {
    const dossier = await services.lifecycle.withdraw(
      req.actor!,
      requireUuid(req.params.id as string, 'hồ sơ / dossier'),
      (req.body as { reason?: string }).reason?.trim() || undefined,
      { requestId: String(req.id) },
    );
    res.json(await services.dossiers.toView(dossier, { forApplicant: true }));
  });

  // form 05: the process control sheet
  r.get('/dossiers/:id/control-sheet', requireLogin, async (req, res) => {
    res.json(await services.controlSheet.of(req.actor!, requireUuid(req.params.id as string, 'hồ sơ / dossier')));
  });

  r.get('/dossiers/:id/documents/:kind', requireLogin, async (req, res) => {
    const kind = req.params.kind;
    if (!['receipt', 'result', 'apology', 'supplement_request', 'refusal', 'handover_slip'].includes(kind as string))
      throw new InputError('document_kind_unknown', msg('Loại giấy tờ không hợp lệ.', 'Unknown document kind.'));
    const file = await services.dossiers.download(req.actor!, requireUuid(req.params.id as string, 'hồ sơ / dossier'), { documentKind: kind as DocumentKind });
    // ?inline=1 opens it in the browser's own viewer, to print (the receipt handed over at the counter)
    const inline = req.query.inline === '1';
    if (inline) res.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'self'").set('X-Frame-Options', 'SAMEORIGIN');
    res
      .type(file.mediaType)
      .set('Content-Disposition', contentDisposition(file.fileName, inline ? 'inline' : 'attachment'))
      .set('X-Content-SHA256', file.sha256)
      .send(file.content);
  });

  // ?inline=1 shows it in the page (the workspace previews PDFs and images in a frame of its own)
  r.get('/dossiers/:id/attachments/:attachmentId', requireLogin, async (req, res) => {
    const file = await services.dossiers.download(req.actor!, requireUuid(req.params.id as string, 'hồ sơ / dossier'), {
      attachmentId: requireUuid(req.params.attachmentId as string, 'tệp / file'),
    });
    const inline = req.query.inline === '1';
    if (inline) res.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'self'").set('X-Frame-Options', 'SAMEORIGIN');
    res
      .type(file.mediaType)
      .set('Content-Disposition', contentDisposition(file.fileName, inline ? 'inline' : 'attachment'))
      .set('X-Content-SHA256', file.sha256)
      .send(file.content);
  });

  r.get('/dossiers/:id/diagram', requireLogin, async (req, res) => {
    res.json(await services.workspace.diagram(req.actor!, requireUuid(req.params.id as string, 'hồ sơ / dossier')));
  });

  return r;
}

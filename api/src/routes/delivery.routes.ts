/**
 * The return of results by their channel: what channels an applicant may choose, and the return desk's
 * actions (hand a result over, hold a parcel that came back, post it again). The handover slip is one of the
 * dossier's documents (`/dossiers/:id/documents/handover_slip`).
 */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import { InputError, msg } from '@motcua/domain/errors/errors.ts';
import { handoverLabels, handoverSchema, postalAddressLabels, postalAddressSchema } from '@motcua/domain/delivery/delivery.schemas.ts';
import type { HandoverInput } from '@motcua/domain/delivery/delivery.service.ts';
import type { PostalAddress } from '@motcua/domain/delivery/postal.client.ts';
import { requireLogin, requireRole } from '../http/session.ts';
import { multipart, uploadedFiles } from '../http/uploads.ts';
import { checkAgainst, requireUuid, validBody } from '../http/validate.ts';

const checkRecipient = checkAgainst(handoverSchema, { prefix: 'recipient', labels: handoverLabels });
const postAgainSchema = { type: 'object', additionalProperties: false, properties: { address: postalAddressSchema } } as const;

/** The routes of result return: channel options for applicants, the return desk's handover and returned-parcel actions. */
export function deliveryRoutes(services: Services, opts: { uploadMaxBytes: number }): Router {
  const r = Router();
  const desk = requireRole('receiving_officer');
  const upload = multipart({ maxFileBytes: opts.uploadMaxBytes, maxFiles: 1 });
  const dossierId = (raw: unknown) => requireUuid(raw as string, 'hồ sơ / dossier');

  r.get('/delivery/options', requireLogin, (_req, res) => {
    res.json({ channels: services.delivery.postalAvailable ? ['online', 'counter', 'post'] : ['online', 'counter'] });
  });

  // JSON `{ recipient }`, or multipart with `recipient` (JSON text) and the scan of the authorisation as `authorisationFile`
  r.post('/dossiers/:id/handover', desk, upload, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    let recipient = body.recipient;
    if (typeof recipient === 'string') {
      try {
        recipient = JSON.parse(recipient);
      } catch {
        throw new InputError('body_malformed', msg('Thông tin người nhận không hợp lệ.', '"recipient" is not valid JSON.'));
      }
    }
    const unknown = Object.keys(body).filter((k) => k !== 'recipient');
    if (unknown.length)
      throw new InputError('request_invalid', msg(`Trường không được chấp nhận: ${unknown.join(', ')}.`, `Fields not accepted: ${unknown.join(', ')}.`));
    checkRecipient(recipient ?? {});
    const files = uploadedFiles(req.files);
    if (files.some((f) => f.fieldKey !== 'authorisationFile'))
      throw new InputError('request_invalid', msg('Chỉ đính kèm bản quét giấy ủy quyền.', 'Only the authorisation scan may be attached.'));
    const dossier = await services.delivery.handOver(req.actor!, dossierId(req.params.id), {
      recipient: recipient as HandoverInput['recipient'],
      authorisationFile: files[0] ? { fileName: files[0].fileName, content: files[0].content } : null,
      requestId: String(req.id),
    });
    res.json(await services.dossiers.toView(dossier));
  });

  r.post('/dossiers/:id/delivery/hold', desk, validBody({ type: 'object', additionalProperties: false, properties: {} }), async (req, res) => {
    const id = dossierId(req.params.id);
    await services.delivery.holdAtCounter(req.actor!, id);
    res.json(await services.dossiers.view(req.actor!, id));
  });

  r.post('/dossiers/:id/delivery/post-again', desk, validBody(postAgainSchema, { labels: postalAddressLabels }), async (req, res) => {
    const id = dossierId(req.params.id);
    await services.delivery.postAgain(req.actor!, id, (req.body as { address?: PostalAddress }).address ?? null);
    res.json(await services.dossiers.view(req.actor!, id));
  });

  return r;
}

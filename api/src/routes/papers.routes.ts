/** A citizen's papers (provide once): listed, opened, removed from the account, and named again for an application. */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import type { Paper } from '@motcua/domain/papers/papers.repository.ts';
import { requireRole } from '../http/session.ts';
import { requireUuid, validBody } from '../http/validate.ts';
import { contentDisposition } from '../http/files.ts';

const reuseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['procedureCode', 'fieldKey'],
  properties: {
    procedureCode: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,40}$' },
    fieldKey: { type: 'string', minLength: 1, maxLength: 200 },
  },
};

const view = (p: Paper) => ({
  id: p.id,
  kind: p.kind,
  title: p.title,
  fieldKey: p.fieldKey,
  fileName: p.fileName,
  mediaType: p.mediaType,
  size: p.size,
  sha256: p.sha256,
  dossierId: p.dossierId,
  dossierCode: p.dossierCode,
  createdAt: p.createdAt,
});

export function paperRoutes(services: Services): Router {
  const r = Router();
  const paperId = (raw: unknown) => requireUuid(raw as string, 'giấy tờ / paper');

  r.get('/papers', requireRole('citizen'), async (req, res) => {
    res.json({ items: (await services.papers.list(req.actor!)).map(view) });
  });
  r.get('/papers/:id/file', requireRole('citizen'), async (req, res) => {
    const { paper, content } = await services.papers.content(req.actor!, paperId(req.params.id));
    const inline = req.query.download === undefined;
    res
      .type(paper.mediaType)
      .set('Content-Disposition', contentDisposition(paper.fileName, inline ? 'inline' : 'attachment'))
      .set('X-Content-SHA256', paper.sha256)
      .send(content);
  });
  r.delete('/papers/:id', requireRole('citizen'), async (req, res) => {
    await services.papers.remove(req.actor!, paperId(req.params.id));
    res.status(204).end();
  });
  // the answer is the value the attachment field holds, as for a file uploaded afresh
  r.post('/papers/:id/reuse', requireRole('citizen'), validBody(reuseSchema), async (req, res) => {
    const b = req.body as { procedureCode: string; fieldKey: string };
    res.status(201).json(await services.papers.reuse(req.actor!, paperId(req.params.id), b));
  });
  return r;
}

/**
 * The procedure studio (administrators): procedures and their versions, drafts edited piece by piece,
 * the check before publishing, publish and retire, the diff of two versions, import and export of
 * `.bpmn` and `.form` files.
 */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import {
  MAX_FORMS,
  allowanceSchema,
  formIdPattern,
  procedureCodePattern,
  procedureDataSchema,
  resultTemplateSchema,
  timeLimitSchema,
} from '@motcua/domain/procedures/procedures.schemas.ts';
import { agencyCodePattern, handlingUnitPattern } from '@motcua/domain/procedures/studio-template.ts';
import { NotFoundError, msg } from '@motcua/domain/errors/errors.ts';
import { requireRole } from '../http/session.ts';
import { requireUuid, validBody, validQuery } from '../http/validate.ts';

const admin = requireRole('administrator');

const newProcedureSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'field', 'timeLimit'],
  properties: {
    code: { type: 'string', pattern: procedureCodePattern },
    name: { type: 'string', minLength: 2, maxLength: 300 },
    nameEn: { type: 'string', maxLength: 300 },
    field: { type: 'string', minLength: 2, maxLength: 200 },
    timeLimit: timeLimitSchema,
    // who handles it: receiving (default), competent, or named:<agency code>; the reception stays with the receiving unit
    handlingUnit: { type: 'string', pattern: handlingUnitPattern },
    // a cooperating agency's opinion before approval: its agency code
    opinionUnit: { type: 'string', pattern: agencyCodePattern },
  },
};

const newProcedureLabels = {
  code: msg('Mã thủ tục', 'Procedure code'),
  name: msg('Tên thủ tục', 'Procedure name'),
  nameEn: msg('Tên tiếng Anh', 'English name'),
  field: msg('Lĩnh vực', 'Field'),
  timeLimit: msg('Thời hạn giải quyết', 'Time limit'),
  handlingUnit: msg('Đơn vị giải quyết', 'Handling unit'),
  opinionUnit: msg('Cơ quan phối hợp cho ý kiến', 'Cooperating agency'),
};

/** A draft's parts; each is optional, and only what is sent changes. Deep checks come with the check before publishing. */
const draftSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    procedureData: procedureDataSchema,
    bpmnXml: { type: 'string', minLength: 1, maxLength: 4_000_000 },
    applicationFormId: { type: 'string', minLength: 1, maxLength: 100 },
    forms: { type: 'object', maxProperties: MAX_FORMS, propertyNames: { pattern: formIdPattern }, additionalProperties: { type: 'object' } },
    timeLimit: timeLimitSchema,
    stepAllowances: { type: 'object', maxProperties: 100, propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_-]{0,99}$' }, additionalProperties: allowanceSchema },
    resultTemplate: resultTemplateSchema,
  },
};

const importSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['files'],
  properties: {
    files: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'content'],
        properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, content: { type: 'string', maxLength: 4_000_000 } },
      },
    },
  },
};

/** another administrator's decision on a request to publish */
const decisionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['decision'],
  properties: { decision: { type: 'string', enum: ['approve', 'reject'] }, reason: { type: 'string', maxLength: 2000 } },
};
const decisionLabels = { decision: msg('Quyết định', 'Decision'), reason: msg('Lý do từ chối', 'Reason') };

const diffQuery = { type: 'object', additionalProperties: false, required: ['against'], properties: { against: { type: 'string', format: 'uuid' } } };

export function studioRoutes(services: Services): Router {
  const r = Router();
  const { studio } = services;
  const versionId = (id: unknown) => requireUuid(id as string, 'phiên bản / version');

  r.get('/admin/procedures', admin, async (req, res) => {
    res.json({ items: await studio.list(req.actor!) });
  });
  r.post('/admin/procedures', admin, validBody(newProcedureSchema, { labels: newProcedureLabels }), async (req, res) => {
    res.status(201).json(await studio.create(req.actor!, req.body));
  });
  // the procedure's draft: the open one, or a new copy of its latest version
  r.post('/admin/procedures/:id/draft', admin, async (req, res) => {
    res.json(await studio.openDraft(req.actor!, requireUuid(req.params.id as string, 'thủ tục / procedure')));
  });

  r.get('/admin/procedure-versions/:id', admin, async (req, res) => {
    res.json(await studio.get(req.actor!, versionId(req.params.id)));
  });
  r.put('/admin/procedure-versions/:id', admin, validBody(draftSchema), async (req, res) => {
    res.json(await studio.save(req.actor!, versionId(req.params.id), req.body));
  });
  r.delete('/admin/procedure-versions/:id', admin, async (req, res) => {
    await studio.discard(req.actor!, versionId(req.params.id));
    res.status(204).end();
  });
  r.get('/admin/procedure-versions/:id/check', admin, async (req, res) => {
    const problems = await studio.check(req.actor!, versionId(req.params.id));
    res.json({ ok: !problems.some((p) => p.severity === 'error'), problems });
  });
  // published (200), or, with PUBLISH_APPROVAL, asked of another administrator (202 with the request)
  r.post('/admin/procedure-versions/:id/publish', admin, async (req, res) => {
    const out = await studio.publish(req.actor!, versionId(req.params.id));
    res.status('request' in out ? 202 : 200).json(out);
  });
  r.post('/admin/procedure-versions/:id/publish-decision', admin, validBody(decisionSchema, { labels: decisionLabels }), async (req, res) => {
    const b = req.body as { decision: 'approve' | 'reject'; reason?: string };
    res.json(await studio.decidePublish(req.actor!, versionId(req.params.id), b.decision, b.reason));
  });
  r.post('/admin/procedure-versions/:id/retire', admin, async (req, res) => {
    res.json(await studio.retire(req.actor!, versionId(req.params.id)));
  });
  r.get('/admin/procedure-versions/:id/diff', admin, validQuery(diffQuery), async (req, res) => {
    res.json(await studio.diff(req.actor!, (req.query as { against: string }).against, versionId(req.params.id)));
  });
  r.get('/admin/procedure-versions/:id/files', admin, async (req, res) => {
    res.json({
      items: (await studio.files(req.actor!, versionId(req.params.id))).map((f) => ({
        name: f.name,
        mediaType: f.mediaType,
        size: Buffer.byteLength(f.content),
      })),
    });
  });
  r.get('/admin/procedure-versions/:id/files/:name', admin, async (req, res) => {
    const file = (await studio.files(req.actor!, versionId(req.params.id))).find((f) => f.name === req.params.name);
    if (!file) throw new NotFoundError('file_not_found', msg('Không tìm thấy tệp.', 'No such file.'));
    res.type(file.mediaType).attachment(file.name).send(file.content);
  });
  r.post('/admin/procedure-versions/:id/import', admin, validBody(importSchema), async (req, res) => {
    res.json(await studio.importFiles(req.actor!, versionId(req.params.id), req.body.files));
  });

  return r;
}

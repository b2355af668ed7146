/** The officer workspace beside tasks: the unit's dossiers, the unit at a glance, counter reception. */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import { InputError, msg } from '@motcua/domain/errors/errors.ts';
import { requireRole } from '../http/session.ts';
import { multipart, uploadedFiles } from '../http/uploads.ts';
import { checkAgainst, pageQuery, requireUuid, validBody, validQuery } from '../http/validate.ts';
import { resultDeliveryOf } from '../http/result-delivery.ts';

const officer = requireRole('receiving_officer', 'specialist', 'leader', 'auditor');
const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQuery.properties,
    status: { type: 'integer', minimum: 1, maximum: 10 },
    sla: { type: 'string', enum: ['on_time', 'nearly_late', 'late'] },
    q: { type: 'string', maxLength: 200 },
    open: { type: 'boolean', default: false },
    // leaders' and auditors' search: who handled a step, and when the dossier was received (Vietnamese dates)
    officerId: { type: 'string', format: 'uuid' },
    receivedFrom: { type: 'string', format: 'date' },
    receivedTo: { type: 'string', format: 'date' },
  },
} as const;

const applicantSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['fullName', 'idNumber'],
  properties: {
    fullName: { type: 'string', minLength: 2, maxLength: 100 },
    idNumber: { type: 'string', pattern: '^[0-9]{12}$' },
    phone: { type: 'string', pattern: '^0[0-9]{9}$' },
    email: { type: 'string', format: 'email', maxLength: 200 },
  },
};

const checkApplicant = checkAgainst(applicantSchema, {
  prefix: 'applicant',
  labels: {
    fullName: { vi: 'Họ và tên người nộp', en: "Applicant's full name" },
    idNumber: { vi: 'Số định danh cá nhân (12 chữ số)', en: 'Personal identity number (12 digits)' },
    phone: { vi: 'Số điện thoại', en: 'Phone number' },
    email: { vi: 'Thư điện tử', en: 'Email' },
  },
});

export function workspaceRoutes(services: Services, opts: { uploadMaxBytes: number; uploadMaxFiles: number }): Router {
  const r = Router();
  const upload = multipart({ maxFileBytes: opts.uploadMaxBytes, maxFiles: opts.uploadMaxFiles });

  r.get('/unit/dossiers', officer, validQuery(listQuery), async (req, res) => {
    res.json(await services.workspace.dossiers(req.actor!, req.query as never));
  });
  // a leader presses the holders of a late or nearly late dossier (đôn đốc)
  r.post(
    '/unit/dossiers/:id/urge',
    requireRole('leader'),
    validBody({ type: 'object', additionalProperties: false, properties: { note: { type: 'string', maxLength: 500 } } }),
    async (req, res) => {
      res.json(await services.urge.urge(req.actor!, requireUuid(req.params.id as string, 'hồ sơ / dossier'), (req.body as { note?: string }).note));
    },
  );
  r.get('/unit/officers', requireRole('leader', 'auditor'), async (req, res) => {
    res.json({ items: await services.workspace.officers(req.actor!) });
  });
  r.get('/unit/summary', officer, async (req, res) => {
    res.json(await services.workspace.summary(req.actor!));
  });

  // the agencies a centre's counter may hand a procedure to (liên thông), and the one its rule suggests
  r.get('/counter/procedures/:code/competent-units', requireRole('receiving_officer'), async (req, res) => {
    const { units, suggested } = await services.counter.competentUnits(req.actor!, String(req.params.code));
    res.json({ items: units.map((u) => ({ id: u.id, name: u.name, agencyCode: u.agencyCode })), suggested });
  });

  // a walk-in applicant found by their identity number, so that their details are typed once
  r.get('/counter/applicants/:idNumber', requireRole('receiving_officer'), async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await services.counter.findApplicant(String(req.params.idNumber)));
  });

  // a walk-in application, entered and accepted at once; JSON or multipart (with the scans)
  r.post('/counter/dossiers', requireRole('receiving_officer'), upload, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const json = (v: unknown, name: string) => {
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v);
      } catch {
        throw new InputError('body_malformed', msg(`Trường «${name}» không phải JSON hợp lệ.`, `"${name}" is not valid JSON.`));
      }
    };
    const applicant = json(body.applicant, 'applicant');
    checkApplicant(applicant);
    if (typeof body.procedureCode !== 'string') throw new InputError('procedure_missing', msg('Chưa chọn thủ tục.', 'procedureCode is missing.'));
    const handlingUnitId =
      body.handlingUnitId === undefined || body.handlingUnitId === '' ? null : requireUuid(String(body.handlingUnitId), 'cơ quan giải quyết / handling unit');
    const dossier = await services.counter.receive(req.actor!, {
      procedureCode: body.procedureCode,
      handlingUnitId,
      applicant: applicant as never,
      data: json(body.data, 'data'),
      // the walk-in's choice of how to receive the result (default: at this counter)
      resultDelivery: resultDeliveryOf(body.resultDelivery),
      files: uploadedFiles(req.files),
      requestId: String(req.id),
    });
    res
      .status(201)
      .location(`/api/dossiers/${dossier.id}`)
      .json(await services.dossiers.toView(dossier));
  });

  return r;
}

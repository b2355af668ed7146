/** The auditors' pages: the administration log, searched and verified. */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import type { AdminLogQuery } from '@motcua/domain/audit/audit.service.ts';
import { requireRole } from '../http/session.ts';
import { pageQuery, requireUuid, validQuery } from '../http/validate.ts';

const auditors = requireRole('auditor');
const logQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQuery.properties,
    entity: { type: 'string', enum: ['org_unit', 'account', 'role', 'calendar', 'login', 'procedure', 'sla_rules', 'questionnaire'] },
    action: { type: 'string', pattern: '^[a-z_]{2,40}$' },
    q: { type: 'string', minLength: 1, maxLength: 100 },
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
  },
};

export function auditRoutes(services: Services): Router {
  const r = Router();
  r.get('/audit/admin-log', auditors, validQuery(logQuery), async (req, res) => {
    res.json(await services.audit.adminLog(req.actor!, req.query as unknown as AdminLogQuery));
  });
  r.get('/audit/dossiers/:id/history', auditors, async (req, res) => {
    res.json(await services.audit.dossierHistory(req.actor!, requireUuid(req.params.id as string, 'hồ sơ / dossier')));
  });
  r.get('/audit/admin-log/verify', auditors, async (req, res) => {
    res.json(await services.audit.verifyAdminLog(req.actor!));
  });
  return r;
}

/** The auditors' pages: the administration log, searched and verified. */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import type { AdminLogQuery } from '@motcua/domain/audit/audit.service.ts';
import { adminLogCsv, adminLogExcel } from '@motcua/domain/audit/admin-log-export.ts';
import { requireRole } from '../http/session.ts';
import { pageQuery, requireUuid, validQuery } from '../http/validate.ts';

const auditors = requireRole('auditor');
const logQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQuery.properties,
    entity: {
      type: 'string',
      enum: ['org_unit', 'account', 'role', 'calendar', 'login', 'procedure', 'sla_rules', 'indicator_entry', 'indicator_bands', 'questionnaire'],
    },
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
  // the log as files, with the same filters (all the rows they find, not a page)
  const exportQuery = { ...logQuery, properties: Object.fromEntries(Object.entries(logQuery.properties).filter(([k]) => k !== 'limit' && k !== 'offset')) };
  const stamp = () => new Date().toISOString().slice(0, 10);
  r.get('/audit/admin-log.xlsx', auditors, validQuery(exportQuery), async (req, res) => {
    const x = await services.audit.exportAdminLog(req.actor!, req.query as unknown as AdminLogQuery);
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(`nhat-ky-quan-tri-${stamp()}.xlsx`)
      .send(await adminLogExcel(x));
  });
  r.get('/audit/admin-log.csv', auditors, validQuery(exportQuery), async (req, res) => {
    const x = await services.audit.exportAdminLog(req.actor!, req.query as unknown as AdminLogQuery);
    res.type('text/csv; charset=utf-8').attachment(`nhat-ky-quan-tri-${stamp()}.csv`).send(adminLogCsv(x));
  });
  r.get('/audit/dossiers/:id/history', auditors, async (req, res) => {
    res.json(await services.audit.dossierHistory(req.actor!, requireUuid(req.params.id as string, 'hồ sơ / dossier')));
  });
  r.get('/audit/dossiers/:id/history.pdf', auditors, async (req, res) => {
    const { fileName, pdf } = await services.audit.historyPdf(req.actor!, requireUuid(req.params.id as string, 'hồ sơ / dossier'));
    res.type('application/pdf').attachment(fileName).send(pdf);
  });
  r.get('/audit/admin-log/verify', auditors, async (req, res) => {
    res.json(await services.audit.verifyAdminLog(req.actor!));
  });
  return r;
}

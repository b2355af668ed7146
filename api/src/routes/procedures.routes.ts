/** The published procedure catalogue and the forms citizens fill. */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import { listOrgUnits } from '@motcua/domain/org-units/org-units.repository.ts';
import { validQuery } from '../http/validate.ts';

const searchQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 200 },
    field: { type: 'string', maxLength: 200 },
    agency: { type: 'string', maxLength: 200 },
    level: { type: 'string', maxLength: 50 },
  },
};

export function procedureRoutes(services: Services): Router {
  const r = Router();

  r.get('/procedures', validQuery(searchQuery), async (req, res) => {
    const q = req.query as { q?: string; field?: string; agency?: string; level?: string };
    const found = await services.procedures.search({ text: q.q, field: q.field, agency: q.agency, level: q.level });
    res.json({
      facets: found.facets,
      items: found.items.map(({ procedure, version }) => ({
        code: procedure.code,
        name: procedure.name,
        nameEn: procedure.nameEn,
        field: procedure.field,
        version: version.version,
        timeLimit: version.timeLimit,
        onlineLevel: procedure.catalogue.onlineLevel ?? null,
        agency: procedure.catalogue.implementingAgency ?? null,
      })),
      // when nothing matched: the nearest names, offered as "did you mean"
      suggestions: found.suggestions.map((p) => ({ code: p.code, name: p.name, nameEn: p.nameEn })),
    });
  });

  r.get('/procedures/:code', async (req, res) => {
    const loaded = await services.procedures.publishedByCode(String(req.params.code));
    res.json({
      code: loaded.procedure.code,
      name: loaded.procedure.name,
      nameEn: loaded.procedure.nameEn,
      field: loaded.procedure.field,
      catalogue: loaded.procedure.catalogue,
      version: loaded.version.version,
      timeLimit: loaded.version.timeLimit,
      applicationForm: loaded.version.forms[loaded.version.applicationFormId],
      steps: loaded.model.steps.map((s) => ({ key: s.key, name: s.name, kind: s.kind })),
    });
  });

  r.get('/org-units', async (_req, res) => {
    // (a deactivated unit receives nothing: it is not offered)
    const units = (await listOrgUnits({ db: services.db })).filter((u) => !u.deactivatedAt);
    res.json({
      items: units.map((u) => ({
        id: u.id,
        name: u.name,
        agencyCode: u.agencyCode,
        parentId: u.parentId,
        level: u.level,
        receivesDossiers: u.parentId !== null,
      })),
    });
  });

  return r;
}

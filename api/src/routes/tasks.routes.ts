/** The officer workspace: task list, claim, unclaim, complete with a decision. */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import { requireRole } from '../http/session.ts';
import { pageQuery, requireUuid, validBody, validQuery } from '../http/validate.ts';

const officer = requireRole('receiving_officer', 'specialist', 'leader');
const completeSchema = { type: 'object', additionalProperties: true, required: ['decision'], properties: { decision: { type: 'string', maxLength: 50 } } };

export function taskRoutes(services: Services): Router {
  const r = Router();

  r.get('/tasks', officer, validQuery(pageQuery), async (req, res) => {
    const { limit, offset } = req.query as unknown as { limit: number; offset: number };
    res.json(await services.tasks.list(req.actor!, { limit, offset }));
  });

  r.get('/tasks/:id', officer, async (req, res) => {
    res.json(await services.tasks.get(req.actor!, requireUuid(req.params.id as string, 'công việc / task')));
  });

  r.post('/tasks/:id/claim', officer, async (req, res) => {
    await services.tasks.claim(req.actor!, requireUuid(req.params.id as string, 'công việc / task'));
    res.status(204).end();
  });

  r.post('/tasks/:id/unclaim', officer, async (req, res) => {
    await services.tasks.unclaim(req.actor!, requireUuid(req.params.id as string, 'công việc / task'));
    res.status(204).end();
  });

  // the body is the task's form data; the service validates it against the step's form
  r.post('/tasks/:id/complete', officer, validBody(completeSchema), async (req, res) => {
    res.json(await services.tasks.complete(req.actor!, requireUuid(req.params.id as string, 'công việc / task'), req.body));
  });

  return r;
}

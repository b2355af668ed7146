/** The officer workspace: task list, claim, unclaim, complete with a decision. */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';
import type { TaskListQuery } from '@motcua/domain/tasks/tasks.service.ts';
import { TASK_HOLDERS } from '@motcua/domain/tasks/task-inbox.ts';
import { contentDisposition } from '../http/files.ts';
import { requireRole } from '../http/session.ts';
import { pageQuery, requireUuid, validBody, validQuery } from '../http/validate.ts';

const officer = requireRole('receiving_officer', 'specialist', 'leader');
const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQuery.properties,
    // whose tasks: the officer's own, the unclaimed ones, or the whole unit's (held by anyone); absent: own and unclaimed
    holder: { type: 'string', enum: TASK_HOLDERS },
    sla: { type: 'string', enum: ['on_time', 'nearly_late', 'late'] },
    sort: { type: 'string', enum: ['due', '-due', 'created', '-created'], default: 'due' },
    q: { type: 'string', maxLength: 200 },
    procedure: { type: 'string', maxLength: 50 },
    status: { type: 'integer', minimum: 1, maximum: 12 },
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
  },
} as const;
const apologySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason', 'newDueAt'],
  properties: { reason: { type: 'string', minLength: 5, maxLength: 2000 }, newDueAt: { type: 'string', format: 'date-time' } },
};
const completeSchema = { type: 'object', additionalProperties: true, required: ['decision'], properties: { decision: { type: 'string', maxLength: 50 } } };

export function taskRoutes(services: Services): Router {
  const r = Router();

  r.get('/tasks', officer, validQuery(listQuery), async (req, res) => {
    res.json(await services.tasks.list(req.actor!, req.query as unknown as TaskListQuery));
  });

  r.get('/tasks/:id', officer, async (req, res) => {
    res.json(await services.tasks.get(req.actor!, requireUuid(req.params.id as string, 'công việc / task')));
  });

  r.post('/tasks/:id/claim', officer, async (req, res) => {
    await services.tasks.claim(req.actor!, requireUuid(req.params.id as string, 'công việc / task'), { requestId: String(req.id) });
    res.status(204).end();
  });

  r.post('/tasks/:id/unclaim', officer, async (req, res) => {
    await services.tasks.unclaim(req.actor!, requireUuid(req.params.id as string, 'công việc / task'), { requestId: String(req.id) });
    res.status(204).end();
  });

  // the body is the task's form data; the service validates it against the step's form
  r.post('/tasks/:id/complete', officer, validBody(completeSchema), async (req, res) => {
    res.json(await services.tasks.complete(req.actor!, requireUuid(req.params.id as string, 'công việc / task'), req.body, { requestId: String(req.id) }));
  });

  // the result as it would be issued, marked «DỰ THẢO» and unsigned, for the leader to read before approving
  r.get('/tasks/:id/draft-result', officer, async (req, res) => {
    const draft = await services.draftResults.ofTask(req.actor!, requireUuid(req.params.id as string, 'công việc / task'));
    res
      .type('application/pdf')
      .set('Content-Disposition', contentDisposition(draft.fileName, 'inline'))
      .set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'self'")
      .set('Cache-Control', 'no-store')
      .send(draft.content);
  });

  // form 04: apology and new appointment, by the officer holding a step before it is overdue
  r.post('/tasks/:id/apology', officer, validBody(apologySchema), async (req, res) => {
    const body = req.body as { reason: string; newDueAt: string };
    const issued = await services.apologies.issue(req.actor!, requireUuid(req.params.id as string, 'công việc / task'), {
      reason: body.reason.trim(),
      newDueAt: new Date(body.newDueAt),
    });
    res.status(201).json(issued);
  });

  return r;
}

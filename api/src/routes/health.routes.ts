/** Liveness and readiness: the database and the engine answer. */
import { Router } from 'express';
import type { Services } from '@motcua/domain/services.ts';

export function healthRoutes(services: Services): Router {
  const r = Router();
  r.get('/health', async (_req, res) => {
    const [db, engine] = await Promise.allSettled([services.db.raw('select 1'), services.engine.version()]);
    const ok = db.status === 'fulfilled' && engine.status === 'fulfilled';
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      database: db.status === 'fulfilled' ? 'ok' : 'unreachable',
      engine: engine.status === 'fulfilled' ? { status: 'ok', version: engine.value.version } : { status: 'unreachable' },
    });
  });
  return r;
}

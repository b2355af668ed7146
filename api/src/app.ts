/**
 * The motcua HTTP api (Express 5): portal, officer workspace and administration endpoints under /api, and
 * the web app's static files. Routes parse, authorise and call the domain services; every failure is
 * problem+json.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Config } from '@motcua/domain/config/config.ts';
import { publicUrlOf, type Services } from '@motcua/domain/services.ts';
import { errorHandler, notFoundHandler } from './http/problems.ts';
import { csrfProtection, passwordChangeGate, secondFactorGate, sessionMiddleware } from './http/session.ts';
import { refuseUnstorableText } from './http/text.ts';
import { orgUnitRoutes } from './routes/org-units.routes.ts';
import { peopleRoutes } from './routes/people.routes.ts';
import { organisationRoutes } from './routes/organisations.routes.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { reportRoutes } from './routes/reports.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { studioRoutes } from './routes/studio.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { dossierRoutes } from './routes/dossiers.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { notificationRoutes } from './routes/notifications.routes.ts';
import { portalRoutes } from './routes/portal.routes.ts';
import { paperRoutes } from './routes/papers.routes.ts';
import { workspaceRoutes } from './routes/workspace.routes.ts';
import { deliveryRoutes } from './routes/delivery.routes.ts';
import { procedureRoutes } from './routes/procedures.routes.ts';
import { taskRoutes } from './routes/tasks.routes.ts';
import { ratingRoutes } from './routes/ratings.routes.ts';
import { paymentRoutes } from './routes/payments.routes.ts';

export interface AppOptions {
  config: Config;
  services: Services;
  logger: Logger;
  /** directory of the built web app, served at / when present */
  staticDir?: string;
}

export function createApp({ config, services, logger, staticDir }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // the client's address (rate limits, logs) as the trusted proxies in front report it
  app.set('trust proxy', config.trustProxy);
  // pages, bundles and lists gzipped for phones on mobile data (files already compressed, PDFs and images, are left alone)
  app.use(compression());
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          // bpmn-js and form-js bring their icon fonts inline
          fontSrc: ["'self'", 'data:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          // behind TLS only: on plain HTTP (a LAN install, development) it would break every sub-request
          upgradeInsecureRequests: config.cookieSecure ? [] : null,
        },
      },
      hsts: config.cookieSecure,
      crossOriginEmbedderPolicy: false,
    }),
  );

  const api = express.Router();
  // answers of the api carry personal data (dossiers, attachments, uploads, accounts): no browser or proxy
  // keeps a copy (a shared computer at a commune office, a caching proxy)
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // models and forms are larger than any other request body
  api.use(['/admin/procedures', '/admin/procedure-versions'], express.json({ limit: '5mb', type: ['application/json', 'application/*+json'] }));
  api.use(express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));
  api.use(refuseUnstorableText);
  api.use(sessionMiddleware(services.accounts));
  api.use(csrfProtection);
  api.use(passwordChangeGate);
  const adminTotpRequired = config.adminTotpRequired ?? config.nodeEnv === 'production';
  api.use(secondFactorGate(adminTotpRequired));
  api.use(healthRoutes(services));
  api.use(
    '/auth',
    authRoutes(services, { cookieSecure: config.cookieSecure, loginRateLimit: config.loginRateLimit, adminTotpRequired, publicUrl: publicUrlOf(config) }),
  );
  api.use(procedureRoutes(services));
  api.use(dossierRoutes(services, { uploadMaxBytes: config.uploadMaxBytes, uploadMaxFiles: config.uploadMaxFiles, submitRateLimit: config.submitRateLimit }));
  api.use(taskRoutes(services));
  api.use(notificationRoutes(services));
  api.use(adminRoutes(services));
  api.use(orgUnitRoutes(services));
  api.use(peopleRoutes(services));
  api.use(organisationRoutes(services));
  api.use(studioRoutes(services));
  api.use(reportRoutes(services));
  api.use(auditRoutes(services));
  api.use(ratingRoutes(services));
  api.use(paymentRoutes(services));
  api.use(portalRoutes(services, { uploadMaxBytes: config.uploadMaxBytes, trackRateLimit: config.trackRateLimit }));
  api.use(paperRoutes(services));
  api.use(workspaceRoutes(services, { uploadMaxBytes: config.uploadMaxBytes, uploadMaxFiles: config.uploadMaxFiles }));
  api.use(deliveryRoutes(services, { uploadMaxBytes: config.uploadMaxBytes }));
  api.use(notFoundHandler);
  app.use('/api', api);

  if (staticDir && fs.existsSync(path.join(staticDir, 'index.html'))) {
    // hashed bundles never change under their name; index.html is checked every time (it names the bundles)
    app.use(
      express.static(staticDir, {
        index: 'index.html',
        setHeaders: (res, file) =>
          res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
      }),
    );
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(staticDir, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } }));
  }
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

/** Entry point of an api process: `tsx api/src/server.ts`. */
import path from 'node:path';
import { loadConfig, repoRoot } from '@motcua/domain/config/config.ts';
import { createDb } from '@motcua/domain/db/db.ts';
import { createRootLogger } from '@motcua/domain/logging/logger.ts';
import { createServices, engineClientFrom, signerFrom } from '@motcua/domain/services.ts';
import { createApp } from './app.ts';

const config = loadConfig();
const logger = createRootLogger('api', config.logLevel);
if (!config.databaseUrl) throw new Error('DATABASE_URL is required (npm start sets it for the embedded PostgreSQL)');
const engineUrl = config.engineUrl ?? `http://127.0.0.1:${config.enginePort}/engine-rest`;
const db = createDb(config.databaseUrl, config.dbPoolMax, config.dbPreparedStatements);
const services = createServices({ config, db, engine: engineClientFrom(config, engineUrl, 'interactive'), signer: await signerFrom(config) });
const app = createApp({ config, services, logger, staticDir: path.join(repoRoot, 'modeler-ui', 'dist') });
const server = app.listen(config.apiPort, config.apiHost, () => logger.info({ port: config.apiPort, host: config.apiHost }, 'api listening'));
server.keepAliveTimeout = 65_000;

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(async () => {
      // the processes submissions started after their answer, before the connections go
      await services.commands.settle();
      await db.destroy();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}

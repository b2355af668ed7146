/** Entry point of a worker process: `tsx engine-workers/src/main.ts`. */
import { loadConfig } from '@motcua/domain/config/config.ts';
import { createDb } from '@motcua/domain/db/db.ts';
import { createRootLogger } from '@motcua/domain/logging/logger.ts';
import { createServices, engineClientFrom, signerFrom } from '@motcua/domain/services.ts';
import { startWorker } from './worker.ts';

const config = loadConfig();
const logger = createRootLogger('worker', config.logLevel);
if (!config.databaseUrl) throw new Error('DATABASE_URL is required (npm start sets it for the embedded PostgreSQL)');
const engineUrl = config.engineUrl ?? `http://127.0.0.1:${config.enginePort}/engine-rest`;
const db = createDb(config.databaseUrl, config.dbPoolMax, config.dbPreparedStatements);
const services = createServices({ config, db, engine: engineClientFrom(config, engineUrl), signer: await signerFrom(config) });
const worker = startWorker({ config, services, logger, engineUrl });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    await db.destroy();
    process.exit(0);
  });
}

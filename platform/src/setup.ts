/**
 * One-shot preparation of a deployment whose PostgreSQL and engine run elsewhere (docker compose, a
 * cluster): migrate the application database, wait for the engine, publish the procedures of processes/,
 * seed the demo data when SEED_DEMO is on, make the development signing key when none is configured. `npm start` does the same itself for the embedded platform.
 * Run: `tsx platform/src/setup.ts` with DATABASE_URL and ENGINE_URL set.
 */
import { loadConfig } from '@motcua/domain/config/config.ts';
import { createDb, migrateLatest } from '@motcua/domain/db/db.ts';
import { createServices, engineClientFrom, signerFrom } from '@motcua/domain/services.ts';
import { publishAndSeed } from './boot.ts';
import { ensureOneInstancePerBusinessKey } from './engine-database.ts';

const say = (line: string) => process.stdout.write(`[motcua setup] ${line}\n`);

const config = loadConfig();
if (!config.databaseUrl || !config.engineUrl) {
  say('DATABASE_URL and ENGINE_URL are required');
  process.exit(2);
}
const db = createDb(config.databaseUrl, 2);
try {
  const applied = await migrateLatest(db);
  say(applied.length ? `database migrated: ${applied.join(', ')}` : 'database schema is current');
  const engine = engineClientFrom(config, config.engineUrl);
  const deadline = Date.now() + config.engineStartTimeoutS * 1000;
  for (;;) {
    try {
      await engine.version();
      break;
    } catch (e) {
      if (Date.now() > deadline)
        throw new Error(`the engine at ${config.engineUrl} did not answer within ${config.engineStartTimeoutS} s: ${(e as Error).message}`, { cause: e });
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  // the engine's schema exists now: at most one running instance per dossier, enforced by PostgreSQL
  const engineDb = new URL(config.databaseUrl);
  engineDb.pathname = `/${config.engineDatabaseName}`;
  await ensureOneInstancePerBusinessKey(engineDb.toString(), say);
  // the development signing key, when no real one is configured, is made once here for every worker
  await signerFrom(config);
  const services = createServices({ config, db, engine });
  const demo = await publishAndSeed(services, config.seedDemo, say);
  if (demo) say(`demo accounts: ${demo.logins.map((l) => l.username).join(', ')}`);
  say('ready');
} finally {
  await db.destroy();
}

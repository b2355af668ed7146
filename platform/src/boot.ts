/**
 * Brings the parts up in order: databases, schema, engine (built if needed), procedures published from
 * processes/ and forms/, demo data. Shared by `npm start`, the tests and the bench, so all three run the
 * same real platform.
 */
import path from 'node:path';
import type { Config } from '@motcua/domain/config/config.ts';
import { createDb, migrateLatest, type Db } from '@motcua/domain/db/db.ts';
import { loadSeededPackages } from '@motcua/domain/procedures/procedure-package.ts';
import { seedDemo, type DemoData } from '@motcua/domain/seed/demo.ts';
import type { Clock } from '@motcua/domain/time/clock.ts';
import { createServices, engineClientFrom, signerFrom, type Services } from '@motcua/domain/services.ts';
import { buildEngine, startEngine, type EngineFlavor, type EngineHandle, type EngineProcessOptions } from './engine-process.ts';
import { ensureDatabase, jdbcOf, withDatabase, type PostgresHandle } from './postgres.ts';
import { ensureOneInstancePerBusinessKey } from './engine-database.ts';

export interface BootOptions {
  config: Config;
  flavor: EngineFlavor;
  postgres: PostgresHandle;
  appDatabase: string;
  engineDatabase: string;
  /** drop and recreate both databases first (tests) */
  fresh: boolean;
  enginePort: number;
  engineLogFile: string;
  jobMaxWaitMs: number;
  seedDemo: boolean;
  log: (line: string) => void;
  /** the time the services' rules read (tests move their own) */
  clock?: Clock;
}

export interface Booted {
  appDatabaseUrl: string;
  engine: EngineHandle;
  /** how the engine was started (to start it again) */
  engineOptions: EngineProcessOptions;
  db: Db;
  services: Services;
  demo: DemoData | undefined;
  /** the config the api and workers of this platform run with */
  config: Config;
  stop(): Promise<void>;
}

export async function bootPlatform(o: BootOptions): Promise<Booted> {
  const appDatabaseUrl = withDatabase(o.postgres.serverUrl, o.appDatabase);
  await ensureDatabase(o.postgres.serverUrl, o.appDatabase, o.fresh);
  await ensureDatabase(o.postgres.serverUrl, o.engineDatabase, o.fresh);
  const db = createDb(appDatabaseUrl, o.config.dbPoolMax, o.config.dbPreparedStatements);
  const applied = await migrateLatest(db);
  if (applied.length) o.log(`database migrated: ${applied.join(', ')}`);

  buildEngine(o.flavor, o.log);
  o.log(`starting the ${o.flavor} engine on port ${o.enginePort}...`);
  const started = Date.now();
  const engineOptions: EngineProcessOptions = {
    flavor: o.flavor,
    port: o.enginePort,
    jdbc: jdbcOf(withDatabase(o.postgres.serverUrl, o.engineDatabase)),
    user: o.config.engineUser,
    password: o.config.enginePassword,
    jobMaxWaitMs: o.jobMaxWaitMs,
    logFile: o.engineLogFile,
    timeoutS: o.config.engineStartTimeoutS,
  };
  const engine = await startEngine(engineOptions);
  o.log(`engine ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${engine.url}`);
  await ensureOneInstancePerBusinessKey(withDatabase(o.postgres.serverUrl, o.engineDatabase), o.log);

  const config: Config = { ...o.config, databaseUrl: appDatabaseUrl, engineUrl: engine.url, engineFlavor: o.flavor, enginePort: o.enginePort };
  const services = createServices({ config, db, engine: engineClientFrom(config, engine.url), signer: await signerFrom(config), clock: o.clock });
  const demo = await publishAndSeed(services, o.seedDemo, o.log);
  return {
    appDatabaseUrl,
    engine,
    engineOptions,
    db,
    services,
    demo,
    config,
    async stop() {
      await services.commands.settle();
      await db.destroy();
      await engine.stop();
    },
  };
}

/**
 * What a platform needs before it serves: second-factor secrets stored as text (before they were encrypted)
 * encrypted, the procedures of processes/ published (a package that did not change deploys nothing), and the
 * demo data when asked for. Idempotent; safe from several processes.
 */
export async function publishAndSeed(services: Services, seed: boolean, log: (line: string) => void): Promise<DemoData | undefined> {
  const sealed = await services.secondFactor.sealStoredSecrets();
  if (sealed) log(`second-factor secrets of ${sealed} account(s) encrypted`);
  for (const pkg of await loadSeededPackages()) {
    const { version, deployed } = await services.procedures.publishPackage(pkg, 'motcua seed');
    log(`procedure ${pkg.code} ${pkg.name}: version ${version.version}${deployed ? ' deployed' : ' unchanged'}`);
  }
  return seed ? seedDemo(services.db, services.accounts) : undefined;
}

export const logsDir = (config: Config) => path.join(config.dataDir, 'logs');

/**
 * A whole platform of killable processes for the fault suite: its own embedded PostgreSQL (killed and restarted
 * on the same data directory), two engine nodes on one engine database behind a balancer, the api and two
 * workers as their own OS processes, as production runs them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, type Config } from '@motcua/domain/config/config.ts';
import { bootPlatform, type Booted } from '../../platform/src/boot.ts';
import { startEngine, type EngineFlavor, type EngineHandle } from '../../platform/src/engine-process.ts';
import { jdbcOf, startEmbeddedPostgres, withDatabase, type PostgresHandle } from '../../platform/src/postgres.ts';
import { startEngineBalancer, type EngineBalancer } from '../support/engine-balancer.ts';
import { freePort } from '../support/platform.ts';
import { buildServer, serverDist } from '../../platform/src/build-server.ts';

export interface FaultClusterOptions {
  flavor: EngineFlavor;
  /** the test platform's config (engine credentials, data directory with the development signing key) */
  base: Config;
  dir: string;
  log: (line: string) => void;
  workers: number;
}

/** env of the api and workers: short timings so that faults are recovered from in seconds */
const faultTimings = {
  WORKER_LOCK_MS: '5000',
  WORKER_LONG_POLL_MS: '2000',
  COMMAND_RECOVERY_DELAY_S: '2',
  RECONCILE_GRACE_S: '10',
  SUBMIT_RATE_LIMIT: '1000000',
  LOGIN_RATE_LIMIT: '100000',
  TRACK_RATE_LIMIT: '100000',
  DB_POOL_MAX: '20',
};

export class FaultCluster {
  readonly o: FaultClusterOptions;
  readonly logs: string;
  pgPort = 0;
  postgres!: PostgresHandle;
  booted!: Booted;
  engines: (EngineHandle | undefined)[] = [];
  enginePorts: number[] = [];
  balancer!: EngineBalancer;
  apiPort = 0;
  api: ChildProcess | undefined;
  workers: (ChildProcess | undefined)[] = [];
  private spawned = new Set<ChildProcess>();
  private generation = 0;

  constructor(o: FaultClusterOptions) {
    this.o = o;
    this.logs = path.join(o.dir, 'logs');
  }

  get pgDir() {
    return path.join(this.o.dir, 'postgres');
  }

  get apiBase() {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  get engineJdbc() {
    return jdbcOf(withDatabase(this.postgres.serverUrl, 'motcua_faults_engine'));
  }

  async start(): Promise<void> {
    fs.rmSync(this.o.dir, { recursive: true, force: true });
    fs.mkdirSync(this.logs, { recursive: true });
    await buildServer();
    this.pgPort = await freePort();
    await this.startPostgres();
    this.enginePorts = [await freePort(), await freePort()];
    this.booted = await bootPlatform({
      config: { ...this.o.base, dbPoolMax: 10, workerLockMs: 5000 },
      flavor: this.o.flavor,
      postgres: this.postgres,
      appDatabase: 'motcua_faults',
      engineDatabase: 'motcua_faults_engine',
      fresh: true,
      enginePort: this.enginePorts[0]!,
      engineLogFile: path.join(this.logs, 'engine-0.log'),
      jobMaxWaitMs: 500,
      seedDemo: true,
      log: (l) => this.o.log(`boot: ${l}`),
    });
    this.engines[0] = this.booted.engine;
    // the second node after the first is up: the schema is created once
    await this.startEngineNode(1);
    this.balancer = await startEngineBalancer(this.enginePorts.map((p) => `http://127.0.0.1:${p}/engine-rest`));
    this.apiPort = await freePort();
    await this.startApi();
    for (let i = 0; i < this.o.workers; i++) this.startWorker(i);
  }

  async startPostgres(): Promise<void> {
    const out = fs.openSync(path.join(this.logs, 'postgres.log'), 'a');
    this.postgres = await startEmbeddedPostgres({ dir: this.pgDir, port: this.pgPort, password: 'motcua-faults', onLog: (l) => fs.writeSync(out, l) });
  }

  /** SIGKILL to the postmaster and every backend (its process group): the machine's power cord, for PostgreSQL */
  killPostgres(): void {
    const pid = this.postgres.pid!;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      process.kill(pid, 'SIGKILL');
    }
  }

  async waitPostgresGone(): Promise<void> {
    const pid = this.postgres.pid!;
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(-pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async startEngineNode(i: number): Promise<void> {
    const c = this.o.base;
    this.engines[i] = await startEngine({
      flavor: this.o.flavor,
      port: this.enginePorts[i]!,
      jdbc: this.engineJdbc,
      user: c.engineUser,
      password: c.enginePassword,
      jobMaxWaitMs: 500,
      logFile: path.join(this.logs, `engine-${i}.log`),
      timeoutS: c.engineStartTimeoutS,
    });
  }

  killEngineNode(i: number): void {
    this.engines[i]?.process.kill('SIGKILL');
    this.engines[i] = undefined;
  }

  private spawnNode(name: string, entry: string, env: Record<string, string>): ChildProcess {
    const out = fs.openSync(path.join(this.logs, `${name}-${++this.generation}.log`), 'w');
    // the production bundles (npm run build:server), plain Node: they start in about a second, as in production
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(serverDist, `${entry}.mjs`)], {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: this.booted.appDatabaseUrl,
        ENGINE_URL: this.balancer.url,
        ENGINE_USER: this.o.base.engineUser,
        ENGINE_PASSWORD: this.o.base.enginePassword,
        DATA_DIR: this.o.base.dataDir,
        LOG_LEVEL: 'info',
        PUBLIC_URL: 'http://motcua.test',
        ...faultTimings,
        ...env,
      },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    this.spawned.add(child);
    child.once('exit', () => this.spawned.delete(child));
    return child;
  }

  async startApi(): Promise<void> {
    this.api = this.spawnNode('api', 'api', { API_PORT: String(this.apiPort) });
    const deadline = Date.now() + 120_000;
    for (;;) {
      const up = await fetch(`${this.apiBase}/api/org-units`)
        .then((r) => r.ok)
        .catch(() => false);
      if (up) return;
      if (this.api.exitCode !== null) throw new Error(`the api exited with ${this.api.exitCode}; see ${this.logs}`);
      if (Date.now() > deadline) throw new Error('the api did not start in 120 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  killApi(): void {
    this.api?.kill('SIGKILL');
    this.api = undefined;
  }

  startWorker(i: number): ChildProcess {
    return (this.workers[i] = this.spawnNode(`worker-${i}`, 'worker', {}));
  }

  killWorker(i: number): void {
    this.workers[i]?.kill('SIGKILL');
    this.workers[i] = undefined;
  }

  /** Stops everything this cluster started, whatever state it is in. */
  async stop(): Promise<void> {
    const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));
    const children = [...this.spawned];
    for (const c of children) c.kill('SIGTERM');
    await Promise.race([Promise.all(children.map(exited)), new Promise((r) => setTimeout(r, 15_000))]);
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await this.balancer?.close().catch(() => {});
    await this.booted?.db.destroy().catch(() => {});
    await Promise.all(this.engines.map((e) => e?.stop().catch(() => {})));
    await this.postgres?.stop().catch(() => {});
  }
}

/**
 * The server the production image runs: bundled JavaScript (npm run build:server) that imports only the
 * runtime dependencies and starts with plain Node, no TypeScript loader; the migrations it carries are the
 * migrations folder.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { repoRoot } from '@motcua/domain/config/config.ts';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { migrations } from '../../migrations/index.ts';
import { buildServer, runtimeDependencies, serverDist } from '../../platform/src/build-server.ts';
import { eventually } from '../support/http.ts';
import { freePort, platform } from '../support/platform.ts';

const describeOnce = process.env.ENGINE_FLAVOR === 'camunda' ? describe.skip : describe;

describeOnce('the server build', function () {
  this.timeout(120_000);
  let imports: string[];
  before(async () => {
    ({ imports } = await buildServer());
  });

  it('imports no development dependency at run time', () => {
    expect(imports.length).to.be.greaterThan(10);
    expect(imports.filter((i) => !runtimeDependencies().includes(i))).to.deep.equal([]);
  });

  it('carries every migration of the migrations folder, in order', () => {
    const files = fs
      .readdirSync(path.join(repoRoot, 'migrations'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .sort();
    expect(migrations.map(([name]) => name)).to.deep.equal(files);
  });

  it('runs the api with plain Node: it answers its health check and logs a citizen in', async () => {
    const p = platform();
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(serverDist, 'api.mjs')], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: p.appDatabaseUrl,
        ENGINE_URL: p.engine.url,
        API_PORT: String(port),
        DATA_DIR: p.config.dataDir,
        LOG_LEVEL: 'warn',
        // the login limit is counted in PostgreSQL, together with every other test's logins from this address
        LOGIN_RATE_LIMIT: '100000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    try {
      const url = `http://127.0.0.1:${port}`;
      await eventually(async () => (await fetch(`${url}/api/health`).catch(() => undefined))?.ok, `the bundled api on ${port}: ${out}`, 30_000, 200);
      const login = await supertest(url).post('/api/auth/login').send({ username: 'congdan', password: DEMO_PASSWORD });
      expect(login.status, out).to.equal(200);
      expect(out).not.to.match(/ERR_UNKNOWN_FILE_EXTENSION|Cannot find (module|package)/);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('runs the worker with plain Node: it starts its topics and its job queue', async () => {
    const p = platform();
    const child = spawn(process.execPath, [path.join(serverDist, 'worker.mjs')], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: p.appDatabaseUrl,
        ENGINE_URL: p.engine.url,
        DATA_DIR: p.config.dataDir,
        LOG_LEVEL: 'info',
        WORKER_LONG_POLL_MS: '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    try {
      await eventually(async () => out.includes('worker started'), `the bundled worker: ${out}`, 30_000, 200);
      expect(child.exitCode).to.equal(null);
      expect(out).not.to.match(/ERR_UNKNOWN_FILE_EXTENSION|Cannot find (module|package)|"level":(50|60)/);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

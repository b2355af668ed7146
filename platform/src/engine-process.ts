/**
 * The engine as a child process: the jar built by Maven on first use (engine/target/motcua-engine-<flavour>.jar),
 * started with its database and credentials from the environment, ready when its REST API answers.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@motcua/domain/config/config.ts';
import { killOnExit } from './child-processes.ts';

export type EngineFlavor = 'operaton' | 'camunda';

export const engineDir = path.join(repoRoot, 'engine');
export const engineJar = (flavor: EngineFlavor) => path.join(engineDir, 'target', `motcua-engine-${flavor}.jar`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'target') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the engine jar with Maven when it is missing or older than its sources. */
export function buildEngine(flavor: EngineFlavor, log: (line: string) => void = () => {}): string {
  const jar = engineJar(flavor);
  if (fs.existsSync(jar) && fs.statSync(jar).mtimeMs >= newestMtime(engineDir)) return jar;
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error) throw new Error('Java (JDK 17+) is needed to build and run the engine: `java` was not found on PATH.');
  log(`building the ${flavor} engine with Maven (first time: downloads its dependencies)...`);
  const args = ['-q', '-B', '-Dstyle.color=never', 'package', '-DskipTests', ...(flavor === 'camunda' ? ['-Pcamunda'] : [])];
  const mvn = spawnSync('mvn', args, { cwd: engineDir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (mvn.error) throw new Error('Maven is needed to build the engine: `mvn` was not found on PATH.');
  if (mvn.status !== 0 || !fs.existsSync(jar)) throw new Error(`the engine build failed (mvn ${args.join(' ')} in engine/)`);
  return jar;
}

export interface EngineProcessOptions {
  flavor: EngineFlavor;
  port: number;
  jdbc: { url: string; user: string; password: string };
  user: string;
  password: string;
  jobMaxWaitMs: number;
  logFile: string;
  timeoutS: number;
  heap?: string;
}

export interface EngineHandle {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

async function waitReady(url: string, auth: string, child: ChildProcess, timeoutS: number): Promise<void> {
  const deadline = Date.now() + timeoutS * 1000;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error('the engine process exited during start-up; see its log');
    try {
      // the engine list needs no credentials: wait for it before the first authenticated call, so that
      // no failed login (and the engine's login throttling) happens while it is still creating its user
      const open = await fetch(`${url}/engine`, { signal: AbortSignal.timeout(2000) });
      if (open.ok) {
        const res = await fetch(`${url}/version`, { headers: { authorization: auth }, signal: AbortSignal.timeout(5000) });
        if (res.ok) return;
        throw new Error(`the engine refused the technical user (HTTP ${res.status})`);
      }
    } catch (e) {
      if ((e as Error).message.startsWith('the engine refused')) throw e;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the engine did not answer within ${timeoutS} s`);
}

export async function startEngine(o: EngineProcessOptions): Promise<EngineHandle> {
  const jar = engineJar(o.flavor);
  fs.mkdirSync(path.dirname(o.logFile), { recursive: true });
  const out = fs.openSync(o.logFile, 'a');
  const child = spawn('java', [`-Xmx${o.heap ?? '768m'}`, '-XX:+UseParallelGC', '-Dfile.encoding=UTF-8', '-jar', jar], {
    env: {
      ...process.env,
      ENGINE_PORT: String(o.port),
      ENGINE_DATABASE_URL: o.jdbc.url,
      ENGINE_DATABASE_USER: o.jdbc.user,
      ENGINE_DATABASE_PASSWORD: o.jdbc.password,
      ENGINE_USER: o.user,
      ENGINE_PASSWORD: o.password,
      ENGINE_JOB_MAX_WAIT_MS: String(o.jobMaxWaitMs),
    },
    stdio: ['ignore', out, out],
    // its own process group: a Ctrl-C in the terminal reaches npm start only, which stops the parts in order
    detached: true,
  });
  killOnExit(child);
  const url = `http://127.0.0.1:${o.port}/engine-rest`;
  const auth = 'Basic ' + Buffer.from(`${o.user}:${o.password}`).toString('base64');
  try {
    await waitReady(url, auth, child, o.timeoutS);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 25_000).unref();
      }),
  };
}

/** External-task workers for the tests: in process (the usual case), or as a real child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from '@motcua/domain/config/config.ts';
import { startWorker, type WorkerHandle } from '../../engine-workers/src/worker.ts';
import { platform } from './platform.ts';

/**
 * A worker in this process. It also runs the job queue (the outbox relay, notification delivery) as production
 * does, unless `jobs: false` (tests that hold a divergence on purpose); never the schedules (a test reconciles
 * when it means to).
 */
export function startTestWorker(opts: { only?: string[]; jobs?: boolean } = {}): WorkerHandle {
  const p = platform();
  return startWorker({
    config: p.config,
    services: p.services,
    logger: p.logger,
    engineUrl: p.engine.url,
    only: opts.only,
    jobs: opts.jobs ?? true,
    schedules: false,
  });
}

/** A worker as its own OS process (`engine-workers/src/main.ts`), as production runs it. */
export function spawnWorkerProcess(env: Record<string, string>): ChildProcess & { output: () => string } {
  const p = platform();
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'engine-workers/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: p.appDatabaseUrl,
      ENGINE_URL: p.engine.url,
      DATA_DIR: p.config.dataDir,
      LOG_LEVEL: 'info',
      WORKER_LONG_POLL_MS: '1000',
      WORKER_POLL_INTERVAL_MS: '20',
      // its notifications go where the in-process ones go
      SMTP_URL: p.config.smtpUrl ?? '',
      SMS_PROVIDER_URL: p.config.smsProviderUrl ?? '',
      SMS_API_KEY: p.config.smsApiKey ?? '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  return Object.assign(child, { output: () => out });
}

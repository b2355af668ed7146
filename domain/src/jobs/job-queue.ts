/**
 * Background work on a PostgreSQL-backed job queue (graphile-worker): jobs are added inside the caller's
 * transaction (so a job exists exactly when the change that asked for it committed), claimed by one runner,
 * retried with exponential back-off, and cron items run once per schedule across every process.
 * The queue's schema (`graphile_worker`) lives in the application database.
 */
import { Logger as GraphileLogger, run, runMigrations, type Runner, type TaskList } from 'graphile-worker';
import type { DbOrTx } from '../db/db.ts';
import { moduleLogger, type Logger } from '../logging/logger.ts';

/** The jobs motcua queues, by name. */
export const JobName = {
  /** carry out the engine commands a request left pending (the outbox relay: a round every few seconds) */
  EngineCommands: 'engine-commands',
  /** deliver a notification on its channels (mail, SMS...) */
  DeliverNotification: 'deliver-notification',
  /** find and repair divergence between the dossiers and the engine */
  Reconcile: 'reconcile',
  /** remove uploads never used in a dossier */
  PurgeUploads: 'purge-uploads',
  /** remove rate-limit counters whose window ended */
  PurgeRateLimits: 'purge-rate-limits',
  /** fold the dossiers' count changes into the reports' counts */
  FoldReportCounts: 'fold-report-counts',
  /** follow the results sent by post: post those not handed over yet, ask after those on their way */
  TrackConsignments: 'track-consignments',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export interface AddJobOptions {
  /** run no earlier than this many seconds from now */
  delaySeconds?: number;
  /** a job with the same key replaces the waiting one (one job per key) */
  jobKey?: string;
  /** with `jobKey`: a waiting job keeps its run time (`preserve_run_at`) instead of taking this one (`replace`) */
  jobKeyMode?: 'replace' | 'preserve_run_at';
  /** jobs of one queue run one at a time, in order */
  queueName?: string;
  maxAttempts?: number;
}

/** Adds a job inside this transaction (or at once, outside one). */
export async function addJob(db: DbOrTx, name: JobName, payload: Record<string, unknown>, o: AddJobOptions = {}): Promise<void> {
  await db.raw(
    `select graphile_worker.add_job(?::text, ?::json, queue_name => ?::text, run_at => now() + make_interval(secs => ?), max_attempts => ?::int, job_key => ?::text, job_key_mode => ?::text)`,
    [name, JSON.stringify(payload), o.queueName ?? null, o.delaySeconds ?? 0, o.maxAttempts ?? 25, o.jobKey ?? null, o.jobKeyMode ?? 'replace'],
  );
}

/** Creates or updates the queue's schema. Safe from several processes at once. */
export async function installJobQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: graphileLogger(moduleLogger('job-queue')) });
}

function graphileLogger(log: Logger): GraphileLogger {
  return new GraphileLogger(() => (level, message, meta) => {
    const l = level === 'error' ? 'error' : level === 'warning' ? 'warn' : 'debug';
    log[l]({ ...(meta as object) }, message);
  });
}

export interface JobRunnerOptions {
  connectionString: string;
  /** job name → handler; a handler that throws is retried with back-off */
  tasks: Partial<Record<JobName, (payload: Record<string, unknown>) => Promise<void>>>;
  /** cron items: which job runs on which schedule (once per schedule across every runner) */
  schedules: { name: JobName; pattern: string }[];
  concurrency: number;
  /** how often jobs due later are looked for */
  pollIntervalMs: number;
  log: Logger;
  /** after the runner started, and each time it starts again (jobs that keep themselves going are queued anew) */
  onStart?: () => Promise<void>;
}

export interface JobRunner {
  stop(): Promise<void>;
}

/**
 * Starts a runner that takes jobs from the queue until stopped.
 *
 * PostgreSQL going away (killed, failing over, restarting) does not end the process: graphile-worker would
 * write a finished job's completion without awaiting it, and the completion failing would be an unhandled
 * rejection. Completions and failures are written in its batches instead, whose failure stops the runner
 * cleanly; the runner is then started again, with a pause that grows while the database does not answer. The
 * job whose completion was lost stays locked and is run again when its lock expires (handlers are idempotent).
 */
export async function startJobRunner(o: JobRunnerOptions): Promise<JobRunner> {
  const taskList: TaskList = {};
  for (const [name, handler] of Object.entries(o.tasks)) {
    taskList[name] = async (payload) => handler!((payload ?? {}) as Record<string, unknown>);
  }
  const options = {
    connectionString: o.connectionString,
    concurrency: o.concurrency,
    pollInterval: o.pollIntervalMs,
    noHandleSignals: true,
    taskList,
    // one job per schedule tick across every runner (graphile-worker's known_crontabs); a missed tick is not backfilled
    crontab: o.schedules.map((s) => `${s.pattern} ${s.name} ?id=${s.name}&jobKey=${s.name}&max=1`).join('\n'),
    logger: graphileLogger(o.log),
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  };
  let runner: Runner | undefined;
  let stopped = false;
  let again: NodeJS.Timeout | undefined;

  const begin = async (first: boolean): Promise<void> => {
    const started = await run(options);
    if (stopped) return void (await started.stop().catch(() => undefined));
    runner = started;
    void started.promise
      .catch(() => undefined)
      .then(() => {
        if (stopped || runner !== started) return;
        o.log.warn('the job runner stopped (its database went away); starting it again');
        startAgain(1000);
      });
    try {
      await o.onStart?.();
    } catch (err) {
      if (first) {
        runner = undefined;
        await started.stop().catch(() => undefined);
        throw err;
      }
      // started again while the database is still unsteady: the runner goes on, its next start queues them
      o.log.warn({ err }, 'the jobs that keep themselves going could not be queued again');
    }
  };
  const startAgain = (pauseMs: number) => {
    again = setTimeout(() => {
      begin(false).then(
        () => o.log.info('the job runner started again'),
        (err: unknown) => {
          o.log.warn({ err, nextInMs: Math.min(pauseMs * 2, 30_000) }, 'the job runner could not start again; trying later');
          if (!stopped) startAgain(Math.min(pauseMs * 2, 30_000));
        },
      );
    }, pauseMs);
  };

  await begin(true);
  return {
    async stop() {
      stopped = true;
      clearTimeout(again);
      await runner?.stop().catch(() => undefined);
    },
  };
}

/**
 * The external-task worker: subscribes every topic of the registry with long polling and bounded
 * parallelism, runs the background jobs of the queue (jobs.ts), and stops gracefully: no new fetches,
 * running handlers and jobs finish, then the database closes. Run more processes to scale.
 */
import os from 'node:os';
import { Client } from 'camunda-external-task-client-js';
import type { Config } from '@motcua/domain/config/config.ts';
import type { Logger } from '@motcua/domain/logging/logger.ts';
import { engineClientFrom, type Services } from '@motcua/domain/services.ts';
import { startJobRunner } from '@motcua/domain/jobs/job-queue.ts';
import { jobHandlers, schedules } from './jobs.ts';
import { runner } from './runner.ts';
import { topics } from './topics.ts';
import { sendThroughEngineClient } from './engine-calls.ts';
import { REQUEST_ID_VARIABLE } from '@motcua/domain/engine/engine.client.ts';

export interface WorkerHandle {
  workerId: string;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  config: Config;
  services: Services;
  logger: Logger;
  engineUrl: string;
  workerId?: string;
  /** only these topics (all when absent) */
  only?: string[];
  /** also run the background jobs (outbox relay, reconciliation, notification delivery, purges) */
  jobs?: boolean;
  /** with the jobs, also the scheduled ones (reconciliation, purges); tests run those on purpose */
  schedules?: boolean;
}

export function startWorker({
  config,
  services,
  logger,
  engineUrl,
  workerId = `${os.hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  only,
  jobs = true,
  schedules: withSchedules = true,
}: WorkerOptions): WorkerHandle {
  const log = logger.child({ module: 'worker', workerId });
  const client = new Client({
    baseUrl: engineUrl,
    workerId,
    asyncResponseTimeout: config.workerLongPollMs,
    maxTasks: config.workerMaxTasks,
    maxParallelExecutions: config.workerMaxTasks,
    lockDuration: config.workerLockMs,
    // long polling waits for work when there is none; under load, the pause gathers the tasks that become
    // ready meanwhile into one fetch (a fetch costs the engine as much as completing a task)
    interval: config.workerPollIntervalMs,
    autoPoll: false,
    usePriority: true,
  });
  sendThroughEngineClient(client, engineClientFrom(config, engineUrl), config.workerLongPollMs);
  const crashTopics = new Set(
    config.workerFaultExitBeforeComplete
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  for (const [topic, spec] of Object.entries(topics)) {
    if (only && !only.includes(topic)) continue;
    const handler = runner(topic, spec.create(services), {
      retries: config.workerRetries,
      retryBackoffMs: config.workerRetryBackoffMs,
      lockMs: config.workerLockMs,
      log,
      beforeComplete: crashTopics.has(topic)
        ? (t) => {
            log.warn({ topic: t }, 'fault injection: worker exits before completing the task');
            process.exit(137);
          }
        : undefined,
    });
    client.subscribe(topic, { lockDuration: config.workerLockMs, variables: [...spec.variables, REQUEST_ID_VARIABLE] }, handler);
  }
  // a fetch in flight when the process exits would still lock tasks to this worker in the engine (until the
  // lock expires): stop() waits for it to come back and runs what it brought
  let fetching = false;
  let fetchStartedAt = 0;
  client.on('poll:start', () => {
    fetching = true;
    fetchStartedAt = Date.now();
  });
  client.on('poll:success', () => (fetching = false));
  let lastPollError = 0;
  client.on('poll:error', (e) => {
    fetching = false;
    // an unreachable engine is retried by the poll loop; say so once in a while, not 50 times a second
    if (Date.now() - lastPollError > 30_000) log.warn({ err: e }, 'fetching tasks failed; retrying');
    lastPollError = Date.now();
  });
  client.start();
  log.info({ topics: only ?? Object.keys(topics), maxTasks: config.workerMaxTasks }, 'worker started');

  const jobRunner = jobs
    ? startJobRunner({
        connectionString: config.databaseUrl!,
        tasks: jobHandlers(services),
        schedules: withSchedules ? schedules : [],
        concurrency: config.jobConcurrency,
        pollIntervalMs: config.jobPollIntervalMs,
        log: log.child({ module: 'jobs' }),
        // the outbox relay's rounds (queued once across every runner), queued again when the runner starts again
        onStart: () => services.commands.scheduleRelay(),
      }).catch((err: unknown) => {
        log.fatal({ err }, 'the job runner did not start');
        throw err;
      })
    : undefined;

  return {
    workerId,
    async stop() {
      client.stop();
      await (await jobRunner?.catch(() => undefined))?.stop();
      const deadline = Date.now() + config.workerLongPollMs + 30_000;
      // (a poll skipped because all slots are busy starts no fetch: the flag then expires with the poll time)
      const inFlight = () => fetching && Date.now() - fetchStartedAt < config.workerLongPollMs + 5_000;
      while ((inFlight() || client.activeTasksCount > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      log.info('worker stopped');
    },
  };
}

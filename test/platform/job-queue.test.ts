/**
 * The job queue's runner outlives its database going away: a job that finished while PostgreSQL could not be
 * reached (killed, restarting) does not take the process down with it (graphile-worker would leave its
 * completion as an unhandled rejection), and the runner starts again once PostgreSQL answers. The database
 * goes away for real: the runner reaches it through a TCP relay whose connections are cut.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { addJob, startJobRunner, type JobName, type JobRunner } from '@motcua/domain/jobs/job-queue.ts';
import { moduleLogger } from '@motcua/domain/logging/logger.ts';
import { eventually } from '../support/http.ts';
import { platform } from '../support/platform.ts';

/** A TCP relay to PostgreSQL that can drop every connection and refuse new ones until healed. */
async function startRelay(target: URL) {
  const open = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop).pipe(upstream);
    upstream.on('error', drop).on('close', drop).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = new URL(target.href);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.href,
    cut() {
      down = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    heal: () => (down = false),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('the job queue when its database goes away', function () {
  const name = 'test-database-outage' as JobName;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let runner: JobRunner | undefined;
  after(async () => {
    await runner?.stop();
    await relay?.close();
  });

  it('keeps the process alive when a job ends with the database gone, and runs the next job once it is back', async () => {
    const p = platform();
    // what would end a production process (Node's default for an unhandled rejection)
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    relay = await startRelay(new URL(p.config.databaseUrl!));
    const ran: string[] = [];
    let starts = 0;
    runner = await startJobRunner({
      connectionString: relay.url,
      tasks: {
        [name]: async (payload: Record<string, unknown>) => {
          ran.push(String(payload.n));
          // the database goes away while the job runs: its completion cannot be written
          if (payload.n === 1) relay.cut();
        },
      },
      schedules: [],
      concurrency: 1,
      pollIntervalMs: 200,
      log: moduleLogger('test-jobs'),
      onStart: async () => void starts++,
    });
    await addJob(p.db, name, { n: 1 });
    await eventually(async () => ran.includes('1'), 'the first job run');
    await new Promise((r) => setTimeout(r, 1500));
    relay.heal();
    await addJob(p.db, name, { n: 2 });
    await eventually(async () => ran.includes('2'), 'the next job, run by the runner started again', 60_000, 200);
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled.map(String), 'unhandled rejections').to.deep.equal([]);
    expect(starts, 'started, and started again (jobs that keep themselves going queued anew)').to.equal(2);
    expect(ran.filter((n) => n === '2')).to.have.length(1);
    // the first job's completion was lost with the connection: the job is still in the queue (run again when
    // its lock expires), not lost
    const [kept] = (
      await p.db.raw(
        `select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = ? and j.payload->>'n' = '1'`,
        [name],
      )
    ).rows;
    expect(kept.n, 'the first job, still queued').to.equal(1);
    await p.db.raw(`delete from graphile_worker._private_jobs where task_id = (select id from graphile_worker._private_tasks where identifier = ?)`, [name]);
  });
});

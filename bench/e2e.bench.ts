/**
 * `npm run bench`: N birth-registration dossiers through the whole platform (citizen submissions and the
 * officers' three steps through the api; the api and a worker as their own processes, as in production),
 * and the same BPMN driven straight through the engine's REST API with no application logic: both warmed up,
 * then measured in the order ours (N/2), raw (N), ours (N/2), so that both meet the engine's JIT alike.
 * Then, with BENCH_STORED (default 1,000,000) finished dossiers stored in both databases (stored-dossiers.ts),
 * the platform's run again. Prints throughput, submission latency, CPU per dossier per process and the ratio
 * ours / raw engine; the last line is machine-readable (submit_p95_ms: at 70 % of the measured capacity):
 *   bench e2e_per_s=<n> raw_per_s=<n> ratio=<r> submit_p95_ms=<n> cpu_ms_per_dossier=<n> e2e_per_s_1m=<n>
 * (cpu_ms_per_dossier: every process but PostgreSQL; e2e_per_s_1m: the rate with the dossiers stored)
 * Environment: BENCH_DOSSIERS (default 400), BENCH_CONCURRENCY (default 16), BENCH_WORKERS (default 2), BENCH_APIS (default 1),
 * BENCH_WARMUP (default 300, each side, then on until the engine's JIT compiler settles, at most BENCH_WARMUP_MAX, default 1,200), BENCH_REWARM (dossiers through the api and workers started again between measured runs, default 50), BENCH_NODE_ARGS (node flags for the api and workers, e.g. to profile them),
 * BENCH_LOAD (submission latency measured with submissions at this fraction of the measured capacity, default 0.7; 0: not),
 * BENCH_LOAD_DOSSIERS (default 150), BENCH_ENGINE_CALLS=1 (count the engine REST calls per dossier, through a proxy: not for figures), BENCH_ONLY (ours | raw: one side only), BENCH_REUSE=1 (the last run's databases, not new ones), BENCH_STORED (dossiers stored for the second run; 0: none),
 * BENCH_STORED_HISTORY (how many of those keep their engine history, default 100,000), BENCH_PG_STATS=<n> (the n statements PostgreSQL spent most time on, by
 * pg_stat_statements, embedded PostgreSQL only), ENGINE_FLAVOR, DATABASE_URL (else an embedded PostgreSQL under .data/bench-postgres).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, repoRoot } from '@motcua/domain/config/config.ts';
import { bootPlatform } from '../platform/src/boot.ts';
import { externalPostgres, startEmbeddedPostgres, withDatabase } from '../platform/src/postgres.ts';
import { percentile } from './http-session.ts';
import { freePort, say, untilHealthy } from './helpers.ts';
import { CpuMeter, cpuMs, formatCpu, jvmThreadsCpuMs } from './cpu.ts';
import { storeFinishedDossiers } from './stored-dossiers.ts';
import { countEngineCalls } from './engine-calls.ts';
import { benchRaw } from './raw-engine.ts';
import { benchOurs, officerMs, sayLatencies } from './ours.ts';
import { createDb } from '@motcua/domain/db/db.ts';

const N = Number(process.env.BENCH_DOSSIERS ?? 400);
/**
 * dossiers run through each path before measuring: the engine's JIT needs a few hundred dossiers to reach its
 * steady state (measured: the engine's CPU per dossier halves between the first 40 and the next 300)
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
/**
 * the warm-up goes on past BENCH_WARMUP, 100 at a time, until the engine's JIT compiler takes at most a tenth of
 * the engine's CPU (a long-running engine's state), or BENCH_WARMUP_MAX (default 1,200) have run
 */
const WARMUP_MAX = Number(process.env.BENCH_WARMUP_MAX ?? 1200);
/** dossiers through the api and workers after they are started again between the measured runs (their code warms, the engine's is) */
const REWARM = Number(process.env.BENCH_REWARM ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
/** api processes (BENCH_APIS), each on its own port, the load spread over them as a balancer would */
const APIS = Number(process.env.BENCH_APIS ?? 1);
/** extra node flags for the api and worker processes, e.g. `--cpu-prof --cpu-prof-dir=bench-results/prof` */
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const PG_STATS = Number(process.env.BENCH_PG_STATS ?? 0);
const REUSE = process.env.BENCH_REUSE === '1';
const STORED = Number(process.env.BENCH_STORED ?? 1_000_000);
/**
 * how many of the stored dossiers keep their history in the engine: about 140 kB each there (100 rows of
 * activities, variables, jobs, tasks), so a million would need 140 GB; the rest are as a history time-to-live
 * would leave them, their history gone from the engine
 */
const STORED_HISTORY = Number(process.env.BENCH_STORED_HISTORY ?? 100_000);
/**
 * the load at which submission latency is measured, as a fraction of the capacity the run just measured
 * (BENCH_LOAD, default 0.7: a busy hour with headroom), and how many dossiers (BENCH_LOAD_DOSSIERS); 0: not measured
 */
const LOAD = Number(process.env.BENCH_LOAD ?? 0.7);
const LOAD_N = Number(process.env.BENCH_LOAD_DOSSIERS ?? 150);
/** issue 17's targets on a 2-core machine */
const TARGET = { ratio: 0.6, cpuMsPerDossier: 90, submitP95Ms: 300, storedRatio: 0.9 };

/**
 * Of the engine's CPU, what its JIT compiler and garbage collector took: a JVM compiles its hot code for
 * minutes after it starts, and the side measured later finds more of it compiled (on 2 Dec the same model
 * cost the engine 99 ms an instance after our side's run, 174 ms on an engine that had run only its warm-up).
 */
function sayJvm(jvm: { jit: number; gc: number } | undefined, n: number): void {
  if (jvm) say(`  of the engine's: JIT compiler ${(jvm.jit / n).toFixed(0)} ms, garbage collector ${(jvm.gc / n).toFixed(0)} ms per item`);
}

/** PostgreSQL's CPU by the database each backend serves (the platform's, the engine's), per item. */
function sayPostgres(cpu: CpuMeter, spent: Record<string, number>, n: number): void {
  const byDb = cpu.childrenEnd('postgres', spent.postgres);
  const parts = Object.entries(byDb).sort((a, b) => b[1] - a[1]);
  if (parts.length) say(`  of PostgreSQL's: ${parts.map(([k, v]) => `${k} ${(v / n).toFixed(0)}`).join(', ')} ms per item`);
}

/** Where PostgreSQL's time went during the measured run: the statements it spent most time on, per dossier. */
async function printStatements(db: import('knex').Knex, n: number): Promise<void> {
  const { rows } = await db.raw(
    `select d.datname as db, s.calls, s.total_exec_time as ms, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 140) as query
       from pg_stat_statements s join pg_database d on d.oid = s.dbid order by s.total_exec_time desc limit ?`,
    [PG_STATS],
  );
  const total = await db.raw('select sum(total_exec_time) as ms, sum(calls) as calls from pg_stat_statements');
  const byDb = await db.raw(
    'select d.datname as db, sum(s.total_exec_time) as ms, sum(s.calls) as calls from pg_stat_statements s join pg_database d on d.oid = s.dbid group by 1 order by 1',
  );
  say(
    `  PostgreSQL: ${(total.rows[0].ms / n).toFixed(1)} ms of statements and ${(total.rows[0].calls / n).toFixed(0)} statements per dossier (${(
      byDb.rows as { db: string; ms: number; calls: string }[]
    )
      .map((r) => `${r.db}: ${(r.ms / n).toFixed(1)} ms, ${(Number(r.calls) / n).toFixed(0)}`)
      .join('; ')}); the most costly:`,
  );
  const line = (r: { db: string; calls: string; ms: number; query: string }) =>
    say(
      `    ${(r.ms / n).toFixed(2).padStart(6)} ms ${(Number(r.calls) / n).toFixed(1).padStart(5)}× ${r.db.replace('motcua_bench', '') || '_app'} ${r.query}`,
    );
  (rows as Parameters<typeof line>[0][]).forEach(line);
  // the platform's own statements, the most frequent first: round trips its code could spare
  const frequent = await db.raw(
    `select d.datname as db, s.calls, s.total_exec_time as ms, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 140) as query
       from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = current_database() order by s.calls desc limit ?`,
    [PG_STATS],
  );
  say("  the platform database's most frequent statements:");
  (frequent.rows as Parameters<typeof line>[0][]).forEach(line);
}

async function main() {
  const flavor = (process.env.ENGINE_FLAVOR ?? 'operaton') as 'operaton' | 'camunda';
  const base = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const logs = path.join(repoRoot, 'bench-results', 'logs');
  fs.mkdirSync(logs, { recursive: true });
  say(`motcua bench: ${N} dossiers, ${CONCURRENCY} in flight, ${APIS} api and ${WORKERS} worker process(es), ${flavor} engine, ${os.cpus().length} cores`);
  const postgres = base.databaseUrl
    ? externalPostgres(base.databaseUrl)
    : await startEmbeddedPostgres({
        dir: path.join(base.dataDir, 'bench-postgres'),
        port: await freePort(),
        password: 'motcua-bench',
        settings: PG_STATS ? ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all'] : [],
      });
  const platform = await bootPlatform({
    config: { ...base, dbPoolMax: 20 },
    flavor,
    postgres,
    appDatabase: 'motcua_bench',
    engineDatabase: 'motcua_bench_engine',
    // BENCH_REUSE=1: the databases as the last run left them (with its stored dossiers), to look at them again
    fresh: !REUSE,
    enginePort: await freePort(),
    engineLogFile: path.join(logs, 'engine.log'),
    jobMaxWaitMs: 10_000,
    seedDemo: true,
    log: (l) => say(`  ${l}`),
  });
  // BENCH_ENGINE_CALLS=1: the api's and workers' engine calls go through a proxy that counts them
  const calls = process.env.BENCH_ENGINE_CALLS === '1' ? await countEngineCalls(platform.engine.url) : undefined;
  const apiPorts = await Promise.all(Array.from({ length: APIS }, () => freePort()));
  const env = {
    ...process.env,
    DATABASE_URL: platform.appDatabaseUrl,
    ENGINE_URL: calls?.url ?? platform.engine.url,
    LOG_LEVEL: 'warn',
    DATA_DIR: base.dataDir,
    SUBMIT_RATE_LIMIT: '1000000',
    LOGIN_RATE_LIMIT: '100000',
    DB_POOL_MAX: '20',
  };
  const children: ChildProcess[] = [];
  // a bench that dies on an error (an officer's request refused) leaves no api or worker behind polling
  process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));
  const run = (name: string, entry: string, extra: Record<string, string> = {}) => {
    const out = fs.openSync(path.join(logs, `${name}.log`), 'w');
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], { cwd: repoRoot, env: { ...env, ...extra }, stdio: ['ignore', out, out] });
    children.push(child);
    return child;
  };
  const stopChildren = () =>
    Promise.all(children.splice(0).map((c) => new Promise<void>((r) => (c.exitCode !== null ? r() : (c.once('exit', () => r()), c.kill('SIGTERM'))))));
  const apiBases = apiPorts.map((p) => `http://127.0.0.1:${p}`);
  /** the api and the workers as their own processes, ready; a meter of the CPU of all the platform's processes */
  const startOurs = async () => {
    const apis = apiPorts.map((p, i) => run(APIS > 1 ? `api-${i}` : 'api', 'api/src/server.ts', { API_PORT: String(p) }));
    const workers = process.env.BENCH_ONLY !== 'raw' ? Array.from({ length: WORKERS }, (_, i) => run(`worker-${i}`, 'engine-workers/src/main.ts')) : [];
    for (const apiBase of apiBases) await untilHealthy(apiBase);
    return () =>
      new CpuMeter({
        engine: { pid: platform.engine.process.pid, jvm: true },
        postgres: { pid: postgres.pid, children: true },
        ...Object.fromEntries(apis.map((a, i) => [APIS > 1 ? `api-${i}` : 'api', { pid: a.pid }])),
        ...Object.fromEntries(workers.map((w, i) => [`worker-${i}`, { pid: w.pid }])),
      });
  };
  try {
    let meter = await startOurs();
    // the birth registration's model, as the platform side runs it
    const version = await platform
      .db('procedure_versions as v')
      .join('procedures as p', 'p.id', 'v.procedure_id')
      .where({ 'v.status': 'published', 'p.code': '1.001193' })
      .first('v.engine_process_definition_id');
    const only = process.env.BENCH_ONLY;
    const runRaw = (n: number) => benchRaw(platform.engine.url, base.engineUser, base.enginePassword, version.engine_process_definition_id, n, CONCURRENCY);

    /** the platform's run of n dossiers, measured; `stats`: PostgreSQL's statements and the engine calls of this run */
    const measureOurs = async (label: string, n: number, stats: boolean) => {
      say(`running the platform end to end (${label}), ${n} dossiers...`);
      if (stats && PG_STATS) await platform.db.raw('create extension if not exists pg_stat_statements; select pg_stat_statements_reset()');
      for (const l of Object.values(officerMs)) l.length = 0;
      const cpu = meter();
      if (stats) calls?.reset();
      cpu.begin();
      const run = await benchOurs(apiBases, platform.db, n, { concurrency: CONCURRENCY });
      const spent = cpu.end();
      const jvm = cpu.jvmEnd().engine;
      say(`  ${n} dossiers returned in ${run.seconds.toFixed(1)} s: ${run.perS.toFixed(1)} dossiers/s end to end`);
      sayLatencies(run.submitMs);
      say(`  CPU: ${formatCpu(spent, n)}`);
      sayJvm(jvm, n);
      sayPostgres(cpu, spent, n);
      if (stats && PG_STATS) await printStatements(platform.db, n);
      if (stats && calls) {
        const counted = calls.counts();
        say(`  engine REST calls per dossier: ${(counted.reduce((a, [, k]) => a + k, 0) / n).toFixed(1)}`);
        for (const [call, k] of counted.slice(0, 20)) say(`    ${(k / n).toFixed(2).padStart(6)} ${call}`);
      }
      return { ...run, n, spent, jvm };
    };
    /** the same BPMN through the engine alone, n instances, measured (our workers stopped: they would take its external tasks) */
    const measureRaw = async (n: number) => {
      say(`running the same BPMN through the engine REST API alone, ${n} instances...`);
      if (PG_STATS) await platform.db.raw('create extension if not exists pg_stat_statements; select pg_stat_statements_reset()');
      const cpu = meter();
      cpu.begin();
      const run = await runRaw(n);
      const spent = cpu.end();
      const jvm = cpu.jvmEnd().engine;
      say(`  ${n} instances finished in ${run.seconds.toFixed(1)} s: ${run.perS.toFixed(1)} instances/s`);
      say(`  CPU: ${formatCpu(spent, n)}`);
      sayJvm(jvm, n);
      sayPostgres(cpu, spent, n);
      if (PG_STATS) await printStatements(platform.db, n);
      return { ...run, spent, jvm };
    };
    /** the api and workers started again and warmed up a little (their own code: the engine's is warm) */
    const restartOurs = async () => {
      meter = await startOurs();
      await benchOurs(apiBases, platform.db, REWARM, { concurrency: CONCURRENCY });
    };

    // Both sides share one engine, and a JVM compiles its hot code for minutes after it starts: measured one
    // after the other, the second side finds the engine's code compiled by the first (on 2 Dec, the same model
    // cost the engine 99 ms of CPU an instance after our side's run, 174 ms after its warm-up alone; during our
    // side's run the JIT compiler took 75 ms a dossier, during the bare engine's after it 15). So both sides
    // warm up first, then are measured in the order ours (half), raw, ours (half): each side meets the JIT as
    // far along as the other on average.
    /** runs `batch` 100 at a time: at least WARMUP, then until the engine's JIT settles (at most WARMUP_MAX) */
    const warmUp = async (what: string, batch: (n: number) => Promise<unknown>) => {
      const pid = platform.engine.process.pid;
      const most = Math.max(WARMUP, WARMUP_MAX);
      for (let done = 0; done < most;) {
        const [cpu0, jvm0] = [cpuMs(pid), jvmThreadsCpuMs(pid)];
        const n = Math.min(100, most - done);
        await batch(n);
        done += n;
        const [cpu1, jvm1] = [cpuMs(pid), jvmThreadsCpuMs(pid)];
        const engine = cpu0 !== undefined && cpu1 !== undefined ? (cpu1 - cpu0) / n : Number.NaN;
        const jit = jvm0 && jvm1 ? (jvm1.jit - jvm0.jit) / n : Number.NaN;
        say(`  warm-up, ${what}: ${done}; the engine ${engine.toFixed(0)} ms each, of which its JIT compiler ${jit.toFixed(0)} ms`);
        if (done >= WARMUP && !(jit > engine / 10)) break;
      }
    };
    if (WARMUP > 0) {
      say(
        `warming up: at least ${WARMUP} dossiers${only ? '' : ` and ${WARMUP} instances through the engine alone`}, until the engine's JIT compiler settles...`,
      );
      if (only !== 'raw') await warmUp('dossiers', (n) => benchOurs(apiBases, platform.db, n, { concurrency: CONCURRENCY }));
    }
    let ours: Awaited<ReturnType<typeof measureOurs>>;
    let raw = { perS: Number.NaN, seconds: 0 };
    let rawSpent: Record<string, number> = {};
    let rawJvm: { jit: number; gc: number } | undefined;
    const label = REUSE ? 'the databases as the last run left them' : 'empty databases';
    if (only === 'ours') ours = await measureOurs(label, N, true);
    else {
      await stopChildren();
      if (WARMUP > 0) await warmUp('raw instances', runRaw);
      let first: Awaited<ReturnType<typeof measureOurs>> | undefined;
      if (!only) {
        await restartOurs();
        first = await measureOurs(`${label}, first half`, Math.floor(N / 2), false);
        await stopChildren();
      }
      const r = await measureRaw(N);
      raw = r;
      rawSpent = r.spent;
      rawJvm = r.jvm;
      if (only === 'raw') ours = { perS: 1, submitMs: [0], seconds: 1, n: N, spent: {}, jvm: undefined };
      else {
        await restartOurs();
        const second = await measureOurs(`${label}, second half`, N - first!.n, true);
        const seconds = first!.seconds + second.seconds;
        const spent = Object.fromEntries(Object.keys(second.spent).map((k) => [k, (first!.spent[k] ?? 0) + second.spent[k]!]));
        const jvm = first!.jvm && second.jvm ? { jit: first!.jvm.jit + second.jvm.jit, gc: first!.jvm.gc + second.jvm.gc } : undefined;
        ours = { perS: N / seconds, submitMs: [...first!.submitMs, ...second.submitMs], seconds, n: N, spent, jvm };
        say(`ours, both halves: ${N} dossiers in ${seconds.toFixed(1)} s: ${ours.perS.toFixed(2)} dossiers/s end to end`);
        sayLatencies(ours.submitMs, false);
        say(`  CPU: ${formatCpu(spent, N)}`);
        sayJvm(jvm, N);
      }
    }
    const oursSpent = ours.spent;
    // what a citizen waits: submissions at a steady rate below the capacity just measured (back to back, a
    // submission waits for the ones queued before it: 16 in flight at r per second take 16 / r seconds)
    let loaded: { perS: number; submitMs: number[] } | undefined;
    if (only !== 'raw' && LOAD > 0) {
      const perS = ours.perS * LOAD;
      say(`submissions at a steady ${perS.toFixed(2)} per second (${(LOAD * 100).toFixed(0)} % of that capacity), ${LOAD_N} dossiers...`);
      for (const l of Object.values(officerMs)) l.length = 0;
      loaded = { perS, submitMs: (await benchOurs(apiBases, platform.db, LOAD_N, { perS })).submitMs };
      sayLatencies(loaded.submitMs);
    }
    await stopChildren();

    let stored: Awaited<ReturnType<typeof measureOurs>> | undefined;
    if (STORED > 0 && process.env.BENCH_ONLY !== 'raw') {
      say(`storing ${STORED.toLocaleString('en')} finished dossiers in both databases (copies of those just run)...`);
      const engineDb = createDb(withDatabase(postgres.serverUrl, 'motcua_bench_engine'), 4);
      try {
        await storeFinishedDossiers({ app: platform.db, engine: engineDb, target: STORED, withHistory: STORED_HISTORY, say });
        // a city's database that grew over years is vacuumed and analysed; one just filled in bulk is not, and
        // autovacuum would work through it during the measurement (PostgreSQL's CPU per dossier doubled in it)
        const t = performance.now();
        for (const db of [platform.db, engineDb]) await db.raw('vacuum (analyze)');
        // and the gigabytes just written are flushed now, not by the checkpointer during the measurement (needs a superuser)
        await platform.db.raw('checkpoint').catch((e: Error) => say(`  (no checkpoint: ${e.message})`));
        say(`  both databases vacuumed, analysed and checkpointed (${((performance.now() - t) / 1000).toFixed(0)} s)`);
      } finally {
        await engineDb.destroy();
      }
      // the reconciler (every minute) over the day just stored: one pass as every pass was before it kept marks
      // (the whole window read from the engine's history), then one from the marks that pass left
      await platform.db('reconciler_marks').delete();
      for (const how of ['over the whole window, as before its marks', 'from its marks, as now']) {
        const t = performance.now();
        const r = await platform.services.reconciler.reconcile();
        say(`  a reconciler pass ${how}: ${(performance.now() - t).toFixed(0)} ms, ${r.looked.instances} instances and ${r.looked.tasks} tasks read`);
      }
      // the api and workers again, warmed up as before
      meter = await startOurs();
      if (WARMUP > 0) await benchOurs(apiBases, platform.db, WARMUP, { concurrency: CONCURRENCY });
      stored = await measureOurs(`${STORED.toLocaleString('en')} dossiers stored`, N, true);
      await stopChildren();
    }

    const ratio = ours.perS / raw.perS;
    const p95AtCapacity = percentile(ours.submitMs, 95);
    const p95 = loaded ? percentile(loaded.submitMs, 95) : p95AtCapacity;
    const cpuPerDossier = Object.entries(oursSpent)
      .filter(([k]) => k !== 'postgres')
      .reduce((a, [, v]) => a + v / N, 0);
    const storedRatio = stored ? stored.perS / ours.perS : undefined;
    say(
      `target: ratio >= ${TARGET.ratio}, CPU outside PostgreSQL <= ${TARGET.cpuMsPerDossier} ms per dossier, submission p95 <= ${TARGET.submitP95Ms} ms, with the dossiers stored >= ${TARGET.storedRatio} x empty`,
    );
    say(
      `result: ratio ${ratio.toFixed(2)} ${ratio >= TARGET.ratio ? 'meets' : 'misses'}, CPU ${cpuPerDossier.toFixed(0)} ms ${cpuPerDossier <= TARGET.cpuMsPerDossier ? 'meets' : 'misses'}, p95 ${p95.toFixed(0)} ms ${p95 <= TARGET.submitP95Ms ? 'meets' : 'misses'}${loaded ? ` at ${(LOAD * 100).toFixed(0)} % load (${p95AtCapacity.toFixed(0)} ms at capacity)` : ''}, stored ${storedRatio === undefined ? 'not run' : `${storedRatio.toFixed(2)} x ${storedRatio >= TARGET.storedRatio ? 'meets' : 'misses'}`}`,
    );
    const results = {
      at: new Date().toISOString(),
      flavor,
      n: N,
      concurrency: CONCURRENCY,
      workers: WORKERS,
      apis: APIS,
      cores: os.cpus().length,
      e2ePerS: ours.perS,
      rawPerS: raw.perS,
      ratio,
      submitP50Ms: percentile(ours.submitMs, 50),
      submitP95Ms: p95,
      submitP95MsAtCapacity: p95AtCapacity,
      load: loaded ? { fraction: LOAD, perS: loaded.perS, dossiers: LOAD_N, submitP50Ms: percentile(loaded.submitMs, 50) } : null,
      cpuMsPerDossier: Object.fromEntries(Object.entries(oursSpent).map(([k, v]) => [k, v / N])),
      cpuMsPerDossierOutsidePostgres: cpuPerDossier,
      stored: stored ? { dossiers: STORED, e2ePerS: stored.perS, submitP95Ms: percentile(stored.submitMs, 95) } : null,
      rawCpuMsPerInstance: Object.fromEntries(Object.entries(rawSpent).map(([k, v]) => [k, v / N])),
      engineJitMs: { perDossier: ours.jvm ? ours.jvm.jit / N : null, perRawInstance: rawJvm ? rawJvm.jit / N : null },
    };
    fs.writeFileSync(path.join(repoRoot, 'bench-results', `e2e-${flavor}.json`), JSON.stringify(results, null, 2));
    say(
      `bench e2e_per_s=${ours.perS.toFixed(2)} raw_per_s=${raw.perS.toFixed(2)} ratio=${ratio.toFixed(2)} submit_p95_ms=${p95.toFixed(0)} cpu_ms_per_dossier=${cpuPerDossier.toFixed(0)} e2e_per_s_1m=${stored ? stored.perS.toFixed(2) : 'n/a'}`,
    );
  } finally {
    await stopChildren();
    await calls?.close();
    await platform.stop();
    await postgres.stop();
  }
}

await main();

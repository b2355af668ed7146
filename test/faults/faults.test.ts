/**
 * The fault suite (issue 12): hundreds of birth registrations driven through the api and worker processes,
 * while, in turn, a worker, the api, one of two engine nodes and PostgreSQL itself are killed with SIGKILL.
 * After recovery every dossier is returned exactly once: no lost dossier, no duplicated code, one receipt, one
 * signed result and each notification once per dossier, and every dossier's status is its engine state.
 * Prints one line: faults dossiers=<n> kills=<n> recovered_s=<max> lost=<n> duplicated=<n> diverged=<n>
 * Environment: FAULTS_DOSSIERS (default 500).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import knexFactory from 'knex';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { artifactsDir, platform } from '../support/platform.ts';
import { samplePdf, buildBirthRegistration, BIRTH_REGISTRATION } from '../support/dossiers.ts';
import { FaultCluster } from './cluster.ts';
import { PatientSession, sleep } from './client.ts';

const N = Number(process.env.FAULTS_DOSSIERS ?? 500);
/** dossiers submitted but not yet returned, at most: a steady flow, so that each kill meets every stage */
const OPEN_MAX = 48;
const SUBMITTERS = 8;
const TARGET = { workerTaskBackS: 15, apiChangeSettledS: 60 };

const dir = path.join(artifactsDir, 'faults');
const logFile = path.join(artifactsDir, 'logs', 'faults.log');
function say(line: string): void {
  const text = `      [faults] ${new Date().toISOString().slice(11, 23)} ${line}\n`;
  fs.appendFileSync(logFile, text);
  process.stderr.write(text);
}

interface TaskItem {
  id: string;
  stepKey: string;
  dossier: { id: string } | null;
}

(process.env.ENGINE_FLAVOR === 'camunda' ? describe.skip : describe)('faults: kills during a run of dossiers', function () {
  this.timeout(20 * 60_000);
  let cluster: FaultCluster | undefined;
  let testDb: import('knex').Knex | undefined;

  before(async function () {
    this.timeout(10 * 60_000);
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    fs.writeFileSync(logFile, '');
    const p = platform();
    cluster = new FaultCluster({ flavor: p.flavor, base: p.config, dir, log: say, workers: 2 });
    const started = Date.now();
    await cluster.start();
    say(
      `cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s: api ${cluster.apiBase}, engine nodes ${cluster.enginePorts.join(', ')} behind ${cluster.balancer.url}, PostgreSQL on ${cluster.pgPort}`,
    );
  });

  after(async function () {
    this.timeout(120_000);
    await testDb?.destroy().catch(() => {});
    await cluster?.stop();
  });

  it(`returns every one of ${N} dossiers exactly once through worker, api, engine-node and PostgreSQL kills`, async () => {
    const c = cluster!;
    // the test's own connection pool, quiet while PostgreSQL is down
    const db = knexFactory({
      client: 'pg',
      connection: { connectionString: c.booted.appDatabaseUrl, application_name: 'faults-test' },
      pool: { min: 0, max: 4 },
      log: { warn() {}, error() {}, debug() {}, deprecate() {} },
    });
    testDb = db;
    const engineAuth = 'Basic ' + Buffer.from(`${c.o.base.engineUser}:${c.o.base.enginePassword}`).toString('base64');
    /** the engine REST API through the balancer, patiently (a node or the database may be down) */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- engine answers of many shapes
    const engine = async <T = any>(method: string, p: string, body?: unknown): Promise<T> => {
      const deadline = Date.now() + 180_000;
      for (;;) {
        try {
          const res = await fetch(c.balancer.url + p, {
            method,
            headers: { authorization: engineAuth, 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: AbortSignal.timeout(20_000),
          });
          const text = await res.text();
          if (res.status === 404) return undefined as T;
          if (res.ok) return (text ? JSON.parse(text) : undefined) as T;
          if (Date.now() > deadline) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
        } catch (e) {
          if (Date.now() > deadline) throw e;
        }
        await sleep(250);
      }
    };
    const successfulExternalTasks = async () => (await engine<{ count: number }>('GET', '/history/external-task-log/count?successLog=true')).count;

    const base = c.apiBase;
    const [citizen, reception, specialist, leader] = await Promise.all(
      ['congdan', 'tiepnhan.benthanh', 'chuyenvien.benthanh', 'lanhdao.benthanh'].map((u) => PatientSession.login(base, u, DEMO_PASSWORD)),
    );
    const unitId = c.booted.demo!.benThanh.id;
    const runStarted = Date.now();

    // --- progress, as the database tells it (kept at its last value while PostgreSQL is down) ---
    let returned = 0;
    let finished = false;
    const progress = (async () => {
      while (!finished) {
        try {
          const row = (await db('dossiers').where({ status: 10 }).count({ n: '*' }).first()) as { n: number };
          returned = Number(row.n);
        } catch {
          /* PostgreSQL is down: the last value stands */
        }
        await sleep(250);
      }
    })();
    const reporter = setInterval(
      () =>
        say(
          `submitted=${submitted} returned=${returned} completions=${completions} retries=${citizen!.retries + reception!.retries + specialist!.retries + leader!.retries} balancer=${JSON.stringify(c.balancer.stats)}`,
        ),
      5_000,
    );

    // --- officers: take and decide the tasks of their step, pressing again when the platform fails them ---
    let completions = 0;
    let goneAnswers = 0;
    let lastCompletionAt = 0;
    const surprises: string[] = [];
    const officerLoop = async (s: PatientSession, step: string, body: Record<string, unknown>) => {
      const busy = new Set<string>();
      while (!finished) {
        const page = await s
          .get<{ items: TaskItem[] }>('/api/tasks?limit=50')
          .catch((e: Error) => ({ status: 0, body: { items: [] as TaskItem[] }, error: e }));
        if (page.status !== 200) {
          surprises.push(`${step} list: ${page.status} ${JSON.stringify(page.body).slice(0, 200)}`);
          await sleep(500);
          continue;
        }
        const fresh = page.body.items.filter((t) => t.stepKey === step && t.dossier && !busy.has(t.id));
        await Promise.all(
          fresh.slice(0, 16).map(async (t) => {
            busy.add(t.id);
            try {
              const claimed = await s.post(`/api/tasks/${t.id}/claim`);
              if (claimed.status === 404) return; // done meanwhile (an earlier attempt, carried out by the relay)
              if (claimed.status !== 204) {
                surprises.push(`${step} claim ${t.id}: ${claimed.status} ${JSON.stringify(claimed.body).slice(0, 200)}`);
                return;
              }
              const completed = await s.post(`/api/tasks/${t.id}/complete`, body);
              if (completed.status === 200) {
                completions++;
                lastCompletionAt = Date.now();
              } else if (completed.status === 404 || (completed.status === 409 && completed.body?.code === 'task_gone')) {
                // a repeated completion of a task the first attempt completed (or a refusal the reconciler repairs)
                goneAnswers++;
              } else surprises.push(`${step} complete ${t.id}: ${completed.status} ${JSON.stringify(completed.body).slice(0, 200)}`);
            } catch (e) {
              surprises.push(`${step} ${t.id}: ${(e as Error).message}`);
            } finally {
              busy.delete(t.id);
            }
          }),
        );
        await sleep(250);
      }
    };
    const officers = [
      officerLoop(reception!, 'reception', { decision: 'accept', note: 'Hồ sơ đầy đủ' }),
      officerLoop(specialist!, 'review', { decision: 'approve', opinion: 'Đủ điều kiện đăng ký khai sinh' }),
      officerLoop(leader!, 'approval', { decision: 'approve', note: 'Đồng ý' }),
    ];

    // --- the citizen submits, with an Idempotency-Key so that pressing again never makes a second dossier ---
    const keys: string[] = Array.from({ length: N }, (_, i) => `faults-${runStarted.toString(36)}-${i}`);
    const answeredIds = new Map<string, string>();
    let submitted = 0;
    let nextIndex = 0;
    const pdf = samplePdf();
    const data = JSON.stringify(buildBirthRegistration());
    const submitters = Promise.all(
      Array.from({ length: SUBMITTERS }, async () => {
        while (nextIndex < N) {
          while (submitted - returned >= OPEN_MAX) await sleep(100);
          if (nextIndex >= N) break; // another submitter took the last one while this one waited
          const i = nextIndex++;
          const form = new FormData();
          form.set('procedureCode', BIRTH_REGISTRATION);
          form.set('orgUnitId', unitId);
          form.set('data', data);
          form.set('birthCertificate', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), `giay-chung-sinh-${i}.pdf`);
          const res = await citizen!.post<{ id: string }>('/api/dossiers', form, { 'idempotency-key': keys[i]! });
          if (res.status !== 201) surprises.push(`submit ${i}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
          else answeredIds.set(keys[i]!, res.body.id);
          submitted++;
        }
      }),
    );

    // --- the kills, in turn, each once the run is well under way and the previous one recovered from ---
    const recoveries: Record<string, number> = {};
    const untilReturned = async (n: number) => {
      while (returned < n) await sleep(100);
    };
    const chaos = (async () => {
      // 1. a worker, while it holds tasks: they are back in work when their lock expires
      await untilReturned(Math.floor(N * 0.08));
      const pid = c.workers[0]!.pid!;
      let held: { id: string; workerId: string }[] = [];
      // preferably while it works on a slow task (the receipt PDF, the signature), so that it dies holding it
      for (let i = 0; i < 200; i++) {
        held = ((await engine<{ id: string; workerId: string | null; topicName: string }[]>('GET', '/external-task?locked=true')) ?? []).filter((t) =>
          t.workerId?.includes(`-${pid}-`),
        ) as { id: string; workerId: string; topicName: string }[];
        if (
          held.some((t) => (t as { topicName?: string }).topicName === 'signing' || (t as { topicName?: string }).topicName === 'reception') ||
          (held.length && i >= 100)
        )
          break;
        await sleep(25);
      }
      c.killWorker(0);
      const workerKilledAt = Date.now();
      say(`killed worker 0 (pid ${pid}) holding ${held.length} task(s)`);
      c.startWorker(0);
      // the tasks it held and had not reported before it died (a completion already sent is not held)
      await sleep(300);
      const orphaned = (
        await Promise.all(
          held.map(async (t) =>
            (await engine<{ workerId: string | null } | undefined>('GET', `/external-task/${t.id}`))?.workerId === t.workerId ? t : undefined,
          ),
        )
      ).filter((t) => t !== undefined);
      say(`  ${orphaned.length} of them still locked to the dead worker`);
      // released: the dead worker's lock ran out, any live worker may fetch the task (the short lock, the
      // target); picked up: a live worker took it (also waits for a free worker when all are busy)
      const timings = await Promise.all(
        orphaned.map(async (t) => {
          let released: number | undefined;
          for (;;) {
            const now = await engine<{ workerId: string | null; lockExpirationTime: string | null } | undefined>('GET', `/external-task/${t.id}`);
            const elapsed = (Date.now() - workerKilledAt) / 1000;
            if (!now || (now.workerId && now.workerId !== t.workerId)) return { released: released ?? elapsed, pickedUp: elapsed };
            if (released === undefined && (!now.lockExpirationTime || Date.parse(now.lockExpirationTime) <= Date.now())) released = elapsed;
            await sleep(100);
          }
        }),
      );
      recoveries.worker = timings.length ? Math.max(...timings.map((t) => t.released)) : 0;
      recoveries.workerPickedUp = timings.length ? Math.max(...timings.map((t) => t.pickedUp)) : 0;
      say(
        `worker: its ${orphaned.length} orphaned task(s) released by their lock within ${recoveries.worker.toFixed(1)} s, taken by a live worker within ${recoveries.workerPickedUp.toFixed(1)} s`,
      );

      // 2. the api, with a change in flight (its engine command written, not yet carried out): the relay finishes it
      await untilReturned(Math.floor(N * 0.28));
      for (let i = 0; i < 750; i++) {
        const inFlight = await db('engine_commands').where({ state: 'pending' }).where('created_at', '>', db.raw("now() - interval '1 second'")).first('id');
        if (inFlight) break;
        await sleep(20);
      }
      c.killApi();
      const apiKilledAt = Date.now();
      const pendingAtKill = (await db('engine_commands').where({ state: 'pending' }).select('id')).map((r: { id: string }) => r.id);
      say(`killed the api; ${pendingAtKill.length} engine command(s) pending`);
      const settled = (async () => {
        for (;;) {
          const open = pendingAtKill.length
            ? await db('engine_commands').whereIn('id', pendingAtKill).where({ state: 'pending' }).count({ n: '*' }).first()
            : { n: 0 };
          if (Number((open as { n: number }).n) === 0) return (Date.now() - apiKilledAt) / 1000;
          await sleep(100);
        }
      })();
      await c.startApi();
      say(`api back after ${((Date.now() - apiKilledAt) / 1000).toFixed(1)} s`);
      const settledS = await settled;
      while (lastCompletionAt < apiKilledAt) await sleep(50);
      const apiResumeS = (lastCompletionAt - apiKilledAt) / 1000;
      recoveries.apiChange = settledS;
      recoveries.api = Math.max(settledS, apiResumeS);
      say(
        `api: the ${pendingAtKill.length} interrupted change(s) carried out or undone within ${settledS.toFixed(1)} s; officers' work resumed after ${apiResumeS.toFixed(1)} s`,
      );

      // 3. one of the two engine nodes: the balancer sends everything to the other; long polls go on
      await untilReturned(Math.floor(N * 0.48));
      const before = await successfulExternalTasks();
      c.killEngineNode(1);
      const engineKilledAt = Date.now();
      say(`killed engine node 1 (${before} external tasks done so far)`);
      const completionsAtEngineKill = completions;
      while ((await successfulExternalTasks()) < before + 10) await sleep(100);
      const externalS = (Date.now() - engineKilledAt) / 1000;
      while (completions < completionsAtEngineKill + 3) await sleep(50);
      recoveries.engine = Math.max(externalS, (lastCompletionAt - engineKilledAt) / 1000);
      say(`engine node: 10 more external tasks done ${externalS.toFixed(1)} s after the kill; officers' steps go on (${recoveries.engine.toFixed(1)} s)`);
      // the node comes back, while the run goes on
      const nodeBack = c.startEngineNode(1).then(() => say(`engine node 1 back after ${((Date.now() - engineKilledAt) / 1000).toFixed(1)} s`));
      nodeBack.catch(() => {}); // awaited below

      // 4. PostgreSQL itself, every process of it, restarted on the same data directory (once both engine
      // nodes are up again: a node still starting gives up when its database dies under it)
      await untilReturned(Math.floor(N * 0.66));
      await nodeBack;
      const beforePg = await successfulExternalTasks();
      const returnedBeforePg = returned;
      c.killPostgres();
      const pgKilledAt = Date.now();
      say(`killed PostgreSQL (pid ${c.postgres.pid}); ${returnedBeforePg} returned`);
      await c.waitPostgresGone();
      await c.startPostgres();
      say(`PostgreSQL back after ${((Date.now() - pgKilledAt) / 1000).toFixed(1)} s (crash recovery on the same data directory)`);
      while ((await successfulExternalTasks()) < beforePg + 10) await sleep(200);
      while (returned <= returnedBeforePg) await sleep(100);
      recoveries.postgres = (Date.now() - pgKilledAt) / 1000;
      say(`PostgreSQL: work resumed ${recoveries.postgres.toFixed(1)} s after the kill`);
    })();

    try {
      await Promise.all([submitters, chaos]);
      const deadline = Date.now() + 5 * 60_000;
      while (returned < N && Date.now() < deadline) await sleep(500);
    } finally {
      finished = true;
      clearInterval(reporter);
      await Promise.allSettled([progress, ...officers]);
    }
    const runS = (Date.now() - runStarted) / 1000;
    say(`run took ${runS.toFixed(1)} s; ${returned}/${N} returned; completions answered 'gone': ${goneAnswers}; surprises: ${surprises.length}`);
    for (const s of surprises.slice(0, 30)) say(`  surprise: ${s}`);

    // --- the books ---
    const dossiers = (await db('dossiers').select('id', 'code', 'status', 'process_instance_id', 'idempotency_key', 'applicant_id')) as {
      id: string;
      code: string | null;
      status: number;
      process_instance_id: string | null;
      idempotency_key: string | null;
      applicant_id: string;
    }[];
    const byKey = new Map<string, typeof dossiers>();
    for (const d of dossiers) byKey.set(d.idempotency_key ?? d.id, [...(byKey.get(d.idempotency_key ?? d.id) ?? []), d]);
    const problems: string[] = [];
    const lostSet = new Set<string>();
    let duplicated = 0;
    let diverged = 0;
    for (const k of keys) {
      const found = byKey.get(k) ?? [];
      if (!found.length) {
        lostSet.add(k);
        problems.push(`lost: no dossier for submission ${k}`);
      }
      if (found.length > 1) {
        duplicated += found.length - 1;
        problems.push(`duplicated: ${found.length} dossiers for submission ${k}`);
      }
      if (found.length && answeredIds.has(k) && !found.some((d) => d.id === answeredIds.get(k)))
        problems.push(`submission ${k} answered ${answeredIds.get(k)}, not a stored dossier`);
    }
    const notReturned = dossiers.filter((d) => d.status !== 10);
    for (const d of notReturned) lostSet.add(d.id);
    for (const d of notReturned.slice(0, 20)) problems.push(`lost: dossier ${d.id} in status ${d.status}`);
    const codes = new Map<string, number>();
    for (const d of dossiers) if (d.code) codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
    for (const [code, n] of codes) if (n > 1) ((duplicated += n - 1), problems.push(`duplicated code ${code} (${n} dossiers)`));
    const counters = (await db('dossier_code_counters').where({ org_unit_id: unitId }).select('last_value')) as { last_value: number }[];
    const codesIssued = counters.reduce((s, r) => s + r.last_value, 0);
    if (codesIssued !== dossiers.length) problems.push(`codes: the counters issued ${codesIssued} for ${dossiers.length} dossiers (codes are gapless)`);

    // documents: one receipt and one signed result per dossier
    const docs = (await db('dossier_documents').select('dossier_id', 'kind', 'signed')) as { dossier_id: string; kind: string; signed: boolean }[];
    for (const kind of ['receipt', 'result']) {
      const per = new Map<string, number>();
      for (const d of docs) if (d.kind === kind) per.set(d.dossier_id, (per.get(d.dossier_id) ?? 0) + 1);
      for (const d of dossiers) {
        const n = per.get(d.id) ?? 0;
        if (n === 0) (lostSet.add(d.id), problems.push(`lost: dossier ${d.id} has no ${kind}`));
        if (n > 1) ((duplicated += n - 1), problems.push(`duplicated: dossier ${d.id} has ${n} ${kind} documents`));
      }
    }
    const unsigned = docs.filter((d) => d.kind === 'result' && !d.signed);
    if (unsigned.length) problems.push(`${unsigned.length} result(s) not signed`);
    // the timeline: received and result_signed once each
    const events = (await db('dossier_events')
      .whereIn('type', ['received', 'result_signed', 'returned'])
      .groupBy('dossier_id', 'type')
      .select('dossier_id', 'type')
      .count({ n: '*' })) as { dossier_id: string; type: string; n: number }[];
    for (const e of events)
      if (Number(e.n) > 1) ((duplicated += Number(e.n) - 1), problems.push(`duplicated: ${e.n} '${e.type}' events for dossier ${e.dossier_id}`));
    // notifications sent once per dossier: no duplicate (account, dossier, kind), and the applicant has each
    const notices = (await db('notifications')
      .whereIn('kind', ['received', 'result_ready'])
      .groupBy('account_id', 'dossier_id', 'kind')
      .select('account_id', 'dossier_id', 'kind')
      .count({ n: '*' })) as { account_id: string; dossier_id: string; kind: string; n: number }[];
    for (const n of notices)
      if (Number(n.n) > 1) ((duplicated += Number(n.n) - 1), problems.push(`duplicated: ${n.n} '${n.kind}' notifications of dossier ${n.dossier_id}`));
    for (const kind of ['received', 'result_ready']) {
      const have = new Set(notices.filter((n) => n.kind === kind).map((n) => `${n.account_id}:${n.dossier_id}`));
      for (const d of dossiers)
        if (!have.has(`${d.applicant_id}:${d.id}`)) (lostSet.add(d.id), problems.push(`lost: no '${kind}' notification for dossier ${d.id}`));
    }

    // the engine: one process instance per dossier, ended in 'returned', exactly when the dossier is returned
    const instances =
      (await engine<{ id: string; businessKey: string | null; state: string }[]>(
        'GET',
        '/history/process-instance?processDefinitionKey=birth_registration&maxResults=100000',
      )) ?? [];
    const ended = new Set(
      ((await engine<{ processInstanceId: string }[]>('GET', '/history/activity-instance?activityId=returned&finished=true&maxResults=100000')) ?? []).map(
        (a) => a.processInstanceId,
      ),
    );
    const byBusinessKey = new Map<string, typeof instances>();
    for (const i of instances) byBusinessKey.set(i.businessKey ?? '', [...(byBusinessKey.get(i.businessKey ?? '') ?? []), i]);
    for (const d of dossiers) {
      const mine = byBusinessKey.get(d.id) ?? [];
      if (mine.length > 1) ((duplicated += mine.length - 1), problems.push(`duplicated: ${mine.length} process instances for dossier ${d.id}`));
      const inst = mine.find((i) => i.id === d.process_instance_id);
      const engineReturned = !!inst && inst.state === 'COMPLETED' && ended.has(inst.id);
      if ((d.status === 10) !== engineReturned || !inst) {
        diverged++;
        problems.push(
          `diverged: dossier ${d.id} status ${d.status}, engine ${inst ? `${inst.state}${ended.has(inst.id) ? ' in returned' : ''}` : `no instance ${d.process_instance_id}`}`,
        );
      }
    }
    const strays = instances.filter((i) => !dossiers.some((d) => d.id === i.businessKey));
    if (strays.length) ((duplicated += strays.length), problems.push(`${strays.length} process instance(s) without a dossier`));
    const incidents = (await engine<{ count: number }>('GET', '/incident/count')).count;
    if (incidents) problems.push(`${incidents} incident(s) in the engine`);
    // a command refused by the engine is a failure the officer sees; a gateway's 502 while an engine node died is no refusal
    const notDone = await db('engine_commands').whereNot({ state: 'done' }).select('dossier_id', 'kind', 'state', 'outcome', 'last_error').limit(10);
    if (notDone.length) problems.push(`engine commands not carried out (state failed/pending), e.g.: ${JSON.stringify(notDone).slice(0, 800)}`);

    const lost = lostSet.size;
    const kills = Object.keys(recoveries).filter((k) => k !== 'apiChange' && k !== 'workerPickedUp').length;
    const recovered = Math.max(0, ...Object.entries(recoveries).map(([, v]) => v));
    say(
      `recoveries (s): ${JSON.stringify(Object.fromEntries(Object.entries(recoveries).map(([k, v]) => [k, Number(v.toFixed(1))])))}; run ${runS.toFixed(0)} s`,
    );
    for (const p of problems.slice(0, 40)) say(`  problem: ${p}`);
    process.stdout.write(
      `faults dossiers=${dossiers.length} kills=${kills} recovered_s=${recovered.toFixed(1)} lost=${lost} duplicated=${duplicated} diverged=${diverged}\n`,
    );

    expect(dossiers.length, 'dossiers stored').to.equal(N);
    expect({ lost, duplicated, diverged }, problems.slice(0, 20).join('\n')).to.deep.equal({ lost: 0, duplicated: 0, diverged: 0 });
    expect(problems, problems.slice(0, 20).join('\n')).to.deep.equal([]);
    expect(kills, 'worker, api, engine node and PostgreSQL each killed once').to.equal(4);
    expect(recoveries.worker, "a killed worker's tasks are released to the live workers (short, extended locks)").to.be.at.most(TARGET.workerTaskBackS);
    expect(recoveries.apiChange, 'a change interrupted by the killed api is completed or undone').to.be.at.most(TARGET.apiChangeSettledS);
  });
});

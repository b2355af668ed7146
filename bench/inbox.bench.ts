/**
 * `npm run bench:inbox`: the officer workspace with 10,000 dossiers in the database. One unit (phường Bến
 * Thành) holds them all, open at reception, review or approval, on time, nearly late or late; each is a real
 * process instance in the engine, started at its step through the engine's REST API (start instructions), so
 * the inbox reads real tasks. Then it measures, with the api as its own process as in production:
 *   - the api: the inbox page (/api/tasks) unfiltered, by SLA state, searched, deep in the pages; the unit's
 *     list and summary;
 *   - Chromium: the inbox and the unit page loaded in full (document, scripts, session, data, rows shown),
 *     first visit (empty cache) and again.
 * Target (issue 4): a page loads in under 1 s. The last line is machine-readable:
 *   bench inbox_dossiers=<n> inbox_page_p95_ms=<n> unit_page_p95_ms=<n> api_tasks_p95_ms=<n>
 * Environment: BENCH_INBOX_DOSSIERS (default 10000), BENCH_RUNS (default 15), ENGINE_FLAVOR, DATABASE_URL
 * (else an embedded PostgreSQL under .data/bench-postgres).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig, repoRoot } from '@motcua/domain/config/config.ts';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { formatEngineDate } from '@motcua/domain/engine/engine.client.ts';
import { foldVietnamese } from '@motcua/domain/text/search.ts';
import { bootPlatform } from '../platform/src/boot.ts';
import { externalPostgres, startEmbeddedPostgres } from '../platform/src/postgres.ts';
import { buildWebApp } from '../platform/src/web-app.ts';
import { ApiSession, percentile } from './http-session.ts';
import { freePort, launchChromium, pool, say, sleep, untilHealthy } from './helpers.ts';

const N = Number(process.env.BENCH_INBOX_DOSSIERS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TARGET_MS = 1000;
const HOUR = 3600_000;

const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const middle = ['Văn', 'Thị', 'Minh', 'Hữu', 'Ngọc', 'Thanh', 'Đức', 'Thu', 'Quốc', 'Gia'];
const given = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hùng',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
  'Yến',
];
const nameOf = (i: number) => `${family[i % family.length]} ${middle[(i >> 4) % middle.length]} ${given[(i * 7) % given.length]}`;

function summary(label: string, ms: number[]): string {
  return `${label.padEnd(44)} p50 ${percentile(ms, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(ms, 95).toFixed(0).padStart(5)} ms   max ${Math.max(...ms)
    .toFixed(0)
    .padStart(5)} ms`;
}

async function main() {
  const flavor = (process.env.ENGINE_FLAVOR ?? 'operaton') as 'operaton' | 'camunda';
  const base = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const logs = path.join(repoRoot, 'bench-results', 'logs');
  fs.mkdirSync(logs, { recursive: true });
  say(`motcua inbox bench: ${N} dossiers in one unit, ${flavor} engine, ${os.cpus().length} cores`);
  const postgres = base.databaseUrl
    ? externalPostgres(base.databaseUrl)
    : await startEmbeddedPostgres({ dir: path.join(base.dataDir, 'bench-postgres'), port: await freePort(), password: 'motcua-bench' });
  const platform = await bootPlatform({
    config: { ...base, dbPoolMax: 10 },
    flavor,
    postgres,
    appDatabase: 'motcua_inbox_bench',
    engineDatabase: 'motcua_inbox_bench_engine',
    fresh: true,
    enginePort: await freePort(),
    engineLogFile: path.join(logs, 'inbox-engine.log'),
    jobMaxWaitMs: 5_000,
    seedDemo: true,
    log: (l) => say(`  ${l}`),
  });
  const children: ChildProcess[] = [];
  const stopAll = async () => {
    for (const c of children) c.kill('SIGTERM');
    await platform.stop();
    await postgres.stop();
  };
  try {
    const db = platform.db;
    const unit = platform.demo!.benThanh;
    const version = await db('procedure_versions as v')
      .join('procedures as p', 'p.id', 'v.procedure_id')
      .where({ 'p.code': '1.001193', 'v.status': 'published' })
      .first('v.id', 'v.engine_process_definition_id as definition');
    const officers = Object.fromEntries(
      (await db('accounts').where({ org_unit_id: unit.id }).select('id', 'role')).map((a: { id: string; role: string }) => [a.role, a.id]),
    );

    // applicants: 500 citizens with Vietnamese names
    say(`seeding ${N} dossiers...`);
    const seedStarted = performance.now();
    const citizens = Array.from({ length: 500 }, (_, i) => ({
      id: randomUUID(),
      username: `bench.cd${i}`,
      full_name: nameOf(i),
      search_name: foldVietnamese(nameOf(i)),
      password_hash: 'bench-no-login',
      role: 'citizen',
    }));
    await db.batchInsert('accounts', citizens, 500);

    // dossiers: half at reception (submitted), the rest in review or approval (received, with a code)
    const now = Date.now();
    const steps = ['reception', 'review', 'approval'] as const;
    const data = { child: { fullName: 'Nguyễn Văn An', sex: 'nam', dateOfBirth: '2026-11-20' }, declaration: true };
    const seqByDay = new Map<string, number>();
    const dossiers = Array.from({ length: N }, (_, i) => {
      const step = i % 10 < 5 ? steps[0] : i % 10 < 8 ? steps[1] : steps[2];
      const submitted = new Date(now - ((i * 37) % (30 * 24)) * HOUR - (i % 60) * 60_000);
      // 75% on time, 15% nearly late, 10% late
      const r = (i * 13) % 20;
      const sla = r < 15 ? 'on_time' : r < 18 ? 'nearly_late' : 'late';
      const dueAt =
        sla === 'on_time'
          ? new Date(now + (24 + (i % 200)) * HOUR)
          : sla === 'nearly_late'
            ? new Date(now + (1 + (i % 20)) * HOUR)
            : new Date(now - (1 + (i % 100)) * HOUR);
      const warnAt = sla === 'on_time' ? new Date(dueAt.getTime() - 8 * HOUR) : new Date(Math.min(dueAt.getTime(), now) - 4 * HOUR);
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: '2-digit', month: '2-digit', day: '2-digit' })
        .format(submitted)
        .replace(/-/g, '');
      let code: string | null = null;
      if (step !== 'reception') {
        const seq = (seqByDay.get(day) ?? 0) + 1;
        seqByDay.set(day, seq);
        code = `${unit.agencyCode}-${day}-${String(seq).padStart(4, '0')}`;
      }
      return {
        row: {
          id: randomUUID(),
          reference: `TN${day}-B${String(i).padStart(7, '0')}`,
          code,
          procedure_version_id: version.id,
          org_unit_id: unit.id,
          applicant_id: citizens[i % citizens.length]!.id,
          channel: i % 4 === 0 ? 1 : 2,
          status: step === 'reception' ? 1 : 4,
          data: JSON.stringify(data),
          submitted_at: submitted,
          received_at: step === 'reception' ? null : submitted,
          due_at: step === 'reception' ? null : new Date(dueAt.getTime() + 48 * HOUR),
          sla_state: sla,
        },
        step,
        dueAt,
        warnAt,
      };
    });
    await db.batchInsert(
      'dossiers',
      dossiers.map((d) => d.row),
      1000,
    );

    // one process instance each, started at its step; a tenth of the later steps already taken by an officer
    const auth = {
      authorization: `Basic ${Buffer.from(`${platform.config.engineUser}:${platform.config.enginePassword}`).toString('base64')}`,
      'content-type': 'application/json',
    };
    const engineUrl = platform.engine.url;
    const instanceOf = new Map<string, string>();
    let started = 0;
    await pool(N, 6, async (i) => {
      const d = dossiers[i]!;
      const res = await fetch(`${engineUrl}/process-definition/${version.definition}/start`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          businessKey: d.row.id,
          variables: {
            orgUnitId: { value: unit.id, type: 'String' },
            [`${d.step}DueAt`]: { value: formatEngineDate(d.dueAt), type: 'Date' },
            [`${d.step}WarnAt`]: { value: formatEngineDate(d.warnAt), type: 'Date' },
          },
          startInstructions: [{ type: 'startBeforeActivity', activityId: d.step }],
        }),
      });
      if (!res.ok) throw new Error(`start ${i}: ${res.status} ${await res.text()}`);
      instanceOf.set(d.row.id, ((await res.json()) as { id: string }).id);
      if (++started % 2000 === 0) say(`    ${started} instances started`);
    });
    const pairs = [...instanceOf.entries()];
    for (let i = 0; i < pairs.length; i += 1000) {
      const chunk = pairs.slice(i, i + 1000);
      await db.raw(
        `update dossiers set process_instance_id = v.pid from (values ${chunk.map(() => '(?::uuid, ?)').join(',')}) as v(id, pid) where dossiers.id = v.id`,
        chunk.flat(),
      );
    }
    for (const [role, step] of [
      ['specialist', 'review'],
      ['leader', 'approval'],
    ] as const) {
      const tasks = (await (
        await fetch(`${engineUrl}/task?maxResults=${Math.round(N / 40)}`, { method: 'POST', headers: auth, body: JSON.stringify({ taskDefinitionKey: step }) })
      ).json()) as { id: string }[];
      await pool(tasks.length, 6, async (i) => {
        await fetch(`${engineUrl}/task/${tasks[i]!.id}/claim`, { method: 'POST', headers: auth, body: JSON.stringify({ userId: officers[role] }) });
      });
    }
    // overdue timers fire now (sla-flag external tasks; no worker runs here): let the job executor finish first
    for (let i = 0; i < 120; i++) {
      const { count } = (await (await fetch(`${engineUrl}/job/count?executable=true`, { headers: auth })).json()) as { count: number };
      if (count < 10) break;
      await sleep(1000);
    }
    await db.raw('analyze');
    say(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s: ${(await db('dossiers').count({ n: '*' }))[0]!.n} dossiers`);

    // the api as its own process, serving the built web app
    buildWebApp(say);
    const apiPort = await freePort();
    const out = fs.openSync(path.join(logs, 'inbox-api.log'), 'w');
    const api = spawn(process.execPath, ['--import', 'tsx', 'api/src/server.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: platform.appDatabaseUrl,
        ENGINE_URL: engineUrl,
        API_PORT: String(apiPort),
        LOG_LEVEL: 'warn',
        DATA_DIR: base.dataDir,
        LOGIN_RATE_LIMIT: '100000',
      },
      stdio: ['ignore', out, out],
    });
    children.push(api);
    const apiBase = `http://127.0.0.1:${apiPort}`;
    await untilHealthy(apiBase);

    // the api alone
    const desk = await ApiSession.login(apiBase, 'tiepnhan.benthanh', DEMO_PASSWORD);
    const leader = await ApiSession.login(apiBase, 'lanhdao.benthanh', DEMO_PASSWORD);
    const time = async (s: ApiSession, url: string) => {
      const t0 = performance.now();
      await s.get(url);
      return performance.now() - t0;
    };
    const measure = async (s: ApiSession, url: string) => {
      await time(s, url); // warm
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) ms.push(await time(s, url));
      return ms;
    };
    const total = (await desk.get<{ total: number }>('/api/tasks?limit=20')).total;
    say(`\napi (${RUNS} runs each; the receiving desk has ${total} tasks):`);
    const apiTasks = await measure(desk, '/api/tasks?limit=20');
    say(summary('GET /api/tasks (first page, by due time)', apiTasks));
    for (const [label, url] of [
      ['  only late ones', '/api/tasks?limit=20&sla=late'],
      ['  newest first', '/api/tasks?limit=20&sort=-created'],
      ['  page 200', '/api/tasks?limit=20&offset=4000'],
      ['  searched by name, no diacritics', `/api/tasks?limit=20&q=${encodeURIComponent('nguyen van an')}`],
      ['  filtered by procedure and date', `/api/tasks?limit=20&procedure=1.001193&from=${new Date(now - 7 * 24 * HOUR).toISOString().slice(0, 10)}`],
    ] as const) {
      say(summary(label, await measure(desk, url)));
    }
    say(summary('GET /api/unit/dossiers (leader, open)', await measure(leader, '/api/unit/dossiers?limit=20&open=true')));
    say(summary('GET /api/unit/dossiers (searched)', await measure(leader, `/api/unit/dossiers?limit=20&q=${encodeURIComponent('tran thi')}`)));
    const apiSummary = await measure(leader, '/api/unit/summary');
    say(summary('GET /api/unit/summary', apiSummary));

    // whole pages in Chromium
    const browser = await launchChromium();
    /** page loads of `url` for `username`: the first with an empty cache, then RUNS more (scripts cached, as every day) */
    const pageLoads = async (username: string, url: string, ready: (p: Page) => Promise<unknown>) => {
      const context = await browser.newContext({ baseURL: apiBase, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1280, height: 900 } });
      // logged in through the api (the context keeps the session cookie), so the first page load is a first visit
      const login = await context.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
      if (!login.ok()) throw new Error(`login ${username}: ${login.status()}`);
      const page = await context.newPage();
      const load = async () => {
        const t0 = performance.now();
        await page.goto(url, { waitUntil: 'commit' });
        await ready(page);
        return performance.now() - t0;
      };
      const first = await load();
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) ms.push(await load());
      await context.close();
      return { first, ms };
    };
    say(`\npages in Chromium (document to rows shown; ${RUNS} loads each after the first):`);
    const inbox = await pageLoads('tiepnhan.benthanh', '/mot-cua', (p) => p.locator('table.inbox tbody tr').first().waitFor());
    say(`${summary('inbox /mot-cua', inbox.ms)}   first ${inbox.first.toFixed(0)} ms`);
    const unitPage = await pageLoads('lanhdao.benthanh', '/mot-cua/don-vi', (p) =>
      p.locator('tr.sla-row-on_time, tr.sla-row-nearly_late, tr.sla-row-late').first().waitFor(),
    );
    say(`${summary('unit /mot-cua/don-vi', unitPage.ms)}   first ${unitPage.first.toFixed(0)} ms`);
    await browser.close();

    const inboxP95 = percentile(inbox.ms, 95);
    const unitP95 = percentile(unitPage.ms, 95);
    say(
      `\ntarget: a page in under ${TARGET_MS} ms with ${N} dossiers: inbox ${inboxP95 <= TARGET_MS ? 'met' : 'NOT met'} (p95 ${inboxP95.toFixed(0)} ms), unit ${unitP95 <= TARGET_MS ? 'met' : 'NOT met'} (p95 ${unitP95.toFixed(0)} ms)`,
    );
    say(
      `bench inbox_dossiers=${N} inbox_page_p95_ms=${inboxP95.toFixed(0)} unit_page_p95_ms=${unitP95.toFixed(0)} api_tasks_p95_ms=${percentile(apiTasks, 95).toFixed(0)}`,
    );
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

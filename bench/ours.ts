/**
 * The platform's side of the e2e bench: a citizen submitting birth registrations through the api and three
 * officers taking and deciding their steps, as people would, until every dossier is returned.
 */
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { ApiSession, percentile } from './http-session.ts';
import { paced, pool, say, sleep } from './helpers.ts';

/**
 * a one-page PDF of about 2 kB (uploads must parse as PDFs), a different one for each dossier as citizens'
 * papers are: the same file again from the same account is kept once (citizen_papers), and every submission
 * of it would wait for the one before to commit
 */
function samplePdf(i: number): Blob {
  const content = `BT /F1 12 Tf 10 50 Td (Giay chung sinh ${i}) Tj ET ${'%'.repeat(2000)}`;
  const body = `1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]/Contents 4 0 R>>endobj\n4 0 obj<</Length ${content.length}>>stream\n${content}\nendstream endobj\n`;
  return new Blob([`%PDF-1.4\n${body}trailer<</Root 1 0 R>>\n%%EOF\n`], { type: 'application/pdf' });
}

const birthData = JSON.stringify({
  child: { fullName: 'Nguyễn Văn An', sex: 'nam', dateOfBirth: '2026-11-20', placeOfBirth: 'Bệnh viện Từ Dũ', ethnicity: 'Kinh', nationality: 'Việt Nam' },
  mother: { fullName: 'Trần Thị Bình', dateOfBirth: '1995-01-02', ethnicity: 'Kinh', nationality: 'Việt Nam', idNumber: '079195000001', residence: 'Quận 1' },
  fatherUnknown: true,
  applicant: { fullName: 'Trần Thị Bình', relationship: 'me', idNumber: '079195000001', phone: '0912345678' },
  declaration: true,
});

/** numbers the sample files across all runs of the bench */
let serial = 0;

/** How long the officers' requests took, by kind (ms). */
export const officerMs: Record<'inbox' | 'claim' | 'complete', number[]> = { inbox: [], claim: [], complete: [] };
async function timed<T>(kind: keyof typeof officerMs, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await f();
  } finally {
    officerMs[kind].push(performance.now() - t);
  }
}

/** An officer who keeps taking and deciding the tasks of their step until `stop()` says so. */
function officerLoop(s: ApiSession, step: string, body: Record<string, unknown>, ids: Set<string>, stop: () => boolean): Promise<number> {
  const busy = new Set<string>();
  let done = 0;
  return (async () => {
    while (!stop()) {
      // a page of the inbox, as the workspace shows it
      const page = await timed('inbox', () => s.get<{ items: { id: string; stepKey: string; dossier: { id: string } | null }[] }>('/api/tasks?limit=20'));
      const fresh = page.items.filter((t) => t.stepKey === step && t.dossier && ids.has(t.dossier.id) && !busy.has(t.id));
      await Promise.all(
        fresh.slice(0, 16).map(async (t) => {
          busy.add(t.id);
          const claim = await timed('claim', () => s.post(`/api/tasks/${t.id}/claim`));
          if (claim.status !== 204) throw new Error(`claim ${claim.status} ${JSON.stringify(claim.body)}`);
          const complete = await timed('complete', () => s.post(`/api/tasks/${t.id}/complete`, body));
          if (complete.status !== 200) throw new Error(`complete ${complete.status} ${JSON.stringify(complete.body)}`);
          done++;
        }),
      );
      // an officer's screen refreshes its list every few hundred milliseconds at the very most
      await sleep(250);
    }
    return done;
  })();
}

/**
 * Ours, end to end. With several api processes (`bases`), as behind a balancer: each officer works on one of
 * them, and the citizen's submissions go to each in turn (sessions live in the database, valid on any).
 * Submissions come `concurrency` at a time back to back (as fast as the platform takes them: its capacity), or
 * at a steady rate (`perS` a second, to measure what a citizen waits at a given load).
 */
export async function benchOurs(
  bases: string[],
  db: import('knex').Knex,
  N: number,
  load: { concurrency: number } | { perS: number },
): Promise<{ perS: number; submitMs: number[]; seconds: number }> {
  const on = (i: number) => bases[i % bases.length]!;
  const [reception, specialist, leader] = await Promise.all(
    ['tiepnhan.benthanh', 'chuyenvien.benthanh', 'lanhdao.benthanh'].map((u, i) => ApiSession.login(on(i + 1), u, DEMO_PASSWORD)),
  );
  const citizens = await Promise.all(bases.map((b) => ApiSession.login(b, 'congdan', DEMO_PASSWORD)));
  const citizen = citizens[0];
  const unit = (await citizen!.get<{ items: { id: string; agencyCode: string }[] }>('/api/org-units')).items.find((u) => u.agencyCode === '000.00.27.H29')!;
  const ids = new Set<string>();
  const submitMs: number[] = [];
  let finished = false;
  const started = performance.now();
  const officers = [
    officerLoop(reception!, 'reception', { decision: 'accept' }, ids, () => finished),
    officerLoop(specialist!, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' }, ids, () => finished),
    officerLoop(leader!, 'approval', { decision: 'approve' }, ids, () => finished),
  ];
  const submitAll = (task: (i: number) => Promise<void>) => ('perS' in load ? paced(N, load.perS, task) : pool(N, load.concurrency, task));
  await submitAll(async (i) => {
    const form = new FormData();
    form.set('procedureCode', '1.001193');
    form.set('orgUnitId', unit.id);
    form.set('data', birthData);
    form.set('birthCertificate', samplePdf(serial++), `giay-chung-sinh-${i}.pdf`);
    const t = performance.now();
    const res = await citizens[i % citizens.length]!.post<{ id: string }>('/api/dossiers', form);
    submitMs.push(performance.now() - t);
    if (res.status !== 201) throw new Error(`submit ${res.status} ${JSON.stringify(res.body)}`);
    ids.add(res.body.id);
  });
  // the dossiers not seen returned yet: each look asks for those only (the look's own cost counts as ours)
  const waiting = new Set(ids);
  for (let tick = 0; ; tick++) {
    const returned: string[] = await db('dossiers')
      .whereIn('id', [...waiting])
      .where({ status: 10 })
      .pluck('id');
    for (const id of returned) waiting.delete(id);
    if (!waiting.size) break;
    if (process.env.BENCH_TRACE && tick % 10 === 0) {
      const byStatus = (await db('dossiers')
        .whereIn('id', [...ids])
        .groupBy('status')
        .select('status')
        .count({ n: '*' })) as { status: number; n: number }[];
      say(`    t=${((performance.now() - started) / 1000).toFixed(1)}s submitted=${ids.size} ${byStatus.map((r) => `${r.status}:${r.n}`).join(' ')}`);
    }
    await sleep(100);
  }
  const seconds = (performance.now() - started) / 1000;
  finished = true;
  await Promise.all(officers);
  return { perS: N / seconds, submitMs, seconds };
}

/** Prints the submissions' and the officers' request latencies (p50, p95), then forgets the officers'. */
export function sayLatencies(submitMs: number[], officers = true): void {
  say(
    `  submission latency: p50 ${percentile(submitMs, 50).toFixed(0)} ms, p95 ${percentile(submitMs, 95).toFixed(0)} ms, max ${Math.max(...submitMs).toFixed(0)} ms`,
  );
  if (!officers) return;
  say(
    `  officers' requests: ${Object.entries(officerMs)
      .map(([k, l]) => `${k} p50 ${percentile(l, 50).toFixed(0)} ms p95 ${percentile(l, 95).toFixed(0)} ms`)
      .join(', ')}`,
  );
  for (const l of Object.values(officerMs)) l.length = 0;
}

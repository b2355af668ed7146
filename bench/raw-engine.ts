/**
 * The raw side of the e2e bench: the birth registration's BPMN driven straight through the engine's REST API
 * (external tasks completed, user tasks claimed and completed), with no application around it.
 */
import { formatEngineDate } from '@motcua/domain/engine/engine.client.ts';
import { pool, say, sleep } from './helpers.ts';

/** The same model driven through the engine's REST API alone: no validation, database, documents or signatures. */
export async function benchRaw(
  engineUrl: string,
  user: string,
  password: string,
  definitionId: string,
  N: number,
  concurrency: number,
): Promise<{ perS: number; seconds: number }> {
  const auth = { authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64'), 'content-type': 'application/json' };
  const call = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(engineUrl + p, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const far = formatEngineDate(new Date(Date.now() + 30 * 24 * 3600_000));
  const farFar = formatEngineDate(new Date(Date.now() + 60 * 24 * 3600_000));
  const dateVars = Object.fromEntries(
    ['reception', 'review', 'approval'].flatMap((k) => [
      [`${k}DueAt`, { value: farFar, type: 'Date' }],
      [`${k}WarnAt`, { value: far, type: 'Date' }],
    ]),
  );
  let finished = false;
  let fetchErrors = 0;
  const topics = ['sla', 'reception', 'sla-flag', 'signing', 'result-return', 'notify', 'payment'].map((topicName) => ({ topicName, lockDuration: 60_000 }));
  // a free procedure: the payment gates are passed through, as the platform's payment worker answers them
  const outcome = (topic: string) => (topic === 'payment' ? { ...dateVars, paymentDue: { value: false, type: 'Boolean' } } : dateVars);
  const externalLoop = async () => {
    while (!finished) {
      // the engine can fail a fetch that races a process instance ending (a 500): the worker client retries, so does this
      const tasks = await call<{ id: string; topicName: string }[]>('POST', '/external-task/fetchAndLock', {
        workerId: 'raw-bench',
        maxTasks: 20,
        asyncResponseTimeout: 1000,
        topics,
      }).catch((e: Error) => {
        fetchErrors++;
        if (fetchErrors <= 3) say(`    raw fetch failed (retrying): ${e.message.slice(0, 200)}`);
        return [] as { id: string; topicName: string }[];
      });
      await Promise.all(
        tasks.map((t) =>
          call('POST', `/external-task/${t.id}/complete`, { workerId: 'raw-bench', variables: outcome(t.topicName) }).catch((e: Error) =>
            say(`    raw complete failed: ${e.message.slice(0, 300)}`),
          ),
        ),
      );
    }
  };
  const userLoop = async (role: string, decisionVar: string) => {
    while (!finished) {
      const tasks = await call<{ id: string }[]>('POST', '/task?maxResults=50', { candidateGroups: [`${role}:raw`] });
      await Promise.all(
        tasks.map(async (t) => {
          await call('POST', `/task/${t.id}/claim`, { userId: `${role}-raw` });
          await call('POST', `/task/${t.id}/complete`, {
            variables: { [decisionVar]: { value: decisionVar.startsWith('reception') ? 'accept' : 'approve', type: 'String' } },
          });
        }),
      );
      if (!tasks.length) await sleep(50);
    }
  };
  const started = performance.now();
  const loops = [
    externalLoop(),
    externalLoop(),
    userLoop('receiving_officer', 'receptionDecision'),
    userLoop('specialist', 'reviewDecision'),
    userLoop('leader', 'approvalDecision'),
  ];
  const tag = `raw-${Date.now()}`;
  await pool(N, concurrency, async (i) => {
    await call('POST', `/process-definition/${definitionId}/start`, {
      businessKey: `${tag}-${i}`,
      variables: { orgUnitId: { value: 'raw', type: 'String' }, dossierId: { value: `${tag}-${i}`, type: 'String' } },
    });
  });
  for (let tick = 0; ; tick++) {
    const { count } = await call<{ count: number }>('POST', '/history/process-instance/count', { processInstanceBusinessKeyLike: `${tag}-%`, finished: true });
    if (count >= N) break;
    if (process.env.BENCH_TRACE && tick % 10 === 0) {
      const ext = await call<{ count: number }>('POST', '/external-task/count', {});
      const tasks = await call<{ count: number }>('POST', '/task/count', {});
      say(`    t=${((performance.now() - started) / 1000).toFixed(1)}s finished=${count} open external=${ext.count} open user=${tasks.count}`);
      if (count > N * 0.8) {
        const open = await call<{ topicName: string; lockExpirationTime: string | null; workerId: string | null; activityId: string }[]>(
          'POST',
          '/external-task',
          {},
        );
        say(`      open: ${JSON.stringify(open.slice(0, 3).map((o) => [o.activityId, o.topicName, o.workerId, o.lockExpirationTime]))}`);
      }
    }
    await sleep(100);
  }
  const seconds = (performance.now() - started) / 1000;
  finished = true;
  await Promise.allSettled(loops);
  return { perS: N / seconds, seconds };
}

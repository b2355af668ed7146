/** Every external task in the models has a handler, and every handler a task. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { parseProcessModel } from '@motcua/domain/procedures/bpmn-model.ts';
import { processesDir } from '@motcua/domain/procedures/procedure-package.ts';
import { workerTopics } from '@motcua/domain/procedures/worker-topics.ts';
import { topics } from '../../engine-workers/src/topics.ts';
import pino from 'pino';
import { retryPlan, runner } from '../../engine-workers/src/runner.ts';

describe('the topic registry', function () {
  it('has a handler for every camunda:topic in processes/, and no handler without one', async () => {
    const used = new Set<string>();
    for (const f of fs.readdirSync(processesDir).filter((x) => x.endsWith('.bpmn'))) {
      const model = await parseProcessModel(fs.readFileSync(path.join(processesDir, f), 'utf8'));
      for (const t of model.topics) {
        expect(topics, `${f}: ${t.activityId} uses topic "${t.topic}"`).to.have.property(t.topic);
        used.add(t.topic);
      }
    }
    expect([...used].sort()).to.deep.equal(Object.keys(topics).sort());
  });

  it('is the list of topics the studio lets a model use', () => {
    expect(Object.keys(workerTopics).sort()).to.deep.equal(Object.keys(topics).sort());
  });

  it('retries a failing task with a doubling back-off until no retries are left (then an incident)', () => {
    const opts = { retries: 3, retryBackoffMs: 1000 };
    const first = retryPlan(null, opts);
    expect(first).to.deep.equal({ retries: 2, retryTimeout: 1000 });
    const second = retryPlan(first.retries, opts);
    expect(second).to.deep.equal({ retries: 1, retryTimeout: 2000 });
    const last = retryPlan(second.retries, opts);
    expect(last).to.deep.equal({ retries: 0, retryTimeout: 4000 });
  });

  it('reports a task again when the engine rolled its completion back for a concurrent command, instead of waiting for the lock to expire', async () => {
    const calls: string[] = [];
    let completions = 0;
    const taskService = {
      complete: async () => {
        calls.push('complete');
        // the engine's answer to a completion racing a message on the same instance (what a CI run met)
        if (++completions === 1) throw Object.assign(new Error('Response code 500; Error: ENGINE-03005 ...'), { type: 'OptimisticLockingException' });
      },
      handleFailure: async () => void calls.push('failure'),
      handleBpmnError: async () => void calls.push('bpmn-error'),
      extendLock: async () => void calls.push('extend'),
    };
    const task = {
      id: 't1',
      topicName: 'sla',
      activityId: 'plan',
      processInstanceId: 'p1',
      businessKey: 'd1',
      retries: null,
      variables: { get: () => undefined },
    };
    const run = runner('sla', async () => ({ kind: 'complete' }), { retries: 3, retryBackoffMs: 10, lockMs: 10_000, log: pino({ level: 'silent' }) });
    await run({ task, taskService } as never);
    expect(calls).to.deep.equal(['complete', 'complete']);

    // any other refusal is not sent again: the lock's expiry brings the task back
    const refusing = {
      ...taskService,
      complete: async () => (calls.push('refused'), Promise.reject(Object.assign(new Error('gone'), { type: 'NotFoundException' }))),
    };
    calls.length = 0;
    await run({ task, taskService: refusing } as never);
    expect(calls).to.deep.equal(['refused']);
  });
});

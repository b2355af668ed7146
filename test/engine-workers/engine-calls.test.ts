/**
 * The external-task client's calls, sent through the platform's engine client: a fetch that long-polls past
 * the per-call timeout, a report the engine refuses (an EngineError with the engine's type, which the runner
 * reads), a failure with its retries, and a completion.
 */
import { expect } from 'chai';
import { Client } from 'camunda-external-task-client-js';
import { EngineClient, EngineError } from '@motcua/domain/engine/engine.client.ts';
import { sendThroughEngineClient } from '../../engine-workers/src/engine-calls.ts';
import { platform } from '../support/platform.ts';

const topic = `engine-calls-${Date.now()}`;
const model = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="calls_defs" targetNamespace="https://motcua.vn/test">
  <bpmn:process id="engine_calls_probe" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="${topic}" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface Locked {
  id: string;
  retries: number | null;
}

describe('the external-task client through the engine client', function () {
  it('long-polls past the call timeout, carries refusals with their type, reports failures and completions', async () => {
    const p = platform();
    const engine = new EngineClient({ baseUrl: p.engine.url, user: p.config.engineUser, password: p.config.enginePassword, timeoutMs: 400 });
    const client = new Client({ baseUrl: p.engine.url, workerId: 'calls-a', autoPoll: false });
    sendThroughEngineClient(client, engine, 1500);
    const fetchAndLock = () =>
      client.engineService.request('POST', '/external-task/fetchAndLock', {
        json: { workerId: 'calls-a', maxTasks: 1, asyncResponseTimeout: 1200, topics: [{ topicName: topic, lockDuration: 30_000 }] },
      }) as Promise<Locked[]>;

    // nothing to fetch: the engine holds the fetch for its whole poll time, three times the call timeout
    const waited = Date.now();
    expect(await fetchAndLock()).to.deep.equal([]);
    expect(Date.now() - waited).to.be.greaterThan(1000);

    const deployment = await p.services.engine.deploy({ name: 'engine calls probe', source: 'test', files: [{ name: 'calls.bpmn', content: model }] });
    const definition = Object.values(deployment.deployedProcessDefinitions ?? {})[0]!;
    const instance = await p.services.engine.startProcess(definition.id, { businessKey: `calls-${Date.now()}` });
    const [task] = await fetchAndLock();
    expect(task).to.not.equal(undefined);

    // another worker's completion is refused: the error carries the engine's type, as the runner expects
    const other = new Client({ baseUrl: p.engine.url, workerId: 'calls-b', autoPoll: false });
    sendThroughEngineClient(other, engine, 1500);
    const refused = await other.engineService.request('POST', `/external-task/${task!.id}/complete`, { json: { workerId: 'calls-b' } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).to.be.instanceOf(EngineError);
    expect((refused as EngineError).type).to.be.a('string');

    // a failure with retries left unlocks the task for another round, with its retries counted down
    await client.engineService.request('POST', `/external-task/${task!.id}/failure`, {
      json: { workerId: 'calls-a', errorMessage: 'probe', retries: 2, retryTimeout: 0 },
    });
    const [again] = await fetchAndLock();
    expect(again!.id).to.equal(task!.id);
    expect(again!.retries).to.equal(2);

    await client.engineService.request('POST', `/external-task/${task!.id}/complete`, {
      json: { workerId: 'calls-a', variables: { probe: { value: 'done', type: 'String' } } },
    });
    const ended = await p.services.engine.historicProcessInstance(instance.id);
    expect(ended?.state).to.equal('COMPLETED');
  });
});

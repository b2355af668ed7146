/** The engine as the api and workers use it: authenticated REST, full history, JSON (Spin) variables. */
import http from 'node:http';
import { expect } from 'chai';
import { EngineClient, EngineError } from '@motcua/domain/engine/engine.client.ts';
import { platform } from '../support/platform.ts';

const probeModel = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="probe_defs" targetNamespace="https://motcua.vn/test">
  <bpmn:process id="engine_probe" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:userTask id="wait" camunda:candidateGroups="specialist:probe" />
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe(`the engine REST API (${process.env.ENGINE_FLAVOR ?? 'operaton'})`, function () {
  it('refuses anonymous and wrongly authenticated calls', async () => {
    const url = platform().engine.url;
    const anonymous = await fetch(`${url}/process-definition`);
    expect(anonymous.status).to.equal(401);
    const wrong = await fetch(`${url}/task`, { headers: { authorization: 'Basic ' + Buffer.from('intruder:guess').toString('base64') } });
    expect(wrong.status).to.equal(401);
  });

  it('keeps Json variables (Spin) and full history, with a history time-to-live on every definition', async () => {
    const engine = platform().services.engine;
    const deployment = await engine.deploy({ name: 'engine probe', source: 'test', files: [{ name: 'probe.bpmn', content: probeModel }] });
    const definition = Object.values(deployment.deployedProcessDefinitions ?? {})[0]!;
    const instance = await engine.startProcess(definition.id, {
      businessKey: `probe-${Date.now()}`,
      variables: { plan: { steps: ['reception', 'review'], limit: 3 }, dueAt: new Date('2026-11-23T10:00:00Z'), count: 7 },
    });
    const vars = await engine.processVariables(instance.id);
    expect(vars.plan).to.deep.equal({ steps: ['reception', 'review'], limit: 3 });
    expect((vars.dueAt as Date).toISOString()).to.equal('2026-11-23T10:00:00.000Z');
    expect(vars.count).to.equal(7);
    const raw = await (
      await fetch(`${engine.baseUrl}/process-instance/${instance.id}/variables/plan?deserializeValue=false`, {
        headers: { authorization: 'Basic ' + Buffer.from(`${platform().config.engineUser}:${platform().config.enginePassword}`).toString('base64') },
      })
    ).json();
    expect(raw.type).to.equal('Json');

    const [task] = await engine.queryTasks({ processInstanceId: instance.id });
    await engine.completeTask(task!.id, { decision: 'done' });
    // full history: the variable update of the completion is kept
    const history = await (
      await fetch(`${engine.baseUrl}/history/detail?processInstanceId=${instance.id}&variableUpdates=true`, {
        headers: { authorization: 'Basic ' + Buffer.from(`${platform().config.engineUser}:${platform().config.enginePassword}`).toString('base64') },
      })
    ).json();
    expect(history.map((h: { variableName: string }) => h.variableName)).to.include.members(['plan', 'dueAt', 'decision']);
    const defs = await (
      await fetch(`${engine.baseUrl}/process-definition?key=birth_registration`, {
        headers: { authorization: 'Basic ' + Buffer.from(`${platform().config.engineUser}:${platform().config.enginePassword}`).toString('base64') },
      })
    ).json();
    expect(defs[0].historyTimeToLive).to.equal(3650);
  });

  it("removes a finished instance's history its time-to-live after its end, and writes no removal time at the end", async () => {
    const engine = platform().services.engine;
    const auth = { authorization: 'Basic ' + Buffer.from(`${platform().config.engineUser}:${platform().config.enginePassword}`).toString('base64') };
    const call = async (method: string, path: string) => {
      const res = await fetch(`${engine.baseUrl}${path}`, { method, headers: { ...auth, 'content-type': 'application/json' } });
      expect(res.status, `${method} ${path}`).to.be.below(500);
      return res.status === 204 ? undefined : res.json();
    };
    // one model kept no time at all, one kept a day: only the first one's history goes
    const deploy = async (ttl: string) => {
      const model = probeModel
        .replace('id="engine_probe"', `id="engine_probe_${ttl}"`)
        .replace('camunda:historyTimeToLive="P1D"', `camunda:historyTimeToLive="${ttl}"`);
      const d = await engine.deploy({ name: `engine probe ${ttl}`, source: 'test', files: [{ name: 'probe.bpmn', content: model }] });
      return Object.values(d.deployedProcessDefinitions ?? {})[0]!;
    };
    const finished = async (definitionId: string) => {
      const instance = await engine.startProcess(definitionId, { businessKey: `ttl-${Date.now()}-${Math.random()}`, variables: { kept: 'yes' } });
      const [task] = await engine.queryTasks({ processInstanceId: instance.id });
      await engine.completeTask(task!.id, { decision: 'done' });
      return instance.id;
    };
    const gone = await finished((await deploy('P0D')).id);
    const kept = await finished((await deploy('P1D')).id);
    const ended = await call('GET', `/history/process-instance/${kept}`);
    expect(ended.state).to.equal('COMPLETED');
    expect(ended.removalTime, 'no removal time stamped on the history at the end').to.equal(null);

    const job = await call('POST', '/history/cleanup?immediatelyDue=true');
    await call('POST', `/job/${job.id}/execute`);
    const after = await fetch(`${engine.baseUrl}/history/process-instance/${gone}`, { headers: auth });
    expect(after.status, 'the history past its time-to-live is removed').to.equal(404);
    const variables = await call('GET', `/history/variable-instance?processInstanceId=${gone}`);
    expect(variables).to.deep.equal([]);
    expect((await call('GET', `/history/process-instance/${kept}`)).id, 'the history still within its time-to-live is kept').to.equal(kept);
    expect(await call('GET', `/history/variable-instance?processInstanceId=${kept}`)).to.have.length.greaterThan(0);
  });

  it('keeps one running instance per business key: a start sent again after an unknown outcome is refused by the database', async () => {
    const engine = platform().services.engine;
    const deployment = await engine.deploy({ name: 'engine probe', source: 'test', files: [{ name: 'probe.bpmn', content: probeModel }] });
    const definition = Object.values(deployment.deployedProcessDefinitions ?? {})[0]!;
    const businessKey = `once-${Date.now()}`;
    const first = await engine.startProcess(definition.id, { businessKey, variables: {} });
    const again = await engine.startProcess(definition.id, { businessKey, variables: {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(again, 'the second start is refused').to.be.instanceOf(EngineError);
    const running = await engine.historicProcessInstances({ businessKey });
    expect(running.map((i) => i.id)).to.deep.equal([first.id]);
  });

  it('reports its errors as EngineError with the status', async () => {
    const engine = platform().services.engine;
    try {
      await engine.completeTask('00000000-0000-0000-0000-000000000000');
      expect.fail('completing an unknown task succeeded');
    } catch (e) {
      expect(e).to.be.instanceOf(EngineError);
      expect([404, 500]).to.include((e as EngineError).status);
    }
  });

  it('speaks the same API whatever the flavour: version and deployment of a model with its forms', async () => {
    const { version } = await platform().services.engine.version();
    expect(version).to.match(platform().flavor === 'camunda' ? /^7\.24\./ : /^\d+\.\d+\.\d+/);
    const deployments = await (
      await fetch(`${platform().engine.url}/deployment?nameLike=1.001193%25`, {
        headers: { authorization: 'Basic ' + Buffer.from(`${platform().config.engineUser}:${platform().config.enginePassword}`).toString('base64') },
      })
    ).json();
    const resources = await (
      await fetch(`${platform().engine.url}/deployment/${deployments[0].id}/resources`, {
        headers: { authorization: 'Basic ' + Buffer.from(`${platform().config.engineUser}:${platform().config.enginePassword}`).toString('base64') },
      })
    ).json();
    expect(resources.map((r: { name: string }) => r.name)).to.include.members([
      'birth-registration.bpmn',
      'birth-registration-application.form',
      'motcua-reception.form',
    ]);
    expect(new EngineClient({ baseUrl: platform().engine.url, user: 'x', password: 'y' })).to.be.instanceOf(EngineClient);
  });

  it('sends a command again when the engine rolled it back for an optimistic-locking conflict, and only then', async () => {
    // the conflict is a race between two commands on one instance; here an endpoint answers as the engine does
    let calls = 0;
    const answers = [
      [500, { type: 'OptimisticLockingException', message: 'ENGINE-03005 Execution of UPDATE ExecutionEntity failed' }],
      [500, { type: 'OptimisticLockingException', message: 'ENGINE-03005 Execution of UPDATE ExecutionEntity failed' }],
      [204, undefined],
      [500, { type: 'ProcessEngineException', message: 'something else' }],
    ] as const;
    const server = http.createServer((req, res) => {
      req.resume();
      const [status, body] = answers[calls++]!;
      res.writeHead(status, { 'content-type': 'application/json' }).end(body ? JSON.stringify(body) : undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const client = new EngineClient({ baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}/engine-rest`, user: 'u', password: 'p' });
      await client.correlateMessage('SupplementProvided', 'dossier-1');
      expect(calls).to.equal(3);
      const other = await client.correlateMessage('SupplementProvided', 'dossier-1').catch((e: unknown) => e);
      expect(other).to.be.instanceOf(EngineError);
      expect(calls, 'any other error is not retried').to.equal(4);
    } finally {
      server.close();
    }
  });
});

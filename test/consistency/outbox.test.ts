/**
 * One truth between the dossiers and the engine: a change is written with its engine command (the outbox)
 * and carried out after the commit, exactly once in effect, whatever happens to the call in between.
 * Faults are real: an HTTP proxy in front of the real engine cuts the call before or after the engine did it.
 */
import { expect } from 'chai';
import { createApp } from '../../api/src/app.ts';
import { EngineClient } from '@motcua/domain/engine/engine.client.ts';
import { toEngineVariables } from '@motcua/domain/engine/engine.client.ts';
import { createServices, type Services } from '@motcua/domain/services.ts';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { eventually, login, type Session } from '../support/http.ts';
import { submit, taskFor, untilStatus } from '../support/dossiers.ts';
import { startEngineProxy, type EngineProxy } from '../support/engine-proxy.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import { completeCatalogue } from '../support/studio.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const completes = (_m: string, path: string) => /^\/task\/[^/]+\/complete$/.test(path);

describe('the engine-command outbox', function () {
  let worker: WorkerHandle;
  let proxy: EngineProxy;
  let proxied: Services;
  let citizen: Session;
  let desk: Session;

  before(async () => {
    const p = platform();
    worker = startTestWorker({ jobs: false });
    proxy = await startEngineProxy(p.engine.url);
    proxied = createServices({
      config: p.config,
      db: p.db,
      engine: new EngineClient({ baseUrl: proxy.url, user: p.config.engineUser, password: p.config.enginePassword, timeoutMs: 3000 }),
    });
    citizen = await login('congdan');
    // an api whose engine calls go through the proxy
    desk = await login('tiepnhan.benthanh', DEMO_PASSWORD, createApp({ config: p.config, services: proxied, logger: p.logger }));
  });
  afterEach(() => proxy.heal());
  after(async () => {
    await worker.stop();
    await proxy.close();
  });

  it('when the answer to an acceptance is lost after the engine did it, the decision stands once and the receipt names the officer', async () => {
    const id = (await submit(citizen).expect(201)).body.id as string;
    const taskId = await taskFor(desk, id, 'reception');
    await desk.post(`/api/tasks/${taskId}/claim`).expect(204);
    // the engine completes the task, but its answer never reaches the api (as if the api died meanwhile)
    proxy.cut(completes, 'after');
    const res = await desk.post(`/api/tasks/${taskId}/complete`).send({ decision: 'accept', note: 'Đủ giấy tờ' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.deep.equal({ decision: 'accept', pending: true });
    proxy.heal();
    // the relay looks before sending again: the task is completed by this officer, so the command is done
    await platform().services.commands.runDossier(id);
    const [, complete] = await platform()
      .services.commands.list(id)
      .then((l) => l.filter((c) => c.kind !== 'claim'));
    expect(complete).to.include({ kind: 'complete', state: 'done', outcome: 'already_done' });
    const received = await untilStatus(citizen, id, 2);
    const events = (received.timeline as { type: string; actorName: string }[]).filter((e) => e.type === 'reception_accept' || e.type === 'received');
    expect(events.map((e) => e.type)).to.deep.equal(['reception_accept', 'received']);
    expect(events[1]!.actorName).to.equal(desk.account.fullName);
  });

  it('when a supplement request never reaches the engine, the relay job carries it out and the applicant can supply it', async () => {
    const p = platform();
    const jobs = startTestWorker({ only: [], jobs: true });
    try {
      const id = (await submit(citizen).expect(201)).body.id as string;
      const taskId = await taskFor(desk, id, 'reception');
      await desk.post(`/api/tasks/${taskId}/claim`).expect(204);
      proxy.cut(completes, 'before');
      const res = await desk.post(`/api/tasks/${taskId}/complete`).send({ decision: 'supplement', missingItems: 'Bản sao giấy chứng sinh' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.pending).to.equal(true);
      proxy.heal();
      // the dossier shows the request at once; the engine catches up through the queue, with no one's help
      expect((await p.db('dossiers').where({ id }).first()).status).to.equal(5);
      await eventually(async () => (await p.services.commands.list(id)).every((c) => c.state === 'done'), 'the relay job to complete the task', 30_000, 250);
      expect(await p.services.engine.queryTasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'reception' })).to.have.length(0);
      const supplied = await citizen.post(`/api/dossiers/${id}/supplement`).field('data', JSON.stringify((await citizen.get(`/api/dossiers/${id}`)).body.data));
      expect(supplied.status, JSON.stringify(supplied.body)).to.equal(200);
      await eventually(
        async () => (await p.services.engine.queryTasks({ processInstanceBusinessKey: id, taskDefinitionKey: 'reception' })).length === 1,
        'the reception task after the supplement',
      );
    } finally {
      await jobs.stop();
    }
  });

  it('a repeated completion of the same task records the decision once', async () => {
    const id = (await submit(citizen).expect(201)).body.id as string;
    const taskId = await taskFor(desk, id, 'reception');
    await desk.post(`/api/tasks/${taskId}/claim`).expect(204);
    proxy.cut(completes, 'after');
    await desk.post(`/api/tasks/${taskId}/complete`).send({ decision: 'accept' }).expect(200);
    proxy.heal();
    // the person presses again before the relay ran: the held task is gone from the engine already
    const again = await desk.post(`/api/tasks/${taskId}/complete`).send({ decision: 'accept' });
    expect([200, 404, 409]).to.include(again.status);
    const decided = await platform().db('dossier_events').where({ dossier_id: id, type: 'reception_accept' });
    expect(decided).to.have.length(1);
  });

  it('a completion of a task its officer claimed through motcua reads the task by its id, without the engine’s task query; one claimed by other means is queried', async () => {
    const p = platform();
    const taskQueries = (m: string, path: string) => m === 'POST' && /^\/task(\?|$)/.test(path);
    const id = (await submit(citizen).expect(201)).body.id as string;
    const taskId = await taskFor(desk, id, 'reception');
    await desk.post(`/api/tasks/${taskId}/claim`).expect(204);
    proxy.cut(taskQueries, 'before');
    const done = await desk.post(`/api/tasks/${taskId}/complete`).send({ decision: 'accept' });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    await untilStatus(citizen, id, 2);
    proxy.heal();
    // held in the engine by a tool, not by a claim motcua made: the engine is asked (and must answer)
    const other = (await submit(citizen).expect(201)).body.id as string;
    const otherTask = await taskFor(desk, other, 'reception');
    await p.services.engine.claimTask(otherTask, desk.account.id);
    proxy.cut(taskQueries, 'before');
    expect((await desk.post(`/api/tasks/${otherTask}/complete`).send({ decision: 'accept' })).status).to.equal(503);
    proxy.heal();
    await desk.post(`/api/tasks/${otherTask}/complete`).send({ decision: 'accept' }).expect(200);
  });

  it('a claim accepted while the engine did not answer is carried out when its officer completes the task, not refused as unclaimed', async () => {
    const claims = (_m: string, path: string) => /^\/task\/[^/]+\/claim$/.test(path);
    const id = (await submit(citizen).expect(201)).body.id as string;
    const taskId = await taskFor(desk, id, 'reception');
    proxy.cut(claims, 'before');
    const claimed = await desk.post(`/api/tasks/${taskId}/claim`);
    expect(claimed.status, JSON.stringify(claimed.body)).to.be.oneOf([202, 204]);
    const claim = (await platform().services.commands.list(id)).find((c) => c.kind === 'claim');
    expect(claim).to.include({ state: 'pending' });
    // while the engine still does not take it: try again (503), not "claim it first" (409)
    const early = await desk.post(`/api/tasks/${taskId}/complete`).send({ decision: 'accept' });
    expect(early.status, JSON.stringify(early.body)).to.equal(503);
    expect(early.body.code).to.equal('engine_unavailable');
    proxy.heal();
    // the officer, told the task is theirs, decides at once: the claim goes to the engine first
    const done = await desk.post(`/api/tasks/${taskId}/complete`).send({ decision: 'accept' });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect((await platform().services.commands.list(id)).map((c) => [c.kind, c.state])).to.deep.equal([
      ['start', 'done'],
      ['claim', 'done'],
      ['complete', 'done'],
    ]);
    await untilStatus(citizen, id, 2);
  });

  it('a burst of online submissions starts their processes after answering, a few at a time, every one of them', async () => {
    const starts = proxy.watch((m, path) => m === 'POST' && /^\/process-definition\/[^/]+\/start$/.test(path));
    const online = await login('congdan', DEMO_PASSWORD, createApp({ config: platform().config, services: proxied, logger: platform().logger }));
    const ids = await Promise.all(Array.from({ length: 12 }, () => submit(online).expect(201))).then((rs) => rs.map((r) => r.body.id as string));
    await proxied.commands.settle();
    expect(starts.count).to.equal(12);
    // a burst of starts would crowd out the officers' calls to the engine
    expect(starts.peak).to.be.within(1, 4);
    const linked = await platform().db('dossiers').whereIn('id', ids).whereNotNull('process_instance_id');
    expect(linked).to.have.length(12);
  });

  it('a claim the engine refuses because another officer holds the task changes nothing', async () => {
    const p = platform();
    const id = (await submit(citizen).expect(201)).body.id as string;
    const taskId = await taskFor(desk, id, 'reception');
    const other = (await p.db('accounts').where({ username: 'tiepnhan.saigon' }).first()).id as string;
    await p.services.engine.claimTask(taskId, other);
    const cmd = await p.db.transaction((tx) =>
      p.services.commands.enqueue(tx, {
        dossierId: id,
        dedupeKey: `claim:${taskId}:test`,
        payload: { kind: 'claim', taskId, userId: desk.account.id, step: 'reception', startsHandling: false },
        actorId: desk.account.id,
      }),
    );
    const r = await p.services.commands.runUpTo(id, cmd.id);
    expect(r).to.include({ state: 'failed', outcome: 'TaskAlreadyClaimedException' });
    expect(await p.db('dossier_events').where({ dossier_id: id, type: 'task_claimed' })).to.have.length(0);
    expect((await p.services.engine.task(taskId))!.assignee).to.equal(other);
  });

  it('a message the process does not wait for yet is sent again later, not given up', async () => {
    const p = platform();
    const id = (await submit(citizen).expect(201)).body.id as string;
    await taskFor(desk, id, 'reception');
    const cmd = await p.db.transaction((tx) =>
      p.services.commands.enqueue(tx, {
        dossierId: id,
        dedupeKey: `test-message:${id}`,
        payload: { kind: 'message', messageName: 'SupplementProvided', effect: 'message_caught', variables: toEngineVariables({}) },
      }),
    );
    const r = await p.services.commands.runUpTo(id, cmd.id);
    expect(r!.state).to.equal('pending');
    expect((await p.db('engine_commands').where({ id: cmd.id }).first()).last_error).to.match(/400/);
    await p.db('engine_commands').where({ id: cmd.id }).delete();
  });

  it('a publish whose answer from the engine is lost deploys once when tried again', async () => {
    const p = platform();
    const admin = await login('quantri', DEMO_PASSWORD, createApp({ config: p.config, services: proxied, logger: p.logger }));
    const code = '9.100077';
    const created = await admin
      .post('/api/admin/procedures')
      .send({ code, name: 'Thủ tục thử công bố khi mất câu trả lời', field: 'Hộ tịch', timeLimit: { value: 3, unit: 'working_days' } })
      .expect(201);
    const versionId = created.body.version.id as string;
    await completeCatalogue(admin, versionId);
    // the engine deploys, but its answer never reaches the api
    proxy.cut((m, path) => m === 'POST' && path.startsWith('/deployment/create'), 'after');
    const lost = await admin.post(`/api/admin/procedure-versions/${versionId}/publish`);
    expect(lost.status).to.be.at.least(500);
    expect((await admin.get(`/api/admin/procedure-versions/${versionId}`).expect(200)).body.version.status).to.equal('draft');
    proxy.heal();
    const published = (await admin.post(`/api/admin/procedure-versions/${versionId}/publish`).expect(200)).body.version;
    // one deployment of the version in the engine: the one the version records
    const deployments = await p.services.engine.deployments({ name: `${code} v1` });
    expect(deployments.map((d) => d.id)).to.deep.equal([published.engineDeploymentId]);
  });
});

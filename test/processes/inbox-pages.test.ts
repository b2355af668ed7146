/**
 * The officer's inbox asks the engine to count its tasks only when a page does not tell: a page that is not
 * full ends the list, so its length gives the total; and a claim of a free task it just listed trusts that
 * listing instead of asking the engine again whose group the task is in. The engine's calls are watched
 * through a proxy in front of the real engine.
 */
import { expect } from 'chai';
import { createApp } from '../../api/src/app.ts';
import { EngineClient } from '@motcua/domain/engine/engine.client.ts';
import { createServices } from '@motcua/domain/services.ts';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { login, type Session } from '../support/http.ts';
import { submit, taskFor } from '../support/dossiers.ts';
import { startEngineProxy, type EngineProxy } from '../support/engine-proxy.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

describe("the officer's inbox pages", function () {
  let worker: WorkerHandle;
  let proxy: EngineProxy;
  let desk: Session;
  let dossierIds: string[];
  let app: ReturnType<typeof createApp>;

  before(async () => {
    const p = platform();
    worker = startTestWorker({ jobs: false });
    proxy = await startEngineProxy(p.engine.url);
    const services = createServices({
      config: p.config,
      db: p.db,
      engine: new EngineClient({ baseUrl: proxy.url, user: p.config.engineUser, password: p.config.enginePassword, timeoutMs: 5000 }),
    });
    app = createApp({ config: p.config, services, logger: p.logger });
    desk = await login('tiepnhan.benthanh', DEMO_PASSWORD, app);
    const citizen = await login('congdan');
    dossierIds = [];
    for (let i = 0; i < 2; i++) dossierIds.push((await submit(citizen).expect(201)).body.id as string);
    for (const id of dossierIds) await taskFor(desk, id, 'reception');
  });
  after(async () => {
    await worker.stop();
    await proxy.close();
  });

  const page = async (query: string) => {
    const counts = proxy.watch((m, path) => m === 'POST' && path.startsWith('/task/count'));
    const res = await desk.get(`/api/tasks?${query}`).expect(200);
    return { items: res.body.items as { id: string }[], total: res.body.total as number, counted: counts.count };
  };

  it('tells the total of a page that is not full from its length, and asks the engine to count only past a full page', async () => {
    const whole = await page('limit=200');
    expect(whole.items.length).to.be.within(2, 199);
    expect(whole).to.include({ total: whole.items.length, counted: 0 });
    // a full page: the rest is not known without counting
    const first = await page('limit=1');
    expect(first.items).to.have.length(1);
    expect(first).to.include({ total: whole.total, counted: 1 });
    // the last page, not full, ends the list where it is
    const rest = await page('offset=1&limit=200');
    expect(rest.items).to.have.length(whole.total - 1);
    expect(rest).to.include({ total: whole.total, counted: 0 });
    // past the end, an empty page does not say where the list ended
    const past = await page(`offset=${whole.total}&limit=200`);
    expect(past.items).to.have.length(0);
    expect(past).to.include({ total: whole.total, counted: 1 });
  });

  /** the free reception task of this dossier, as the officer's inbox lists it now */
  const listed = async (dossierId: string) => {
    const res = await desk.get('/api/tasks?holder=unclaimed&limit=200').expect(200);
    const task = (res.body.items as { id: string; stepKey: string; dossier: { id: string } | null }[]).find(
      (t) => t.dossier?.id === dossierId && t.stepKey === 'reception',
    );
    expect(task, `the reception task of ${dossierId} in the inbox`).to.exist;
    return task!.id;
  };
  const taskQueries = () => proxy.watch((m, path) => m === 'POST' && /^\/task(\?|$)/.test(path));

  it('claims a task it has just listed without asking the engine again whose it is, and the engine gives it to the officer', async () => {
    const taskId = await listed(dossierIds[0]!);
    const queries = taskQueries();
    await desk.post(`/api/tasks/${taskId}/claim`).expect(204);
    expect(queries.count, 'task queries made by the claim').to.equal(0);
    expect((await platform().services.engine.task(taskId))?.assignee).to.equal(desk.account.id);
    // claimed again (a second click): the listing was used once, the engine is asked and says it is theirs
    const again = taskQueries();
    await desk.post(`/api/tasks/${taskId}/claim`).expect(204);
    expect(again.count).to.equal(1);
  });

  it('says who holds a task it listed when another officer took it meanwhile, and that a task gone is gone', async () => {
    const engine = platform().services.engine;
    const taskId = await listed(dossierIds[1]!);
    await engine.claimTask(taskId, 'another-officer');
    try {
      const res = await desk.post(`/api/tasks/${taskId}/claim`).expect(409);
      expect(res.body.code).to.equal('task_claimed');
      expect((await engine.task(taskId))?.assignee).to.equal('another-officer');
    } finally {
      await engine.unclaimTask(taskId);
    }
    // listed free by a colleague at the same desk, then taken and completed: gone by the colleague's claim
    const p = platform();
    const name = `tn.dongnghiep.${Date.now().toString(36)}`;
    await p.services.accounts.createAccount({
      username: name,
      password: DEMO_PASSWORD,
      fullName: 'Trần Văn Đồng Nghiệp',
      role: 'receiving_officer',
      orgUnitId: p.demo!.benThanh.id,
    });
    const colleague = await login(name, DEMO_PASSWORD, app);
    const seenByColleague = await colleague.get('/api/tasks?holder=unclaimed&limit=200').expect(200);
    expect(seenByColleague.body.items.map((t: { id: string }) => t.id)).to.include(taskId);
    // taken by the officer on another page (straight in the engine: the colleague's listing stays as it was)
    await engine.claimTask(taskId, desk.account.id);
    const done = await desk.post(`/api/tasks/${taskId}/complete`).send({ decision: 'accept' });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    const gone = await colleague.post(`/api/tasks/${taskId}/claim`).expect(404);
    expect(gone.body.code).to.equal('task_not_found');
  });
});

/**
 * The officer's inbox asks the engine to count its tasks only when a page does not tell: a page that is not
 * full ends the list, so its length gives the total. The engine's calls are watched through a proxy in front
 * of the real engine.
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

  before(async () => {
    const p = platform();
    worker = startTestWorker({ jobs: false });
    proxy = await startEngineProxy(p.engine.url);
    const services = createServices({
      config: p.config,
      db: p.db,
      engine: new EngineClient({ baseUrl: proxy.url, user: p.config.engineUser, password: p.config.enginePassword, timeoutMs: 5000 }),
    });
    desk = await login('tiepnhan.benthanh', DEMO_PASSWORD, createApp({ config: p.config, services, logger: p.logger }));
    const citizen = await login('congdan');
    for (let i = 0; i < 2; i++) await taskFor(desk, (await submit(citizen).expect(201)).body.id as string, 'reception');
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
});

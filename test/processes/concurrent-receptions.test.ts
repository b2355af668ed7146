/** 100 receptions at once in one unit, through the api and the workers: 100 distinct, consecutive codes. */
import { expect } from 'chai';
import { upsertOrgUnit } from '@motcua/domain/org-units/org-units.repository.ts';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { eventually, login, type Session } from '../support/http.ts';
import { submit } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

describe('concurrent receptions', function () {
  this.timeout(300_000);
  const N = 100;
  let workers: WorkerHandle[];
  let unitId: string;
  let agencyCode: string;
  let citizen: Session;
  let officers: Session[];

  before(async () => {
    const p = platform();
    const unit = await upsertOrgUnit({
      db: p.db,
      unit: { name: 'Ủy ban nhân dân phường Thử Nghiệm Đồng Thời', agencyCode: '000.00.93.H29', parentId: p.demo!.city.id },
    });
    unitId = unit.id;
    agencyCode = unit.agencyCode;
    const suffix = Date.now().toString(36);
    officers = [];
    for (let i = 0; i < 4; i++) {
      await p.services.accounts.createAccount({
        username: `tn${i}.concurrent.${suffix}`,
        password: DEMO_PASSWORD,
        fullName: `Cán bộ tiếp nhận ${i}`,
        role: 'receiving_officer',
        orgUnitId: unit.id,
      });
      officers.push(await login(`tn${i}.concurrent.${suffix}`));
    }
    citizen = await login('congdan');
    // two worker "processes" compete for the reception tasks
    workers = [startTestWorker(), startTestWorker()];
  });
  after(() => Promise.all(workers.map((w) => w.stop())));

  it(`gives ${N} dossiers accepted at the same time ${N} distinct consecutive codes`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < N; i += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, N - i) }, () => submit(citizen, { unitId }).expect(201)));
      ids.push(...batch.map((r) => r.body.id as string));
    }
    const pending = await eventually(
      async () => {
        const res = await officers[0]!.get('/api/tasks?limit=200').expect(200);
        const mine = (res.body.items as { id: string; stepKey: string; dossier: { id: string } }[]).filter(
          (t) => t.stepKey === 'reception' && ids.includes(t.dossier.id),
        );
        return mine.length === N ? mine : undefined;
      },
      `${N} reception tasks`,
      60_000,
      250,
    );

    // all accepted at once, by four officers
    await Promise.all(
      pending.map(async (t, i) => {
        const officer = officers[i % officers.length]!;
        await officer.post(`/api/tasks/${t.id}/claim`).expect(204);
        const res = await officer.post(`/api/tasks/${t.id}/complete`).send({ decision: 'accept' });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
      }),
    );

    const rows = await eventually(
      async () => {
        const r = await platform().db('dossiers').whereIn('id', ids).whereNotNull('code').select('code', 'status');
        return r.length === N ? r : undefined;
      },
      `${N} codes`,
      120_000,
      250,
    );
    const codes = rows.map((r: { code: string }) => r.code);
    expect(new Set(codes).size).to.equal(N);
    const day = codes[0]!.split('-')[1];
    expect(codes.every((c: string) => c.startsWith(`${agencyCode}-${day}-`))).to.equal(true);
    const sequences = codes.map((c: string) => Number(c.split('-')[2])).sort((a: number, b: number) => a - b);
    expect(sequences).to.deep.equal(Array.from({ length: N }, (_, i) => i + 1));
    expect(rows.every((r: { status: number }) => r.status === 2)).to.equal(true);
  });
});

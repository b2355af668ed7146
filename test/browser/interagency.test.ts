/**
 * A dossier across agencies in the browser, each officer in their own unit: received at the ward's service
 * centre, reviewed by the construction department, the fire police's opinion, approved by the department,
 * returned at the centre. The fire police reads the dossier after its step and has nothing to act on; the
 * control sheet shows the four hand-offs between agencies, at desktop and phone width.
 */
import path from 'node:path';
import { expect } from 'chai';
import { eventually, login as apiLogin } from '../support/http.ts';
import { samplePdf, submit } from '../support/dossiers.ts';
import { artifactsDir, platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import { decide, openTask } from '../support/workspace-pages.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

describe('a dossier across agencies in the browser', function () {
  this.timeout(240_000);
  let worker: WorkerHandle;
  const users: UserPage[] = [];
  const as = async (username: string, viewport = DESKTOP) => {
    const u = await openPage(viewport);
    users.push(u);
    await login(u.page, username);
    return u.page;
  };

  before(() => {
    worker = startTestWorker();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      for (const [i, u] of users.entries())
        if (!u.page.isClosed())
          await u.page.screenshot({ path: path.join(artifactsDir, 'screenshots', `interagency-failed-${i}.png`), fullPage: true }).catch(() => {});
    const errors = users.flatMap((u) => u.errors.splice(0));
    if (errors.length && this.currentTest?.state === 'passed') throw new Error(`the browser reported errors:\n${errors.join('\n')}`);
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
    await worker.stop();
  });

  it('goes centre → department → fire police → department → centre, each officer in their own unit, and the control sheet shows it', async () => {
    const { centre, construction, firePolice } = platform().demo!;
    const citizen = await apiLogin('congdan');
    const res = await submit(citizen, {
      procedureCode: 'LTXD.000101',
      unitId: centre.id,
      data: {
        applicant: { fullName: 'Phạm Thị Thu', idNumber: '079190000321', phone: '0987654321' },
        site: { address: '34 Pasteur, phường Bến Thành', parcel: 'Thửa 12, tờ bản đồ 5', landArea: 80 },
        building: { floorArea: 240, floors: 3, height: 12 },
        declaration: true,
      },
      files: [{ field: 'documents', name: 'ban-ve-thiet-ke.pdf', content: samplePdf('Ban ve') }],
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const id = res.body.id as string;
    const reference = res.body.reference as string;

    const desk = await as('tiepnhan.trungtam');
    // at the centre's counter, a procedure handled by another agency asks which one (the competent one preselected)
    await desk.goto('/mot-cua/tiep-nhan-truc-tiep');
    await desk.getByLabel('Thủ tục').selectOption({ value: 'LTXD.000101' });
    const agency = desk.getByLabel('Cơ quan giải quyết');
    await agency.waitFor();
    expect(await agency.locator('option:checked').innerText()).to.equal(construction.name);
    await screenshot(desk, 'counter-handling-unit');
    await openTask(desk, reference);
    await decide(desk, 'Tiếp nhận');
    const code = await eventually(
      async () => ((await platform().db('dossiers').where({ id }).first('code')).code as string | null) ?? undefined,
      'the dossier code',
    );

    const review = { fill: async (p: typeof desk) => void (await p.getByLabel(/Ý kiến thẩm định/).fill('Đạt yêu cầu')) };
    const department = await as('chuyenvien.xaydung');
    await openTask(department, code, 'interagency-inbox');
    await decide(department, 'Đồng ý', review.fill);

    const fire = await as('chuyenvien.pccc');
    await openTask(fire, code);
    await decide(fire, 'Đồng ý', review.fill);
    // after its step the fire police still reads the dossier, with nothing to act on
    await fire.goto(`/mot-cua/ho-so/${id}`);
    await fire.getByRole('heading', { level: 1, name: new RegExp(code.replace(/\./g, '\\.')) }).waitFor();
    expect(await fire.getByRole('button', { name: 'Nhận xử lý' }).count()).to.equal(0);

    const leader = await as('lanhdao.xaydung');
    await openTask(leader, code);
    await decide(leader, 'Đồng ý');
    await eventually(async () => (await platform().db('dossiers').where({ id }).first('status')).status === 10, 'the result returned', 60_000);

    for (const viewport of [DESKTOP, PHONE]) {
      const page = await as('tiepnhan.trungtam', viewport);
      await page.goto(`/mot-cua/ho-so/${id}`);
      await page.getByRole('tab', { name: 'Phiếu kiểm soát (mẫu 05)' }).click();
      const handoffs = page.locator('.handoff');
      await handoffs.first().waitFor();
      expect(await handoffs.allInnerTexts()).to.deep.equal([
        `Chuyển liên thông đến ${construction.name}`,
        `Chuyển liên thông đến ${firePolice.name}`,
        `Chuyển liên thông đến ${construction.name}`,
        `Chuyển liên thông đến ${centre.name}`,
      ]);
      expect(await horizontalOverflow(page)).to.be.at.most(0);
      expect(await accessibilityProblems(page)).to.deep.equal([]);
      await screenshot(page, 'interagency-control-sheet');
    }
  });
});

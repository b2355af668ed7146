/**
 * The process diagram officers read on a dossier (issue 16): the procedure's steps, with the template's SLA timers,
 * flags and notice branches folded away; the current step in its SLA colour and in view, on a phone as on a desktop.
 */
import { expect } from 'chai';
import { login as apiLogin } from '../support/http.ts';
import { decide, submit, untilStatus } from '../support/dossiers.ts';
import { startTestWorker } from '../support/workers.ts';
import { PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

describe('the process diagram, folded to the steps', function () {
  this.timeout(180_000);
  let worker: WorkerHandle;
  const users: UserPage[] = [];
  before(() => {
    worker = startTestWorker();
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
    await worker.stop();
  });

  it('shows the steps without the timers, flags and notice branches, the current step in view at 390 and 1366 px', async () => {
    const [citizen, desk] = await Promise.all([apiLogin('congdan'), apiLogin('tiepnhan.benthanh')]);
    const id = (await submit(citizen).expect(201)).body.id as string;
    await decide(desk, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen, id, 2);
    for (const viewport of [PHONE, { width: 1366, height: 900 }]) {
      const u = await openPage(viewport);
      users.push(u);
      const { page } = u;
      await login(page, 'tiepnhan.benthanh');
      await page.goto(`/mot-cua/ho-so/${id}`);
      await page.getByRole('tab', { name: 'Quy trình' }).click();
      const current = page.locator('.diagram .djs-element.step-current[data-element-id="review"]');
      await current.waitFor();
      // the steps are there; the timers on them, the flags and the notice branch are not shown
      for (const step of ['reception', 'review', 'approval', 'sign'])
        expect(await page.locator(`.diagram [data-element-id="${step}"]`).isVisible(), step).to.equal(true);
      const stillShown: string[] = [];
      for (const folded of ['reception_warn', 'review_due', 'review_due_flag', 'review_due_end', 'notify_supplement', 'supplement_notified'])
        if (await page.locator(`.diagram [data-element-id="${folded}"]`).isVisible()) stillShown.push(folded);
      expect(stillShown).to.deep.equal([]);
      // the current step lies inside the diagram's frame
      const frame = (await page.locator('.diagram').boundingBox())!;
      const box = (await current.boundingBox())!;
      expect(box.x).to.be.at.least(frame.x - 1);
      expect(box.x + box.width).to.be.at.most(frame.x + frame.width + 1);
      // readable: a step is drawn at least 55 px wide (bpmn-js draws it 100 wide at full scale)
      expect(box.width).to.be.at.least(55);
      expect(await horizontalOverflow(page)).to.be.at.most(0);
      const axe = await accessibilityProblems(page);
      expect(axe, axe.join('; ')).to.deep.equal([]);
      await screenshot(page, 'diagram-folded');
      expect(u.errors).to.deep.equal([]);
    }
  });
});

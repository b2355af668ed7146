/**
 * An auditor reads a finished dossier's history in the browser: the timeline's chain verified and the engine's
 * record of who claimed and completed each step; at phone and desktop width.
 */
import { expect } from 'chai';
import { login as apiLogin } from '../support/http.ts';
import { decide, submit, untilStatus } from '../support/dossiers.ts';
import { startTestWorker } from '../support/workers.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

describe("an auditor reads a dossier's history in the browser", function () {
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

  it('shows the chain intact and who claimed and completed each step', async () => {
    const [citizen, desk, specialist, leader] = await Promise.all(
      ['congdan', 'tiepnhan.benthanh', 'chuyenvien.benthanh', 'lanhdao.benthanh'].map((u) => apiLogin(u)),
    );
    const id = (await submit(citizen!).expect(201)).body.id as string;
    await decide(desk!, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen!, id, 2);
    await decide(specialist!, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    await decide(leader!, id, 'approval', { decision: 'approve' });
    await untilStatus(citizen!, id, 10, 60_000);

    for (const viewport of [DESKTOP, PHONE]) {
      const u = await openPage(viewport);
      users.push(u);
      await login(u.page, 'thanhtra');
      await u.page.goto(`/mot-cua/ho-so/${id}`);
      await u.page.getByRole('tab', { name: 'Lịch sử xử lý (thanh tra)' }).click();
      await u.page.getByText(/Chuỗi nhật ký của hồ sơ nguyên vẹn: \d+ mục/).waitFor();
      const claims = u.page.locator('.audit-list li').filter({ hasText: 'Nhận xử lý' });
      expect(await claims.count()).to.equal(3);
      expect(await claims.nth(1).innerText()).to.contain(specialist!.account.fullName);
      expect(await horizontalOverflow(u.page)).to.be.at.most(0);
      expect(await accessibilityProblems(u.page)).to.deep.equal([]);
      await screenshot(u.page, 'audit-history');
      expect(u.errors).to.deep.equal([]);
    }
  });
});

/** The portal's public statistics page, as anyone opens it: no login, at phone and desktop width. */
import { expect } from 'chai';
import { platform } from '../support/platform.ts';
import { reportWorld } from '../support/report-dossiers.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, openPage, screenshot, type UserPage } from '../support/browser.ts';

describe('public statistics in the browser', function () {
  this.timeout(120_000);
  const users: UserPage[] = [];
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  it('shows each agency’s figures and the satisfaction ranking without a login', async () => {
    const world = await reportWorld(34);
    const p = platform();
    const applicant = (await p.db('accounts').where({ username: 'congdan' }).first('id')).id as string;
    await p.db('dossier_ratings').insert({ dossier_id: world.ids.quarterEarly, applicant_id: applicant, overall: 3, rated_at: p.clock.now() });
    // the page reads the figures of the last few minutes: computed afresh for this test
    p.services.publicStatistics.invalidate();
    for (const viewport of [DESKTOP, PHONE]) {
      const u = await openPage(viewport);
      users.push(u);
      // reached from the portal's menu, as a visitor does (on a phone the menu opens first)
      await u.page.goto('/');
      if (viewport === PHONE) await u.page.getByRole('button', { name: 'Trình đơn' }).click();
      await u.page.getByRole('navigation').getByRole('link', { name: 'Thống kê' }).click();
      await u.page.getByRole('heading', { level: 1, name: 'Thống kê giải quyết thủ tục hành chính' }).waitFor();
      await u.page.getByRole('heading', { name: /Xếp hạng mức độ hài lòng năm \d{4}/ }).waitFor();
      const card = u.page.locator('.stat-units > li').filter({ hasText: world.quarter.name });
      await card.waitFor();
      expect((await card.innerText()).replace(/\s+/g, ' ')).to.match(
        /Đã tiếp nhận 1 Đã giải quyết 1 Giải quyết đúng hạn 100\s?% Hài lòng 100\s?% \(1 lượt đánh giá\)/,
      );
      expect(await horizontalOverflow(u.page)).to.be.at.most(0);
      expect(await accessibilityProblems(u.page)).to.deep.equal([]);
      await screenshot(u.page, 'statistics');
      expect(u.errors).to.deep.equal([]);
    }
  });
});

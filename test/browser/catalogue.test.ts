/**
 * The catalogue searched as a citizen types, in the browser: words without diacritics and run together find the
 * procedure; a query that finds nothing says so and offers the nearest names, which lead to the procedure; the
 * whole catalogue is one click away. At phone and desktop width, by keyboard.
 */
import { expect } from 'chai';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, openPage, screenshot, type UserPage } from '../support/browser.ts';

describe('the catalogue searched in the browser', function () {
  this.timeout(120_000);
  const users: UserPage[] = [];
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  for (const viewport of [PHONE, DESKTOP])
    it(`finds what a citizen means and suggests when nothing matches (${viewport.width} px)`, async () => {
      const u = await openPage(viewport);
      users.push(u);
      const { page } = u;
      await page.goto('/');
      const search = page.getByRole('searchbox', { name: 'Tìm thủ tục' });
      await search.fill('giay khaisinh');
      await search.press('Enter');
      await page.waitForURL(/q=giay/);
      // (the whole catalogue, shown first, begins with another procedure)
      await page.locator('.procedure-card').first().getByRole('link', { name: 'Đăng ký khai sinh' }).waitFor();

      await search.fill('kaisinh');
      await search.press('Enter');
      await page.getByText('Không tìm thấy thủ tục nào phù hợp với «kaisinh».').waitFor();
      await page.getByText('Có phải bạn muốn tìm:').waitFor();
      expect(await horizontalOverflow(page)).to.be.at.most(0);
      expect(await accessibilityProblems(page)).to.deep.equal([]);
      await screenshot(page, 'catalogue-suggestions');
      // the suggestion leads to the procedure, by keyboard
      const suggestion = page.locator('.catalogue-none').getByRole('link', { name: 'Đăng ký khai sinh' });
      await suggestion.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/thu-tuc\/1\.001193/);
      await page.goBack();
      await page.getByRole('button', { name: 'Xem tất cả thủ tục' }).click();
      await page.waitForURL((url) => !url.searchParams.has('q'));
      await page.locator('.procedure-card').nth(4).waitFor();
      expect(u.errors).to.deep.equal([]);
    });
});

/**
 * A forgotten password in the browser (issue 16): from the login page, the account named by its email, the
 * mailed link followed, a new password set (the two entries compared first) and used to log in; at phone and
 * desktop width, with the errors summed up at the top.
 */
import { expect } from 'chai';
import supertest from 'supertest';
import { platform } from '../support/platform.ts';
import { api, eventually } from '../support/http.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, openPage, screenshot, type UserPage } from '../support/browser.ts';

describe('a forgotten password in the browser', function () {
  this.timeout(180_000);
  const users: UserPage[] = [];
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  for (const viewport of [PHONE, DESKTOP])
    it(`sets a new password through the mailed link (${viewport.width} px)`, async () => {
      const username = `qb${Date.now().toString(36)}${viewport.width}`;
      const email = `${username}@example.vn`;
      await supertest(api()).post('/api/auth/register').send({ username, password: 'Old-Password-2026', fullName: 'Đỗ Thị Quên', email }).expect(201);
      const u = await openPage(viewport);
      users.push(u);
      const { page } = u;
      await page.goto('/dang-nhap');
      await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Quên mật khẩu' }).waitFor();
      // nothing typed: the error at the top names the field in words and leads to it
      await page.getByRole('button', { name: 'Gửi đường dẫn' }).click();
      const summary = page.locator('.error-summary');
      await summary.getByRole('link', { name: /Thư điện tử hoặc số định danh cá nhân/ }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).to.equal('forgot-identifier');
      await page.getByLabel('Thư điện tử hoặc số định danh cá nhân').fill(email);
      await page.getByRole('button', { name: 'Gửi đường dẫn' }).click();
      await page.getByText('Nếu có tài khoản với thông tin này', { exact: false }).waitFor();
      expect(await horizontalOverflow(page)).to.be.at.most(0);
      expect(await accessibilityProblems(page)).to.deep.equal([]);
      await screenshot(page, 'forgot-password');

      const mail = await eventually(
        async () =>
          platform()
            .mail.to(email)
            .find((m) => m.subject.includes('mật khẩu')),
        'the reset mail',
      );
      const link = new URL(/https?:\/\/\S+\/dat-lai-mat-khau\?token=\S+/.exec(mail.text)![0]);
      await page.goto(`/dat-lai-mat-khau${link.search}`);
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill('New-Password-2026');
      await page.getByLabel('Nhập lại mật khẩu mới').fill('New-Password-2027');
      await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
      await page.locator('.error-summary').getByText('Hai lần nhập mật khẩu mới không giống nhau.').waitFor();
      await page.getByLabel('Nhập lại mật khẩu mới').fill('New-Password-2026');
      expect(await accessibilityProblems(page)).to.deep.equal([]);
      await screenshot(page, 'reset-password');
      await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
      await page.getByText('Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu mới.').waitFor();
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu', { exact: true }).fill('New-Password-2026');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));

      // the link is spent: opened again, it says so and offers a new one
      await page.goto(`/dat-lai-mat-khau${link.search}`);
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Third-Password-2026');
      await page.getByLabel('Nhập lại mật khẩu mới').fill('Third-Password-2026');
      await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
      await page.getByText('không còn hiệu lực', { exact: false }).waitFor();
      await page.getByRole('link', { name: 'Yêu cầu đường dẫn mới' }).waitFor();
      expect(u.errors.filter((e) => !e.includes('400'))).to.deep.equal([]);
    });
});

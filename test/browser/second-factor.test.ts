/**
 * Two-step verification in a real browser: an officer turns it on (the QR code, the key as text, a first
 * code), and the next login asks for the app's code after the password; the page fits a phone.
 */
import path from 'node:path';
import { expect } from 'chai';
import { generate } from 'otplib';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { artifactsDir, platform } from '../support/platform.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';

const codeOf = (secret: string, inSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + inSteps * 30 });

describe('two-step verification in the browser', function () {
  this.timeout(120_000);
  const users: UserPage[] = [];

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      for (const [i, u] of users.entries())
        await u.page.screenshot({ path: path.join(artifactsDir, 'screenshots', `totp-failed-${i}.png`), fullPage: true }).catch(() => {});
    const errors = users.flatMap((u) => u.errors.splice(0));
    if (errors.length && this.currentTest?.state === 'passed') throw new Error(`the browser reported errors:\n${errors.join('\n')}`);
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  it('an officer turns it on, and the next login asks for the code', async () => {
    await platform().services.accounts.createAccount({
      username: 'hai.lop.trinhduyet',
      password: DEMO_PASSWORD,
      fullName: 'Cán Bộ Hai Lớp',
      role: 'leader',
      orgUnitId: platform().demo!.saiGon.id,
    });
    const officer = await openPage(PHONE);
    users.push(officer);
    const page = officer.page;
    await login(page, 'hai.lop.trinhduyet');
    await page.goto('/doi-mat-khau');
    await page.getByRole('link', { name: 'Bật xác thực hai bước' }).click();
    await page.getByRole('button', { name: 'Bật xác thực hai bước' }).click();
    await page.getByRole('img', { name: 'Mã QR để quét bằng ứng dụng xác thực' }).waitFor();
    const secret = (await page.locator('.totp-secret').innerText()).replace(/\s/g, '');
    expect(await horizontalOverflow(page)).to.be.at.most(0);
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, 'second-factor');
    // a wrong code first: told so in words
    await page.getByLabel('Mã xác thực (6 chữ số)').fill((await codeOf(secret)) === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    await page.getByRole('alert').filter({ hasText: 'Mã xác thực không đúng hoặc đã hết hạn.' }).waitFor();
    await page.getByLabel('Mã xác thực (6 chữ số)').fill(await codeOf(secret));
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã bật xác thực hai bước.' }).waitFor();

    await page.getByRole('button', { name: 'Trình đơn' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill('hai.lop.trinhduyet');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const code = page.getByLabel('Mã xác thực (6 chữ số)');
    await code.waitFor();
    // the code field has the focus (the person types the code at once)
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'code');
    await screenshot(page, 'login-code');
    await code.fill(await codeOf(secret, 1));
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL(/\/mot-cua$/);
  });

  it('the page fits a desktop too', async () => {
    const desk = await openPage(DESKTOP);
    users.push(desk);
    await login(desk.page, 'chuyenvien.benthanh');
    await desk.page.goto('/xac-thuc-hai-buoc');
    await desk.page.getByRole('button', { name: 'Bật xác thực hai bước' }).click();
    await desk.page.getByRole('img', { name: 'Mã QR để quét bằng ứng dụng xác thực' }).waitFor();
    expect(await accessibilityProblems(desk.page)).to.deep.equal([]);
    await screenshot(desk.page, 'second-factor');
  });
});

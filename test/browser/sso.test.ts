/**
 * Single sign-on in a real browser against the OpenID provider the tests start: a dossier is filed at the
 * counter for an identity number; the citizen chooses «Đăng nhập bằng VNeID», logs in on the provider's page
 * and finds that dossier in their account; logging out ends the provider's session too. A refused sign-on is
 * told in words on the login page.
 */
import path from 'node:path';
import { expect } from 'chai';
import { login as apiLogin } from '../support/http.ts';
import { artifactsDir, platform } from '../support/platform.ts';
import { fileAtCounter } from '../support/dossiers.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, openPage, screenshot, webApp, type UserPage } from '../support/browser.ts';

describe('single sign-on in the browser', function () {
  this.timeout(180_000);
  const users: UserPage[] = [];
  let worker: WorkerHandle;

  before(() => {
    worker = startTestWorker();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      for (const [i, u] of users.entries())
        await u.page.screenshot({ path: path.join(artifactsDir, 'screenshots', `sso-failed-${i}.png`), fullPage: true }).catch(() => {});
    const errors = users.flatMap((u) => u.errors.splice(0));
    if (errors.length && this.currentTest?.state === 'passed') throw new Error(`the browser reported errors:\n${errors.join('\n')}`);
  });
  after(async () => {
    await worker.stop();
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  it('a citizen logs in through the provider and sees the dossier filed for them at the counter; logout ends both sessions', async () => {
    const idNumber = '079301000123';
    const desk = await apiLogin('tiepnhan.saigon');
    const counter = await fileAtCounter(desk, { fullName: 'Mai Thị Một Cửa', idNumber, phone: '0901112223' });
    expect(counter.status, JSON.stringify(counter.body)).to.equal(201);
    platform().oidc.people.set('mai.thi.mot.cua', { name: 'Mai Thị Một Cửa', id_number: idNumber });

    await webApp();
    const citizen = await openPage(DESKTOP);
    users.push(citizen);
    const page = citizen.page;
    // the provider's own pages ask for a web font from the internet, which this machine does not reach
    await citizen.context.route('https://fonts.googleapis.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
    await page.goto('/dang-nhap');
    const sso = page.getByRole('link', { name: 'Đăng nhập bằng VNeID' });
    await sso.waitFor();
    await screenshot(page, 'login-sso');
    await sso.click();
    // the provider's own page
    await page.waitForURL((u) => u.origin === platform().oidc.issuer);
    await page.locator('input[name="login"]').fill('mai.thi.mot.cua');
    await page.locator('input[name="password"]').fill('mat-khau-cua-nha-cung-cap');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL(/\/ho-so$/);
    await page.getByText('Mai Thị Một Cửa').first().waitFor();
    const rows = page.locator('tbody tr', { hasText: 'Đăng ký khai sinh' });
    await rows.first().waitFor();
    expect(await rows.count()).to.equal(1);
    // nothing to change: this account has no password
    expect(await page.getByRole('link', { name: 'Đổi mật khẩu' }).count()).to.equal(0);
    await screenshot(page, 'sso-my-dossiers');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL((u) => u.origin === platform().oidc.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(/\/dang-nhap/);
    await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).waitFor();
    expect((await page.request.get('/api/auth/me')).status()).to.equal(401);
  });

  it('tells a refused sign-on in words, and the login page fits a phone', async () => {
    const phone = await openPage(PHONE);
    users.push(phone);
    await phone.page.goto('/dang-nhap?loi=sso_token_invalid');
    await phone.page.getByRole('alert').filter({ hasText: 'Không xác minh được thông tin đăng nhập nhận về từ dịch vụ định danh.' }).waitFor();
    expect(await phone.page.getByRole('alert').innerText()).not.to.contain('sso_');
    expect(await horizontalOverflow(phone.page)).to.be.at.most(0);
    expect(await accessibilityProblems(phone.page)).to.deep.equal([]);
    await screenshot(phone.page, 'login-sso');
  });
});

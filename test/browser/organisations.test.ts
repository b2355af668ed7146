/**
 * Organisations in the browser: a citizen registers their business by its tax code (told in words when the
 * code is not one), authorises a colleague by user name, and the colleague files for the business from the
 * application page. The page fits a phone.
 */
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { api } from '../support/http.ts';
import { artifactsDir } from '../support/platform.ts';
import { buildTaxCode } from '../support/organisations.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';

const PASSWORD = 'Mat-khau-2026!';

describe('organisations in the browser', function () {
  this.timeout(120_000);
  const users: UserPage[] = [];
  const tag = Date.now().toString().slice(-6);
  const owner = `chu.dn.${tag}`;
  const clerk = `ke.toan.${tag}`;
  const taxCode = buildTaxCode(`0318${tag.slice(1)}`);

  before(async () => {
    for (const [username, fullName] of [
      [owner, 'Trương Văn Chủ'],
      [clerk, 'Hà Thị Kế Toán'],
    ])
      await supertest(api()).post('/api/auth/register').send({ username, password: PASSWORD, fullName }).expect(201);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      for (const [i, u] of users.entries())
        await u.page.screenshot({ path: path.join(artifactsDir, 'screenshots', `organisations-failed-${i}.png`), fullPage: true }).catch(() => {});
    const errors = users.flatMap((u) => u.errors.splice(0));
    if (errors.length && this.currentTest?.state === 'passed') throw new Error(`the browser reported errors:\n${errors.join('\n')}`);
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  it('registers a business, authorises a colleague, who files for it', async () => {
    const o = await openPage(PHONE);
    users.push(o);
    const page = o.page;
    await login(page, owner, PASSWORD);
    await page.goto('/to-chuc');
    await page.getByText('Bạn chưa đại diện cho tổ chức nào.').waitFor();
    await page.locator('summary', { hasText: 'Đăng ký tổ chức' }).click();
    await page.getByLabel('Mã số thuế').fill('031234');
    await page.getByLabel('Tên tổ chức').fill('Công ty TNHH Gạch Men Phố Cổ');
    await page.getByRole('button', { name: 'Đăng ký tổ chức' }).click();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'Mã số thuế' }).waitFor();
    expect(await alert.innerText()).not.to.match(/taxCode/);
    await page.getByLabel('Mã số thuế').fill(taxCode);
    await page.getByRole('button', { name: 'Đăng ký tổ chức' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã đăng ký «Công ty TNHH Gạch Men Phố Cổ».' }).waitFor();
    await page.getByLabel('Tên đăng nhập của người được ủy quyền').fill(clerk);
    await page.getByRole('button', { name: 'Ủy quyền', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã ủy quyền.' }).waitFor();
    await page.getByText(`Hà Thị Kế Toán (${clerk}) · Người được ủy quyền`).waitFor();
    // withdrawing asks first, and says what it means
    await page.getByRole('button', { name: 'Rút ủy quyền' }).click();
    await page
      .getByRole('alertdialog')
      .getByText(/sẽ không còn nộp và xem hồ sơ của tổ chức/)
      .waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Hủy' }).click();
    expect(await horizontalOverflow(page)).to.be.at.most(0);
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, 'organisations');

    const c = await openPage(DESKTOP);
    users.push(c);
    await login(c.page, clerk, PASSWORD);
    await c.page.goto('/thu-tuc/1.001193/nop-ho-so');
    const filedFor = c.page.getByLabel('Nộp hồ sơ cho');
    await filedFor.selectOption({ label: `Công ty TNHH Gạch Men Phố Cổ (${taxCode})` });
    await screenshot(c.page, 'apply-for-organisation');
    await c.page.goto('/to-chuc');
    await c.page.getByRole('heading', { name: 'Công ty TNHH Gạch Men Phố Cổ' }).waitFor();
    expect(await c.page.getByLabel('Tên đăng nhập của người được ủy quyền').count()).to.equal(0);
    await screenshot(c.page, 'organisations');
  });
});

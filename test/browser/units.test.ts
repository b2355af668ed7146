/**
 * The organisation's units in a real browser: an administrator adds a centre under the city, is told in words
 * what is wrong with a unit whose agency code is taken, deactivates a unit after confirming, and sees each
 * change in the unit's history; the page fits a phone. Screenshots go to test-artifacts/screenshots.
 */
import path from 'node:path';
import { expect } from 'chai';
import { artifactsDir, platform } from '../support/platform.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';

describe('the units page in the browser', function () {
  this.timeout(180_000);
  const users: UserPage[] = [];

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      for (const [i, u] of users.entries())
        await u.page.screenshot({ path: path.join(artifactsDir, 'screenshots', `units-failed-${i}.png`), fullPage: true }).catch(() => {});
    const errors = users.flatMap((u) => u.errors.splice(0));
    if (errors.length && this.currentTest?.state === 'passed') throw new Error(`the browser reported errors:\n${errors.join('\n')}`);
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  it('adds a centre under the city, refuses a taken code in words, deactivates a unit once confirmed, and shows the history', async () => {
    const admin = await openPage(DESKTOP);
    users.push(admin);
    const page = admin.page;
    await login(page, 'quantri');
    await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.getByRole('heading', { name: 'Đơn vị và cơ cấu tổ chức' }).waitFor();
    const tree = page.getByRole('navigation', { name: 'Cây đơn vị' });
    await tree.getByRole('button', { name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh' }).click();

    // a centre below the city
    await page.locator('summary', { hasText: 'Thêm đơn vị trực thuộc' }).click();
    await page.getByLabel('Mã định danh đơn vị').fill('000.00.81.H29');
    await page.locator('#child-name').fill('Trung tâm Phục vụ hành chính công phường Trình Duyệt');
    await page.locator('#child-level').selectOption({ label: 'Trung tâm phục vụ hành chính công' });
    await page.locator('#child-fields').fill('Hộ tịch\nXây dựng');
    await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thêm đơn vị «Trung tâm Phục vụ hành chính công phường Trình Duyệt».' }).waitFor();
    await page.getByRole('heading', { name: /Trung tâm Phục vụ hành chính công phường Trình Duyệt/ }).waitFor();
    expect(await page.locator('#edit-fields').inputValue()).to.equal('Hộ tịch\nXây dựng');
    await page.locator('.change-history', { hasText: 'Tạo đơn vị' }).waitFor();

    // its office hours: the common ones until it has its own; a period ending before it starts is refused in words
    await page.locator('summary', { hasText: 'Giờ làm việc' }).click();
    await page.getByText('Đơn vị đang dùng lịch làm việc chung').waitFor();
    await page.getByLabel('Buổi 1: từ').fill('07:00');
    await page.getByLabel('Buổi 1: đến').fill('06:00');
    await page.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
    // in the form's summary, as on the working-time page, its link taking the person to the field
    await page.locator('.error-summary').getByRole('link', { name: 'Buổi 1: đến: giờ kết thúc phải sau giờ bắt đầu.' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('unit-hours-end-0');
    await page.getByLabel('Buổi 1: đến').fill('11:00');
    await page.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu giờ làm việc của đơn vị.' }).waitFor();
    const unitId = (await platform().db('org_units').where({ agency_code: '000.00.81.H29' }).first('id')).id;
    const calendar = await platform().db('calendars').where({ org_unit_id: unitId }).first();
    expect(calendar.office_hours[0]).to.deep.equal({ start: '07:00', end: '11:00' });
    await page.getByText('Đơn vị đang dùng lịch làm việc riêng.').waitFor();
    await page.locator('.change-history li').first().filter({ hasText: 'Đổi giờ làm việc' }).waitFor();
    await screenshot(page, 'units');

    // the same code again: told why, in words, without field keys
    await page.locator('summary', { hasText: 'Thêm đơn vị trực thuộc' }).click();
    await page.getByLabel('Mã định danh đơn vị').fill('000.00.81.H29');
    await page.locator('#child-name').fill('Đơn vị trùng mã');
    await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'Mã định danh 000.00.81.H29 đã được dùng cho một đơn vị khác.' }).waitFor();
    expect(await alert.innerText()).not.to.match(/agencyCode|org_unit/);

    // deactivation asks first
    await page.getByRole('button', { name: 'Ngừng hoạt động đơn vị' }).click();
    const question = page.getByRole('alertdialog');
    await question.getByText(/sẽ ngừng tiếp nhận và xử lý hồ sơ mới/).waitFor();
    await question.getByRole('button', { name: 'Hủy' }).click();
    await question.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Ngừng hoạt động đơn vị' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Có, ngừng hoạt động' }).click();
    await page.getByRole('status').filter({ hasText: 'Đơn vị đã ngừng hoạt động.' }).waitFor();
    await tree.locator('li', { hasText: 'Trình Duyệt' }).filter({ hasText: 'Ngừng hoạt động' }).waitFor();
    await page.locator('.change-history li').first().filter({ hasText: 'Ngừng hoạt động' }).waitFor();
    expect(await page.locator('.change-history li').count()).to.equal(3);
    expect(await accessibilityProblems(page)).to.deep.equal([]);
  });

  it('fits a phone', async () => {
    const phone = await openPage(PHONE);
    users.push(phone);
    await login(phone.page, 'quantri');
    await phone.page.goto('/quan-tri/don-vi');
    await phone.page.getByRole('navigation', { name: 'Cây đơn vị' }).getByRole('button', { name: 'Ủy ban nhân dân phường Bến Thành' }).click();
    await phone.page.getByRole('heading', { name: /Ủy ban nhân dân phường Bến Thành/ }).waitFor();
    expect(await horizontalOverflow(phone.page)).to.be.at.most(0);
    expect(await accessibilityProblems(phone.page)).to.deep.equal([]);
    await screenshot(phone.page, 'units');
  });
});

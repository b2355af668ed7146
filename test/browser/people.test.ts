/**
 * People in a real browser: the city's administrator creates a commune centre and a department, imports 20
 * officers from an Excel sheet (two bad rows reported with their row numbers and reasons), gives one of them
 * a second role in another unit; that officer logs in with the temporary password, must choose their own, and
 * switches between the two roles; a ward's administrator sees only its subtree. The pages fit a phone.
 */
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { artifactsDir, platform } from '../support/platform.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import { officerRows, peopleWorkbook } from '../support/people-sheet.ts';

const CENTRE = { name: 'Trung tâm Phục vụ hành chính công phường Nhập Liệu', code: '000.00.91.H29' };
const DEPARTMENT = { name: 'Sở Xây dựng Nhập Liệu', code: '000.91.00.H29' };

async function addUnitUnderCity(page: Page, unit: { name: string; code: string }, level: string) {
  await page.getByRole('navigation', { name: 'Cây đơn vị' }).getByRole('button', { name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh' }).click();
  await page.locator('summary', { hasText: 'Thêm đơn vị trực thuộc' }).click();
  await page.getByLabel('Mã định danh đơn vị').fill(unit.code);
  await page.locator('#child-name').fill(unit.name);
  await page.locator('#child-level').selectOption({ label: level });
  await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Đã thêm đơn vị «${unit.name}».` })
    .waitFor();
}

describe('the people page in the browser', function () {
  this.timeout(240_000);
  const users: UserPage[] = [];
  let temporary = '';

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      for (const [i, u] of users.entries())
        await u.page.screenshot({ path: path.join(artifactsDir, 'screenshots', `people-failed-${i}.png`), fullPage: true }).catch(() => {});
    const errors = users.flatMap((u) => u.errors.splice(0));
    if (errors.length && this.currentTest?.state === 'passed') throw new Error(`the browser reported errors:\n${errors.join('\n')}`);
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  it('creates a centre and a department, imports 20 officers with two bad rows reported, gives one a second role', async () => {
    const admin = await openPage(DESKTOP);
    users.push(admin);
    const page = admin.page;
    await login(page, 'quantri');
    await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await addUnitUnderCity(page, CENTRE, 'Trung tâm phục vụ hành chính công');
    await addUnitUnderCity(page, DEPARTMENT, 'Sở, ngành');

    await page.getByRole('link', { name: 'Cán bộ', exact: true }).click();
    await page.getByRole('heading', { name: 'Cán bộ và phân quyền' }).waitFor();
    await page.locator('summary', { hasText: 'Nhập danh sách từ tệp Excel' }).click();
    // importing with no file chosen: told so, next to the field
    await page.getByRole('button', { name: 'Nhập danh sách' }).click();
    await page.getByRole('alert').filter({ hasText: 'Hãy chọn tệp Excel cần nhập.' }).waitFor();

    const rows = [
      ...officerRows('trungtam', 10, CENTRE.code),
      [`sai.donvi`, 'Sai Mã Đơn Vị', null, null, 'Chuyên viên', '000.00.99.H99'],
      ...officerRows('so.xaydung', 10, DEPARTMENT.code),
      ['trungtam.1', 'Trùng Tên Đăng Nhập', 'trung@', null, 'Thủ quỹ', CENTRE.code],
    ];
    await page.locator('#import-file').setInputFiles({
      name: 'can-bo.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await peopleWorkbook(rows),
    });
    await page.getByRole('button', { name: 'Nhập danh sách' }).click();
    await page.getByRole('heading', { name: 'Đã tạo 20 tài khoản; 2 dòng không nhập được.' }).waitFor();
    const refused = page.locator('.refused-rows li');
    expect(await refused.allInnerTexts()).to.deep.equal([
      'Dòng 12 (sai.donvi): Không có đơn vị mang mã 000.00.99.H99.',
      'Dòng 23 (trungtam.1): Tên đăng nhập trùng với dòng 2. Thư điện tử «trung@» không hợp lệ. Không có vai trò «Thủ quỹ».',
    ]);
    expect(await page.locator('.import-report tbody tr').count()).to.equal(20);
    temporary = (await page.locator('.import-report tbody tr', { hasText: 'so.xaydung.2' }).locator('code').innerText()).trim();
    await screenshot(page, 'people-import');

    // the department's specialist also leads the centre
    await page.getByLabel('Tìm theo tên hoặc tên đăng nhập').fill('so.xaydung.2');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText('1 người').waitFor();
    await page.getByRole('list', { name: 'Danh sách cán bộ' }).getByRole('button', { name: 'Cán Bộ Thử Số 2' }).click();
    await page.getByRole('heading', { name: /Cán Bộ Thử Số 2/ }).waitFor();
    await page.locator('#add-role').selectOption({ label: 'Lãnh đạo' });
    await page.locator('#add-role-unit').selectOption({ label: `${CENTRE.name} (${CENTRE.code})` });
    await page.getByRole('button', { name: 'Giao vai trò' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã giao thêm vai trò.' }).waitFor();
    expect(await page.locator('.held-roles li span').allInnerTexts()).to.deep.equal([`Chuyên viên · ${DEPARTMENT.name}`, `Lãnh đạo · ${CENTRE.name}`]);
    await page.locator('.change-history li').first().filter({ hasText: 'Giao thêm vai trò' }).waitFor();

    // taking a role away asks first, and says what it means
    await page.locator('.held-roles li', { hasText: 'Lãnh đạo' }).getByRole('button', { name: 'Bỏ vai trò' }).click();
    await page
      .getByRole('alertdialog')
      .getByText(/sẽ không còn thấy và xử lý công việc của vai trò này/)
      .waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Hủy' }).click();
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, 'people');
  });

  it('the officer must choose a password first, then works in either of the two roles', async () => {
    const officer = await openPage(DESKTOP);
    users.push(officer);
    const page = officer.page;
    await login(page, 'so.xaydung.2', temporary);
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    await page.getByText('Bạn đang dùng mật khẩu tạm thời').waitFor();
    // the other pages wait until the password is changed
    await page.goto('/mot-cua');
    await page.waitForURL(/\/doi-mat-khau$/);
    await page.getByLabel('Mật khẩu hiện tại').fill(temporary);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-rieng-2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-rieng-2025');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByRole('alert').filter({ hasText: 'Hai lần nhập mật khẩu mới không giống nhau.' }).waitFor();
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-rieng-2026');
    // the server's refusal is in the same summary, linked to the field it names
    await page.getByLabel('Mật khẩu hiện tại').fill('khong-phai-mat-khau');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.locator('.error-summary').getByRole('link', { name: 'Mật khẩu hiện tại không đúng.' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('password-current');
    await page.getByLabel('Mật khẩu hiện tại').fill(temporary);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.waitForURL(/\/mot-cua$/);

    const working = page.getByLabel('Vai trò làm việc');
    expect(await working.locator('option:checked').innerText()).to.equal(`Chuyên viên · ${DEPARTMENT.name}`);
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/role')), working.selectOption({ label: `Lãnh đạo · ${CENTRE.name}` })]);
    await page.waitForFunction(() => (document.querySelector('.role-switch option:checked') as HTMLOptionElement | null)?.text.startsWith('Lãnh đạo'));
    await page.getByRole('link', { name: 'Tình hình đơn vị' }).click();
    await page.locator('.lead', { hasText: CENTRE.name }).waitFor();
    expect(await page.getByLabel('Vai trò làm việc').locator('option:checked').innerText()).to.equal(`Lãnh đạo · ${CENTRE.name}`);
  });

  it("a ward's administrator sees only its subtree's units and people", async () => {
    const p = platform();
    await p.services.accounts.createAccount({
      username: 'quantri.saigon.trinhduyet',
      password: DEMO_PASSWORD,
      fullName: 'Quản Trị Phường Sài Gòn',
      role: 'administrator',
      orgUnitId: p.demo!.saiGon.id,
    });
    const regional = await openPage(DESKTOP);
    users.push(regional);
    const page = regional.page;
    await login(page, 'quantri.saigon.trinhduyet');
    await page.getByRole('link', { name: 'Cán bộ', exact: true }).click();
    const list = page.getByRole('list', { name: 'Danh sách cán bộ' });
    await list.getByRole('button', { name: 'Võ Thị Sài Gòn' }).waitFor();
    expect(await list.getByRole('button', { name: 'Nguyễn Thị Tiếp Nhận' }).count()).to.equal(0);
    await page.locator('summary', { hasText: 'Thêm cán bộ' }).click();
    const offered = await page.locator('#new-unit option').allInnerTexts();
    expect(offered.some((o) => o.includes('Sài Gòn'))).to.equal(true);
    expect(offered.some((o) => o.includes('Bến Thành') || o.includes(CENTRE.name))).to.equal(false);
    await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
    const tree = page.getByRole('navigation', { name: 'Cây đơn vị' });
    await tree.getByRole('button', { name: 'Ủy ban nhân dân phường Sài Gòn' }).waitFor();
    const names = await tree.getByRole('button').allInnerTexts();
    expect(names.filter((n) => /Bến Thành|Thành phố Hồ Chí Minh|Nhập Liệu/.test(n))).to.deep.equal([]);
  });

  it('fits a phone', async () => {
    const phone = await openPage(PHONE);
    users.push(phone);
    await login(phone.page, 'quantri');
    await phone.page.goto('/quan-tri/can-bo');
    await phone.page.getByRole('list', { name: 'Danh sách cán bộ' }).getByRole('button', { name: 'Cán Bộ Thử Số 2' }).first().click();
    await phone.page.getByRole('heading', { name: /Cán Bộ Thử Số 2/ }).waitFor();
    await phone.page.locator('summary', { hasText: 'Nhập danh sách từ tệp Excel' }).click();
    expect(await horizontalOverflow(phone.page)).to.be.at.most(0);
    expect(await accessibilityProblems(phone.page)).to.deep.equal([]);
    await screenshot(phone.page, 'people');
    await phone.page.goto('/doi-mat-khau');
    await phone.page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    await phone.page.getByLabel('Mật khẩu hiện tại').fill('mat-khau-rieng-2026');
    await phone.page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-moi-2026');
    await phone.page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-2025');
    await phone.page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await phone.page.locator('.error-summary').getByText('Hai lần nhập mật khẩu mới không giống nhau.').waitFor();
    expect(await horizontalOverflow(phone.page)).to.be.at.most(0);
    expect(await accessibilityProblems(phone.page)).to.deep.equal([]);
    await screenshot(phone.page, 'change-password');
  });
});

/**
 * The national days off, as an administrator keeps them: which coming years still follow the law's default rule
 * (no Prime Minister's decision entered), a default day confirmed as decided, a day added and removed after a
 * confirmation, each change in the administration log; at phone and desktop width.
 */
import { expect } from 'chai';
import { platform } from '../support/platform.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';

describe('public holidays, year by year (browser)', function () {
  this.timeout(120_000);
  const users: UserPage[] = [];
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  it('shows which years still follow the default rule, confirms a day as decided, adds and removes a day', async () => {
    const p = platform();
    const pending2027 = await p
      .db('calendar_days')
      .whereNull('calendar_id')
      .where('basis', 'rule')
      .whereBetween('date', ['2027-01-01', '2027-12-31'])
      .count({ n: '*' });
    const n = Number(pending2027[0]!.n);
    expect(n).to.be.greaterThan(0);

    const u = await openPage(DESKTOP);
    users.push(u);
    const page = u.page;
    await login(page, 'quantri');
    await page.getByRole('link', { name: 'Ngày nghỉ lễ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ngày nghỉ lễ, Tết và ngày làm bù' }).waitFor();
    // 2026 is decided (VPCP 12729/VPCP-KGVX: 2/1 off, Saturday 10/1 worked); 2027 is not yet
    await page.getByText('Thứ Sáu, 02/01/2026').waitFor();
    await page.getByText('Thứ Bảy, 10/01/2026').waitFor();
    const year2027 = page.locator('.year-status li').filter({ hasText: 'Năm 2027' });
    expect(await year2027.innerText()).to.contain(`${n} ngày còn theo quy tắc mặc định`);
    await year2027.getByRole('button').click();
    await page.getByText(/Năm 2027 còn \d+ ngày theo quy tắc mặc định/).waitFor();
    await screenshot(page, 'holidays-2027');

    // the first default day confirmed as decided
    const first = page.locator('.holiday.basis-rule').first();
    const firstText = await first.innerText();
    await first.getByRole('button', { name: 'Xác nhận theo quyết định' }).click();
    await page.getByText(/^Đã lưu ngày/).waitFor();
    expect(await year2027.innerText()).to.contain(`${n - 1} ngày còn theo quy tắc mặc định`);
    expect(firstText).to.contain('Mặc định, chưa có quyết định');

    // a day added (a worked Saturday of 2027) and removed, after saying what removing does
    await page.getByLabel('Ngày', { exact: true }).fill('2027-06-12');
    await page.getByLabel('Loại ngày').selectOption('working_day');
    await page.getByLabel('Tên ngày').fill('Làm bù thử nghiệm');
    await page.getByRole('button', { name: 'Lưu ngày' }).click();
    await page.getByText('Đã lưu ngày Thứ Bảy, 12/06/2027.').waitFor();
    await page.getByRole('button', { name: 'Xóa ngày này: Thứ Bảy, 12/06/2027' }).click();
    await page.getByRole('alertdialog').getByText('Thời hạn của các hồ sơ tiếp nhận sau đây sẽ tính lại').waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Xóa ngày này' }).click();
    await page.getByText('Đã xóa ngày Thứ Bảy, 12/06/2027.').waitFor();
    expect(await page.locator('.holiday').filter({ hasText: '12/06/2027' }).count()).to.equal(0);

    const logged = await p.db('admin_audit_log').where({ entity: 'calendar' }).orderBy('id').pluck('action');
    expect(logged.slice(-3)).to.deep.equal(['day_saved', 'day_saved', 'day_deleted']);
    expect(u.errors).to.deep.equal([]);

    for (const viewport of [DESKTOP, PHONE]) {
      const v = await openPage(viewport);
      users.push(v);
      await login(v.page, 'quantri');
      await v.page.goto('/quan-tri/ngay-nghi');
      await v.page.getByText('Thứ Sáu, 02/01/2026').waitFor();
      expect(await horizontalOverflow(v.page)).to.be.at.most(0);
      expect(await accessibilityProblems(v.page)).to.deep.equal([]);
      await screenshot(v.page, 'holidays');
    }
  });
});

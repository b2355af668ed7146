/**
 * Form 06 as a leader reads it: the quarter's form of the ward and the unit under it, a figure opened down to
 * its dossiers, the form downloaded as Excel and PDF; at phone and desktop width (the table scrolls in its
 * frame, the page does not).
 */
import { expect } from 'chai';
import { platform } from '../support/platform.ts';
import { reportWorld, type ReportWorld } from '../support/report-dossiers.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';

describe('Form 06 in the browser', function () {
  this.timeout(120_000);
  let world: ReportWorld;
  const users: UserPage[] = [];
  before(async () => {
    world = await reportWorld(32);
    const p = platform();
    const citizen = (await p.db('accounts').where({ username: 'congdan' }).first('id')).id as string;
    await p.db('dossier_ratings').insert({
      dossier_id: world.ids.quarterEarly,
      applicant_id: citizen,
      overall: 3,
      comment: 'Cán bộ tận tình',
      rated_at: new Date('2026-07-03T10:00:00+07:00'),
    });
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  it("shows the quarter's form, opens a figure's dossiers and downloads the form", async () => {
    const u = await openPage(DESKTOP);
    users.push(u);
    const page = u.page;
    await login(page, world.wardLeader);
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo tình hình giải quyết hồ sơ (Biểu số 06)' }).waitFor();
    await page.getByLabel('Kỳ báo cáo').selectOption('quarter');
    await page.getByLabel('Năm', { exact: true }).fill('2026');
    await page.getByLabel(/^Quý/).selectOption('3');
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    await page.getByText('Kỳ báo cáo: từ ngày 01/07/2026 đến ngày 30/09/2026').waitFor();
    const total = page.locator('tr.total');
    expect((await total.innerText()).replace(/\s+/g, ' ').trim()).to.equal('Tổng cộng 9 3 4 2 4 2 1 1 1 4 2 2');
    // the quarter's satisfaction, beside the form
    const satisfaction = page.getByRole('region', { name: 'Mức độ hài lòng trong kỳ' });
    await satisfaction.getByText(/Hài lòng: 100\s?% trên 1 lượt đánh giá\./).waitFor();
    await satisfaction.getByText('Cán bộ tận tình').waitFor();
    await screenshot(page, 'report-form06');

    // the ward's overdue pending civil-status dossiers, by their figure
    await page.getByRole('button', { name: '2 hồ sơ: Số hồ sơ đang giải quyết: Quá hạn' }).first().click();
    const drill = page.locator('#report-drill');
    await drill.getByRole('heading', { name: /Quá hạn.*: 2 hồ sơ/ }).waitFor();
    expect(await drill.locator('li').count()).to.equal(2);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải Excel' }).click()]);
    expect(xlsx.suggestedFilename()).to.equal(`bieu-06-${world.ward.agencyCode}-2026-07-01-2026-09-30.xlsx`);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải PDF' }).click()]);
    expect(pdf.suggestedFilename()).to.match(/\.pdf$/);
    expect(u.errors).to.deep.equal([]);

    for (const viewport of [DESKTOP, PHONE]) {
      const v = await openPage(viewport);
      users.push(v);
      await login(v.page, world.wardLeader);
      await v.page.goto('/bao-cao');
      await v.page.getByLabel('Kỳ báo cáo').selectOption('year');
      await v.page.getByLabel('Năm', { exact: true }).fill('2026');
      await v.page.getByRole('button', { name: 'Xem báo cáo' }).click();
      await v.page.locator('tr.total').waitFor();
      expect(await horizontalOverflow(v.page)).to.be.at.most(0);
      expect(await accessibilityProblems(v.page)).to.deep.equal([]);
      await screenshot(v.page, 'report');
    }
  });
});

/**
 * The indicators section of the reports page as a ward's leader reads it: the TT 01/2018 index of the quarter
 * with each indicator's formula, value, points and evidence; a count of dossiers opened; the feedback indicator
 * entered by the leader and marked as the unit's own; the units ranked; and the index ranking on the portal's
 * statistics. At phone and desktop width.
 */
import { expect } from 'chai';
import { platform } from '../support/platform.ts';
import { indicatorWorld } from '../support/indicator-dossiers.ts';
import type { ReportWorld } from '../support/report-dossiers.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';

describe('indicators in the browser', function () {
  this.timeout(180_000);
  let world: ReportWorld;
  const users: UserPage[] = [];
  before(async () => {
    world = await indicatorWorld(36);
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  const showQuarter = async (u: UserPage) => {
    await login(u.page, world.wardLeader);
    await u.page.goto('/bao-cao');
    await u.page.getByLabel('Kỳ báo cáo').selectOption('quarter');
    await u.page.getByLabel('Năm', { exact: true }).fill('2026');
    await u.page.getByLabel(/^Quý/).selectOption('3');
    await u.page.getByRole('button', { name: 'Xem báo cáo' }).click();
    await u.page.getByText('Kỳ báo cáo: từ ngày 01/07/2026 đến ngày 30/09/2026').waitFor();
    await u.page.getByRole('heading', { level: 2, name: 'Chỉ số đánh giá' }).waitFor();
  };

  it("shows the quarter's indicators with their formulas, opens a share's dossiers, and takes the leader's own points", async () => {
    const u = await openPage(DESKTOP);
    users.push(u);
    const page = u.page;
    await showQuarter(u);
    await page.getByText('Tổng điểm: 1/18 · Xếp loại: Chưa đạt').waitFor();
    const contacts = page.locator('li.indicator[data-code="tt01.contacts"]');
    const text = (await contacts.innerText()).replace(/\s+/g, ' ');
    expect(text).to.contain('3. Số lần phải liên hệ để hoàn thiện hồ sơ');
    expect(text).to.contain('Công thức: Số hồ sơ không phải bổ sung lần nào ÷ số hồ sơ đã giải quyết trong kỳ');
    expect(text).to.match(/50\s?% \(2\/4\)/);
    expect(text).to.contain('0 điểm');
    // the dossiers that had to be supplemented
    await contacts.getByRole('button', { name: 'Xem 2 hồ sơ: Phải bổ sung' }).click();
    const drill = page.locator('#indicator-drill');
    await drill.getByRole('heading', { name: 'Hồ sơ: Phải bổ sung (2)' }).waitFor();
    expect(await drill.locator('li').count()).to.equal(2);
    // QĐ 766: payment is said to have no data yet
    expect((await page.locator('li.indicator[data-code="qd766.online_payment"]').innerText()).replace(/\s+/g, ' ')).to.contain('Chưa có dữ liệu');

    // the feedback indicator, the unit's own: refused without points, then entered
    const feedback = page.locator('li.indicator[data-code="tt01.feedback"]');
    await feedback.getByText('Do đơn vị tự đánh giá').waitFor();
    await feedback.getByText('Đơn vị chưa tự đánh giá chỉ số này trong kỳ (tính 0 điểm).').waitFor();
    await feedback.getByLabel('Điểm tự đánh giá').selectOption('2');
    await feedback.getByLabel('Căn cứ đánh giá (sổ theo dõi, báo cáo…)').fill('Sổ theo dõi phản ánh quý III');
    await feedback.getByRole('button', { name: 'Lưu điểm' }).click();
    await feedback.getByText('Đã lưu điểm tự đánh giá.').waitFor();
    await page.getByText('Tổng điểm: 3/18 · Xếp loại: Chưa đạt').waitFor();
    await feedback.locator('q', { hasText: 'Sổ theo dõi phản ánh quý III' }).waitFor();
    await feedback.locator('.badge.points', { hasText: '2 điểm' }).waitFor();

    // the region's units ranked: the quarter above the ward
    const ranking = page.getByRole('region', { name: 'Xếp hạng đơn vị theo Bộ chỉ số TT 01/2018' });
    expect((await ranking.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim())).to.deep.equal([
      `1 ${world.quarter.name} 8 Chưa đạt`,
      `2 ${world.ward.name} 5 Chưa đạt`,
    ]);
    expect(u.errors).to.deep.equal([]);

    for (const viewport of [DESKTOP, PHONE]) {
      const v = await openPage(viewport);
      users.push(v);
      await showQuarter(v);
      await v.page.getByText('Tổng điểm: 3/18 · Xếp loại: Chưa đạt').waitFor();
      await v.page.getByRole('heading', { level: 2, name: 'Chỉ số đánh giá' }).scrollIntoViewIfNeeded();
      expect(await horizontalOverflow(v.page)).to.be.at.most(0);
      expect(await accessibilityProblems(v.page)).to.deep.equal([]);
      await screenshot(v.page, 'indicators');
      expect(v.errors).to.deep.equal([]);
    }
  });

  it('shows the units ranked by the index on the portal’s statistics, without a login', async () => {
    platform().services.publicStatistics.invalidate();
    for (const viewport of [DESKTOP, PHONE]) {
      const u = await openPage(viewport);
      users.push(u);
      await u.page.goto('/thong-ke');
      const section = u.page.locator('section[aria-labelledby="index-ranking-heading"]');
      await section.getByRole('heading', { name: /Xếp hạng theo Bộ chỉ số đánh giá giải quyết TTHC năm \d{4}/ }).waitFor();
      const items = (await section.locator('li').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
      const at = (name: string) => items.findIndex((r) => r.startsWith(`${name}:`));
      expect(at(world.quarter.name)).to.be.greaterThan(-1);
      expect(at(world.quarter.name)).to.be.lessThan(at(world.ward.name));
      expect(items[at(world.quarter.name)]).to.match(/: 8\/18 điểm · Chưa đạt$/);
      expect(await horizontalOverflow(u.page)).to.be.at.most(0);
      expect(await accessibilityProblems(u.page)).to.deep.equal([]);
      await section.scrollIntoViewIfNeeded();
      await screenshot(u.page, 'statistics-index');
      expect(u.errors).to.deep.equal([]);
    }
  });
});

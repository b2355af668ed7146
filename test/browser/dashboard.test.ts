/**
 * The leaders' dashboard as a leader reads it: reached from the menu, the charts of a chosen period drawn, a bar of
 * a chart pressed on its canvas and a figure of a chart's table (its text alternative) each listing their dossiers
 * below, linked to their pages; at phone and desktop width (charts one under another, nothing scrolls sideways).
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { platform } from '../support/platform.ts';
import { reportWorld, type ReportWorld } from '../support/report-dossiers.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';

describe('the leaders’ dashboard in the browser', function () {
  this.timeout(120_000);
  let world: ReportWorld;
  const users: UserPage[] = [];
  // the world's business dossier is late once 1 December 2026 is past
  const late = Date.now() >= new Date('2026-12-01T17:00:00+07:00').getTime() ? 4 : 3;
  before(async () => {
    world = await reportWorld(42);
    const p = platform();
    const citizen = (await p.db('accounts').where({ username: 'congdan' }).first('id')).id as string;
    for (const [dossier, overall, ratedAt] of [
      [world.ids.carriedEarly, 3, '2026-07-06T10:00:00+07:00'],
      [world.ids.quarterEarly, 2, '2026-07-03T10:00:00+07:00'],
      [world.ids.counterLate, 1, '2026-08-12T10:00:00+07:00'],
    ] as const)
      await p.db('dossier_ratings').insert({ dossier_id: dossier, applicant_id: citizen, overall, rated_at: new Date(ratedAt) });
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  /** The dashboard of June to October 2026, reached from the menu. */
  async function openDashboard(page: Page) {
    await login(page, world.wardLeader);
    const menu = page.getByRole('button', { name: 'Trình đơn' });
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('link', { name: 'Bảng điều khiển' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bảng điều khiển' }).waitFor();
    await page.getByLabel('Khoảng thời gian').selectOption('custom');
    await page.getByLabel('Từ tháng', { exact: true }).fill('2026-06');
    await page.getByLabel('Đến tháng', { exact: true }).fill('2026-10');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await page.getByRole('img', { name: /^Tháng 06\/2026: tiếp nhận 3, đã giải quyết 1, đang giải quyết cuối tháng 2\./ }).waitFor();
    await page.locator('#chart-monthly canvas').waitFor();
  }

  it('draws the charts, and a bar or a figure opens its dossiers', async () => {
    const u = await openPage(DESKTOP);
    users.push(u);
    const page = u.page;
    await openDashboard(page);
    // every chart is there, each with its words for screen readers
    for (const id of ['chart-monthly', 'chart-on-time', 'chart-late-step', 'chart-late-officer', 'chart-satisfaction'])
      await page.locator(`#${id} canvas`).waitFor();
    await page.getByText(`Hiện có ${late} hồ sơ đang quá hạn.`).waitFor();
    expect((await page.locator('#chart-on-time [role=img]').getAttribute('aria-label'))?.replace(/\s%/g, '%')).to.equal(
      'Tháng 06/2026: 0% đúng hạn (0 trên 1 hồ sơ). Tháng 07/2026: 100% đúng hạn (3 trên 3 hồ sơ). Tháng 08/2026: 0% đúng hạn (0 trên 1 hồ sơ). Tháng 10/2026: 0% đúng hạn (0 trên 1 hồ sơ).',
    );
    await page.getByText('Không cán bộ nào đang giữ hồ sơ.').waitFor();
    expect((await page.locator('#chart-satisfaction [role=img]').getAttribute('aria-label'))?.replace(/\s%/g, '%')).to.equal(
      'Tháng 07/2026: 2 lượt đánh giá, 100% hài lòng. Tháng 08/2026: 1 lượt đánh giá, 0% hài lòng.',
    );

    // the one bar of the late dossiers by step, pressed on the canvas: those in no open step (no engine behind them)
    const canvas = page.locator('#chart-late-step canvas');
    await canvas.scrollIntoViewIfNeeded();
    // where the bar is: the red rows of the canvas at 70 % of its width
    const bar = await canvas.evaluate((c: HTMLCanvasElement) => {
      const scale = c.width / c.clientWidth;
      const x = Math.round(c.width * 0.7);
      const px = c.getContext('2d')!.getImageData(x, 0, 1, c.height).data;
      const red: number[] = [];
      for (let y = 0; y < c.height; y++) if (px[y * 4]! > 150 && px[y * 4 + 1]! < 80 && px[y * 4 + 2]! < 80) red.push(y);
      return red.length ? { x: x / scale, y: (red[0]! + red[red.length - 1]!) / 2 / scale } : undefined;
    });
    expect(bar, 'a red bar at 70 % of the chart').to.not.equal(undefined);
    await canvas.click({ position: bar! });
    const drill = page.locator('#dashboard-drill');
    await drill.getByRole('heading', { name: `Đang quá hạn — Không ở bước xử lý nào: ${late} hồ sơ` }).waitFor();
    expect(await drill.locator('li').count()).to.equal(late);
    await screenshot(page, 'dashboard-late');

    // the monthly chart's table: the dossiers pending at the end of September
    const monthly = page.locator('#chart-monthly');
    await monthly.getByText('Xem số liệu dạng bảng').click();
    await monthly.getByRole('button', { name: 'Xem 4 hồ sơ: Đang giải quyết (cuối tháng) — tháng 09/2026' }).click();
    await drill.getByRole('heading', { name: 'Đang giải quyết (cuối tháng) — tháng 09/2026: 4 hồ sơ' }).waitFor();
    const links = drill.getByRole('link');
    expect(await links.count()).to.equal(4);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).to.have.members(
      [world.ids.carriedOverdue, world.ids.postWithin, world.ids.decidedAfter, world.ids.business].map((id) => `/mot-cua/ho-so/${id}`),
    );
    await links.first().click();
    await page.waitForURL(/\/mot-cua\/ho-so\//);
    expect(u.errors).to.deep.equal([]);
  });

  it('fits a phone and a desktop, and is accessible', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const v = await openPage(viewport);
      users.push(v);
      await openDashboard(v.page);
      await v.page.locator('#chart-satisfaction canvas').waitFor();
      // stacked on a phone: the charts as wide as the page
      if (viewport === PHONE) {
        const [a, b] = [await v.page.locator('#chart-monthly').boundingBox(), await v.page.locator('#chart-on-time').boundingBox()];
        expect(b!.y).to.be.greaterThan(a!.y + a!.height - 1);
        expect(a!.width).to.be.greaterThan(330);
      }
      await v.page.locator('#chart-monthly').getByText('Xem số liệu dạng bảng').click();
      await v.page.getByRole('button', { name: 'Xem 3 hồ sơ: Tiếp nhận — tháng 06/2026' }).click();
      await v.page.locator('#dashboard-drill li').first().waitFor();
      expect(await horizontalOverflow(v.page)).to.be.at.most(0);
      expect(await accessibilityProblems(v.page)).to.deep.equal([]);
      await screenshot(v.page, 'dashboard');
      expect(v.errors).to.deep.equal([]);
    }
  });
});

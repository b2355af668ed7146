/**
 * The TT 01/2018 point bands as an administrator sets them: the bands in force shown as percentages beside each
 * indicator's name; mistakes gathered at the form's top, each naming its field in words and leading to it; the
 * new version applied only after a confirmation, then in force for the reports. At phone and desktop width.
 */
import { expect } from 'chai';
import { platform } from '../support/platform.ts';
import { DEFAULT_INDICATOR_BANDS, type IndicatorBands } from '@motcua/domain/reports/index-tt01.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';

describe('the point bands in the browser', function () {
  this.timeout(180_000);
  const users: UserPage[] = [];
  let found: IndicatorBands;
  const admin = async () =>
    ({ role: 'administrator', id: (await platform().db('accounts').where({ username: 'quantri' }).first('id')).id, fullName: 'Quản trị' }) as never;

  before(async () => {
    found = (await platform().services.indicators.bands()).bands;
    // a known start: the system's defaults
    await platform().services.indicators.setBands(await admin(), DEFAULT_INDICATOR_BANDS);
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
    // the bands are the city's: leave them as found
    await platform().services.indicators.setBands(await admin(), found);
  });

  it('shows the bands in force, gathers the mistakes at the top, and applies a new version after a confirmation', async () => {
    const u = await openPage(DESKTOP);
    users.push(u);
    const { page } = u;
    await login(page, 'quantri');
    await page.getByRole('link', { name: 'Ngưỡng điểm' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ngưỡng điểm Bộ chỉ số TT 01/2018' }).waitFor();
    const online = page.getByLabel('Cung cấp dịch vụ công trực tuyến — Ngưỡng 1 điểm (từ %)');
    expect(await online.inputValue()).to.equal('20');
    expect(await page.getByLabel('Tổng thời gian giải quyết so với quy định — Ngưỡng 2 điểm (từ %)').inputValue()).to.equal('95');
    expect(await page.locator('.bands-table tbody tr').count()).to.equal(7);

    // two mistakes: a 1-point floor above the 2-point one, a grade left empty
    await online.fill('60');
    await page.getByLabel('Tốt: từ (điểm)').fill('');
    await page.getByRole('button', { name: 'Áp dụng ngưỡng mới' }).click();
    const summary = page.locator('.error-summary');
    await summary.getByText('Có 2 chỗ cần sửa trước khi tiếp tục:').waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).to.equal(true);
    expect((await summary.locator('li').allInnerTexts()).map((s) => s.trim())).to.deep.equal([
      'Cung cấp dịch vụ công trực tuyến — Ngưỡng 1 điểm (từ %): không được cao hơn ngưỡng 2 điểm.',
      'Tốt: từ (điểm): nhập một số nguyên từ 0 đến 18.',
    ]);
    expect(await summary.innerText()).not.to.match(/tt01\.|grades\.|indicators\./);
    await screenshot(page, 'bands-errors');
    // a mistake's link leads to its field
    await summary.getByRole('link', { name: /Cung cấp dịch vụ công trực tuyến/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('band-indicators-tt01-online-one');

    // corrected: asked before it applies, and going back applies nothing
    await online.fill('30');
    await page.getByLabel('Tốt: từ (điểm)').fill('12');
    await page.getByRole('button', { name: 'Áp dụng ngưỡng mới' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText(/Áp dụng ngưỡng mới \(phiên bản \d+\) từ bây giờ\?/).waitFor();
    await confirm.getByRole('button', { name: 'Xem lại' }).click();
    await confirm.waitFor({ state: 'detached' });
    const before = await platform().services.indicators.bands();
    expect(before.bands.indicators['tt01.online'].one).to.equal(0.2);
    await page.getByRole('button', { name: 'Áp dụng ngưỡng mới' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Áp dụng', exact: true }).click();
    await page.getByText(`Đã áp dụng ngưỡng điểm phiên bản ${before.version + 1}.`).waitFor();
    await page.getByText(new RegExp(`Đang áp dụng phiên bản ${before.version + 1}, do .+ đặt lúc`)).waitFor();
    const after = await platform().services.indicators.bands();
    expect(after.version).to.equal(before.version + 1);
    expect(after.bands.indicators['tt01.online']).to.deep.equal({ two: 0.5, one: 0.3 });
    expect(after.bands.grades).to.deep.equal({ excellent: 16, good: 12, fair: 9 });
    expect(u.errors).to.deep.equal([]);
  });

  it('fits a phone and a desktop, with nothing serious for assistive technology', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const u = await openPage(viewport);
      users.push(u);
      await login(u.page, 'quantri');
      await u.page.goto('/quan-tri/nguong-diem');
      await u.page.getByRole('heading', { level: 1, name: 'Ngưỡng điểm Bộ chỉ số TT 01/2018' }).waitFor();
      await screenshot(u.page, 'bands');
      expect(await horizontalOverflow(u.page)).to.be.at.most(0);
      expect(await accessibilityProblems(u.page)).to.deep.equal([]);
      expect(u.errors).to.deep.equal([]);
    }
  });
});

/**
 * Rating at the counter in the browser: an administrator publishes a questionnaire version with an extra
 * question on «Phiếu đánh giá» (after confirming); a receiving officer opens «Đánh giá tại quầy» on a tablet
 * (768 px) and is logged out of it; applicants type the code of their receipt, rate with the current version
 * and the page thanks them and returns to the code; the same at phone width (390 px).
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { counterDossier, runToReturned } from '../support/counter-rating.ts';
import { login as apiLogin, type Session } from '../support/http.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';

const TABLET = { width: 768, height: 1024 };

describe('rating at the counter in the browser', function () {
  this.timeout(240_000);
  let worker: WorkerHandle;
  let desk: Session;
  const dossiers: { id: string; code: string }[] = [];
  const users: UserPage[] = [];

  before(async () => {
    worker = startTestWorker();
    desk = await apiLogin('tiepnhan.benthanh');
    const [specialist, leader] = await Promise.all([apiLogin('chuyenvien.benthanh'), apiLogin('lanhdao.benthanh')]);
    // two counter dossiers returned to their applicants, one rated on the tablet, one on the phone
    for (const name of ['Vũ Thị Lan', 'Phan Văn Minh']) dossiers.push(await counterDossier(desk, name));
    await Promise.all(dossiers.map((d) => runToReturned({ desk, specialist, leader }, d.id)));
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
    await worker.stop();
  });

  it('publishes a new questionnaire version with an extra question, after a confirmation', async () => {
    const before = (await platform().db('rating_questionnaires').max('version as v').first()) as { v: number };
    // the editor starts from the current version's questions: the new one comes after them
    const extras = ((await platform().db('rating_questionnaires').where({ version: before.v }).first()).content.extra as unknown[]).length;
    for (const viewport of [DESKTOP, PHONE]) {
      const u = await openPage(viewport);
      users.push(u);
      await login(u.page, 'quantri');
      const menu = u.page.getByRole('button', { name: 'Trình đơn' });
      if (await menu.isVisible()) await menu.click();
      await u.page.getByRole('link', { name: 'Phiếu đánh giá' }).click();
      await u.page.getByRole('heading', { level: 1, name: 'Phiếu đánh giá' }).waitFor();
      await u.page.getByText(`Phiên bản ${before.v}`, { exact: false }).first().waitFor();
      expect(await horizontalOverflow(u.page)).to.be.at.most(0);
      expect(await accessibilityProblems(u.page)).to.deep.equal([]);
      if (viewport === PHONE) {
        await screenshot(u.page, 'questionnaire');
        continue;
      }
      // an empty new question is caught before anything is sent
      await u.page.getByRole('button', { name: 'Thêm câu hỏi' }).click();
      await u.page.getByRole('button', { name: 'Ban hành phiên bản mới' }).click();
      await u.page
        .getByRole('alert')
        .getByText(`Thiếu «Câu hỏi ${extras + 1}».`)
        .waitFor();
      const question = u.page.locator('.extra-question').last();
      await question.getByLabel('Nội dung (tiếng Việt)').fill('Cán bộ có hướng dẫn đầy đủ?');
      await question.getByLabel('Nội dung (tiếng Anh)').fill('Did the officer guide you fully?');
      await u.page.getByRole('button', { name: 'Ban hành phiên bản mới' }).click();
      const dialog = u.page.getByRole('alertdialog');
      await dialog.getByText('không thể sửa hay thu hồi').waitFor();
      await screenshot(u.page, 'questionnaire-confirm');
      await dialog.getByRole('button', { name: 'Ban hành' }).click();
      await u.page.getByText(`Đã ban hành phiên bản ${before.v + 1}.`).waitFor();
      await screenshot(u.page, 'questionnaire');
      expect(u.errors).to.deep.equal([]);
    }
    const latest = await platform().db('rating_questionnaires').orderBy('version', 'desc').first();
    expect(latest.version).to.equal(before.v + 1);
    expect(latest.content.extra.at(-1).text).to.deep.equal({ vi: 'Cán bộ có hướng dẫn đầy đủ?', en: 'Did the officer guide you fully?' });
  });

  /** A receiving officer opens the tablet page from the menu and starts the kiosk session. */
  async function openTablet(viewport: { width: number; height: number }): Promise<Page> {
    const u = await openPage(viewport);
    users.push(u);
    await login(u.page, 'tiepnhan.benthanh');
    const menu = u.page.getByRole('button', { name: 'Trình đơn' });
    if (await menu.isVisible()) await menu.click();
    await u.page.getByRole('link', { name: 'Đánh giá tại quầy' }).click();
    await u.page.getByRole('button', { name: 'Bắt đầu phiên đánh giá' }).click();
    await u.page.getByRole('heading', { level: 1, name: 'Đánh giá sự hài lòng' }).waitFor();
    // the officer's session is gone from the device; the page has no menu to leave by
    expect(await u.page.evaluate(() => fetch('/api/auth/me').then((r) => r.status))).to.equal(401);
    expect(await u.page.getByRole('navigation').count()).to.equal(0);
    return u.page;
  }

  async function rateOn(page: Page, code: string, name: string): Promise<void> {
    // a wrong code first
    await page.getByLabel('Mã đánh giá').fill('2345-6789');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('alert').getByText('Mã đánh giá không đúng').waitFor();
    await screenshot(page, `${name}-wrong-code`);
    await page.getByLabel('Mã đánh giá').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { level: 2, name: /khai sinh/i }).waitFor();
    // sending without the overall level is stopped on the page
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByRole('alert').getByText('Vui lòng chọn mức độ hài lòng chung.').waitFor();
    await page.getByRole('group', { name: 'Đánh giá chung' }).getByText('Rất hài lòng').click();
    await page.getByRole('group', { name: 'Cán bộ có hướng dẫn đầy đủ?' }).getByText('Có', { exact: true }).click();
    expect(await horizontalOverflow(page)).to.be.at.most(0);
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, `${name}-form`);
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Cảm ơn Ông/Bà đã đánh giá!').waitFor();
    await screenshot(page, `${name}-thanks`);
    // back to the code screen for the next applicant
    await page.getByLabel('Mã đánh giá').waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('Mã đánh giá').inputValue()).to.equal('');
    await screenshot(page, `${name}-code`);
  }

  it('rates on the tablet at 768 px and on a phone at 390 px with the codes of the receipts', async () => {
    const current = (await platform().db('rating_questionnaires').max('version as v').first()) as { v: number };
    const tablet = await openTablet(TABLET);
    await rateOn(tablet, dossiers[0]!.code, 'counter-rating-768');
    const phone = await openTablet(PHONE);
    await rateOn(phone, dossiers[1]!.code, 'counter-rating');
    for (const d of dossiers) {
      const row = await platform().db('dossier_ratings').where({ dossier_id: d.id }).first();
      expect(row.channel).to.equal('counter');
      expect(row.overall).to.equal(3);
      expect(row.questionnaire_version).to.equal(current.v);
      expect(Object.values(row.answers)).to.deep.equal(['yes']);
    }
    for (const u of users) expect(u.errors).to.deep.equal([]);
  });
});

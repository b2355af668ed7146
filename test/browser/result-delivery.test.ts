/**
 * The result's channel in the browser: a citizen chooses post at submission (the address checked by the
 * server, its problems at the fields), at phone width too; a walk-in entered at the counter collects the
 * result there, and the return desk records the handover and prints the slip for the recipient to sign.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { decide, samplePdf, untilStatus } from '../support/dossiers.ts';
import { eventually, login as apiLogin, type Session } from '../support/http.ts';
import { artifactsDir, platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import { sendApplication } from '../support/apply-pages.ts';

const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** Fills the birth-registration form (the applicant is the mother). */
async function fillBirthRegistration(page: Page, childName: string) {
  const child = page.getByRole('group', { name: 'Thông tin người được đăng ký khai sinh' });
  await child.getByLabel('Họ, chữ đệm và tên').fill(childName);
  await child.getByLabel('Nam', { exact: true }).check();
  await child.getByLabel('Ngày, tháng, năm sinh').fill('20/11/2026');
  await child.getByLabel('Ngày, tháng, năm sinh').press('Tab');
  await child.getByLabel('Nơi sinh').fill('Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh');
  const mother = page.getByRole('group', { name: 'Thông tin người mẹ' });
  await mother.getByLabel('Họ, chữ đệm và tên').fill('Trần Thị Bình');
  await mother.getByLabel('Ngày, tháng, năm sinh').fill('02/01/1995');
  await mother.getByLabel('Ngày, tháng, năm sinh').press('Tab');
  await mother.getByLabel('Số định danh cá nhân').fill('079195000001');
  await mother.getByLabel('Nơi cư trú').fill('Phường Bến Thành, Thành phố Hồ Chí Minh');
  await page.getByLabel('Chưa xác định được người cha').check();
  const applicant = page.getByRole('group', { name: 'Người đi đăng ký' });
  await applicant.getByLabel('Họ, chữ đệm và tên').fill('Trần Thị Bình');
  await applicant.locator('.fjs-select-display').click();
  await page.locator('.fjs-dropdownlist-item', { hasText: 'Mẹ' }).first().click();
  await applicant.getByLabel('Số định danh cá nhân').fill('079195000001');
  await applicant.getByLabel('Số điện thoại').fill('0912345678');
  await page.getByLabel('Giấy chứng sinh').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
  await page.locator('.attachment-list li', { hasText: 'giay-chung-sinh.pdf' }).waitFor();
  await page.getByLabel(/Tôi cam đoan/).check();
}

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'slip-')), 'slip.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('the result’s channel in the browser', function () {
  this.timeout(240_000);
  let worker: WorkerHandle;
  let specialist: Session;
  let leader: Session;
  let desk: Session;
  const users: UserPage[] = [];
  const open = async (viewport = DESKTOP) => {
    const u = await openPage(viewport);
    users.push(u);
    return u;
  };

  before(async () => {
    worker = startTestWorker();
    [specialist, leader, desk] = await Promise.all([apiLogin('chuyenvien.benthanh'), apiLogin('lanhdao.benthanh'), apiLogin('tiepnhan.benthanh')]);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      for (const [i, u] of users.entries()) {
        if (!u.page.isClosed())
          await u.page.screenshot({ path: path.join(artifactsDir, 'screenshots', `delivery-failed-${i}.png`), fullPage: true }).catch(() => {});
      }
    }
    const errors = users.flatMap((u) => u.errors.splice(0));
    if (errors.length && this.currentTest?.state === 'passed') throw new Error(`the browser reported errors:\n${errors.join('\n')}`);
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
    await worker.stop();
  });

  it('lets a citizen choose post at submission, the address checked at its fields', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const { page } = await open(viewport);
      await login(page, 'congdan');
      await page.goto('/thu-tuc/1.001193/nop-ho-so');
      await page.locator('.unit-select select').selectOption({ label: 'Ủy ban nhân dân phường Bến Thành' });
      await fillBirthRegistration(page, viewport === PHONE ? 'Trần Minh Bưu' : 'Trần Minh Chính');
      const choice = page.getByRole('group', { name: 'Hình thức nhận kết quả' });
      await choice.getByLabel('Nhận qua dịch vụ bưu chính công ích').check();
      // a wrong phone number and no ward: the server says so at the fields
      await choice.getByLabel('Người nhận', { exact: false }).first().fill('Trần Thị Bình');
      await choice.getByLabel('Số điện thoại người nhận').fill('09123');
      await choice.getByLabel('Số nhà, đường').fill('12 Lê Lợi');
      await choice.getByLabel('Tỉnh/Thành phố').fill('Thành phố Hồ Chí Minh');
      await sendApplication(page);
      await choice.locator('.field-error', { hasText: 'Số điện thoại người nhận' }).waitFor();
      await choice.locator('.field-error', { hasText: 'Phường/Xã' }).waitFor();
      expect(await choice.getByLabel('Số điện thoại người nhận').getAttribute('aria-invalid')).to.equal('true');
      expect(await horizontalOverflow(page)).to.be.at.most(0);
      await screenshot(page, 'apply-post-problems');
      await choice.getByLabel('Số điện thoại người nhận').fill('0912345678');
      await choice.getByLabel('Phường/Xã').fill('Phường Bến Thành');
      expect(await accessibilityProblems(page)).to.deep.equal([]);
      await sendApplication(page);
      await page.waitForURL('**/bien-nhan');
      // (the receipt itself, not the review page still shown while the receipt's code loads)
      await page.getByTestId('reference').waitFor();
      await page.getByText('Nhận qua dịch vụ bưu chính công ích').waitFor();
      const id = new URL(page.url()).pathname.split('/')[2]!;
      const row = await platform().db('result_deliveries').where({ dossier_id: id }).first();
      expect(row.channel).to.equal('post');
      expect(row.address).to.deep.equal({
        recipientName: 'Trần Thị Bình',
        phone: '0912345678',
        street: '12 Lê Lợi',
        ward: 'Phường Bến Thành',
        province: 'Thành phố Hồ Chí Minh',
      });
      await page.goto(`/ho-so/${id}`);
      const section = page.locator('.delivery');
      await section.getByText('Nhận qua dịch vụ bưu chính công ích').waitFor();
      await section.getByText('12 Lê Lợi, Phường Bến Thành').waitFor();
      expect(await horizontalOverflow(page)).to.be.at.most(0);
      await screenshot(page, 'dossier-post-chosen');
    }
  });

  it('hands a walk-in’s result over at the counter and prints the slip', async () => {
    // a receiving officer enters the walk-in's application; the result is to be collected here (the default)
    const { page } = await open(DESKTOP);
    await login(page, 'tiepnhan.benthanh');
    await page.goto('/mot-cua/tiep-nhan-truc-tiep');
    await page.getByLabel('Thủ tục').selectOption({ value: '1.001193' });
    const idNumber = `0${randomDigits(11)}`;
    await page.getByLabel('Họ và tên').first().fill('Lâm Thị Quầy');
    await page
      .getByLabel(/Số định danh cá nhân/)
      .first()
      .fill(idNumber);
    await fillBirthRegistration(page, 'Lâm Minh Trả');
    const choice = page.getByRole('group', { name: 'Hình thức nhận kết quả' });
    expect(await choice.getByLabel('Nhận tại Bộ phận tiếp nhận và trả kết quả').isChecked()).to.equal(true);
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.waitForURL('**/bien-nhan');
    await page.getByText('Nhận tại Bộ phận tiếp nhận và trả kết quả').waitFor();
    const id = new URL(page.url()).pathname.split('/')[2]!;
    await untilStatus(desk, id, 2);
    await decide(specialist, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    await decide(leader, id, 'approval', { decision: 'approve' });
    await eventually(
      async () => (await platform().db('result_deliveries').where({ dossier_id: id }).first()).state === 'awaiting_collection',
      'the result at the desk',
      60_000,
    );

    // the desk finds it waiting, decided but not returned
    await page.goto(`/mot-cua/ho-so/${id}`);
    const section = page.locator('.delivery');
    await section.getByText('Kết quả đang chờ tại quầy trả kết quả').waitFor();
    await section.getByText('Thời gian chờ trả kết quả').waitFor();
    // a missing identity number is caught by the server and summarised with a link to the field
    await section.getByLabel('Họ và tên người nhận').fill('Lâm Thị Quầy');
    await section.getByRole('button', { name: 'Ghi nhận trao kết quả' }).click();
    await section.getByRole('alertdialog').getByRole('button', { name: 'Xác nhận đã trao' }).click();
    const summary = section.locator('.error-summary');
    await summary.getByRole('link', { name: /Số định danh cá nhân của người nhận/ }).waitFor();
    await screenshot(page, 'handover-problems');
    await section.getByLabel(/Số định danh cá nhân của người nhận/).fill(idNumber);
    await section.getByRole('button', { name: 'Ghi nhận trao kết quả' }).click();
    const dialog = section.getByRole('alertdialog');
    await dialog.getByText('không thể hoàn tác').waitFor();
    await screenshot(page, 'handover-confirm');
    await dialog.getByRole('button', { name: 'Xác nhận đã trao' }).click();
    await section.getByText('Đã ghi nhận trao kết quả').waitFor();
    await section.getByText('Đã trao kết quả tại quầy').waitFor();
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, 'handover-done');

    // the slip, printed from the dossier page
    const print = section.getByRole('link', { name: 'In phiếu bàn giao' });
    const href = await print.getAttribute('href');
    const res = await page.request.get(href!);
    expect(res.headers()['content-type']).to.contain('application/pdf');
    const slip = pdfText(await res.body());
    expect(slip).to.contain('PHIẾU BÀN GIAO KẾT QUẢ GIẢI QUYẾT HỒ SƠ');
    expect(slip).to.contain('Họ và tên: Lâm Thị Quầy');
    expect(slip).to.contain(`Số định danh cá nhân: ${idNumber}`);
    expect(slip).to.contain('Tư cách nhận: Người nộp hồ sơ');
    expect((await platform().db('dossiers').where({ id }).first('status')).status).to.equal(10);

    // at phone width the page still fits
    const phone = await open(PHONE);
    await login(phone.page, 'tiepnhan.benthanh');
    await phone.page.goto(`/mot-cua/ho-so/${id}`);
    await phone.page.locator('.delivery').getByText('Đã trao kết quả tại quầy').waitFor();
    expect(await horizontalOverflow(phone.page)).to.be.at.most(0);
    await screenshot(phone.page, 'handover-done');
  });
});

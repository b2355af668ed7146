/**
 * Fees and payment in the browser: a citizen sees the fee of a civil-status extract before submitting, pays
 * it online through the gateway (its own page, the browser's return, the gateway's notification) and the
 * dossier goes on; a receiving officer records a counter payment and its receipt reads right (pdftotext).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { login as apiLogin, type Session } from '../support/http.ts';
import { benThanh, decide, samplePdf, submit, taskFor, untilStatus } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';
import { sendApplication } from '../support/apply-pages.ts';

describe('fees and payment in the browser', function () {
  this.timeout(180_000);
  let worker: WorkerHandle;
  const users: UserPage[] = [];
  let citizen: Session;
  let desk: Session;
  let specialist: Session;
  before(async () => {
    worker = startTestWorker();
    [citizen, desk, specialist] = await Promise.all([apiLogin('congdan'), apiLogin('tiepnhan.benthanh'), apiLogin('chuyenvien.benthanh')]);
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
    await worker.stop();
  });

  it('shows the fee before submission, pays it through the gateway, and the dossier goes on', async () => {
    const u = await openPage(PHONE);
    users.push(u);
    const { page } = u;
    await login(page, 'congdan');
    await page.goto('/thu-tuc/2.000635/nop-ho-so');
    await page.locator('.unit-select select').selectOption({ label: 'Ủy ban nhân dân phường Bến Thành' });
    const applicant = page.getByRole('group', { name: 'Người yêu cầu' });
    await applicant.getByLabel('Họ, chữ đệm và tên').fill('Nguyễn Thị Lệ');
    await applicant.getByLabel('Số định danh cá nhân').fill('079190007777');
    await applicant.getByLabel('Số điện thoại').fill('0912000777');
    const wanted = page.getByRole('group', { name: 'Trích lục được yêu cầu' });
    await wanted.locator('.fjs-select-display').click();
    await page.locator('.fjs-dropdownlist-item', { hasText: 'Khai sinh' }).first().click();
    await wanted.getByLabel('Họ, chữ đệm và tên người được cấp trích lục').fill('Nguyễn Văn Phí');
    // (an optional date left empty is refused by the server's check of this form: filled here)
    await wanted.getByLabel('Ngày đăng ký (nếu biết)').fill('02/01/2020');
    await wanted.getByLabel('Ngày đăng ký (nếu biết)').press('Tab');
    await wanted.getByLabel('Nơi đăng ký').fill('UBND phường Bến Thành');
    await wanted.getByLabel('Số bản sao').fill('2');
    await page.getByLabel(/Giấy tờ tùy thân/).setInputFiles({ name: 'cccd.pdf', mimeType: 'application/pdf', buffer: samplePdf('CCCD') });
    await page.locator('.attachment-list li', { hasText: 'cccd.pdf' }).waitFor();
    await page.getByLabel(/Tôi cam đoan/).check();
    // the fee of two copies, before submitting
    await page.locator('.fee-quote .fee-total', { hasText: '16.000 đ' }).waitFor();
    await page.getByText('Phí cấp bản sao trích lục hộ tịch: 8.000 đ × 2 = 16.000 đ').waitFor();
    expect(await horizontalOverflow(page)).to.be.at.most(0);
    await screenshot(page, 'payment-apply-fee');
    await sendApplication(page);
    await page.waitForURL('**/bien-nhan').catch(async (e: unknown) => {
      await screenshot(page, 'payment-debug');
      throw e;
    });
    const id = new URL(page.url()).pathname.split('/')[2]!;

    await decide(desk, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen, id, 6);

    await page.goto(`/ho-so/${id}`);
    await page.locator('.payment .payment-status', { hasText: 'Chờ nộp phí' }).waitFor();
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, 'payment-due');
    await page.getByRole('button', { name: 'Thanh toán trực tuyến qua VNPAY' }).click();
    // the gateway's own page
    await page.waitForURL((url) => url.href.startsWith(platform().vnpay.payUrl));
    await page.locator('#amount', { hasText: '16.000 VND' }).waitFor();
    await screenshot(page, 'payment-gateway');
    await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();
    // back at motcua, after the gateway's notification
    await page.waitForURL('**/thanh-toan/ket-qua?**');
    await page.getByText('Thanh toán thành công. Hồ sơ đã được tiếp tục giải quyết.').waitFor();
    await screenshot(page, 'payment-return');
    await taskFor(specialist, id, 'review');
    await untilStatus(citizen, id, 4);
    const p = await platform().db('dossier_payments').where({ dossier_id: id }).first('status', 'method', 'amount');
    expect(p).to.deep.equal({ status: 'paid', method: 'online', amount: 16_000 });
    expect(platform().vnpay.notifications.filter((n) => n.params.vnp_TxnRef && n.answer?.RspCode === '00').length).to.be.greaterThan(0);

    await page.getByRole('link', { name: 'Về hồ sơ' }).click();
    await page.locator('.payment .payment-status', { hasText: 'Đã nộp' }).waitFor();
    expect(u.errors).to.deep.equal([]);
  });

  it('lets the receiving officer record a counter payment, with a receipt that reads right', async () => {
    const res = await submit(citizen, {
      procedureCode: '2.000635',
      unitId: benThanh(),
      data: {
        applicant: { fullName: 'Đặng Văn Quầy', idNumber: '079190008888', phone: '0912000888' },
        extract: { kind: 'ket_hon', subjectName: 'Đặng Văn Quầy', registeredAt: 'UBND phường Bến Thành', copies: 3 },
        declaration: true,
      },
      files: [{ field: 'documents', name: 'cccd.pdf', content: samplePdf('CCCD') }],
    }).expect(201);
    const id = res.body.id as string;
    await decide(desk, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen, id, 6);

    const u = await openPage(DESKTOP);
    users.push(u);
    const { page } = u;
    await login(page, 'tiepnhan.benthanh');
    await page.goto(`/mot-cua/ho-so/${id}`);
    await page.getByRole('heading', { name: 'Thu phí, lệ phí tại quầy' }).waitFor();
    expect(await page.getByLabel('Số tiền đã thu (đồng)').inputValue()).to.equal('24000');
    await page.getByRole('button', { name: 'Ghi nhận đã thu tiền' }).click();
    await page.getByText('Xác nhận đã thu 24.000 đ của người nộp?', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Xác nhận đã thu' }).click();
    const done = await page.getByText(/Đã ghi nhận thu phí, biên lai số BL\d{4}-\d{6}\./).textContent();
    const receiptNo = /BL\d{4}-\d{6}/.exec(done!)![0];
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, 'payment-counter');
    await untilStatus(citizen, id, 4);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải biên lai thu phí, lệ phí (PDF)' }).click()]);
    const file = path.join(os.tmpdir(), `bien-lai-${id}.pdf`);
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    fs.rmSync(file);
    expect(text).to.contain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).to.contain(`Số: ${receiptNo}`);
    expect(text).to.contain(citizen.account.fullName);
    expect(text).to.contain('Phí cấp bản sao trích lục hộ tịch: 8.000 đ × 3 = 24.000 đ');
    expect(text).to.contain('Tổng số tiền: 24.000 đ');
    expect(text).to.contain('Tiền mặt tại Bộ phận tiếp nhận và trả kết quả');
    expect(text).to.contain('NGƯỜI THU TIỀN');
    expect(u.errors).to.deep.equal([]);
  });
});

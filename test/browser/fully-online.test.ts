/**
 * A procedure "fully online" (toàn trình), walked as the citizen meets it (issue 15): apply for a civil-status
 * extract with its fee, choose return by post, pay through the gateway (its page, the browser's return, its
 * notification), follow the parcel to the door, and read a mail at each event from the SMTP server; then apply
 * again using a paper kept from the first application instead of uploading it. The officers' steps go through
 * the api (their pages have their own tests); the walk-in's handover at the counter with its printed slip is in
 * result-delivery.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import supertest from 'supertest';
import { api, eventually, login as apiLogin, type Session } from '../support/http.ts';
import { decide, samplePdf, untilStatus } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';
import type { Page } from 'playwright-core';
import { sendApplication } from '../support/apply-pages.ts';

const PASSWORD = 'Toan-Trinh-2026';
const EXTRACT = '2.000635';

/** The extract's application as a person fills it, up to the declaration. */
async function fillExtract(page: Page, subject: string) {
  await page.goto(`/thu-tuc/${EXTRACT}/nop-ho-so`);
  await page.locator('.unit-select select').selectOption({ label: 'Ủy ban nhân dân phường Bến Thành' });
  const applicant = page.getByRole('group', { name: 'Người yêu cầu' });
  await applicant.getByLabel('Họ, chữ đệm và tên').fill('Vũ Thị Toàn');
  await applicant.getByLabel('Số định danh cá nhân').fill('079190006666');
  await applicant.getByLabel('Số điện thoại').fill('0912000666');
  const wanted = page.getByRole('group', { name: 'Trích lục được yêu cầu' });
  await wanted.locator('.fjs-select-display').click();
  await page.locator('.fjs-dropdownlist-item', { hasText: 'Khai sinh' }).first().click();
  await wanted.getByLabel('Họ, chữ đệm và tên người được cấp trích lục').fill(subject);
  await wanted.getByLabel('Ngày đăng ký (nếu biết)').fill('02/01/2020');
  await wanted.getByLabel('Ngày đăng ký (nếu biết)').press('Tab');
  await wanted.getByLabel('Nơi đăng ký').fill('UBND phường Bến Thành');
  await wanted.getByLabel('Số bản sao').fill('1');
}

describe('a fully online procedure, end to end in the browser', function () {
  this.timeout(300_000);
  let worker: WorkerHandle;
  const users: UserPage[] = [];
  let citizen: Session;
  let desk: Session;
  let specialist: Session;
  let leader: Session;
  let email: string;
  let username: string;
  let firstId: string;

  before(async () => {
    worker = startTestWorker();
    const tag = randomBytes(4).toString('hex');
    username = `toan-trinh-${tag}`;
    email = `${username}@example.vn`;
    await supertest(api()).post('/api/auth/register').send({ username, password: PASSWORD, fullName: 'Vũ Thị Toàn', email }).expect(201);
    [citizen, desk, specialist, leader] = await Promise.all([
      apiLogin(username, PASSWORD),
      apiLogin('tiepnhan.benthanh'),
      apiLogin('chuyenvien.benthanh'),
      apiLogin('lanhdao.benthanh'),
    ]);
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
    await worker.stop();
  });

  const mailsAbout = (code: string) =>
    platform()
      .mail.to(email)
      .filter((m) => m.subject.includes(code));
  const mailSaying = (code: string, words: string) =>
    eventually(async () => mailsAbout(code).find((m) => m.subject.includes(words)), `the mail "${words}" about ${code}`, 60_000);

  it('applies with a fee and return by post, pays through the gateway, and follows the parcel to the door, told by mail at each step', async () => {
    const u = await openPage(PHONE);
    users.push(u);
    const { page } = u;
    await login(page, username, PASSWORD);
    await fillExtract(page, 'Vũ Minh Toàn');
    await page
      .getByLabel(/Giấy tờ tùy thân/)
      .setInputFiles({ name: 'cccd-vu-thi-toan.pdf', mimeType: 'application/pdf', buffer: samplePdf('CCCD Vu Thi Toan') });
    await page.locator('.attachment-list li', { hasText: 'cccd-vu-thi-toan.pdf' }).waitFor();
    const choice = page.getByRole('group', { name: 'Hình thức nhận kết quả' });
    await choice.getByLabel('Nhận qua dịch vụ bưu chính công ích').check();
    await choice.getByLabel('Người nhận', { exact: false }).first().fill('Vũ Thị Toàn');
    await choice.getByLabel('Số điện thoại người nhận').fill('0912000666');
    await choice.getByLabel('Số nhà, đường').fill('45 Nguyễn Huệ');
    await choice.getByLabel('Phường/Xã').fill('Phường Bến Thành');
    await choice.getByLabel('Tỉnh/Thành phố').fill('Thành phố Hồ Chí Minh');
    await page.getByLabel(/Tôi cam đoan/).check();
    // the fee, before submitting
    await page.locator('.fee-quote .fee-total', { hasText: '8.000 đ' }).waitFor();
    expect(await horizontalOverflow(page)).to.be.at.most(0);
    await sendApplication(page);
    await page.waitForURL('**/bien-nhan');
    // (the receipt itself, not the review page still shown while the receipt's code loads)
    await page.getByTestId('reference').waitFor();
    await page.getByText('Nhận qua dịch vụ bưu chính công ích').waitFor();
    firstId = new URL(page.url()).pathname.split('/')[2]!;

    // the desk receives it: the code is issued and mailed, and the fee is due before handling
    await decide(desk, firstId, 'reception', { decision: 'accept' });
    const due = await untilStatus(citizen, firstId, 6);
    const code = due.code as string;
    await mailSaying(code, 'tiếp nhận');
    const payMail = await mailSaying(code, 'cần nộp phí');
    expect(payMail.text).to.contain('8.000');

    // paid online: the gateway's page, the return, the notification that proves it
    await page.goto(`/ho-so/${firstId}`);
    await page.locator('.payment .payment-status', { hasText: 'Chờ nộp phí' }).waitFor();
    await page.getByRole('button', { name: 'Thanh toán trực tuyến qua VNPAY' }).click();
    await page.waitForURL((url) => url.href.startsWith(platform().vnpay.payUrl));
    await page.locator('#amount', { hasText: '8.000 VND' }).waitFor();
    await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();
    await page.waitForURL('**/thanh-toan/ket-qua?**');
    await page.getByText('Thanh toán thành công. Hồ sơ đã được tiếp tục giải quyết.').waitFor();
    await untilStatus(citizen, firstId, 4);

    // the officers decide; the signed result goes to the post, and the citizen is told
    await decide(specialist, firstId, 'review', { decision: 'approve', opinion: 'Đủ điều kiện cấp trích lục' });
    await decide(leader, firstId, 'approval', { decision: 'approve' });
    await untilStatus(citizen, firstId, 9, 60_000);
    const parcel = await eventually(async () => platform().postal.byReference(code), 'the consignment', 60_000);
    expect(parcel.receiver).to.include({ recipientName: 'Vũ Thị Toàn', street: '45 Nguyễn Huệ' });
    await mailSaying(code, 'giải quyết xong');
    await mailSaying(code, 'bưu chính');
    await page.goto(`/ho-so/${firstId}`);
    await page.locator('.delivery').getByText(parcel.trackingNumber).waitFor();
    await screenshot(page, 'fully-online-posted');

    // the postal service delivers it: the dossier is returned (10), the citizen told and asked to rate
    platform().postal.advance(parcel.trackingNumber, 'delivered');
    await platform().services.delivery.trackConsignments();
    await untilStatus(citizen, firstId, 10, 60_000);
    await mailSaying(code, 'phát');
    await page.reload();
    await page.locator('.badge.status-10').first().waitFor();
    expect(await horizontalOverflow(page)).to.be.at.most(0);
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, 'fully-online-delivered');

    // a mail at each event, in order, and never two for one
    expect(mailsAbout(code).map((m) => m.subject)).to.deep.equal([
      `Hồ sơ ${code} đã được tiếp nhận`,
      `Hồ sơ ${code}: cần nộp phí, lệ phí`,
      `Hồ sơ ${code} đã giải quyết xong`,
      `Kết quả hồ sơ ${code} đã được gửi qua bưu chính`,
      `Kết quả hồ sơ ${code} đã được phát`,
    ]);
    expect(u.errors).to.deep.equal([]);
  });

  it('applies again with a paper kept from the first application, without uploading it', async () => {
    const u = await openPage(DESKTOP);
    users.push(u);
    const { page } = u;
    await login(page, username, PASSWORD);
    // the papers page lists what was given and the result received
    await page.getByRole('link', { name: 'Giấy tờ của tôi' }).click();
    await page.waitForURL('**/giay-to');
    await page.getByRole('link', { name: 'cccd-vu-thi-toan.pdf', exact: true }).waitFor();
    await page
      .getByText(/Kết quả: .*trích lục/i)
      .first()
      .waitFor();
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, 'papers-page');

    await fillExtract(page, 'Vũ Minh Hai');
    const field = page.locator('.fjs-form-field-attachment', { hasText: 'Giấy tờ tùy thân' });
    await field.getByRole('button', { name: 'Dùng giấy tờ đã có trong tài khoản' }).click();
    const mine = field.getByRole('group', { name: 'Giấy tờ của tôi' });
    await mine.getByText('cccd-vu-thi-toan.pdf').waitFor();
    await screenshot(page, 'apply-choose-paper');
    await mine.getByRole('button', { name: 'Dùng giấy tờ này: cccd-vu-thi-toan.pdf' }).click();
    await field.locator('.attachment-list li', { hasText: 'cccd-vu-thi-toan.pdf' }).waitFor();
    await page.getByLabel(/Tôi cam đoan/).check();
    await sendApplication(page);
    await page.waitForURL('**/bien-nhan');
    const secondId = new URL(page.url()).pathname.split('/')[2]!;

    // the same stored file, its hash the one kept
    const [first] = await platform().db('dossier_attachments').where({ dossier_id: firstId });
    const [second] = await platform().db('dossier_attachments').where({ dossier_id: secondId });
    expect(second.file_id).to.equal(first.file_id);
    expect(second.sha256).to.equal(first.sha256);
    expect(u.errors).to.deep.equal([]);
  });
});

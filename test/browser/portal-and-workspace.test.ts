/**
 * The citizen portal and the officer workspace in a real browser, through the pages only: a citizen
 * registers, finds birth registration by a search without diacritics, applies with an attachment; the
 * one-stop desk asks for a supplement, the citizen supplies it, the desk accepts and prints the receipt, the
 * specialist and the leader approve; the citizen downloads the signed result and rates the service. Also
 * counter reception, a form error shown in the page, an officer of another unit who cannot see the dossier,
 * and every main page at phone width. Screenshots of each main page go to test-artifacts/screenshots.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import supertest from 'supertest';
import { verifyPdf } from '@motcua/domain/signing/pades.ts';
import { api, eventually, login as apiLogin } from '../support/http.ts';
import { samplePdf, submit } from '../support/dossiers.ts';
import { DossierStatus } from '@motcua/domain/dossiers/dossier-status.ts';
import { artifactsDir, platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import { decide, openTask } from '../support/workspace-pages.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';
import { sendApplication } from '../support/apply-pages.ts';

const CITIZEN_PASSWORD = 'Mat-khau-rat-manh-2026';
const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** Fills the birth-registration form as a parent would. */
async function fillBirthRegistration(page: Page, o: { childName: string; file: { name: string; buffer: Buffer } }) {
  const child = page.getByRole('group', { name: 'Thông tin người được đăng ký khai sinh' });
  await child.getByLabel('Họ, chữ đệm và tên').fill(o.childName);
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
  await page.getByLabel('Giấy chứng sinh').setInputFiles({ name: o.file.name, mimeType: 'application/pdf', buffer: o.file.buffer });
  await page.locator('.attachment-list li', { hasText: o.file.name }).waitFor();
  await page.getByLabel(/Tôi cam đoan/).check();
}

describe('the portal and the workspace in the browser', function () {
  this.timeout(240_000);
  let worker: WorkerHandle;
  const users: UserPage[] = [];
  const open = async (viewport = DESKTOP) => {
    const u = await openPage(viewport);
    users.push(u);
    return u;
  };
  let dossierId: string;
  let citizenUsername: string;
  let dossierCode: string;

  before(() => {
    worker = startTestWorker();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      // what each open page showed when the test failed, for whoever reads the CI artifacts
      for (const [i, u] of users.entries()) {
        if (!u.page.isClosed()) await u.page.screenshot({ path: path.join(artifactsDir, 'screenshots', `failed-${i}.png`), fullPage: true }).catch(() => {});
      }
    }
    // any error the browser reported fails the test that caused it
    const errors = users.flatMap((u) => u.errors.splice(0));
    if (errors.length && this.currentTest?.state === 'passed') throw new Error(`the browser reported errors:\n${errors.join('\n')}`);
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
    await worker.stop();
  });

  it("takes a birth registration from a citizen's first visit to a rated, signed result, through the pages only", async () => {
    // a citizen registers
    const citizen = await open();
    const page = citizen.page;
    await page.goto('/');
    await screenshot(page, 'catalogue');
    await page.getByRole('link', { name: 'Đăng ký', exact: true }).click();
    citizenUsername = `ctz${Date.now().toString(36)}`;
    const username = citizenUsername;
    await page.getByLabel('Họ và tên').fill('Trần Thị Bình');
    await page.getByLabel(/Số định danh cá nhân/).fill(randomDigits(12));
    await page.getByLabel('Số điện thoại').fill('0912345678');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(CITIZEN_PASSWORD);
    await screenshot(page, 'register');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.waitForURL('**/ho-so');

    // finds birth registration without diacritics
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Thủ tục hành chính', exact: true }).click();
    await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(/q=dang/);
    await page.getByRole('link', { name: 'Đăng ký khai sinh' }).click();
    await page.getByRole('heading', { name: 'Đăng ký khai sinh' }).waitFor();
    await screenshot(page, 'procedure');
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();

    // applies with the birth certificate attached
    await page.locator('.unit-select select').selectOption({ label: 'Ủy ban nhân dân phường Bến Thành' });
    await fillBirthRegistration(page, { childName: 'Trần Minh Khôi', file: { name: 'giay-chung-sinh.pdf', buffer: samplePdf() } });
    await screenshot(page, 'apply');
    await sendApplication(page);
    await page.waitForURL('**/bien-nhan');
    const reference = (await page.getByTestId('reference').textContent())!.trim();
    expect(reference).to.match(/^TN\d{6}-[0-9A-Z]{8}$/);
    await page.getByRole('img', { name: /Mã QR/ }).waitFor();
    await screenshot(page, 'receipt-online');
    dossierId = new URL(page.url()).pathname.split('/')[2]!;

    // the one-stop desk asks for a supplement
    const desk = await open();
    await login(desk.page, 'tiepnhan.benthanh');
    await openTask(desk.page, reference, 'inbox');
    await screenshot(desk.page, 'task-reception');
    await decide(desk.page, 'Yêu cầu bổ sung', async (p) => {
      await p.getByLabel(/Nội dung cần bổ sung/).fill('Bản quét giấy chứng sinh rõ nét, đủ hai mặt');
    });

    // the citizen sees what is missing and supplies it
    await page.goto('/ho-so');
    await screenshot(page, 'my-dossiers');
    await page.getByRole('link', { name: reference }).click();
    await page.locator('.card.supplement .missing').getByText('Bản quét giấy chứng sinh rõ nét, đủ hai mặt').waitFor();
    await screenshot(page, 'supplement');
    await page
      .locator('.card.supplement')
      .getByLabel(/^Giấy chứng sinh/)
      .setInputFiles({ name: 'giay-chung-sinh-ro-net.pdf', mimeType: 'application/pdf', buffer: samplePdf('Ban quet ro net') });
    await page.locator('.attachment-list li', { hasText: 'giay-chung-sinh-ro-net.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Nộp bổ sung' }).click();
    await page.getByRole('status').getByText('Đã nộp bổ sung').waitFor();

    // the desk accepts it this time and prints the receipt
    await openTask(desk.page, reference);
    await decide(desk.page, 'Tiếp nhận');
    const received = await eventually(async () => {
      const d = await platform().db('dossiers').where({ id: dossierId }).first('code', 'status');
      return d.code ? d : undefined;
    }, 'the dossier code');
    dossierCode = received.code;
    await desk.page.goto(`/ho-so/${dossierId}/bien-nhan`);
    await desk.page.getByTestId('dossier-code').getByText(dossierCode).waitFor();
    // the page waits for the receipt that follows the code (reloading it instead counted the link before the
    // page had its data, again and again, on a slow machine)
    await desk.page.getByRole('link', { name: /Tải giấy tiếp nhận/ }).waitFor({ timeout: 45_000 });
    const [download] = await Promise.all([desk.page.waitForEvent('download'), desk.page.getByRole('link', { name: /Tải giấy tiếp nhận/ }).click()]);
    expect(
      fs
        .readFileSync((await download.path())!)
        .subarray(0, 5)
        .toString(),
    ).to.equal('%PDF-');
    await screenshot(desk.page, 'receipt-desk');

    // the specialist and the leader approve
    const specialist = await open();
    await login(specialist.page, 'chuyenvien.benthanh');
    await openTask(specialist.page, dossierCode);
    // the papers previewed in the page, served inline
    await specialist.page.getByRole('button', { name: 'giay-chung-sinh-ro-net.pdf' }).click();
    const frame = specialist.page.locator('figure.preview iframe');
    const src = await frame.getAttribute('src');
    const served = await specialist.page.request.get(src!);
    expect(served.headers()['content-type']).to.contain('application/pdf');
    expect(served.headers()['content-disposition']).to.match(/^inline/);
    await screenshot(specialist.page, 'task-review');
    await decide(specialist.page, 'Đồng ý', async (p) => {
      await p.getByLabel(/Ý kiến thẩm định/).fill('Hồ sơ đầy đủ, đủ điều kiện đăng ký khai sinh');
    });
    const leader = await open();
    await login(leader.page, 'lanhdao.benthanh');
    await openTask(leader.page, dossierCode);
    await decide(leader.page, 'Đồng ý');

    // the citizen downloads the signed result and rates the service
    await eventually(async () => (await platform().db('dossiers').where({ id: dossierId }).first('status')).status === 10, 'the result to be returned', 60_000);
    await page.goto(`/ho-so/${dossierId}`);
    const resultLink = page.getByRole('link', { name: /Kết quả giải quyết/ });
    await resultLink.waitFor();
    const [result] = await Promise.all([page.waitForEvent('download'), resultLink.click()]);
    const pdf = fs.readFileSync((await result.path())!);
    const check = await verifyPdf(pdf);
    expect(check.valid).to.equal(true);
    fs.writeFileSync(path.join(artifactsDir, `browser-result-${platform().flavor}.pdf`), pdf);
    await page.getByRole('group', { name: 'Đánh giá chung' }).getByLabel('Rất hài lòng').check();
    await page.getByRole('group', { name: 'Thẩm định hồ sơ' }).getByLabel('Hài lòng', { exact: true }).check();
    await page.getByLabel(/Góp ý/).fill('Cán bộ hướng dẫn tận tình.');
    await screenshot(page, 'dossier-rating');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Cảm ơn Ông/Bà đã đánh giá: Rất hài lòng.').waitFor();
    const rating = await platform().db('dossier_ratings').where({ dossier_id: dossierId }).first();
    expect(rating.overall).to.equal(3);
    expect(rating.steps.find((s: { step: string }) => s.step === 'review').level).to.equal(2);

    // the officer's view of the finished dossier: control sheet and diagram
    await desk.page.goto(`/mot-cua/ho-so/${dossierId}`);
    await desk.page.getByRole('tab', { name: /Phiếu kiểm soát/ }).click();
    await desk.page.getByRole('cell', { name: 'Trần Thị Bình' }).first().waitFor();
    await screenshot(desk.page, 'control-sheet');
    await desk.page.getByRole('tab', { name: 'Quy trình' }).click();
    await desk.page.locator('.diagram .djs-element.step-done').first().waitFor();
    await screenshot(desk.page, 'diagram');
  });

  it('shows a form error in the page, in Vietnamese, before anything is sent', async () => {
    const u = await open();
    await login(u.page, 'congdan');
    await u.page.goto('/thu-tuc/1.001193/nop-ho-so');
    await u.page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
    await u.page.getByText('Vui lòng chọn nơi tiếp nhận hồ sơ.', { exact: true }).waitFor();
    expect(await u.page.getByText('Vui lòng nhập thông tin này.').count()).to.be.greaterThan(3);
    // a wrong identity number: the form's own pattern, worded in Vietnamese
    const mother = u.page.getByRole('group', { name: 'Thông tin người mẹ' });
    await mother.getByLabel('Số định danh cá nhân').fill('12345');
    await mother.getByLabel('Số định danh cá nhân').press('Tab');
    await mother.getByText('Giá trị không đúng định dạng.').waitFor();
    // a file of the wrong type is refused before upload
    await u.page.getByLabel('Giấy chứng sinh').setInputFiles({ name: 'anh.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await u.page.getByText(/không đúng định dạng cho phép/).waitFor();
    await screenshot(u.page, 'apply-errors');
    // nothing was submitted
    expect(await u.page.url()).to.contain('/nop-ho-so');
  });

  it('keeps what was just typed when an upload finishes', async () => {
    const u = await open();
    await login(u.page, 'congdan');
    await u.page.goto('/thu-tuc/1.001193/nop-ho-so');
    const phone = u.page.getByRole('group', { name: 'Người đi đăng ký' }).getByLabel('Số điện thoại');
    await phone.fill('0912345678');
    await u.page.getByLabel('Giấy chứng sinh').setInputFiles({ name: 'gcs.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
    await u.page.locator('.attachment-list li', { hasText: 'gcs.pdf' }).waitFor();
    await u.page.waitForTimeout(500);
    expect(await phone.inputValue()).to.equal('0912345678');
  });

  it('saves a draft and resumes it, withdraws a dossier, and speaks English on request', async () => {
    const u = await open();
    await login(u.page, 'congdan');
    await u.page.goto('/thu-tuc/1.001193/nop-ho-so');
    await u.page.locator('.unit-select select').selectOption({ label: 'Ủy ban nhân dân phường Bến Thành' });
    const child = u.page.getByRole('group', { name: 'Thông tin người được đăng ký khai sinh' });
    await child.getByLabel('Họ, chữ đệm và tên').fill('Phạm Gia Bảo');
    await u.page.getByRole('button', { name: 'Lưu nháp' }).click();
    await u.page.getByText(/Đã lưu bản nháp lúc/).waitFor();
    await u.page.reload();
    await u.page.getByText('Đã mở lại bản nháp đã lưu.').waitFor();
    expect(await u.page.getByRole('group', { name: 'Thông tin người được đăng ký khai sinh' }).getByLabel('Họ, chữ đệm và tên').inputValue()).to.equal(
      'Phạm Gia Bảo',
    );
    expect(await u.page.locator('.unit-select select option:checked').textContent()).to.equal('Ủy ban nhân dân phường Bến Thành');

    const session = await apiLogin('congdan');
    await session.delete('/api/drafts/1.001193').expect(204);

    // a dossier sent from elsewhere (the api), withdrawn in the page
    const submitted = (await submit(session).expect(201)).body as { id: string; reference: string };
    await u.page.goto(`/ho-so/${submitted.id}`);
    await u.page.getByRole('button', { name: 'Rút hồ sơ' }).click();
    await u.page.getByLabel(/Lý do/).fill('Nộp nhầm, sẽ nộp lại');
    await u.page.getByRole('button', { name: 'Xác nhận rút hồ sơ' }).click();
    await u.page.getByText('Đã rút hồ sơ.').waitFor();
    await eventually(
      async () => (await platform().db('dossiers').where({ id: submitted.id }).first('status')).status === DossierStatus.Withdrawn,
      'the dossier withdrawn',
    );

    // English, one click away, and kept on the next page
    await u.page.getByRole('button', { name: 'EN', exact: true }).click();
    await u.page.goto('/ho-so');
    await u.page.getByRole('heading', { name: 'My dossiers' }).waitFor();
    await screenshot(u.page, 'my-dossiers-en');
    await u.page.getByRole('button', { name: 'VI', exact: true }).click();
    await u.page.getByRole('heading', { name: 'Hồ sơ của tôi' }).waitFor();
  });

  it('receives a walk-in application at the counter and has the receipt ready to print', async () => {
    const u = await open();
    await login(u.page, 'tiepnhan.benthanh');
    await u.page.getByRole('link', { name: 'Tiếp nhận trực tiếp' }).click();
    // (the page's code loads on first use: the inbox stays until it is there)
    await u.page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ trực tiếp' }).waitFor();
    await u.page.locator('#main select').first().selectOption('1.001193');
    const applicant = u.page.getByRole('group', { name: 'Người nộp hồ sơ' });
    await applicant.getByLabel('Họ và tên').fill('Lê Văn Tâm');
    await applicant.getByLabel(/Số định danh cá nhân/).fill(randomDigits(12));
    await applicant.getByLabel('Số điện thoại').fill('0987654321');
    await fillBirthRegistration(u.page, { childName: 'Lê Minh Anh', file: { name: 'ban-quet-giay-chung-sinh.pdf', buffer: samplePdf('Quet tai quay') } });
    await screenshot(u.page, 'counter');
    await u.page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await u.page.waitForURL('**/bien-nhan');
    const code = await u.page.getByTestId('dossier-code').textContent();
    await u.page.getByRole('link', { name: /Tải giấy tiếp nhận/ }).waitFor({ timeout: 30_000 });
    const shown = (await u.page.getByTestId('dossier-code').textContent())!.trim();
    expect(shown).to.match(/^000\.00\.27\.H29-\d{6}-\d{4}$/);
    expect(code).to.be.a('string');
    await screenshot(u.page, 'receipt-counter');
    // where it stands: reception done, the review step current and on time
    const id = new URL(u.page.url()).pathname.split('/')[2]!;
    await u.page.goto(`/mot-cua/ho-so/${id}`);
    await u.page.getByRole('tab', { name: 'Quy trình' }).click();
    await eventually(async () => {
      await u.page.reload();
      await u.page.getByRole('tab', { name: 'Quy trình' }).click();
      // counted once the diagram is drawn, not before
      await u.page.locator('.diagram .djs-element').first().waitFor();
      return (await u.page.locator('.diagram .djs-element.step-current.step-on_time').count()) > 0;
    }, 'the review step current on the diagram');
    await screenshot(u.page, 'diagram-current');
    const d = await platform().db('dossiers').where({ code: shown }).first();
    expect(d.channel).to.equal(1);
    expect(d.entered_by).to.equal((await platform().db('accounts').where({ username: 'tiepnhan.benthanh' }).first('id')).id);
  });

  it('lets the walk-in applicant bring the counter dossier into their own account with the code on the receipt, on a phone', async () => {
    // the counter dossier of the test before, filed under a walk-in account
    const counterDossier = await platform().db('dossiers').where({ channel: 1 }).whereNotNull('code').orderBy('submitted_at', 'desc').first();
    const claimCode = (await platform().services.identity.claimCodeOf(counterDossier.id))!;
    expect(claimCode).to.match(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const username = `le.van.tam.${Date.now()}`;
    await supertest(api()).post('/api/auth/register').send({ username, password: 'Mat-khau-2026!', fullName: 'Lê Văn Tâm' }).expect(201);

    const u = await open(PHONE);
    await login(u.page, username, 'Mat-khau-2026!');
    await u.page.goto('/ho-so');
    await u.page.getByText('Nhận hồ sơ nộp tại quầy').click();
    const field = u.page.getByLabel('Mã nhận hồ sơ');
    await field.fill('ABCDE-12345');
    await u.page.getByRole('button', { name: 'Nhận hồ sơ', exact: true }).click();
    await u.page
      .getByRole('alert')
      .getByText(/Mã nhận hồ sơ không đúng hoặc đã được sử dụng/)
      .waitFor();
    // typed as read from the paper: lower case, no dash
    await field.fill(claimCode.toLowerCase().replace('-', ''));
    await u.page.getByRole('button', { name: 'Nhận hồ sơ', exact: true }).click();
    await u.page.getByRole('status').getByText('Đã nhận 1 hồ sơ vào tài khoản của bạn.').waitFor();
    await u.page.getByRole('link', { name: counterDossier.code }).waitFor();
    expect(await horizontalOverflow(u.page)).to.equal(0);
    await screenshot(u.page, 'claim-counter-dossier');
  });

  it('an officer of another unit neither sees the dossier in the inbox nor opens it', async () => {
    const u = await open();
    await login(u.page, 'tiepnhan.saigon');
    await u.page.goto(`/mot-cua?q=${encodeURIComponent(dossierCode)}`);
    await u.page.getByText('Không có công việc nào.').waitFor();
    await u.page.goto(`/mot-cua/ho-so/${dossierId}`);
    await u.page.getByRole('alert').getByText('Không tìm thấy hồ sơ.').waitFor();
  });

  it('works at phone and desktop width: every main page fits the screen and is captured', async () => {
    const shoot = async (page: Page, url: string, name: string) => {
      await page.goto(url);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, name);
      expect(await horizontalOverflow(page), `${url} at ${page.viewportSize()?.width}px`).to.be.at.most(0);
      a11y.push(...(await accessibilityProblems(page)).map((p) => `${url} at ${page.viewportSize()?.width}px: ${p}`));
    };
    const a11y: string[] = [];
    const menu = await open(PHONE);
    await menu.page.goto('/');
    await menu.page.getByRole('button', { name: 'Trình đơn' }).click();
    await screenshot(menu.page, 'catalogue-menu');
    expect(await horizontalOverflow(menu.page)).to.be.at.most(0);
    for (const viewport of [PHONE, DESKTOP]) {
      const citizen = await open(viewport);
      for (const [url, name] of [
        ['/', 'catalogue'],
        ['/thu-tuc/1.001193', 'procedure'],
        ['/tra-cuu', 'track'],
        [`/tra-cuu/${encodeURIComponent(dossierCode)}`, 'track-found'],
        ['/dang-nhap', 'login'],
        ['/dang-ky', 'register'],
      ] as const) {
        await shoot(citizen.page, url, name);
      }
      await login(citizen.page, 'congdan');
      for (const [url, name] of [
        ['/thu-tuc/1.001193/nop-ho-so', 'apply'],
        ['/ho-so', 'my-dossiers'],
      ] as const)
        await shoot(citizen.page, url, name);
      const officer = await open(viewport);
      await login(officer.page, 'lanhdao.benthanh');
      for (const [url, name] of [
        ['/mot-cua', 'inbox-leader'],
        ['/mot-cua/don-vi', 'unit'],
        [`/mot-cua/ho-so/${dossierId}`, 'officer-dossier'],
      ] as const)
        await shoot(officer.page, url, name);
      const desk = await open(viewport);
      await login(desk.page, 'tiepnhan.benthanh');
      await shoot(desk.page, '/mot-cua/tiep-nhan-truc-tiep', 'counter-empty');
      // the citizen of the journey: their finished dossier and its receipt
      const owner = await open(viewport);
      await login(owner.page, citizenUsername, CITIZEN_PASSWORD);
      await shoot(owner.page, `/ho-so/${dossierId}`, 'dossier');
      await shoot(owner.page, `/ho-so/${dossierId}/bien-nhan`, 'receipt');
    }
    // labels, names, contrast, structure: nothing serious on any of them
    expect([...new Set(a11y)], a11y.join('\n')).to.deep.equal([]);
  });
});

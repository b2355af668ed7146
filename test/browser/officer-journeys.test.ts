/**
 * The officers' journeys in the browser, at phone (390 px) and desktop (1366 px) width, each asserting what the
 * officer sees: the inbox naming the applicant and the officer holding each task and marking a supplemented or
 * sent-back dossier; the task page reading the application as a document, asking before a final decision,
 * and after acceptance showing the code and the receipt (form 01) to print; the leader reading the draft
 * result before approving it; the inbox showing the whole unit's tasks, a colleague's with their name. No page scrolls sideways; axe finds nothing serious; screenshots are saved.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { buildBirthRegistration, claim as claimByApi, decide as decideByApi, fileAtCounter, samplePdf, submit } from '../support/dossiers.ts';
import { eventually, login as apiLogin, type Session } from '../support/http.ts';
import { platform, artifactsDir } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import { openTask, sendDecision } from '../support/workspace-pages.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const WIDE = { width: 1366, height: 900 };

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'draft-')), 'draft.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** The page fits the screen and axe finds nothing serious on it; captured as `name`. */
async function looksRight(page: Page, name: string, a11y: string[]) {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  const width = page.viewportSize()?.width;
  expect(await horizontalOverflow(page), `${name} at ${width}px scrolls sideways`).to.be.at.most(0);
  a11y.push(...(await accessibilityProblems(page)).map((p) => `${name} at ${width}px: ${p}`));
}

describe("the officers' journeys in the browser", function () {
  this.timeout(300_000);
  let worker: WorkerHandle;
  let citizen: Session;
  const users: UserPage[] = [];
  const open = async (viewport: { width: number; height: number }) => {
    const u = await openPage(viewport);
    users.push(u);
    return u;
  };

  before(async () => {
    worker = startTestWorker();
    citizen = await apiLogin('congdan');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      for (const [i, u] of users.entries()) {
        if (!u.page.isClosed())
          await u.page.screenshot({ path: path.join(artifactsDir, 'screenshots', `officer-failed-${i}.png`), fullPage: true }).catch(() => {});
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

  for (const viewport of [PHONE, WIDE]) {
    const at = viewport.width <= 500 ? 'phone' : 'desktop';

    describe(`at ${viewport.width} px`, () => {
      let dossierId: string;
      let code: string;
      const child = `Lê Gia ${at === 'phone' ? 'Phúc' : 'Huy'}`;

      it('the reception officer finds a supplemented dossier by its applicant, reads it as a document, accepts it after confirming, and prints the receipt at once', async () => {
        const a11y: string[] = [];
        const desk = await open(viewport);
        const sent = (
          await submit(citizen, { data: buildBirthRegistration({ child: { ...(buildBirthRegistration().child as object), fullName: child } }) }).expect(201)
        ).body as { id: string; reference: string };
        dossierId = sent.id;
        // asked for a supplement once, and supplied
        await decideByApi(await apiLogin('tiepnhan.benthanh'), dossierId, 'reception', { decision: 'supplement', missingItems: 'Bản quét rõ nét' });
        await eventually(async () => (await platform().db('dossiers').where({ id: dossierId }).first('status')).status === 5, 'the request');
        const supplied = await citizen
          .post(`/api/dossiers/${dossierId}/supplement`)
          .field('data', JSON.stringify((await citizen.get(`/api/dossiers/${dossierId}`)).body.data));
        expect(supplied.status, JSON.stringify(supplied.body)).to.equal(200);

        // the inbox: the applicant, nobody holding it yet, marked as supplemented; the controls all visible
        await login(desk.page, 'tiepnhan.benthanh');
        await desk.page.goto(`/mot-cua?q=${encodeURIComponent(sent.reference)}`);
        const row = desk.page.locator('table.inbox tbody tr', { hasText: sent.reference });
        await eventually(async () => {
          await desk.page.reload();
          await desk.page
            .getByText(/^\d+ công việc/)
            .first()
            .waitFor();
          return (await row.count()) > 0;
        }, 'the supplemented dossier in the inbox');
        await row.getByText('Đã bổ sung').waitFor();
        expect((await row.locator('td[data-label="Người nộp"]').textContent())!.trim()).to.equal('Phạm Thị Công Dân');
        expect((await row.locator('td[data-label="Người xử lý"]').textContent())!.trim()).to.equal('Chưa có người nhận');
        for (const control of await desk.page.locator('form.filters button:visible, form.filters input:visible').all()) {
          const box = (await control.boundingBox())!;
          expect(box.x, 'a control of the inbox starts off screen').to.be.at.least(0);
          expect(box.x + box.width, 'a control of the inbox is cut at the right').to.be.at.most(viewport.width);
        }
        await looksRight(desk.page, `officer-inbox`, a11y);

        // the task page: the application reads as a document, not as a greyed form
        await desk.page.getByRole('link', { name: sent.reference }).first().click();
        await desk.page.getByRole('heading', { level: 1, name: sent.reference }).waitFor();
        const document = desk.page.locator('.application-document');
        await document.getByRole('heading', { name: 'Thông tin người được đăng ký khai sinh' }).waitFor();
        await document.locator('dd', { hasText: child }).waitFor();
        await document.locator('dd', { hasText: '20/11/2026' }).first().waitFor();
        await document.getByRole('link', { name: 'giấy chứng sinh.pdf' }).first().waitFor();
        expect(await document.locator('input, textarea, select').count(), 'no form fields in the document').to.equal(0);
        await looksRight(desk.page, 'officer-task-reception', a11y);

        // taken; returning it to the queue is worded as such, not as sending the dossier back
        await desk.page.getByRole('button', { name: 'Nhận xử lý' }).click();
        await desk.page.getByRole('button', { name: 'Trả công việc về hàng chờ của đơn vị' }).waitFor();
        await desk.page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
        await desk.page.getByRole('button', { name: 'Gửi quyết định' }).click();
        const question = desk.page.getByRole('alertdialog');
        await question.getByText(/hệ thống cấp mã hồ sơ, lập giấy tiếp nhận.*không thể hoàn tác/).waitFor();
        await looksRight(desk.page, 'officer-task-confirm', a11y);
        // "no" sends nothing
        await question.getByRole('button', { name: 'Quay lại, chưa gửi' }).click();
        expect(await desk.page.getByRole('alertdialog').count()).to.equal(0);
        expect((await platform().db('dossiers').where({ id: dossierId }).first('code')).code).to.equal(null);
        await sendDecision(desk.page);

        // at once on the same page: the code issued and the receipt to print
        await desk.page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' }).waitFor();
        const print = desk.page.getByRole('link', { name: 'In giấy tiếp nhận (mẫu 01)' });
        await print.waitFor({ timeout: 30_000 });
        code = (await desk.page.getByTestId('accepted-code').textContent())!.trim();
        expect(code).to.match(/^000\.00\.27\.H29-\d{6}-\d{4}$/);
        const receipt = await desk.page.request.get((await print.getAttribute('href'))!);
        expect(receipt.headers()['content-type']).to.contain('application/pdf');
        expect(receipt.headers()['content-disposition']).to.match(/^inline/);
        expect(pdfText(await receipt.body())).to.contain(code);
        await looksRight(desk.page, 'officer-task-accepted', a11y);
        expect([...new Set(a11y)], a11y.join('\n')).to.deep.equal([]);
      });

      it('the leader reads the draft result, marked as a draft and unsigned, sends it back after confirming; the specialist sees it marked as sent back', async () => {
        const a11y: string[] = [];
        await decideByApi(await apiLogin('chuyenvien.benthanh'), dossierId, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
        const leader = await open(viewport);
        await login(leader.page, 'lanhdao.benthanh');
        await openTask(leader.page, code);
        const draftLink = leader.page.getByRole('link', { name: 'Xem dự thảo kết quả' });
        await draftLink.waitFor();
        const draft = await leader.page.request.get((await draftLink.getAttribute('href'))!);
        expect(draft.status()).to.equal(200);
        expect(draft.headers()['content-type']).to.contain('application/pdf');
        const pdf = await draft.body();
        const text = pdfText(pdf);
        expect(text).to.contain('DỰ THẢO');
        expect(text).to.contain(child);
        expect(pdf.includes('/ByteRange'), 'the draft carries no signature').to.equal(false);
        await looksRight(leader.page, 'officer-task-approval', a11y);

        await leader.page.getByRole('button', { name: 'Nhận xử lý' }).click();
        await leader.page.getByRole('button', { name: 'Trả lại', exact: true }).click();
        await leader.page.getByRole('button', { name: 'Gửi quyết định' }).click();
        await leader.page
          .getByRole('alertdialog')
          .getByText(/quay về bước trước/)
          .waitFor();
        await leader.page.getByRole('alertdialog').getByRole('button', { name: 'Xác nhận trả lại' }).click();
        await leader.page.waitForURL((u) => u.pathname === '/mot-cua');

        // the specialist's inbox: the dossier marked as sent back
        const specialist = await open(viewport);
        await login(specialist.page, 'chuyenvien.benthanh');
        await specialist.page.goto(`/mot-cua?q=${encodeURIComponent(code)}`);
        const row = specialist.page.locator('table.inbox tbody tr', { hasText: code });
        await eventually(async () => {
          await specialist.page.reload();
          await specialist.page
            .getByText(/^\d+ công việc/)
            .first()
            .waitFor();
          return (await row.count()) > 0;
        }, 'the task back in the inbox');
        await row.getByText('Bị trả lại').waitFor();
        // taken, the row says who holds it
        await specialist.page.getByRole('link', { name: code }).first().click();
        await specialist.page.getByRole('button', { name: 'Nhận xử lý' }).click();
        await specialist.page.getByRole('button', { name: 'Trả công việc về hàng chờ của đơn vị' }).waitFor();
        await specialist.page.goto(`/mot-cua?q=${encodeURIComponent(code)}`);
        await row.locator('td[data-label="Người xử lý"]').getByText('Tôi').waitFor();
        await looksRight(specialist.page, 'officer-inbox-returned', a11y);
        expect([...new Set(a11y)], a11y.join('\n')).to.deep.equal([]);
      });

      it('the counter officer finds a returning applicant by their identity number and types their details once', async () => {
        const a11y: string[] = [];
        const idNumber = `0791${String(Date.now()).slice(-8)}`;
        const name = at === 'phone' ? 'Đỗ Văn Quầy' : 'Đỗ Thị Quầy';
        // an earlier visit to the counter
        expect((await fileAtCounter(await apiLogin('tiepnhan.benthanh'), { fullName: name, idNumber, phone: '0909123456' })).status).to.equal(201);

        const desk = await open(viewport);
        await login(desk.page, 'tiepnhan.benthanh');
        await desk.page.goto('/mot-cua/tiep-nhan-truc-tiep');
        await desk.page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ trực tiếp' }).waitFor();
        await desk.page.locator('#main select').first().selectOption('1.001193');
        const applicant = desk.page.getByRole('group', { name: 'Người nộp hồ sơ' });
        // a number nobody gave yet: said so, nothing filled
        await applicant.getByLabel(/Số định danh cá nhân/).fill('079000000000');
        await applicant.getByRole('button', { name: 'Tìm thông tin đã có' }).click();
        await applicant.getByText(/Chưa có thông tin của người mang số định danh này/).waitFor();
        // the returning applicant: found and filled in, here and in the form's own applicant section
        await applicant.getByLabel(/Số định danh cá nhân/).fill(idNumber);
        await applicant.getByRole('button', { name: 'Tìm thông tin đã có' }).click();
        await applicant.getByText(`Đã điền thông tin của ${name} từ lần nộp tại quầy trước`, { exact: false }).waitFor();
        expect(await applicant.getByLabel('Họ và tên').inputValue()).to.equal(name);
        expect(await applicant.getByLabel('Số điện thoại').inputValue()).to.equal('0909123456');
        const inForm = desk.page.getByRole('group', { name: 'Người đi đăng ký' });
        expect(await inForm.getByLabel('Họ, chữ đệm và tên').inputValue()).to.equal(name);
        expect(await inForm.getByLabel('Số định danh cá nhân').inputValue()).to.equal(idNumber);
        expect(await inForm.getByLabel('Số điện thoại').inputValue()).to.equal('0909123456');
        await looksRight(desk.page, 'officer-counter-found', a11y);

        // the rest of the form, the applicant not typed again
        const child = desk.page.getByRole('group', { name: 'Thông tin người được đăng ký khai sinh' });
        await child.getByLabel('Họ, chữ đệm và tên').fill('Đỗ Minh Quân');
        await child.getByLabel('Nam', { exact: true }).check();
        await child.getByLabel('Ngày, tháng, năm sinh').fill('20/11/2026');
        await child.getByLabel('Ngày, tháng, năm sinh').press('Tab');
        await child.getByLabel('Nơi sinh').fill('Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh');
        const mother = desk.page.getByRole('group', { name: 'Thông tin người mẹ' });
        await mother.getByLabel('Họ, chữ đệm và tên').fill('Đỗ Thị Mẹ');
        await mother.getByLabel('Ngày, tháng, năm sinh').fill('02/01/1995');
        await mother.getByLabel('Ngày, tháng, năm sinh').press('Tab');
        await mother.getByLabel('Số định danh cá nhân').fill('079195000009');
        await mother.getByLabel('Nơi cư trú').fill('Phường Bến Thành, Thành phố Hồ Chí Minh');
        await desk.page.getByLabel('Chưa xác định được người cha').check();
        await inForm.locator('.fjs-select-display').click();
        await desk.page.locator('.fjs-dropdownlist-item', { hasText: 'Cha' }).first().click();
        await desk.page.getByLabel('Giấy chứng sinh').setInputFiles({ name: 'ban-quet.pdf', mimeType: 'application/pdf', buffer: samplePdf('quet') });
        await desk.page.locator('.attachment-list li', { hasText: 'ban-quet.pdf' }).waitFor();
        await desk.page.getByLabel(/Tôi cam đoan/).check();
        await desk.page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
        await desk.page.waitForURL('**/bien-nhan');
        const id = new URL(desk.page.url()).pathname.split('/')[2]!;
        const stored = await platform().db('dossiers').where({ id }).first('data', 'applicant_id');
        expect(stored.data.applicant).to.include({ fullName: name, idNumber, phone: '0909123456' });
        expect((await platform().db('accounts').where({ id: stored.applicant_id }).first('full_name')).full_name).to.equal(name);
        expect([...new Set(a11y)], a11y.join('\n')).to.deep.equal([]);
      });

      it("the officer shows the whole unit's tasks, a colleague's with their name, and reads that task without taking it", async () => {
        const a11y: string[] = [];
        const tag = `${at}.${Date.now().toString(36)}`;
        const colleagueName = at === 'phone' ? 'Đỗ Thị Đồng Nghiệp' : 'Đỗ Văn Đồng Nghiệp';
        await platform().services.accounts.createAccount({
          username: `dongnghiep.${tag}`,
          password: DEMO_PASSWORD,
          fullName: colleagueName,
          role: 'receiving_officer',
          orgUnitId: platform().demo!.benThanh.id,
        });
        const sent = (await submit(citizen).expect(201)).body as { id: string; reference: string };
        await claimByApi(await apiLogin(`dongnghiep.${tag}`), sent.id, 'reception');

        const desk = await open(viewport);
        await login(desk.page, 'tiepnhan.benthanh');
        await desk.page.goto(`/mot-cua?q=${encodeURIComponent(sent.reference)}`);
        await desk.page.getByText('0 công việc').waitFor();
        // the usual view leaves the colleague's task out; the whole unit's shows it, held by them by name
        const show = desk.page.getByLabel('Hiển thị');
        expect(await show.inputValue()).to.equal('');
        await screenshot(desk.page, 'officer-inbox-usual');
        await show.selectOption({ label: 'Cả đơn vị' });
        await desk.page.waitForURL((u) => u.searchParams.get('holder') === 'unit');
        const row = desk.page.locator('table.inbox tbody tr', { hasText: sent.reference });
        await row.locator('td[data-label="Người xử lý"]', { hasText: colleagueName }).waitFor();
        const box = (await show.boundingBox())!;
        expect(box.x + box.width, 'the holder filter is cut at the right').to.be.at.most(viewport.width);
        await looksRight(desk.page, 'officer-inbox-unit', a11y);

        // the colleague's task: read, not taken
        await desk.page.getByRole('link', { name: sent.reference }).first().click();
        await desk.page.getByText(`Công việc đang do ${colleagueName} xử lý.`).waitFor();
        await desk.page.locator('.application-document').waitFor();
        expect(await desk.page.getByRole('button', { name: 'Nhận xử lý' }).count()).to.equal(0);
        expect(await desk.page.getByRole('button', { name: 'Gửi quyết định' }).count()).to.equal(0);
        await looksRight(desk.page, 'officer-task-colleague', a11y);
        expect([...new Set(a11y)], a11y.join('\n')).to.deep.equal([]);
      });
    });
  }

  it('finds a walk-in applicant for receiving officers only, by a well-formed number', async () => {
    const desk = await apiLogin('tiepnhan.benthanh');
    expect((await desk.get('/api/counter/applicants/12345')).body.code).to.equal('id_number_invalid');
    expect((await desk.get('/api/counter/applicants/079000000001')).status).to.equal(404);
    expect((await citizen.get('/api/counter/applicants/079000000001')).status).to.equal(403);
    expect((await (await apiLogin('chuyenvien.benthanh')).get('/api/counter/applicants/079000000001')).status).to.equal(403);
  });
});

/**
 * The citizen's side of issue 16, walked in Chromium at phone (390 px) and desktop (1366 px) width: the dossier's
 * page (what is asked now, what was submitted, the milestones without officers' notes, one SLA label as in the
 * list), a supplement uploaded into the slots of the papers the officer listed by a deadline they set, shown as
 * "Đã bổ sung (lần 1)" to both sides; the in-account notifications with their unread count; and a result
 * verified by its code and by uploading an altered copy. axe finds nothing serious; screenshots are saved.
 */
import { expect } from 'chai';
import { binary, eventually, login as apiLogin, type Session } from '../support/http.ts';
import { decide, samplePdf, submit, untilStatus } from '../support/dossiers.ts';
import { startTestWorker } from '../support/workers.ts';
import { PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const DESKTOP_1366 = { width: 1366, height: 900 };
const INTERNAL_NOTE = 'Ghi chú nội bộ: đối chiếu với sổ hộ tịch trước khi tiếp nhận';

describe('the citizen’s dossier, supplement, notifications and verification in the browser', function () {
  this.timeout(300_000);
  let worker: WorkerHandle;
  let citizen: Session;
  let desk: Session;
  let specialist: Session;
  let leader: Session;
  const pages: UserPage[] = [];
  let result: { code: string; pdf: Buffer };

  before(async () => {
    worker = startTestWorker();
    [citizen, desk, specialist, leader] = (await Promise.all(
      ['congdan', 'tiepnhan.benthanh', 'chuyenvien.benthanh', 'lanhdao.benthanh'].map((u) => apiLogin(u)),
    )) as [Session, Session, Session, Session];
    // a result signed and returned online, to verify
    const id = (await submit(citizen).expect(201)).body.id as string;
    await decide(desk, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen, id, 2);
    await decide(specialist, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    await decide(leader, id, 'approval', { decision: 'approve' });
    const done = await untilStatus(citizen, id, 10, 90_000);
    const pdf = await eventually(async () => {
      const res = await citizen
        .get(`/api/dossiers/${id}/documents/result`)
        .buffer(true)
        .parse(binary as never);
      return res.status === 200 ? (res.body as Buffer) : undefined;
    }, 'the result PDF');
    result = { code: done.code as string, pdf };
  });
  after(async () => {
    for (const p of pages) await p.context.close();
    await closeBrowser();
    await worker.stop();
  });

  async function checkPage(user: UserPage, name: string) {
    expect(await horizontalOverflow(user.page), `${name} scrolls sideways`).to.be.at.most(0);
    expect(await accessibilityProblems(user.page), name).to.deep.equal([]);
    await screenshot(user.page, name);
  }

  for (const viewport of [PHONE, DESKTOP_1366]) {
    const width = viewport.width;

    it(`at ${width} px: the dossier asks for the listed papers by the officer’s deadline; the citizen uploads each into its slot and both sides see it supplemented`, async () => {
      const id = (await submit(citizen).expect(201)).body.id as string;
      await decide(desk, id, 'reception', {
        decision: 'supplement',
        missingItems: 'Bản chụp giấy chứng sinh rõ nét\nXác nhận nơi cư trú của người mẹ',
        supplementDays: '5',
        note: INTERNAL_NOTE,
      });
      const waiting = await untilStatus(citizen, id, 5);
      expect(waiting.sla).to.equal('paused');

      const user = await openPage(viewport);
      pages.push(user);
      await login(user.page, 'congdan');
      // the list and the page say the same of its time
      await user.page.goto('/ho-so');
      const row = user.page.getByRole('row').filter({ has: user.page.getByRole('link', { name: waiting.reference }) });
      const listLabel = (await row.locator('.applicant-sla').innerText()).trim();
      expect(listLabel).to.equal('Tạm dừng tính hạn');
      await row.getByRole('link', { name: waiting.reference }).click();
      await user.page.getByRole('heading', { name: 'Việc bạn cần làm' }).waitFor();
      expect((await user.page.locator('.summary .applicant-sla').innerText()).trim()).to.equal(listLabel);
      // what is asked now: the papers by the date the officer set
      await user.page.getByText(/^Bổ sung giấy tờ trước .*\d{4}/).waitFor();
      // what was submitted: the form read with its labels, the files by name
      const submitted = user.page.locator('.card.submitted');
      await submitted.getByRole('heading', { name: 'Hồ sơ bạn đã nộp' }).waitFor();
      expect(await submitted.locator('.submitted-files').getByRole('link', { name: 'giấy chứng sinh.pdf' }).count()).to.equal(1);
      await submitted.getByText('Nguyễn Văn An', { exact: true }).first().waitFor();
      // the milestones, without the officer's note
      await user.page.getByText('Cơ quan yêu cầu bổ sung hồ sơ').waitFor();
      expect(await user.page.getByText(INTERNAL_NOTE).count()).to.equal(0);
      await checkPage(user, 'citizen-dossier-supplement');

      // one slot per paper asked for
      await user.page
        .getByLabel('Bản chụp giấy chứng sinh rõ nét', { exact: true })
        .setInputFiles({ name: 'giay-chung-sinh-ro.pdf', mimeType: 'application/pdf', buffer: samplePdf('Ban chup ro net') });
      await user.page
        .getByLabel('Xác nhận nơi cư trú của người mẹ', { exact: true })
        .setInputFiles({ name: 'xac-nhan-cu-tru.pdf', mimeType: 'application/pdf', buffer: samplePdf('Xac nhan cu tru') });
      await user.page.getByText('Đã chọn: xac-nhan-cu-tru.pdf').waitFor();
      await user.page.getByRole('button', { name: 'Nộp bổ sung' }).click();
      await user.page.getByText('Đã bổ sung (lần 1)').first().waitFor();
      await user.page.getByText('Bạn đã nộp bổ sung').waitFor();
      const files = user.page.locator('.card.submitted .submitted-files');
      await files.getByText('Bản chụp giấy chứng sinh rõ nét:').waitFor();
      expect(await files.getByRole('link', { name: 'xac-nhan-cu-tru.pdf' }).count()).to.equal(1);
      await user.page.getByText('Hiện bạn không cần làm gì thêm.', { exact: false }).waitFor();
      await checkPage(user, 'citizen-dossier-supplemented');
      expect(user.errors).to.deep.equal([]);

      // the officer sees it too, with the papers named
      const officer = await openPage(viewport);
      pages.push(officer);
      await login(officer.page, 'tiepnhan.benthanh');
      await officer.page.goto(`/mot-cua/ho-so/${id}`);
      await officer.page.getByText('Đã bổ sung (lần 1)').first().waitFor();
      await checkPage(officer, 'officer-dossier-supplemented');
    });

    it(`at ${width} px: the notifications are listed with their unread count in the header, and all marked read at once`, async () => {
      const unread = (await citizen.get('/api/notifications/unread-count').expect(200)).body.unread as number;
      expect(unread).to.be.greaterThan(0);
      const user = await openPage(viewport);
      pages.push(user);
      await login(user.page, 'congdan');
      if (width < 700) await user.page.getByRole('button', { name: 'Trình đơn' }).click();
      const link = user.page.getByRole('link', { name: /^Thông báo\s*,\s*\d+ chưa đọc$/ });
      const shown = Number(/(\d+) chưa đọc/.exec((await link.textContent()) ?? '')?.[1]);
      expect(shown).to.be.at.least(unread);
      await link.click();
      await user.page.waitForURL('**/thong-bao');
      await user.page.getByRole('heading', { name: 'Thông báo của tôi' }).waitFor();
      await user.page.getByText(/Bạn có \d+ thông báo chưa đọc\./).waitFor();
      expect(await user.page.locator('.notification-list li.unread').count()).to.be.greaterThan(0);
      await checkPage(user, 'notifications');
      await user.page.getByRole('button', { name: 'Đánh dấu tất cả là đã đọc' }).click();
      await user.page.getByText('Bạn đã đọc hết thông báo.').waitFor();
      expect(await user.page.locator('.notification-list li.unread').count()).to.equal(0);
      // the header's count follows at once
      if (width < 700) await user.page.getByRole('button', { name: 'Trình đơn' }).click();
      await user.page.getByRole('link', { name: 'Thông báo', exact: true }).waitFor();
      expect((await citizen.get('/api/notifications/unread-count').expect(200)).body.unread).to.equal(0);
      await checkPage(user, 'notifications-read');
      expect(user.errors).to.deep.equal([]);
    });

    it(`at ${width} px: anyone verifies a result by its code, and an altered copy is called altered`, async () => {
      const user = await openPage(viewport);
      pages.push(user);
      await user.page.goto(`/xac-thuc/${encodeURIComponent(result.code)}`);
      await user.page.getByRole('heading', { name: `Văn bản đã cấp cho hồ sơ ${result.code}` }).waitFor();
      const card = user.page.locator('article.verification').first();
      await card.getByText('Văn bản xác thực').waitFor();
      await card.getByText('Lê Văn Lãnh').waitFor();
      await card.locator('dd', { hasText: 'Trùng khớp' }).waitFor();
      await checkPage(user, 'verify-by-code');

      const altered = Buffer.from(result.pdf);
      const at = altered.indexOf('/Producer');
      altered[at + 2] = altered[at + 2]! ^ 0x01;
      await user.page.getByLabel('Tệp PDF cần kiểm tra').setInputFiles({ name: 'ket-qua-da-sua.pdf', mimeType: 'application/pdf', buffer: altered });
      await user.page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      await user.page.getByText('Văn bản đã bị thay đổi').waitFor();
      await checkPage(user, 'verify-altered');

      await user.page.getByLabel('Tệp PDF cần kiểm tra').setInputFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: result.pdf });
      await user.page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      await user.page.getByRole('heading', { name: 'Kết quả kiểm tra tệp ket-qua.pdf' }).waitFor();
      await user.page.locator('article.verification').first().getByText('Văn bản xác thực').waitFor();
      expect(user.errors).to.deep.equal([]);
    });
  }
});

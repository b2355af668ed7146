/**
 * Notification settings and the delivery log in the browser: a citizen chooses SMS and English at phone width,
 * the choice is what the next message follows, and the officer sees on the dossier's page what was sent.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import supertest from 'supertest';
import { api, eventually, login as apiLogin } from '../support/http.ts';
import { decide, submit, untilStatus } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const PASSWORD = 'Mat-khau-thu-2026';

describe('notification settings and the delivery log in the browser', function () {
  this.timeout(180_000);
  let worker: WorkerHandle;
  const pages: UserPage[] = [];
  before(() => {
    worker = startTestWorker();
  });
  after(async () => {
    for (const u of pages) await u.context.close();
    await closeBrowser();
    await worker.stop();
  });

  it('lets a citizen choose SMS and English, then shows the officer what was sent', async () => {
    const p = platform();
    const tag = randomBytes(4).toString('hex');
    const username = `cai-dat-${tag}`;
    const email = `${username}@example.vn`;
    const phone = `08${String(parseInt(tag, 16) % 100_000_000).padStart(8, '0')}`;
    await supertest(api()).post('/api/auth/register').send({ username, password: PASSWORD, fullName: 'Quách Thị Hạnh', email, phone }).expect(201);

    const citizen = await openPage(PHONE);
    pages.push(citizen);
    await login(citizen.page, username, PASSWORD);
    await citizen.page.getByRole('button', { name: 'Trình đơn' }).click();
    await citizen.page.getByRole('link', { name: 'Thông báo', exact: true }).click();
    await citizen.page.waitForURL('**/thong-bao');
    await citizen.page.getByRole('link', { name: 'Cài đặt thông báo' }).click();
    await citizen.page.waitForURL('**/thong-bao/cai-dat');
    await citizen.page.getByText('Bạn chưa chọn: đang dùng cài đặt mặc định.').waitFor();
    expect(await citizen.page.getByLabel(/Nhận qua thư điện tử/).isChecked()).to.equal(true);
    await citizen.page.getByText(`Gửi tới ${phone}`).waitFor();
    await citizen.page.getByLabel(/Nhận qua tin nhắn SMS/).check();
    await citizen.page.getByLabel('Tiếng Anh (English)').check();
    await citizen.page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await citizen.page.getByText('Đã lưu cài đặt thông báo.').waitFor();
    expect(await horizontalOverflow(citizen.page)).to.be.at.most(0);
    expect(await accessibilityProblems(citizen.page)).to.deep.equal([]);
    await screenshot(citizen.page, 'notification-settings');
    expect(citizen.errors).to.deep.equal([]);

    // the next message follows the choice: SMS in English
    const session = await apiLogin(username, PASSWORD);
    const desk = await apiLogin('tiepnhan.benthanh');
    const id = (await submit(session).expect(201)).body.id as string;
    await decide(desk, id, 'reception', { decision: 'accept' });
    const code = (await untilStatus(session, id, 2)).code as string;
    const sms = await eventually(async () => p.sms.to(phone).find((s) => s.text.includes(code)), 'the SMS', 60_000);
    expect(sms.text).to.contain(`Dossier ${code} received`);
    await eventually(async () => p.mail.to(email).some((m) => m.subject === `Dossier ${code} received`), 'the mail', 60_000);
    await eventually(async () => (await p.db('notification_deliveries').where({ dossier_id: id, status: 'sent' })).length === 2, 'both recorded as sent');

    for (const viewport of [PHONE, DESKTOP]) {
      const officer = await openPage(viewport);
      pages.push(officer);
      await login(officer.page, 'tiepnhan.benthanh');
      await officer.page.goto(`/mot-cua/ho-so/${id}`);
      await officer.page.getByRole('tab', { name: 'Thông báo đã gửi' }).click();
      const panel = officer.page.getByRole('tabpanel');
      await panel.getByText(phone).waitFor();
      await panel.getByText(email).waitFor();
      expect(await panel.getByText('Đã gửi').count()).to.be.at.least(2);
      expect(await horizontalOverflow(officer.page)).to.be.at.most(0);
      expect(await accessibilityProblems(officer.page)).to.deep.equal([]);
      await screenshot(officer.page, 'delivery-log');
      expect(officer.errors).to.deep.equal([]);
    }
  });
});

/**
 * An auditor reads a finished dossier's history in the browser: the timeline's chain verified and the engine's
 * record of who claimed and completed each step, printed as a PDF; finds it on the unit page by the officer who
 * handled it and the day it was received; reads, filters, verifies and exports the administration log; at phone
 * and desktop width.
 */
import fs from 'node:fs';
import { vnDate } from '@motcua/domain/time/vietnam-time.ts';
import { expect } from 'chai';
import { login as apiLogin } from '../support/http.ts';
import { decide, submit, untilStatus } from '../support/dossiers.ts';
import { startTestWorker } from '../support/workers.ts';
import { platform } from '../support/platform.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

describe("an auditor reads a dossier's history in the browser", function () {
  this.timeout(180_000);
  let worker: WorkerHandle;
  const users: UserPage[] = [];
  before(() => {
    worker = startTestWorker();
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
    await worker.stop();
  });

  it('shows the chain intact and who claimed and completed each step', async () => {
    const [citizen, desk, specialist, leader] = await Promise.all(
      ['congdan', 'tiepnhan.benthanh', 'chuyenvien.benthanh', 'lanhdao.benthanh'].map((u) => apiLogin(u)),
    );
    const id = (await submit(citizen!).expect(201)).body.id as string;
    await decide(desk!, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen!, id, 2);
    await decide(specialist!, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    await decide(leader!, id, 'approval', { decision: 'approve' });
    await untilStatus(citizen!, id, 10, 60_000);
    const benThanh = (await platform().db('org_units').where({ id: specialist!.account.orgUnitId }).first('name')).name as string;

    for (const viewport of [DESKTOP, PHONE]) {
      const u = await openPage(viewport);
      users.push(u);
      await login(u.page, 'thanhtra');
      await u.page.goto(`/mot-cua/ho-so/${id}`);
      await u.page.getByRole('tab', { name: 'Lịch sử xử lý (thanh tra)' }).click();
      await u.page.getByText(/Chuỗi nhật ký của hồ sơ nguyên vẹn: \d+ mục/).waitFor();
      const claims = u.page.locator('.audit-list li').filter({ hasText: 'Nhận xử lý' });
      expect(await claims.count()).to.equal(3);
      expect(await claims.nth(1).innerText()).to.contain(specialist!.account.fullName);
      expect(await horizontalOverflow(u.page)).to.be.at.most(0);
      expect(await accessibilityProblems(u.page)).to.deep.equal([]);
      await screenshot(u.page, 'audit-history');
      // the history printed
      const [pdf] = await Promise.all([u.page.waitForEvent('download'), u.page.getByRole('link', { name: 'Tải lịch sử xử lý (PDF)' }).click()]);
      expect(pdf.suggestedFilename()).to.match(/^lich-su-ho-so-.+\.pdf$/);
      expect(
        fs
          .readFileSync((await pdf.path())!)
          .subarray(0, 5)
          .toString(),
      ).to.equal('%PDF-');

      // the unit page finds it by the officer who reviewed it and the day it was received, closed as it is
      if (viewport === PHONE) await u.page.getByRole('button', { name: 'Trình đơn' }).click();
      await u.page.getByRole('link', { name: 'Tình hình đơn vị' }).click();
      const search = u.page.getByRole('search');
      await search.getByLabel('Trạng thái').selectOption({ label: 'Tất cả trạng thái' });
      await search.getByLabel('Cán bộ đã xử lý').selectOption({ label: `${specialist!.account.fullName} – ${benThanh}` });
      const today = vnDate(new Date());
      await search.getByLabel('Tiếp nhận từ ngày').fill(today);
      await search.getByLabel('Tiếp nhận đến ngày').fill(today);
      await search.getByRole('button', { name: 'Lọc' }).click();
      await u.page.waitForURL(/officerId=/);
      await u.page.locator(`a[href="/mot-cua/ho-so/${id}"]`).waitFor();
      expect(await horizontalOverflow(u.page)).to.be.at.most(0);
      expect(await accessibilityProblems(u.page)).to.deep.equal([]);
      await screenshot(u.page, 'audit-unit-search');
      // a day before: nothing received then
      await search.getByLabel('Tiếp nhận đến ngày').fill('2020-01-01');
      await search.getByLabel('Tiếp nhận từ ngày').fill('2020-01-01');
      await search.getByRole('button', { name: 'Lọc' }).click();
      await u.page.waitForURL(/receivedTo=2020-01-01/);
      await u.page.locator(`a[href="/mot-cua/ho-so/${id}"]`).waitFor({ state: 'detached' });
      expect(u.errors).to.deep.equal([]);
    }
  });

  it('lands an auditor on the dossiers they may search, closed ones included, not on an inbox they have no right to', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const u = await openPage(viewport);
      users.push(u);
      await login(u.page, 'thanhtra');
      await u.page.waitForURL(/\/mot-cua\/don-vi$/);
      await u.page.getByRole('heading', { level: 1, name: 'Tình hình giải quyết hồ sơ của đơn vị' }).waitFor();
      expect(await u.page.getByRole('search').getByLabel('Trạng thái').inputValue()).to.equal('all');
      // the workspace's address leads there too
      await u.page.goto('/mot-cua');
      await u.page.waitForURL(/\/mot-cua\/don-vi$/);
      await u.page.getByRole('heading', { level: 1, name: 'Tình hình giải quyết hồ sơ của đơn vị' }).waitFor();
      expect(await u.page.locator('main').innerText()).not.to.match(/403|không có quyền/i);
      if (viewport === PHONE) await u.page.getByRole('button', { name: 'Trình đơn' }).click();
      expect(await u.page.getByRole('link', { name: 'Công việc', exact: true }).count()).to.equal(0);
      expect(await horizontalOverflow(u.page)).to.be.at.most(0);
      expect(await accessibilityProblems(u.page)).to.deep.equal([]);
      await screenshot(u.page, 'audit-landing');
      expect(u.errors).to.deep.equal([]);
    }
  });

  it('reads the administration log: filtered in words, its chain verified, exported', async () => {
    // a failed login to find
    const who = 'chuyenvien.benthanh';
    for (const viewport of [DESKTOP, PHONE]) {
      const u = await openPage(viewport);
      users.push(u);
      await u.page.goto('/dang-nhap');
      await u.page.getByLabel('Tên đăng nhập').fill(who);
      await u.page.getByLabel('Mật khẩu').fill('khong-dung-mat-khau');
      await u.page.getByRole('button', { name: 'Đăng nhập' }).click();
      await u.page.getByRole('alert').waitFor();
      await login(u.page, 'thanhtra');
      if (viewport === PHONE) await u.page.getByRole('button', { name: 'Trình đơn' }).click();
      await u.page.getByRole('link', { name: 'Nhật ký quản trị' }).click();
      await u.page.getByRole('heading', { level: 1, name: 'Nhật ký quản trị' }).waitFor();
      await u.page.getByText(/✓ Chuỗi băm nguyên vẹn: đã kiểm chứng \d+ mục/).waitFor();
      const filters = u.page.getByRole('search');
      await filters.getByLabel('Đối tượng').selectOption({ label: 'Đăng nhập' });
      await filters.getByLabel('Thao tác').selectOption({ label: 'Đăng nhập thất bại' });
      await filters.getByLabel('Người thực hiện, tên đăng nhập').fill(who);
      await filters.getByRole('button', { name: 'Lọc' }).click();
      await u.page.waitForURL(/action=login_failed/);
      const first = u.page.locator('table.admin-log tbody tr').first();
      await first.getByText(`Tên đăng nhập: ${who}; Lý do: sai tên đăng nhập hoặc mật khẩu`).waitFor();
      expect((await first.innerText()).replace(/\s+/g, ' ')).to.contain('Đăng nhập · Đăng nhập thất bại');
      // never the log's own keys
      expect(await u.page.locator('main').innerText()).not.to.match(/login_failed|org_unit|sla_rules/);
      expect(await horizontalOverflow(u.page)).to.be.at.most(0);
      expect(await accessibilityProblems(u.page)).to.deep.equal([]);
      await screenshot(u.page, 'admin-log');
      const [xlsx] = await Promise.all([u.page.waitForEvent('download'), u.page.getByRole('link', { name: 'Tải Excel' }).click()]);
      expect(xlsx.suggestedFilename()).to.match(/^nhat-ky-quan-tri-.*\.xlsx$/);
      expect(
        fs
          .readFileSync((await xlsx.path())!)
          .subarray(0, 2)
          .toString(),
      ).to.equal('PK');
      const [csv] = await Promise.all([u.page.waitForEvent('download'), u.page.getByRole('link', { name: 'Tải CSV' }).click()]);
      expect(fs.readFileSync((await csv.path())!).toString('utf8')).to.contain(`Tên đăng nhập: ${who}; Lý do: sai tên đăng nhập hoặc mật khẩu`);
      // a period backwards is told, in words
      await filters.getByLabel('Từ ngày').fill('2026-12-31');
      await filters.getByLabel('Đến ngày').fill('2026-01-01');
      await filters.getByRole('button', { name: 'Lọc' }).click();
      await u.page.getByText('«Đến ngày» phải sau «Từ ngày».').waitFor();
      expect(u.errors).to.deep.equal([]);
    }
  });
});

/**
 * Working time in pages (issue 16), as an administrator keeps it: the common office hours, checked before they
 * are saved (an end before its start is named in words at the top, the link leading to the field) and saved after
 * a confirmation; the SLA rule versions listed, a new version refused without a date or with a share above 100 %,
 * then added, effective from a later date, after a confirmation that a "no" leaves nothing added. At 390 px and
 * 1366 px, with nothing serious for axe; screenshots saved.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { platform } from '../support/platform.ts';
import { PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';

const DESKTOP = { width: 1366, height: 900 };

/** a day `days` after today in Hồ Chí Minh City, ISO and as the page writes it */
function later(days: number): { iso: string; words: string } {
  const d = new Date(Date.now() + days * 86_400_000);
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(d);
  const [y, m, day] = iso.split('-');
  return { iso, words: `${day}/${m}/${y}` };
}

/** Logs in and opens the page: from the menu on a desktop, by its address on a phone (the menu is folded). */
async function openWorkingTime(page: Page) {
  await login(page, 'quantri');
  if ((page.viewportSize()?.width ?? 0) > 900) await page.getByRole('link', { name: 'Thời gian làm việc', exact: true }).click();
  else await page.goto('/quan-tri/thoi-gian-lam-viec');
  await page.getByRole('heading', { level: 1, name: 'Thời gian làm việc và quy tắc tính thời hạn' }).waitFor();
  await page.locator('.rule-versions tbody tr').first().waitFor();
}

describe('working time and deadline rules in pages (browser)', function () {
  this.timeout(180_000);
  const users: UserPage[] = [];
  let commonHours: unknown;
  const added: string[] = [];

  before(async () => {
    commonHours = (await platform().db('calendars').whereNull('org_unit_id').first('office_hours')).office_hours;
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
    // what the journeys changed, put back for the suites after them
    const p = platform();
    await p
      .db('calendars')
      .whereNull('org_unit_id')
      .update({ office_hours: JSON.stringify(commonHours), weekend_days: JSON.stringify([0, 6]) });
    if (added.length) await p.db('sla_rule_versions').whereIn('id', added).delete();
    p.services.calendars.invalidate();
  });

  it('checks the common office hours before saving them, names what is wrong in words, and saves them after a confirmation', async () => {
    const u = await openPage(DESKTOP);
    users.push(u);
    const page = u.page;
    await openWorkingTime(page);
    const hours = page.locator('form', { has: page.getByRole('heading', { name: 'Giờ làm việc chung' }) });
    expect(await hours.getByLabel('Buổi 1: từ').inputValue()).to.match(/^\d\d:\d\d$/);

    // the afternoon ending before it starts
    await hours.getByLabel('Buổi 2: từ').fill('13:30');
    await hours.getByLabel('Buổi 2: đến').fill('12:00');
    await hours.getByRole('button', { name: 'Lưu giờ làm việc chung' }).click();
    const summary = hours.locator('.error-summary');
    await summary.getByText('Buổi 2: đến: giờ kết thúc phải sau giờ bắt đầu.').waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement), 'the summary takes the focus').to.equal(true);
    await summary.getByRole('link', { name: /Buổi 2: đến/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('hours-end-1');
    await screenshot(page, 'working-time-hours-errors');

    await hours.getByLabel('Buổi 2: đến').fill('17:30');
    await hours.getByRole('button', { name: 'Lưu giờ làm việc chung' }).click();
    const question = page.getByRole('alertdialog');
    await question.getByText(/Lưu giờ làm việc chung\?/).waitFor();
    await question.getByRole('button', { name: 'Đồng ý lưu' }).click();
    await page.getByText('Đã lưu giờ làm việc chung.').waitFor();
    const saved = (await platform().db('calendars').whereNull('org_unit_id').first('office_hours')).office_hours as { start: string; end: string }[];
    expect(saved[1]).to.deep.equal({ start: '13:30', end: '17:30' });
  });

  it('lists the rule versions and adds one effective from a later date after a confirmation; errors name the fields', async () => {
    const page = users[0]!.page;
    await page.reload();
    await page.locator('.rule-versions tbody tr').first().waitFor();
    const before = await page.locator('.rule-versions tbody tr').count();
    await page.locator('.rule-versions').getByText('Đang áp dụng').waitFor();
    const form = page.locator('form', { has: page.getByRole('heading', { name: /Thêm phiên bản quy tắc \d+/ }) });

    // no date, and a share above 100 %
    await form.getByLabel('hoặc trước (% thời hạn)').fill('150');
    await form.getByRole('button', { name: 'Thêm phiên bản' }).click();
    const summary = form.locator('.error-summary');
    await summary.getByText('Có hiệu lực từ ngày: chưa chọn ngày.').waitFor();
    await summary.getByText('hoặc trước (% thời hạn): phải từ 0 đến 100.').waitFor();
    await screenshot(page, 'working-time-rule-errors');

    const from = later(30);
    await form.getByLabel('Có hiệu lực từ ngày').fill(from.iso);
    await form.getByLabel('hoặc trước (% thời hạn)').fill('25');
    await form.getByLabel('Khi yêu cầu bổ sung hồ sơ').selectOption('restart');
    await form.getByLabel('Ghi chú (căn cứ thay đổi)').fill('Theo quyết định của Ủy ban nhân dân thành phố');
    await form.getByRole('button', { name: 'Thêm phiên bản' }).click();
    const question = page.getByRole('alertdialog');
    await question.getByText(new RegExp(`có hiệu lực từ ngày ${from.words}\\?`)).waitFor();
    await screenshot(page, 'working-time-rule-confirm');
    // a no adds nothing
    await question.getByRole('button', { name: 'Không, quay lại' }).click();
    expect(await platform().db('sla_rule_versions').where({ effective_from: from.iso }).first('id')).to.equal(undefined);

    await form.getByRole('button', { name: 'Thêm phiên bản' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Đồng ý thêm' }).click();
    await page.getByText(new RegExp(`Đã thêm phiên bản quy tắc \\d+, có hiệu lực từ ngày ${from.words}\\.`)).waitFor();
    await page.locator('.rule-versions tbody tr').nth(before).waitFor();
    const row = page.locator('.rule-versions tbody tr', { hasText: from.words });
    expect(await row.innerText())
      .to.contain('Sắp áp dụng')
      .and.contain('Tính lại toàn bộ thời hạn từ khi bổ sung đủ')
      .and.contain('25%');
    const stored = await platform().db('sla_rule_versions').where({ effective_from: from.iso }).first();
    added.push(stored.id);
    expect(stored.supplement_clock).to.equal('restart');
    expect(Number(stored.warn_threshold.share)).to.equal(0.25);
    expect(await platform().db('admin_audit_log').where({ entity: 'sla_rules', entity_id: stored.id }).first('action')).to.deep.equal({ action: 'added' });

    // the same date again is refused, naming the field
    await form.getByLabel('Có hiệu lực từ ngày').fill(from.iso);
    await form.getByRole('button', { name: 'Thêm phiên bản' }).click();
    await summary.getByText('Có hiệu lực từ ngày: đã có phiên bản có hiệu lực từ ngày này.').waitFor();
  });

  it('fits 390 px and 1366 px, the errors and the confirmation shown, with nothing serious for axe', async () => {
    const found: string[] = [];
    for (const viewport of [PHONE, DESKTOP]) {
      const u = await openPage(viewport);
      users.push(u);
      const page = u.page;
      await openWorkingTime(page);
      const look = async (name: string) => {
        await screenshot(page, name);
        const overflow = await horizontalOverflow(page);
        if (overflow > 0) found.push(`${name} at ${viewport.width}px scrolls sideways by ${overflow}px`);
        found.push(...(await accessibilityProblems(page)).map((p) => `${name} at ${viewport.width}px: ${p}`));
      };
      await look('working-time');
      const form = page.locator('form', { has: page.getByRole('heading', { name: /Thêm phiên bản quy tắc \d+/ }) });
      await form.getByRole('button', { name: 'Thêm phiên bản' }).click();
      await form.locator('.error-summary').waitFor();
      await look('working-time-errors');
      await form.getByLabel('Có hiệu lực từ ngày').fill(later(60).iso);
      await form.getByRole('button', { name: 'Thêm phiên bản' }).click();
      await page.getByRole('alertdialog').waitFor();
      await look('working-time-confirm');
      await page.getByRole('alertdialog').getByRole('button', { name: 'Không, quay lại' }).click();
    }
    expect([...new Set(found)], found.join('\n')).to.deep.equal([]);
  });
});

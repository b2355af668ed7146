/**
 * The apply form as a citizen meets it, in the browser: the applicant's fields already filled from the account;
 * a failed submit sums up its errors at the top, each naming its field in words and leading to it; a saved draft
 * told beside the buttons; the date picker in Vietnamese, weeks from Monday, dates as typed (dd/mm/yyyy); group
 * titles whole on a phone. At phone and desktop width, with axe.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { samplePdf } from '../support/dossiers.ts';
import { PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, openPage, screenshot, type UserPage } from '../support/browser.ts';

export const WIDE = { width: 1366, height: 900 };
const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** A new citizen, registered and logged in within this page's browser context. */
async function newCitizen(u: UserPage) {
  const person = {
    username: `ap${Date.now().toString(36)}${randomDigits(3)}`,
    password: 'Mat-khau-rat-manh-2026',
    fullName: 'Đỗ Thị Hồng Nhung',
    idNumber: `079${randomDigits(9)}`,
    phone: '0987654321',
    email: 'hongnhung@example.vn',
  };
  const r = await u.page.request.post('/api/auth/register', { data: person });
  expect(r.status()).to.equal(201);
  return person;
}

/** The accessible name of the focused element: its label, or its own text for a button or link. */
// (a string, so that the test's compiler adds nothing the page lacks)
const focusedName = (page: Page): Promise<string> =>
  page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const labelled = el.getAttribute('aria-labelledby');
    const name =
      el.getAttribute('aria-label') ??
      (labelled ? labelled.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
        : el.labels && el.labels.length ? el.labels[0].textContent : el.textContent);
    return (name ?? '').replace(/\\*/g, '').replace(/\\s+/g, ' ').trim();
  })()`);

/** Presses Tab until the focused element is the one named (as a person moves through a page by keyboard). */
async function tabTo(page: Page, name: string | RegExp, max = 90): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const n = await focusedName(page);
    if (typeof name === 'string' ? n === name : name.test(n)) return;
  }
  throw new Error(`nothing named ${String(name)} within ${max} presses of Tab`);
}

describe('the apply form in the browser', function () {
  this.timeout(180_000);
  const users: UserPage[] = [];
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  for (const viewport of [PHONE, WIDE])
    it(`prefills the applicant, sums up errors at the top, tells a saved draft by the buttons, picks dates in Vietnamese (${viewport.width} px)`, async () => {
      const u = await openPage(viewport);
      users.push(u);
      const { page } = u;
      const person = await newCitizen(u);
      await page.goto('/thu-tuc/1.001193/nop-ho-so');

      // the account's data is in the applicant's fields
      const applicant = page.getByRole('group', { name: 'Người đi đăng ký' });
      await applicant.getByLabel('Họ, chữ đệm và tên').waitFor();
      expect(await applicant.getByLabel('Họ, chữ đệm và tên').inputValue()).to.equal(person.fullName);
      expect(await applicant.getByLabel('Số định danh cá nhân').inputValue()).to.equal(person.idNumber);
      expect(await applicant.getByLabel('Số điện thoại').inputValue()).to.equal(person.phone);
      expect(await applicant.getByLabel('Thư điện tử').inputValue()).to.equal(person.email);
      // the child's own fields are not the applicant's
      const child = page.getByRole('group', { name: 'Thông tin người được đăng ký khai sinh' });
      expect(await child.getByLabel('Họ, chữ đệm và tên').inputValue()).to.equal('');

      // group titles are whole: none cut off
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.form-view .fjs-form-field-label')]
          .filter((l) => l.scrollWidth > l.clientWidth + 1)
          .map((l) => l.textContent),
      );
      expect(clipped).to.deep.equal([]);

      // the date picker speaks Vietnamese, weeks start on Monday
      const born = child.getByLabel('Ngày, tháng, năm sinh');
      expect(await born.getAttribute('placeholder')).to.equal('dd/mm/yyyy');
      await born.focus();
      const calendar = page.locator('.flatpickr-calendar.open');
      await calendar.waitFor();
      const weekdays = (await calendar.locator('.flatpickr-weekday').allTextContents()).map((d) => d.trim());
      expect(weekdays).to.deep.equal(['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN']);
      expect(await calendar.locator('.flatpickr-monthDropdown-months option').first().textContent()).to.equal('Tháng một');
      await screenshot(page, 'apply-date-picker');
      await born.fill('05/11/2026');
      await born.press('Tab');
      expect(await born.inputValue()).to.equal('05/11/2026');

      // a failed submit: the errors at the top, the summary focused, each naming its field and leading to it
      await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
      const summary = page.locator('.error-summary');
      await summary.waitFor();
      expect(await summary.evaluate((el) => el === document.activeElement)).to.equal(true);
      const items = await summary.getByRole('link').allTextContents();
      expect(items[0]).to.equal('Nơi tiếp nhận hồ sơ: Vui lòng chọn nơi tiếp nhận hồ sơ.');
      expect(items).to.include('Thông tin người được đăng ký khai sinh › Họ, chữ đệm và tên: Vui lòng nhập thông tin này.');
      expect(items.some((t) => t.startsWith('Tôi cam đoan'))).to.equal(true);
      // no key shown to the person
      expect(items.join(' ')).not.to.match(/fullName|idNumber|declaration/);
      // the summary sits above the form, in view without scrolling down a long page
      expect((await summary.boundingBox())!.y).to.be.lessThan(
        await page.locator('.form-view').evaluate((el) => el.getBoundingClientRect().top + window.scrollY),
      );
      expect(await accessibilityProblems(page)).to.deep.equal([]);
      await screenshot(page, 'apply-error-summary');
      await summary.getByRole('link', { name: /^Tôi cam đoan/ }).click();
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).to.equal('checkbox');

      // a draft saved: told beside the buttons
      await page.getByRole('button', { name: 'Lưu nháp' }).click();
      const status = page.locator('.sticky-actions [role=status]');
      await status.getByText(/^Đã lưu bản nháp lúc \d\d:\d\d\.$/).waitFor();
      expect(await horizontalOverflow(page)).to.be.at.most(0);
      await screenshot(page, 'apply-draft-saved');
      expect(u.errors).to.deep.equal([]);
    });

  it('takes a whole birth registration by keyboard only, through the review page, to the receipt (1366 px)', async () => {
    const u = await openPage(WIDE);
    users.push(u);
    const { page } = u;
    // the file chooser is intercepted from the start: asking for it only at the key press races the press (a loaded CI run missed it)
    page.on('filechooser', () => undefined);
    await newCitizen(u);
    await page.goto('/thu-tuc/1.001193');
    await page.getByRole('heading', { name: 'Đăng ký khai sinh' }).waitFor();
    await tabTo(page, 'Nộp hồ sơ trực tuyến');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/nop-ho-so');
    await page.getByRole('group', { name: 'Người đi đăng ký' }).getByLabel('Họ, chữ đệm và tên').waitFor();

    // the receiving unit: chosen in the list with the arrow keys
    await tabTo(page, /^Nơi tiếp nhận hồ sơ/);
    for (let i = 0; i < 40 && (await page.locator('#apply-unit option:checked').textContent()) !== 'Ủy ban nhân dân phường Bến Thành'; i++)
      await page.keyboard.press('ArrowDown');
    expect(await page.locator('#apply-unit option:checked').textContent()).to.equal('Ủy ban nhân dân phường Bến Thành');
    // the child
    await tabTo(page, 'Họ, chữ đệm và tên');
    await page.keyboard.type('Ngô Bảo Châu');
    await tabTo(page, 'Nam');
    await page.keyboard.press('Space');
    await tabTo(page, 'Ngày, tháng, năm sinh');
    await page.keyboard.type('20/11/2026');
    await tabTo(page, 'Nơi sinh');
    await page.keyboard.type('Bệnh viện Từ Dũ');
    // the mother
    await tabTo(page, 'Họ, chữ đệm và tên');
    await page.keyboard.type('Đỗ Thị Hồng Nhung');
    await tabTo(page, 'Ngày, tháng, năm sinh');
    await page.keyboard.type('02/01/1995');
    await tabTo(page, 'Số định danh cá nhân');
    await page.keyboard.type('079195000002');
    await tabTo(page, 'Nơi cư trú');
    await page.keyboard.type('Phường Bến Thành, Thành phố Hồ Chí Minh');
    await tabTo(page, 'Chưa xác định được người cha');
    await page.keyboard.press('Space');
    // the applicant (name, number, phone already there): the relationship from the list
    await tabTo(page, 'Quan hệ với người được khai sinh');
    await page.locator('.fjs-dropdownlist').waitFor();
    await page.keyboard.press('Enter');
    expect(await page.getByRole('group', { name: 'Người đi đăng ký' }).locator('.fjs-select-display').textContent()).to.equal('Mẹ');
    // the birth certificate: the file chooser opened from the keyboard
    await tabTo(page, 'Giấy chứng sinh');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await chooser.setFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
    await page.locator('.attachment-list li', { hasText: 'giay-chung-sinh.pdf' }).waitFor();
    await tabTo(page, /^Tôi cam đoan/);
    await page.keyboard.press('Space');
    await tabTo(page, 'Tiếp tục');
    await page.keyboard.press('Enter');

    // the review: the answers as a document, in words
    const review = page.locator('.review');
    await review.getByRole('heading', { name: 'Xem lại hồ sơ trước khi nộp' }).waitFor();
    const text = (await review.textContent())!;
    for (const seen of ['Ủy ban nhân dân phường Bến Thành', 'Ngô Bảo Châu', 'Nam', '20/11/2026', 'Bệnh viện Từ Dũ', '02/01/1995', 'Mẹ', 'giay-chung-sinh.pdf'])
      expect(text).to.contain(seen);
    expect(text).not.to.match(/fullName|idNumber|2026-11-20|\bme\b/);
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, 'apply-review');

    // back to edit the place of birth, then on again
    await tabTo(page, 'Quay lại sửa');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Nơi sinh');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Bệnh viện Hùng Vương');
    await tabTo(page, 'Tiếp tục');
    await page.keyboard.press('Enter');
    await review.getByText('Bệnh viện Hùng Vương').waitFor();
    await tabTo(page, 'Nộp hồ sơ');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/bien-nhan');
    await page.getByTestId('reference').waitFor();
    await screenshot(page, 'apply-receipt-keyboard');
    expect(u.errors).to.deep.equal([]);
  });

  for (const viewport of [PHONE, WIDE])
    it(`names the registration's fields in words, each once, at the top and at the field (${viewport.width} px)`, async () => {
      const u = await openPage(viewport);
      users.push(u);
      const { page } = u;
      await page.goto('/dang-ky');
      await page.getByLabel('Họ và tên').fill('Lý Văn Tám');
      await page.getByLabel(/Số định danh cá nhân/).fill('12345');
      await page.getByLabel('Số điện thoại').fill('912345678');
      await page.getByLabel('Tên đăng nhập').fill('ly van tam');
      await page.getByLabel('Mật khẩu').fill('ngan');
      await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
      const summary = page.locator('.error-summary');
      await summary.waitFor();
      expect(await summary.evaluate((el) => el === document.activeElement)).to.equal(true);
      const items = await summary.getByRole('link').allTextContents();
      expect(items).to.have.members([
        '«Tên đăng nhập»: từ 3 đến 64 ký tự, gồm chữ không dấu, chữ số và . _ @ -.',
        '«Mật khẩu»: ít nhất 10 ký tự.',
        '«Số điện thoại»: gồm 10 chữ số, bắt đầu bằng 0.',
        '«Số định danh cá nhân»: gồm 12 chữ số (số trên thẻ căn cước).',
      ]);
      // each problem told once at the top, once at its field; never by its key
      expect(await page.getByText('«Mật khẩu»: ít nhất 10 ký tự.').count()).to.equal(2);
      expect(await page.locator('main, #main').first().textContent()).not.to.match(/idNumber|username|password|phone/);
      await summary.getByRole('link', { name: /Số định danh cá nhân/ }).click();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).to.equal('idNumber');
      expect(await horizontalOverflow(page)).to.be.at.most(0);
      expect(await accessibilityProblems(page)).to.deep.equal([]);
      await screenshot(page, 'register-errors');
    });

  for (const viewport of [PHONE, WIDE])
    it(`keeps a profile in the account, checked with the fields named, and reaches the change of password from it (${viewport.width} px)`, async () => {
      const u = await openPage(viewport);
      users.push(u);
      const { page } = u;
      await newCitizen(u);
      await page.goto('/ho-so');
      if (viewport === PHONE) await page.getByRole('button', { name: 'Trình đơn' }).click();
      await page.getByRole('link', { name: 'Tài khoản của tôi' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor();
      await page.getByLabel('Số điện thoại').fill('09123');
      await page.getByRole('button', { name: 'Lưu thông tin' }).click();
      const summary = page.locator('.error-summary');
      await summary.getByRole('link', { name: '«Số điện thoại»: gồm 10 chữ số, bắt đầu bằng 0.' }).waitFor();
      expect(await summary.evaluate((el) => el === document.activeElement)).to.equal(true);
      expect(await accessibilityProblems(page)).to.deep.equal([]);
      await screenshot(page, 'profile-errors');
      await page.getByLabel('Số điện thoại').fill('0912333444');
      await page.getByLabel('Ngày sinh').fill('1990-11-20');
      await page.getByLabel('Nơi thường trú').fill('Phường Bến Thành, Thành phố Hồ Chí Minh');
      await page.getByRole('button', { name: 'Lưu thông tin' }).click();
      await page.getByText('Đã lưu thông tin tài khoản.').waitFor();
      expect(await horizontalOverflow(page)).to.be.at.most(0);
      expect(await accessibilityProblems(page)).to.deep.equal([]);
      await screenshot(page, 'profile');
      await page.reload();
      expect(await page.getByLabel('Nơi thường trú').inputValue()).to.equal('Phường Bến Thành, Thành phố Hồ Chí Minh');
      await page.locator('#main').getByRole('link', { name: 'Đổi mật khẩu' }).click();
      await page.waitForURL('**/doi-mat-khau');
      expect(u.errors).to.deep.equal([]);
    });
});

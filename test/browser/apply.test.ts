/**
 * The apply form as a citizen meets it, in the browser: the applicant's fields already filled from the account;
 * a failed submit sums up its errors at the top, each naming its field in words and leading to it; a saved draft
 * told beside the buttons; the date picker in Vietnamese, weeks from Monday, dates as typed (dd/mm/yyyy); group
 * titles whole on a phone. At phone and desktop width, with axe.
 */
import { expect } from 'chai';
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
      await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
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
});

/**
 * A foreign resident reads a procedure and its form in English where the catalogue has the English text: the
 * name, papers, fees and steps on the procedure's page, the form's groups, fields and choices, and the names of
 * missing fields in the messages; at phone and desktop width.
 */
import { expect } from 'chai';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';

describe('a procedure in English in the browser', function () {
  this.timeout(180_000);
  const users: UserPage[] = [];
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  for (const viewport of [PHONE, DESKTOP])
    it(`shows birth registration and its form in English (${viewport.width} px)`, async () => {
      const u = await openPage(viewport);
      users.push(u);
      const { page } = u;
      await login(page, 'congdan');
      // on a phone the language switch sits in the menu
      if (viewport === PHONE) await page.getByRole('button', { name: 'Trình đơn' }).click();
      await page.getByRole('button', { name: 'EN', exact: true }).click();
      await page.goto('/thu-tuc/1.001193');
      await page.getByRole('heading', { level: 1, name: 'Birth registration' }).waitFor();
      for (const text of [
        "Birth certificate from the hospital (or a witness's written statement of the birth)",
        'Birth certificate (electronic original and paper copy)',
        'Receiving the dossier',
        'Approval and digital signature',
        'Law on Civil Status No. 60/2014/QH13',
        "Commune People's Committee",
      ])
        await page.getByText(text, { exact: true }).first().waitFor();
      expect(await page.getByText('Birth registration fee', { exact: false }).count()).to.be.greaterThan(0);
      expect(await page.getByText('Tiếp nhận hồ sơ', { exact: true }).count()).to.equal(0);
      expect(await horizontalOverflow(page)).to.be.at.most(0);
      expect(await accessibilityProblems(page)).to.deep.equal([]);
      await screenshot(page, 'procedure-en');

      await page.goto('/thu-tuc/1.001193/nop-ho-so');
      const child = page.getByRole('group', { name: 'The child being registered' });
      await child.getByLabel('Full name').waitFor();
      await child.getByRole('radio', { name: 'Female' }).waitFor();
      await page
        .getByRole('group', { name: 'The mother' })
        .getByLabel(/Personal identification number/)
        .waitFor();
      const declaration = page.locator('.fjs-form-field-checkbox .fjs-form-field-label', { hasText: 'I declare that' });
      await declaration.waitFor();
      // the whole declaration is read, on two lines or more, not cut at the field's edge
      expect(await declaration.evaluate((el) => el.scrollWidth <= el.clientWidth)).to.equal(true);
      await page.getByRole('heading', { name: 'Birth registration declaration' }).waitFor();
      expect(await page.getByText('Thông tin người mẹ', { exact: true }).count()).to.equal(0);
      expect(await horizontalOverflow(page)).to.be.at.most(0);
      expect(await accessibilityProblems(page)).to.deep.equal([]);
      await screenshot(page, 'apply-en');
      expect(u.errors).to.deep.equal([]);
    });
});

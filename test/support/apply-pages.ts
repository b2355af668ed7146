/** The citizen's apply page as a person uses it: the form filled, then checked on the review page and sent. */
import type { Page } from 'playwright-core';

/** "Tiếp tục" under the form, then "Nộp hồ sơ" on the review page that shows the answers. */
export async function sendApplication(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
  await page.getByRole('heading', { name: 'Xem lại hồ sơ trước khi nộp' }).waitFor();
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
}

/** The officers' workspace as a person uses it: a dossier's task found in the inbox, taken and decided. */
import type { Page } from 'playwright-core';
import { eventually } from './http.ts';
import { screenshot } from './browser.ts';

/** Opens the first task of this dossier in the inbox, by its code or reference (the inbox captured as `shot`). */
export async function openTask(page: Page, key: string, shot?: string) {
  await page.goto(`/mot-cua?q=${encodeURIComponent(key)}`);
  await eventually(async () => {
    await page.reload();
    // the list has loaded (its count shows) before it is read: a reload cancels a list still on its way
    await page
      .getByText(/^\d+ công việc/)
      .first()
      .waitFor({ timeout: 15_000 });
    return (await page.getByRole('link', { name: key }).count()) > 0;
  }, `a task of ${key} in the inbox`);
  if (shot) await screenshot(page, shot);
  await page.getByRole('link', { name: key }).first().click();
  await page.getByRole('heading', { level: 1, name: key }).waitFor();
}

/**
 * Takes the task and sends a decision with the step's form filled, confirming it when the page asks (every
 * decision is final). Accepting at reception leaves the officer on the page with the dossier's code and receipt
 * (awaited here); the other decisions go back to the inbox.
 */
export async function decide(page: Page, decision: string, fill: (page: Page) => Promise<void> = async () => {}) {
  await page.getByRole('button', { name: 'Nhận xử lý' }).click();
  await page.getByRole('button', { name: decision, exact: true }).click();
  await fill(page);
  await sendDecision(page);
  if (decision === 'Tiếp nhận') await page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' }).waitFor();
  else await page.waitForURL((u) => u.pathname === '/mot-cua');
}

/** Sends the chosen decision and says yes to the question the page asks about it. */
export async function sendDecision(page: Page) {
  await page.getByRole('button', { name: 'Gửi quyết định' }).click();
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: /^Xác nhận/ })
    .click();
}

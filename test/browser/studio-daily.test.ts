/**
 * The studio in an administrator's day (issue 16): a draft of the household business registration (1.001612) is
 * edited in the form editor, which speaks Vietnamese; the unsaved edit is marked "Chưa lưu", and leaving the
 * version asks whether to save, leave without saving or stay, and does what was answered; closing the browser
 * tab asks the browser's question. The modeller's palette, context pad and properties panel speak Vietnamese; a
 * problem of the check is said in words with the element's id apart, a small link that selects the element;
 * publishing and discarding ask first. At 390 px and 1366 px, with nothing serious for axe; screenshots saved.
 */
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { artifactsDir, platform } from '../support/platform.ts';
import { PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';

const CODE = '1.001612';
/** the width the issue asks the studio's canvas to be usable at */
const STUDIO = { width: 1366, height: 768 };

async function tab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
}

/** The form's first field's label, changed in the form editor's properties panel. */
async function relabelFirstField(page: Page, label: string) {
  const editor = page.locator('.form-designer-editor');
  await editor.locator('.fjs-editor-container .fjs-form-field-label').first().click();
  const input = editor.locator('#bio-properties-panel-label');
  if (!(await input.isVisible())) await editor.locator('.bio-properties-panel-group-header', { hasText: 'Chung' }).click();
  await input.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(label);
  await page.locator('.form-designer-preview').getByText(label).waitFor();
}

const savedForms = async (id: string) => JSON.stringify((await platform().db('procedure_versions').where({ id }).first('forms')).forms);

describe('the studio in an administrator’s day', function () {
  this.timeout(300_000);
  const users: UserPage[] = [];
  let admin: UserPage;
  let draftId: string;

  before(async () => {
    admin = await openPage(STUDIO);
    users.push(admin);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      for (const [i, u] of users.entries())
        if (!u.page.isClosed())
          await u.page.screenshot({ path: path.join(artifactsDir, 'screenshots', `studio-daily-failed-${i}.png`), fullPage: true }).catch(() => {});
    const errors = users.flatMap((u) => u.errors.splice(0));
    if (errors.length && this.currentTest?.state === 'passed') throw new Error(`the browser reported errors:\n${errors.join('\n')}`);
  });
  after(async () => {
    for (const u of users) await u.context.close().catch(() => {});
    await closeBrowser();
  });

  it('marks an unsaved edit of the form editor, and on leaving saves it, leaves it or stays, as answered', async () => {
    const page = admin.page;
    await login(page, 'quantri');
    await page.waitForURL('**/quan-tri/thu-tuc');
    await page
      .getByRole('row', { name: new RegExp(CODE) })
      .getByRole('button', { name: 'Tạo bản nháp mới' })
      .click();
    await page.waitForURL(/\/quan-tri\/thu-tuc\/phien-ban\//);
    draftId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText('Bản nháp', { exact: true }).first().waitFor();
    expect(await page.getByText('Chưa lưu').count(), 'nothing is marked before an edit').to.equal(0);

    // the form editor, in Vietnamese
    await tab(page, 'Biểu mẫu');
    const editor = page.locator('.form-designer-editor');
    await editor.locator('.fjs-palette-header', { hasText: 'Thành phần' }).waitFor();
    await editor.locator('.fjs-palette-group-title', { hasText: 'Nhập liệu' }).waitFor();
    await editor.locator('.fjs-palette-field[data-field-type="textfield"]', { hasText: 'Ô chữ' }).waitFor();
    expect(await editor.getByPlaceholder('Tìm thành phần').count()).to.equal(1);
    await relabelFirstField(page, 'Họ tên chủ hộ kinh doanh');
    await editor.locator('.bio-properties-panel-group-header', { hasText: 'Chung' }).first().waitFor();
    await editor.getByText('Nhãn nhóm', { exact: true }).first().waitFor();
    await page.locator('.unsaved-badge', { hasText: 'Chưa lưu' }).waitFor();
    await screenshot(page, 'studio-daily-unsaved');

    // leaving by the breadcrumb: asked; staying keeps the page and the edit
    await page.locator('.breadcrumb').getByRole('link', { name: 'Quản trị thủ tục hành chính' }).click();
    const question = page.getByRole('alertdialog');
    await question.getByText('Bản nháp có thay đổi chưa lưu.').waitFor();
    await screenshot(page, 'studio-daily-leave');
    await question.getByRole('button', { name: 'Ở lại trang' }).click();
    expect(new URL(page.url()).pathname).to.equal(`/quan-tri/thu-tuc/phien-ban/${draftId}`);
    await page.locator('.form-designer-preview').getByText('Họ tên chủ hộ kinh doanh').waitFor();
    expect(await savedForms(draftId)).not.to.contain('Họ tên chủ hộ kinh doanh');

    // closing the browser tab asks the browser's question; dismissing it keeps the page
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.type());
        void d.dismiss();
      }),
    );
    await page.close({ runBeforeUnload: true });
    expect(await asked).to.equal('beforeunload');
    expect(page.isClosed()).to.equal(false);

    // leaving again, saving first: the edit is kept and the list is shown
    await page.locator('.breadcrumb').getByRole('link', { name: 'Quản trị thủ tục hành chính' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Lưu rồi rời trang' }).click();
    await page.waitForURL('**/quan-tri/thu-tuc');
    expect(await savedForms(draftId)).to.contain('Họ tên chủ hộ kinh doanh');

    // an edit left without saving is gone
    await page.goto(`/quan-tri/thu-tuc/phien-ban/${draftId}`);
    await tab(page, 'Biểu mẫu');
    await relabelFirstField(page, 'Tên bị bỏ đi');
    await page.locator('.unsaved-badge').waitFor();
    await page.locator('.breadcrumb').getByRole('link', { name: 'Quản trị thủ tục hành chính' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Rời trang, không lưu' }).click();
    await page.waitForURL('**/quan-tri/thu-tuc');
    expect(await savedForms(draftId)).not.to.contain('Tên bị bỏ đi');
  });

  it('shows the modeller in Vietnamese, and a problem in words with its element apart, a link that selects it', async () => {
    const page = admin.page;
    await page.goto(`/quan-tri/thu-tuc/phien-ban/${draftId}`);
    await tab(page, 'Quy trình');
    await page.locator('.djs-palette .entry[aria-label="Thêm sự kiện bắt đầu"]').waitFor();
    await page.locator('.djs-palette .entry[aria-label="Công cụ chọn vùng"]').waitFor();
    // the canvas keeps most of a 1366 px screen
    const canvas = (await page.locator('.modeler-canvas').boundingBox())!;
    expect(canvas.width, 'canvas width at 1366 px').to.be.greaterThan(850);

    // the review given more working time than the whole procedure has: the check says so, at the last step
    await page.getByLabel('Thời gian Thẩm định hồ sơ (review)', { exact: true }).fill('100');
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    const problem = page.locator('.check-problems li', { has: page.locator('.problem-where code', { hasText: /^approval$/ }) }).first();
    await problem.waitFor();
    const words = await problem.locator('.problem-text').innerText();
    expect(words.trim().length).to.be.greaterThan(10);
    expect(words).to.match(/^Tổng thời gian các bước giải quyết/);
    await problem.getByRole('button', { name: 'Chọn và hiện approval' }).click();
    await page.locator('.djs-element.selected[data-element-id="approval"]').waitFor({ state: 'attached' });
    // the selected step's context pad and properties, in Vietnamese
    await page.locator('.djs-context-pad .entry[title="Xóa"]').waitFor({ state: 'attached' });
    await page.locator('.modeler-panel .bio-properties-panel-group-header', { hasText: 'Chung' }).first().waitFor();
    await page.locator('.modeler-panel .bio-properties-panel-group-header', { hasText: 'Tài liệu' }).first().waitFor();
    await screenshot(page, 'studio-daily-problem');
    await page.getByLabel('Thời gian Thẩm định hồ sơ (review)', { exact: true }).fill('1');
    await page.locator('.unsaved-badge').waitFor();
  });

  it('asks before publishing and before discarding; a no leaves the draft as it was', async () => {
    const page = admin.page;
    await page.getByRole('button', { name: 'Công bố', exact: true }).click();
    const question = page.getByRole('alertdialog');
    await question.getByText(/Công bố phiên bản v\d+\?/).waitFor();
    await screenshot(page, 'studio-daily-publish-confirm');
    await question.getByRole('button', { name: 'Chưa công bố' }).click();
    expect(await question.count()).to.equal(0);
    expect((await platform().db('procedure_versions').where({ id: draftId }).first('status')).status).to.equal('draft');

    await page.getByRole('button', { name: 'Hủy bản nháp', exact: true }).click();
    await question.getByText(/Mọi thay đổi trong bản nháp này sẽ mất/).waitFor();
    await question.getByRole('button', { name: 'Giữ bản nháp' }).click();
    expect(await platform().db('procedure_versions').where({ id: draftId }).first('id')).to.not.equal(undefined);
    await page.getByRole('button', { name: 'Hủy bản nháp', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Đồng ý hủy bản nháp' }).click();
    // discarded, with the unsaved allowance, without a question about leaving it
    await page.waitForURL('**/quan-tri/thu-tuc');
    expect(await platform().db('procedure_versions').where({ id: draftId }).first('id')).to.equal(undefined);
  });

  it('fits 390 px and 1366 px with the unsaved mark, the question on leaving and the problems, nothing serious for axe', async () => {
    const found: string[] = [];
    for (const viewport of [PHONE, STUDIO]) {
      const u = await openPage(viewport);
      users.push(u);
      const page = u.page;
      await login(page, 'quantri');
      await page.waitForURL('**/quan-tri/thu-tuc');
      const look = async (name: string) => {
        await screenshot(page, name);
        const overflow = await horizontalOverflow(page);
        if (overflow > 0) found.push(`${name} at ${viewport.width}px scrolls sideways by ${overflow}px`);
        found.push(...(await accessibilityProblems(page)).map((p) => `${name} at ${viewport.width}px: ${p}`));
      };
      await page
        .getByRole('row', { name: new RegExp(CODE) })
        .getByRole('button', { name: /bản nháp/ })
        .click();
      await page.waitForURL(/\/quan-tri\/thu-tuc\/phien-ban\//);
      const id = new URL(page.url()).pathname.split('/').pop()!;
      await tab(page, 'Quy trình');
      await page.locator('.djs-palette').waitFor();
      await page.getByLabel('Thời gian Thẩm định hồ sơ (review)', { exact: true }).fill('100');
      await page.getByRole('button', { name: 'Kiểm tra' }).click();
      await page.locator('.check-problems .problem-where').first().waitFor();
      await look('studio-daily-process');
      await tab(page, 'Biểu mẫu');
      await relabelFirstField(page, 'Họ tên chủ hộ');
      await look('studio-daily-form');
      await page.locator('.breadcrumb').getByRole('link', { name: 'Quản trị thủ tục hành chính' }).click();
      await page.getByRole('alertdialog').waitFor();
      await look('studio-daily-leave');
      await page.getByRole('alertdialog').getByRole('button', { name: 'Rời trang, không lưu' }).click();
      await page.waitForURL('**/quan-tri/thu-tuc');
      await platform().db('procedure_versions').where({ id, status: 'draft' }).delete();
    }
    expect([...new Set(found)], found.join('\n')).to.deep.equal([]);
  });
});

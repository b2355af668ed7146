/**
 * The procedure studio in a real browser: an administrator creates the marital-status certificate
 * (1.004873, 3 working days) from the one-stop template, adds a field to its application form in the form
 * editor, drops an extra review step from the palette onto the flow, is shown what stops publishing (in the
 * list and outlined in the diagram), gives the steps their allowances and publishes. (Running the published
 * procedure and a second version side by side are covered through the api in test/api/studio.test.ts.)
 * Screenshots of the studio's pages go to test-artifacts/screenshots.
 */
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { artifactsDir, platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import { DESKTOP, closeBrowser, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const CODE = '1.004873';

/** Drags with the mouse, in small steps, as a person would (form-js's palette listens to mouse moves). */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y + 10, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 20 });
  await page.mouse.up();
}

const centre = async (page: Page, selector: string) => {
  const box = (await page.locator(selector).first().boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

async function tab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
}

describe('the procedure studio in the browser', function () {
  this.timeout(300_000);
  let worker: WorkerHandle;
  const users: UserPage[] = [];
  let admin: UserPage;
  let v1: string;

  before(async () => {
    worker = startTestWorker();
    admin = await openPage(DESKTOP);
    users.push(admin);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      for (const [i, u] of users.entries()) if (!u.page.isClosed()) await u.page.screenshot({ path: path.join(artifactsDir, 'screenshots', `studio-failed-${i}.png`), fullPage: true }).catch(() => {});
    }
    const errors = users.flatMap((u) => u.errors.splice(0));
    if (errors.length && this.currentTest?.state === 'failed') console.log(`the browser reported:\n${errors.join('\n')}`);
    if (errors.length && this.currentTest?.state === 'passed') throw new Error(`the browser reported errors:\n${errors.join('\n')}`);
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
    await worker.stop();
  });

  it('creates 1.004873 from the template, adds a form field and a review step, and publishes it once the check passes', async () => {
    const page = admin.page;
    await login(page, 'quantri');
    await page.waitForURL('**/quan-tri/thu-tuc');
    await page.getByRole('heading', { name: 'Quản trị thủ tục hành chính' }).waitFor();
    await page.getByRole('cell', { name: '1.001193' }).waitFor();
    await screenshot(page, 'studio-procedures');

    // a new procedure from the template
    await page.getByText('Thêm thủ tục mới từ quy trình mẫu').click();
    await page.getByLabel('Mã thủ tục').fill(CODE);
    await page.getByLabel('Tên thủ tục').fill('Xác nhận tình trạng hôn nhân');
    await page.getByLabel('Tên tiếng Anh').fill('Marital-status certificate');
    await page.getByLabel('Lĩnh vực').fill('Hộ tịch');
    await page.getByRole('button', { name: 'Tạo thủ tục' }).click();
    await page.waitForURL(/\/quan-tri\/thu-tuc\/phien-ban\//);
    v1 = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('heading', { name: /Xác nhận tình trạng hôn nhân/ }).waitFor();

    // catalogue: the fee of HCMC
    await page.getByRole('button', { name: 'Thêm phí, lệ phí' }).first().click();
    await page.getByLabel('Mức thu (đồng)').first().fill('3000');
    await screenshot(page, 'studio-catalogue');

    // the application form gets a field, dragged from form-js's palette
    await tab(page, 'Biểu mẫu');
    const editor = page.locator('.form-designer-editor');
    await editor.locator('.fjs-palette-field[data-field-type="textfield"]').waitFor();
    // dropped on the lower half of the request field, so it comes after it, at the top level of the form
    const after = (await editor.locator('.fjs-editor-container .fjs-form-field-label', { hasText: 'Nội dung yêu cầu' }).boundingBox())!;
    await drag(page, await centre(page, '.fjs-palette-field[data-field-type="textfield"]'), { x: after.x + 60, y: after.y + 60 });
    await editor.locator('.bio-properties-panel-group-header', { hasText: 'General' }).click();
    const label = editor.locator('#bio-properties-panel-label');
    await label.first().click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Nơi dự định đăng ký kết hôn');
    const key = editor.locator('input#bio-properties-panel-key');
    await key.fill('plannedPlace');
    await page.locator('.form-designer-preview').getByText('Nơi dự định đăng ký kết hôn').waitFor();
    await screenshot(page, 'studio-form');

    // an extra review step from the palette, dropped on the flow from the review to the approval
    await tab(page, 'Quy trình');
    await page.locator('.djs-palette .entry[aria-label="Bước thẩm định của chuyên viên"]').waitFor();
    // shown by its step in the allowances list; the flow from the review's gateway enters the approval from the left
    await page.locator('.allowances').getByRole('button', { name: 'Phê duyệt kết quả' }).click();
    const approval = (await page.locator('[data-element-id="approval"] .djs-visual rect').first().boundingBox())!;
    const onFlow = { x: approval.x - 45, y: approval.y + approval.height / 2 };
    await page.locator('.djs-palette .entry[aria-label="Bước thẩm định của chuyên viên"]').click();
    await page.mouse.move(onFlow.x - 30, onFlow.y, { steps: 5 });
    await page.mouse.move(onFlow.x, onFlow.y, { steps: 5 });
    await page.mouse.down();
    await page.mouse.up();
    for (const id of ['review_2', 'review_2_warn', 'review_2_due', 'review_2_warn_flag', 'review_2_due_flag']) await page.locator(`[data-element-id="${id}"]`).waitFor({ state: 'attached' });

    // publishing is refused while the new step has no allowance: the problem is listed and outlined
    await page.getByRole('button', { name: 'Công bố' }).click();
    const problems = page.locator('.check-problems');
    await problems.getByText(/review_2/).first().waitFor();
    await page.locator('.djs-element.motcua-problem[data-element-id="review_2"]').waitFor({ state: 'attached' });
    await screenshot(page, 'studio-problems');
    const refused = await platform().db('procedure_versions').where({ id: v1 }).first('status', 'engine_deployment_id');
    expect(refused, 'nothing was deployed').to.deep.equal({ status: 'draft', engine_deployment_id: null });

    // the allowances beside the diagram: one working day each for the two reviews
    await page.getByLabel('Thời gian Thẩm định hồ sơ (review)', { exact: true }).fill('1');
    await page.getByLabel('Thời gian Thẩm định hồ sơ (review_2)', { exact: true }).fill('1');
    await page.getByLabel('Đơn vị review_2').selectOption('working_days');
    await page.getByText('Các bước giải quyết: 24 / 24 giờ làm việc').waitFor();
    await screenshot(page, 'studio-process');
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Không có lỗi: thủ tục sẵn sàng công bố.').waitFor();
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByText('Đã công bố và triển khai lên hệ thống xử lý.').waitFor();
    await page.getByText('Đang áp dụng').first().waitFor();
    await screenshot(page, 'studio-published');

    const row = await platform().db('procedure_versions as v').join('procedures as p', 'p.id', 'v.procedure_id').where('p.code', CODE).first('v.id', 'v.status', 'v.engine_deployment_id', 'v.step_allowances', 'v.forms', 'v.application_form_id');
    expect(row.id).to.equal(v1);
    expect(row.status).to.equal('published');
    expect(row.engine_deployment_id).to.be.a('string');
    expect(row.step_allowances.review_2).to.deep.equal({ value: 1, unit: 'working_days' });
    expect(JSON.stringify(row.forms[row.application_form_id])).to.contain('plannedPlace');
  });
});

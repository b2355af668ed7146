/**
 * The procedure studio in a real browser: an administrator creates the marital-status certificate
 * (1.004873, 3 working days) from the one-stop template, adds a field to its application form in the form
 * editor, drops an extra review step from the palette onto the flow, is shown what stops publishing (in the
 * list and outlined in the diagram), gives the steps their allowances and publishes. A citizen applies for it in
 * the portal and the officers (through the api) take it to a signed result; a second version, made and compared
 * in the page, is published while a dossier of the first is in handling, and each finishes on its own version.
 * Screenshots of the studio's pages go to test-artifacts/screenshots.
 */
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { artifactsDir, platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import { binary, login as apiLogin, type Session } from '../support/http.ts';
import { decide, samplePdf, untilStatus } from '../support/dossiers.ts';
import { verifyPdf } from '@motcua/domain/signing/pades.ts';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';
import { sendApplication } from '../support/apply-pages.ts';

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

/** Applies for 1.004873 through the portal's form, the field added in the studio included. @returns the dossier's id */
async function applyInPortal(page: Page, fullName: string): Promise<string> {
  await page.goto(`/thu-tuc/${CODE}`);
  await page.getByRole('heading', { name: 'Xác nhận tình trạng hôn nhân' }).waitFor();
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await page.locator('.unit-select select').selectOption({ label: 'Ủy ban nhân dân phường Bến Thành' });
  await page.getByLabel('Họ, chữ đệm và tên').fill(fullName);
  await page.getByLabel('Số định danh cá nhân').fill('079090000123');
  await page.getByLabel('Số điện thoại').fill('0912345678');
  await page.getByLabel('Nơi cư trú').fill('Phường Bến Thành, Thành phố Hồ Chí Minh');
  await page.getByLabel('Nội dung yêu cầu').fill('Xác nhận tình trạng hôn nhân để đăng ký kết hôn');
  await page.getByLabel('Nơi dự định đăng ký kết hôn').fill('Ủy ban nhân dân phường Bến Thành');
  await page.getByLabel('Giấy tờ kèm theo').setInputFiles({ name: 'cccd.pdf', mimeType: 'application/pdf', buffer: samplePdf('CCCD') });
  await page.locator('.attachment-list li', { hasText: 'cccd.pdf' }).waitFor();
  await sendApplication(page);
  await page.waitForURL('**/bien-nhan');
  return new URL(page.url()).pathname.split('/')[2]!;
}

describe('the procedure studio in the browser', function () {
  this.timeout(300_000);
  let worker: WorkerHandle;
  const users: UserPage[] = [];
  let admin: UserPage;
  let v1: string;
  let firstDossier: string;
  let officers: { reception: Session; specialist: Session; leader: Session };

  before(async () => {
    worker = startTestWorker();
    admin = await openPage(DESKTOP);
    users.push(admin);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      for (const [i, u] of users.entries())
        if (!u.page.isClosed())
          await u.page.screenshot({ path: path.join(artifactsDir, 'screenshots', `studio-failed-${i}.png`), fullPage: true }).catch(() => {});
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
    await page.getByLabel('Lĩnh vực', { exact: true }).fill('Hộ tịch');
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
    const request = editor
      .locator('.fjs-editor-container .fjs-element', { has: page.locator('.fjs-form-field-label', { hasText: 'Nội dung yêu cầu' }) })
      .last();
    await request.scrollIntoViewIfNeeded();
    const after = (await request.boundingBox())!;
    await drag(page, await centre(page, '.fjs-palette-field[data-field-type="textfield"]'), { x: after.x + after.width / 3, y: after.y + after.height * 0.8 });
    await editor.locator('.bio-properties-panel-group-header', { hasText: 'Chung' }).click();
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
    // (the allowances are under the diagram below 1500 px: the diagram back in view before the mouse acts on it)
    await page.locator('.modeler-canvas').scrollIntoViewIfNeeded();
    const approval = (await page.locator('[data-element-id="approval"] .djs-visual rect').first().boundingBox())!;
    const onFlow = { x: approval.x - 45, y: approval.y + approval.height / 2 };
    await page.locator('.djs-palette .entry[aria-label="Bước thẩm định của chuyên viên"]').click();
    await page.mouse.move(onFlow.x - 30, onFlow.y, { steps: 5 });
    await page.mouse.move(onFlow.x, onFlow.y, { steps: 5 });
    await page.mouse.down();
    await page.mouse.up();
    for (const id of ['review_2', 'review_2_warn', 'review_2_due', 'review_2_warn_flag', 'review_2_due_flag'])
      await page.locator(`[data-element-id="${id}"]`).waitFor({ state: 'attached' });

    // publishing is refused while the new step has no allowance: the problem is listed and outlined
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByRole('button', { name: 'Đồng ý công bố' }).click();
    const problems = page.locator('.check-problems');
    await problems
      .getByText(/review_2/)
      .first()
      .waitFor();
    await page.locator('.djs-element.motcua-problem[data-element-id="review_2"]').waitFor({ state: 'attached' });
    // and what the catalogue lacks to go live, in words: the online channel's fee, the papers, the legal basis
    for (const words of [/Cách thức «Trực tuyến» chưa có phí, lệ phí/, /Chưa có thành phần hồ sơ/, /Chưa có căn cứ pháp lý/])
      await problems.locator('.problem-text', { hasText: words }).waitFor();
    await screenshot(page, 'studio-problems');
    const refused = await platform().db('procedure_versions').where({ id: v1 }).first('status', 'engine_deployment_id');
    expect(refused, 'nothing was deployed').to.deep.equal({ status: 'draft', engine_deployment_id: null });

    // the catalogue completed: online it is free, one paper, the legal basis
    await problems.locator('li', { hasText: 'Chưa có căn cứ pháp lý' }).getByRole('button', { name: 'Thông tin thủ tục' }).click();
    await page.getByRole('button', { name: 'Miễn phí', exact: true }).click();
    await page.getByRole('button', { name: 'Thêm giấy tờ' }).click();
    await page.getByLabel('Tên giấy tờ').fill('Tờ khai cấp Giấy xác nhận tình trạng hôn nhân');
    await page.getByLabel('Căn cứ pháp lý (mỗi dòng một văn bản)').fill('Luật Hộ tịch năm 2014\nNghị định số 123/2015/NĐ-CP');
    await tab(page, 'Quy trình');

    // the allowances beside the diagram: one working day each for the two reviews
    await page.getByLabel('Thời gian Thẩm định hồ sơ (review)', { exact: true }).fill('1');
    await page.getByLabel('Thời gian Thẩm định hồ sơ (review_2)', { exact: true }).fill('1');
    await page.getByLabel('Đơn vị review_2').selectOption('working_days');
    await page.getByText('Các bước giải quyết: 24 / 24 giờ làm việc').waitFor();
    await screenshot(page, 'studio-process');
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Không có lỗi: thủ tục sẵn sàng công bố.').waitFor();
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByRole('button', { name: 'Đồng ý công bố' }).click();
    await page.getByText('Đã công bố và triển khai lên hệ thống xử lý.').waitFor();
    await page.getByText('Đang áp dụng').first().waitFor();
    await screenshot(page, 'studio-published');

    const row = await platform()
      .db('procedure_versions as v')
      .join('procedures as p', 'p.id', 'v.procedure_id')
      .where('p.code', CODE)
      .first('v.id', 'v.status', 'v.engine_deployment_id', 'v.step_allowances', 'v.forms', 'v.application_form_id');
    expect(row.id).to.equal(v1);
    expect(row.status).to.equal('published');
    expect(row.engine_deployment_id).to.be.a('string');
    expect(row.step_allowances.review_2).to.deep.equal({ value: 1, unit: 'working_days' });
    expect(JSON.stringify(row.forms[row.application_form_id])).to.contain('plannedPlace');
  });

  it('lets a citizen apply for it in the portal; the officers take it through every step, the extra review included, to a signed result', async () => {
    const citizen = await openPage(DESKTOP);
    users.push(citizen);
    const page = citizen.page;
    await login(page, 'congdan');
    firstDossier = await applyInPortal(page, 'Phạm Văn Dũng');
    const [reception, specialist, leader, owner] = await Promise.all([
      apiLogin('tiepnhan.benthanh'),
      apiLogin('chuyenvien.benthanh'),
      apiLogin('lanhdao.benthanh'),
      apiLogin('congdan'),
    ]);
    officers = { reception, specialist, leader };
    await decide(reception, firstDossier, 'reception', { decision: 'accept' });
    await decide(specialist, firstDossier, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    await decide(specialist, firstDossier, 'review_2', { decision: 'approve', opinion: 'Đã đối chiếu cơ sở dữ liệu hộ tịch' });
    await decide(leader, firstDossier, 'approval', { decision: 'approve', note: 'Đồng ý' });
    const returned = await untilStatus(owner, firstDossier, 10);
    expect(returned.timeline.map((e: { type: string }) => e.type).filter((t: string) => t.endsWith('_approve'))).to.deep.equal([
      'review_approve',
      'review_2_approve',
      'approval_approve',
    ]);
    const pdf = await owner
      .get(`/api/dossiers/${firstDossier}/documents/result`)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    const signature = await verifyPdf(pdf.body as Buffer);
    expect(signature.valid).to.equal(true);
    expect(signature.reason).to.contain(returned.code);

    // the citizen sees it returned, with the signed result to download
    await page.goto(`/ho-so/${firstDossier}`);
    await page.getByText('Đã trả kết quả').first().waitFor();
    // both reviews, the extra one included, in the citizen's words
    await page.getByText('Hồ sơ đã được thẩm định').nth(1).waitFor();
    await screenshot(page, 'studio-citizen-result');
  });

  it('publishes a second version from the page while a dossier of the first is in handling; each finishes on its own version', async () => {
    const citizen = users[1]!.page;
    const { reception, specialist, leader } = officers;
    const owner = await apiLogin('congdan');
    const first = await applyInPortal(citizen, 'Lê Văn Tâm');
    await decide(reception, first, 'reception', { decision: 'accept' });
    await untilStatus(owner, first, 2);

    // version 2: the approval takes half a day
    const page = admin.page;
    await page.goto(`/quan-tri/thu-tuc/phien-ban/${v1}`);
    await page.getByRole('button', { name: 'Tạo bản nháp mới' }).click();
    await page.waitForURL((u) => !u.pathname.endsWith(v1));
    const v2 = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('heading', { name: /v2/ }).waitFor();
    await tab(page, 'Quy trình');
    await page.getByLabel('Thời gian Phê duyệt kết quả (approval)', { exact: true }).fill('4');
    await page.getByLabel('Đơn vị approval').selectOption('working_hours');
    await page.getByText('Các bước giải quyết: 20 / 24 giờ làm việc').waitFor();
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.getByText('Đã lưu bản nháp.').waitFor();
    await tab(page, 'Phiên bản');
    await page.getByRole('button', { name: 'So sánh', exact: true }).click();
    await page.locator('.diff-summary').getByText('Thời gian bước approval: 1 ngày làm việc → 4 giờ làm việc').waitFor();
    await screenshot(page, 'studio-versions');
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByRole('button', { name: 'Đồng ý công bố' }).click();
    await page.getByText('Đã công bố và triển khai lên hệ thống xử lý.').waitFor();

    // a new application runs on version 2, while the first dossier goes on on version 1
    const second = await applyInPortal(citizen, 'Nguyễn Thị Mai');
    for (const id of [first, second]) {
      if (id === second) await decide(reception, id, 'reception', { decision: 'accept' });
      await decide(specialist, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
      await decide(specialist, id, 'review_2', { decision: 'approve', opinion: 'Đã đối chiếu' });
      await decide(leader, id, 'approval', { decision: 'approve', note: 'Đồng ý' });
    }
    await Promise.all([untilStatus(owner, first, 10), untilStatus(owner, second, 10)]);
    const db = platform().db;
    const rows = await db('dossiers as d')
      .join('procedure_versions as v', 'v.id', 'd.procedure_version_id')
      .whereIn('d.id', [first, second])
      .select(
        'd.id',
        'd.procedure_version_id as versionId',
        'd.process_instance_id as instanceId',
        'v.engine_process_definition_id as definitionId',
        'v.status',
      );
    type Row = { id: string; versionId: string; instanceId: string; definitionId: string; status: string };
    const byId = Object.fromEntries((rows as Row[]).map((r) => [r.id, r]));
    expect([byId[first]!.versionId, byId[first]!.status]).to.deep.equal([v1, 'retired']);
    expect([byId[second]!.versionId, byId[second]!.status]).to.deep.equal([v2, 'published']);
    for (const r of Object.values(byId))
      expect((await platform().services.engine.historicProcessInstance(r.instanceId))!.processDefinitionId).to.equal(r.definitionId);
  });

  it('fits a phone and a desktop, with nothing serious for accessibility, on every page and tab of the studio', async () => {
    const found: string[] = [];
    for (const viewport of [PHONE, DESKTOP]) {
      const u = await openPage(viewport);
      users.push(u);
      await login(u.page, 'quantri');
      await u.page.waitForURL('**/quan-tri/thu-tuc');
      const look = async (name: string) => {
        await screenshot(u.page, name);
        const overflow = await horizontalOverflow(u.page);
        if (overflow > 0) found.push(`${name} at ${viewport.width}px scrolls sideways by ${overflow}px`);
        found.push(...(await accessibilityProblems(u.page)).map((p) => `${name}: ${p}`));
      };
      await u.page.getByRole('cell', { name: CODE }).waitFor();
      await look('studio-procedures');
      await u.page.goto(`/quan-tri/thu-tuc/phien-ban/${v1}`);
      await u.page.getByRole('heading', { name: /Xác nhận tình trạng hôn nhân/ }).waitFor();
      await look('studio-catalogue');
      for (const [name, ready] of [
        ['Quy trình', '.djs-container'],
        ['Biểu mẫu', '.form-designer-editor .fjs-editor-container'],
        ['Phiên bản', '.version-list'],
      ] as const) {
        await tab(u.page, name);
        await u.page.locator(ready).first().waitFor();
        if (name === 'Quy trình') {
          // version 1 is retired: shown, not edited
          expect(await u.page.locator('.djs-palette').isVisible()).to.equal(false);
          expect(await u.page.locator('.modeler-panel input').first().isDisabled()).to.equal(true);
        }
        await look(`studio-${{ 'Quy trình': 'process', 'Biểu mẫu': 'form', 'Phiên bản': 'versions' }[name]}-v1`);
      }
    }
    expect([...new Set(found)], found.join('\n')).to.deep.equal([]);
  });
});

/**
 * The unit doing a step, set in the studio's properties panel (liên thông): an administrator opens a draft's
 * process, picks the review step, says a named agency does it; the saved model carries the rule and the
 * candidate group the platform fills with that unit, and the check passes. And chosen when the procedure is
 * created: the new-procedure form's «Đơn vị giải quyết» (a named unit) and a cooperating agency's opinion,
 * which the created draft's properties panel then shows on its steps; a refusal is told in the form.
 */
import path from 'node:path';
import { expect } from 'chai';
import { login as apiLogin } from '../support/http.ts';
import { artifactsDir } from '../support/platform.ts';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';

/** Opens the new-procedure form and fills the procedure's code, name and field. */
async function newProcedure(page: Page, code: string, field: string) {
  await page.goto('/quan-tri/thu-tuc');
  await page.getByText('Thêm thủ tục mới từ quy trình mẫu').click();
  await page.getByLabel('Mã thủ tục').fill(code);
  await page.getByLabel('Tên thủ tục').fill('Thủ tục liên thông tạo từ biểu mẫu');
  await page.getByLabel('Lĩnh vực', { exact: true }).fill(field);
}

/** The unit rule the properties panel shows for a step chosen in the allowances list: its kind and agency code. */
async function shownRule(page: Page, stepName: string): Promise<{ kind: string; code: string }> {
  await page.locator('.allowances').getByRole('button', { name: stepName }).click();
  const kind = page.getByLabel('Đơn vị thực hiện bước');
  if (!(await kind.isVisible())) await page.locator('.bio-properties-panel-group-header', { hasText: 'Đơn vị thực hiện' }).click();
  return { kind: await kind.inputValue(), code: await page.getByLabel('Mã định danh đơn vị (ví dụ 000.16.00.H29)').inputValue() };
}

describe('the unit of a step in the studio', function () {
  this.timeout(120_000);
  const users: UserPage[] = [];

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      for (const [i, u] of users.entries())
        await u.page.screenshot({ path: path.join(artifactsDir, 'screenshots', `studio-unit-failed-${i}.png`), fullPage: true }).catch(() => {});
    const errors = users.flatMap((u) => u.errors.splice(0));
    if (errors.length && this.currentTest?.state === 'passed') throw new Error(`the browser reported errors:\n${errors.join('\n')}`);
  });
  after(async () => {
    for (const u of users) await u.context.close();
    await closeBrowser();
  });

  it('sets the review step to a named agency in the properties panel; the model says so and passes the check', async () => {
    const api = await apiLogin('quantri');
    const created = await api
      .post('/api/admin/procedures')
      .send({ code: 'LTTHU.001', name: 'Thủ tục liên thông thử nghiệm', field: 'Hoạt động xây dựng', timeLimit: { value: 5, unit: 'working_days' } })
      .expect(201);
    const versionId = created.body.version.id as string;

    const admin = await openPage(DESKTOP);
    users.push(admin);
    const page = admin.page;
    await login(page, 'quantri');
    await page.goto(`/quan-tri/thu-tuc/phien-ban/${versionId}`);
    await page.getByRole('tab', { name: 'Quy trình' }).click();
    // the step chosen from the allowances list, which selects it in the diagram
    await page.locator('.allowances').getByRole('button', { name: 'Thẩm định hồ sơ' }).click();
    const group = page.locator('.bio-properties-panel-group-header', { hasText: 'Đơn vị thực hiện' });
    await group.click();
    await page.getByLabel('Đơn vị thực hiện bước').selectOption({ label: 'Đơn vị được chỉ định' });
    const code = page.getByLabel('Mã định danh đơn vị (ví dụ 000.16.00.H29)');
    await code.fill('000.16');
    await page.getByText('Mã định danh có dạng 000.00.00.H29').waitFor();
    await code.fill('000.16.00.H29');
    await page.getByText('Mã định danh có dạng 000.00.00.H29').waitFor({ state: 'detached' });
    await page
      .locator('.bio-properties-panel-group', { has: group })
      .screenshot({ path: path.join(artifactsDir, 'screenshots', 'studio-unit-rule-panel.png') });
    await screenshot(page, 'studio-unit-rule');
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Đã lưu/ })
      .first()
      .waitFor();

    const version = (await api.get(`/api/admin/procedure-versions/${versionId}`).expect(200)).body;
    const xml = (version.version ?? version).bpmnXml as string;
    expect(xml).to.match(/<camunda:property name="motcua\.unitRule" value="named:000\.16\.00\.H29"\s*\/>/);
    expect(xml).to.contain('camunda:candidateGroups="specialist:${unit_review}"');
    const check = await api.get(`/api/admin/procedure-versions/${versionId}/check`).expect(200);
    // nothing wrong in the model: only what the catalogue still has to state before going live (papers, fees, legal basis)
    expect(
      check.body.problems.filter((p: { severity: string; rule: string }) => p.severity === 'error' && !p.rule.startsWith('motcua/go-live-')),
    ).to.deep.equal([]);
  });

  it("creates a procedure handled by a named unit with a cooperating agency's opinion from the new-procedure form; the draft's properties panel shows both", async () => {
    const admin = await openPage(DESKTOP);
    users.push(admin);
    const page = admin.page;
    await login(page, 'quantri');
    await newProcedure(page, 'LTTHU.002', 'Lĩnh vực chưa có đơn vị');

    // the competent unit for a field no unit handles: refused, said in the form's error summary
    await page.getByLabel('Cơ quan có thẩm quyền theo lĩnh vực').check();
    await page.getByRole('button', { name: 'Tạo thủ tục' }).click();
    const summary = page.locator('.new-procedure [role="alert"]');
    await summary
      .getByText(/Chưa có đơn vị nào giải quyết lĩnh vực «Lĩnh vực chưa có đơn vị»/)
      .first()
      .waitFor();

    // a named unit: the picker offers active units, never a centre
    await page.getByLabel('Lĩnh vực', { exact: true }).fill('Hoạt động xây dựng');
    await page.getByLabel('Một đơn vị cụ thể').check();
    const handling = page.getByLabel('Đơn vị giải quyết hồ sơ');
    await handling.locator('option', { hasText: '000.15.00.H29' }).waitFor({ state: 'attached' });
    const offered = await handling.locator('option').allTextContents();
    expect(
      offered.some((o) => o.includes('000.27.10.H29')),
      'a centre is not offered',
    ).to.equal(false);
    await handling.selectOption('000.15.00.H29');
    await page.getByLabel('Lấy ý kiến cơ quan phối hợp').check();
    await page.getByLabel('Cơ quan phối hợp', { exact: true }).selectOption('000.16.00.H29');
    await page.locator('.new-procedure').screenshot({ path: path.join(artifactsDir, 'screenshots', 'studio-new-handling-unit-desktop.png') });
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await page.getByRole('button', { name: 'Tạo thủ tục' }).click();
    await page.waitForURL(/\/quan-tri\/thu-tuc\/phien-ban\//);

    // the draft: review and approval by the construction department, the opinion by the fire police
    await page.getByRole('tab', { name: 'Quy trình' }).click();
    expect(await shownRule(page, 'Thẩm định hồ sơ')).to.deep.equal({ kind: 'named', code: '000.15.00.H29' });
    expect(await shownRule(page, 'Ý kiến của cơ quan phối hợp')).to.deep.equal({ kind: 'named', code: '000.16.00.H29' });
    expect(await shownRule(page, 'Phê duyệt kết quả')).to.deep.equal({ kind: 'named', code: '000.15.00.H29' });
    await screenshot(page, 'studio-new-handling-unit-draft');
    const versionId = new URL(page.url()).pathname.split('/').pop()!;
    const api = await apiLogin('quantri');
    const check = await api.get(`/api/admin/procedure-versions/${versionId}/check`).expect(200);
    // nothing wrong in the model: only what the catalogue still has to state before going live (papers, fees, legal basis)
    expect(
      check.body.problems.filter((p: { severity: string; rule: string }) => p.severity === 'error' && !p.rule.startsWith('motcua/go-live-')),
    ).to.deep.equal([]);
  });

  it('fits the handling-unit choice on a 390 px phone', async () => {
    const phone = await openPage(PHONE);
    users.push(phone);
    const page = phone.page;
    await login(page, 'quantri');
    await newProcedure(page, 'LTTHU.003', 'Hoạt động xây dựng');
    await page.getByLabel('Một đơn vị cụ thể').check();
    await page.getByLabel('Đơn vị giải quyết hồ sơ').selectOption('000.15.00.H29');
    await page.getByLabel('Lấy ý kiến cơ quan phối hợp').check();
    await page.getByLabel('Cơ quan phối hợp', { exact: true }).selectOption('000.16.00.H29');
    // a refusal in the error summary, on the phone too: the cooperating agency is the handling unit
    await page.getByLabel('Cơ quan phối hợp', { exact: true }).selectOption('000.15.00.H29');
    await page.getByRole('button', { name: 'Tạo thủ tục' }).click();
    await page.locator('.new-procedure [role="alert"]').getByText('Cơ quan phối hợp phải khác đơn vị giải quyết.').waitFor();
    expect(await horizontalOverflow(page)).to.be.at.most(0);
    await page.locator('.new-procedure').screenshot({ path: path.join(artifactsDir, 'screenshots', 'studio-new-handling-unit-phone.png') });
    expect(await accessibilityProblems(page)).to.deep.equal([]);
  });
});

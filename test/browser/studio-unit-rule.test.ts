/**
 * The unit doing a step, set in the studio's properties panel (liên thông): an administrator opens a draft's
 * process, picks the review step, says a named agency does it; the saved model carries the rule and the
 * candidate group the platform fills with that unit, and the check passes.
 */
import path from 'node:path';
import { expect } from 'chai';
import { login as apiLogin } from '../support/http.ts';
import { artifactsDir } from '../support/platform.ts';
import { DESKTOP, accessibilityProblems, closeBrowser, login, openPage, screenshot, type UserPage } from '../support/browser.ts';

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
    expect(check.body.problems.filter((p: { severity: string }) => p.severity === 'error')).to.deep.equal([]);
  });
});

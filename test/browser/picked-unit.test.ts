/**
 * The unit of the next step picked on the task page (liên thông): the specialist approving the review chooses
 * the cooperating agency that gives its opinion; sending without a choice says so beside the choice, with the
 * focus there, at phone width.
 */
import { expect } from 'chai';
import { standardSteps } from '@motcua/domain/procedures/one-stop-template.ts';
import { eventually, login as apiLogin } from '../support/http.ts';
import { decide as decideByApi, submit, taskFor } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { OPINION, publishTemplateProcedure } from '../support/procedures.ts';
import { startTestWorker } from '../support/workers.ts';
import { PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import { openTask, sendDecision } from '../support/workspace-pages.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const CODE = 'TEST.PICK.WEB';

describe('picking the next unit on the task page', function () {
  this.timeout(180_000);
  let worker: WorkerHandle;
  let user: UserPage | undefined;

  before(async () => {
    await publishTemplateProcedure({
      code: CODE,
      name: 'Thủ tục thử nghiệm chọn đơn vị phối hợp',
      handling: [standardSteps.review, OPINION, standardSteps.approval],
    });
    worker = startTestWorker();
  });
  after(async () => {
    await user?.context.close();
    await closeBrowser();
    await worker.stop();
  });

  it('asks the specialist which unit gives the opinion, beside the choice, and hands the dossier there', async () => {
    const citizen = await apiLogin('congdan');
    const id = (await submit(citizen, { procedureCode: CODE }).expect(201)).body.id as string;
    await decideByApi(await apiLogin('tiepnhan.benthanh'), id, 'reception', { decision: 'accept' });
    const code = await eventually(async () => ((await platform().db('dossiers').where({ id }).first('code')).code as string | null) ?? undefined, 'the code');

    user = await openPage(PHONE);
    const page = user.page;
    await login(page, 'chuyenvien.benthanh');
    await openTask(page, code);
    await page.getByRole('button', { name: 'Nhận xử lý' }).click();
    await page.getByRole('button', { name: 'Đồng ý', exact: true }).click();
    await page.getByLabel(/Ý kiến thẩm định/).fill('Đủ điều kiện; đề nghị lấy ý kiến về phòng cháy');
    const choice = page.getByLabel('Đơn vị thực hiện bước «Lấy ý kiến cơ quan phối hợp»');
    await choice.waitFor();

    // sent without a choice: the reason stands beside the choice, which has the focus
    await page.getByRole('button', { name: 'Gửi quyết định' }).click();
    await page.getByText('Hãy chọn đơn vị sẽ thực hiện bước tiếp theo.').waitFor();
    expect(await choice.evaluate((el) => el === document.activeElement)).to.equal(true);
    expect(await choice.getAttribute('aria-invalid')).to.equal('true');
    await screenshot(page, 'task-pick-unit');
    expect(await horizontalOverflow(page)).to.be.at.most(0);
    expect(await accessibilityProblems(page)).to.deep.equal([]);

    await choice.selectOption({ label: platform().demo!.firePolice.name });
    await sendDecision(page);
    await page.waitForURL((u) => u.pathname === '/mot-cua');
    expect(await taskFor(await apiLogin('chuyenvien.pccc'), id, 'opinion')).to.be.a('string');
    expect(user.errors).to.deep.equal([]);
  });
});

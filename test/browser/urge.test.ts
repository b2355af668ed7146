/** A leader urges a late dossier from its page, at phone width. */
import { expect } from 'chai';
import { login as apiLogin } from '../support/http.ts';
import { decide, submit, taskFor, untilStatus } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import { PHONE, accessibilityProblems, closeBrowser, horizontalOverflow, login, openPage, screenshot, type UserPage } from '../support/browser.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

describe('urging a late dossier in the browser', function () {
  this.timeout(120_000);
  let worker: WorkerHandle;
  let user: UserPage | undefined;
  before(() => {
    worker = startTestWorker();
  });
  after(async () => {
    await user?.context.close();
    await closeBrowser();
    await worker.stop();
  });

  it('sends the urge with a note and says how many officers were told', async () => {
    const [citizen, desk, specialist] = await Promise.all(['congdan', 'tiepnhan.benthanh', 'chuyenvien.benthanh'].map((u) => apiLogin(u)));
    const id = (await submit(citizen!).expect(201)).body.id as string;
    await decide(desk!, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen!, id, 2);
    await taskFor(specialist!, id, 'review');
    await platform().db('dossiers').where({ id }).update({ sla_state: 'late' });

    user = await openPage(PHONE);
    await login(user.page, 'lanhdao.benthanh');
    await user.page.goto(`/mot-cua/ho-so/${id}`);
    await user.page.getByRole('button', { name: 'Đôn đốc xử lý' }).click();
    await user.page.getByLabel('Lời nhắn (không bắt buộc)').fill('Đề nghị hoàn thành trong hôm nay');
    await user.page.getByRole('button', { name: 'Gửi đôn đốc' }).click();
    await user.page.getByText(/Đã đôn đốc: \d+ cán bộ nhận được thông báo\./).waitFor();
    expect(await horizontalOverflow(user.page)).to.be.at.most(0);
    expect(await accessibilityProblems(user.page)).to.deep.equal([]);
    await screenshot(user.page, 'urge');
    expect(
      await platform()
        .db('dossier_events')
        .where({ dossier_id: id, type: 'urged' })
        .count({ n: '*' })
        .then((r) => Number(r[0]!.n)),
    ).to.equal(1);
    expect(user.errors).to.deep.equal([]);
  });
});

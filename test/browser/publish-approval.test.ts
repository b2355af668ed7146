/**
 * Four eyes on a procedure going live, in the browser (issue 16, PUBLISH_APPROVAL on): an administrator asks to
 * publish a draft and is told another must decide; a second administrator rejects it with a reason, which the
 * first then reads on the draft; asked again, the second approves it and the version is published and deployed.
 * At the studio's width (1366 px), nothing serious for axe, no sideways scroll; screenshots saved. The api side
 * (the author cannot decide, the log) is test/api/publish-approval.test.ts.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { createApp } from '../../api/src/app.ts';
import { buildWebApp } from '../../platform/src/web-app.ts';
import { createStudioService } from '@motcua/domain/procedures/studio.service.ts';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { accessibilityProblems, closeBrowser, horizontalOverflow, login, screenshot, theBrowser } from '../support/browser.ts';
import { login as apiLogin } from '../support/http.ts';
import { platform } from '../support/platform.ts';
import { ensureSecondAdministrator, readyDraft } from '../support/studio.ts';

const CODE = '9.100062';
const STUDIO = { width: 1366, height: 768 };

describe('publishing with a second administrator’s approval (browser)', function () {
  this.timeout(300_000);
  let server: Server;
  let base: string;
  const contexts: BrowserContext[] = [];
  let draftId: string;

  /** a page of the studio, served by an api whose studio asks for a second administrator's approval */
  async function studioPage(): Promise<Page> {
    const context = await (await theBrowser()).newContext({ viewport: STUDIO, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', baseURL: base });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  async function fits(page: Page, name: string) {
    expect(await horizontalOverflow(page), `${name}: no sideways scroll`).to.equal(0);
    expect(await accessibilityProblems(page), `${name}: axe`).to.deep.equal([]);
    await screenshot(page, name);
  }

  before(async () => {
    const p = platform();
    const studio = createStudioService({ db: p.db, procedures: p.services.procedures, publishApproval: true });
    const app = createApp({ config: p.config, services: { ...p.services, studio }, logger: p.logger, staticDir: buildWebApp() });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await ensureSecondAdministrator();
    const author = await apiLogin('quantri', DEMO_PASSWORD, app);
    draftId = await readyDraft(author, CODE, 'Thủ tục thử duyệt công bố');
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await closeBrowser();
    await new Promise((r) => server.close(r));
  });

  const status = async () => (await platform().db('procedure_versions').where({ id: draftId }).first('status')).status as string;

  async function askToPublish(page: Page) {
    await page.goto(`/quan-tri/thu-tuc/phien-ban/${draftId}`);
    await page.getByRole('button', { name: 'Gửi yêu cầu công bố' }).click();
    await page.getByText('Một quản trị viên khác sẽ duyệt').waitFor();
    await page.getByRole('button', { name: 'Đồng ý gửi' }).click();
    await page.getByText('Đã gửi yêu cầu công bố; đang chờ một quản trị viên khác duyệt.').waitFor();
    await page.getByText(/Bạn đã yêu cầu công bố lúc/).waitFor();
    expect(await page.getByRole('button', { name: 'Duyệt và công bố' }).count(), 'the author cannot approve').to.equal(0);
  }

  it('the author asks; a second administrator rejects with a reason, which the author reads', async () => {
    const author = await studioPage();
    await login(author, 'quantri');
    await askToPublish(author);
    await fits(author, 'publish-approval-asked');
    expect(await status()).to.equal('draft');

    const second = await studioPage();
    await login(second, 'quantri.hai');
    await second.goto(`/quan-tri/thu-tuc/phien-ban/${draftId}`);
    await second.getByText(/Quản Trị Hệ Thống đã yêu cầu công bố bản nháp này lúc/).waitFor();
    await fits(second, 'publish-approval-waiting');
    await second.getByRole('button', { name: 'Từ chối công bố' }).click();
    // a rejection without a reason is refused, in words
    await second.getByRole('button', { name: 'Gửi từ chối' }).click();
    await second.getByText('Lý do từ chối: chưa nhập.').waitFor();
    await second.getByLabel('Lý do từ chối').fill('Căn cứ pháp lý chưa ghi số hiệu văn bản.');
    await second.getByRole('button', { name: 'Gửi từ chối' }).click();
    await second.getByText('Đã từ chối yêu cầu công bố.').waitFor();
    expect(await status()).to.equal('draft');

    await author.reload();
    await author.getByText('Yêu cầu công bố đã bị từ chối: Căn cứ pháp lý chưa ghi số hiệu văn bản.').waitFor();
    await fits(author, 'publish-approval-rejected');
  });

  it('asked again, the second administrator approves after confirming, and the version is published', async () => {
    const author = await studioPage();
    await login(author, 'quantri');
    await askToPublish(author);

    const second = await studioPage();
    await login(second, 'quantri.hai');
    await second.goto(`/quan-tri/thu-tuc/phien-ban/${draftId}`);
    await second.getByRole('button', { name: 'Duyệt và công bố' }).click();
    await second.getByText(/Duyệt yêu cầu của Quản Trị Hệ Thống và công bố ngay bản nháp này\?/).waitFor();
    expect(await status(), 'nothing happens before the confirmation').to.equal('draft');
    await second.getByRole('button', { name: 'Đồng ý duyệt và công bố' }).click();
    await second.getByText('Đã công bố và triển khai lên hệ thống xử lý.').waitFor();
    await fits(second, 'publish-approval-approved');
    expect(await status()).to.equal('published');
  });
});

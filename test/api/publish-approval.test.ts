/**
 * Four eyes on a procedure going live (issue 16, PUBLISH_APPROVAL on): publishing a draft makes a request
 * (nothing is deployed); its author cannot decide it; another administrator rejects it with a reason, or approves
 * it and the draft is published then; a draft changed after the request is asked again; each step is in the
 * administration log. With the setting off (the default) publishing publishes at once (test/api/studio.test.ts).
 */
import { expect } from 'chai';
import { createApp } from '../../api/src/app.ts';
import { createStudioService } from '@motcua/domain/procedures/studio.service.ts';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { eventually, login, type Session } from '../support/http.ts';
import { platform } from '../support/platform.ts';
import { completeCatalogue, ensureSecondAdministrator, readyDraft } from '../support/studio.ts';

const CODE = '9.100061';

describe('publishing with a second administrator’s approval (api)', function () {
  this.timeout(120_000);
  let author: Session;
  let second: Session;
  let draftId: string;

  before(async () => {
    const p = platform();
    const studio = createStudioService({ db: p.db, procedures: p.services.procedures, publishApproval: true });
    const app = createApp({ config: p.config, services: { ...p.services, studio }, logger: p.logger });
    await ensureSecondAdministrator();
    [author, second] = await Promise.all([login('quantri', DEMO_PASSWORD, app), login('quantri.hai', DEMO_PASSWORD, app)]);
    draftId = await readyDraft(author, CODE, 'Thủ tục công bố có người duyệt');
  });

  const status = async () =>
    (await platform().db('procedure_versions').where({ id: draftId }).first('status', 'engine_deployment_id')) as {
      status: string;
      engine_deployment_id: string | null;
    };
  const log = async () =>
    (await platform().db('admin_audit_log').where({ entity: 'procedure', entity_id: draftId }).orderBy('id').select('action', 'actor_name')) as {
      action: string;
      actor_name: string;
    }[];

  it('makes a request instead of publishing; its author cannot decide it; a rejection needs a reason and leaves a draft', async () => {
    const asked = await author.post(`/api/admin/procedure-versions/${draftId}/publish`).expect(202);
    expect(asked.body.request).to.include({ status: 'pending', requestedByName: 'Quản Trị Hệ Thống' });
    expect(await status()).to.deep.equal({ status: 'draft', engine_deployment_id: null });
    const shown = (await second.get(`/api/admin/procedure-versions/${draftId}`).expect(200)).body;
    expect(shown.publishApproval).to.equal(true);
    expect(shown.publishRequest.status).to.equal('pending');
    // asked once only
    expect((await author.post(`/api/admin/procedure-versions/${draftId}/publish`).expect(409)).body.code).to.equal('publish_request_pending');

    const own = await author.post(`/api/admin/procedure-versions/${draftId}/publish-decision`).send({ decision: 'approve' }).expect(403);
    expect(own.body.code).to.equal('publish_own_request');
    expect(own.body.messages.vi).to.contain('quản trị viên khác');
    const bare = await second.post(`/api/admin/procedure-versions/${draftId}/publish-decision`).send({ decision: 'reject' }).expect(400);
    expect(bare.body.code).to.equal('reason_required');
    await second.post(`/api/admin/procedure-versions/${draftId}/publish-decision`).send({ decision: 'reject', reason: 'Căn cứ pháp lý chưa đủ' }).expect(200);
    expect(await status()).to.deep.equal({ status: 'draft', engine_deployment_id: null });
    const after = (await author.get(`/api/admin/procedure-versions/${draftId}`).expect(200)).body.publishRequest;
    expect(after).to.include({ status: 'rejected', reason: 'Căn cứ pháp lý chưa đủ' });
  });

  it('withdraws a request when the draft changes; another administrator approves the next one and the draft is published', async () => {
    await author.post(`/api/admin/procedure-versions/${draftId}/publish`).expect(202);
    await completeCatalogue(author, draftId);
    expect((await author.get(`/api/admin/procedure-versions/${draftId}`).expect(200)).body.publishRequest.status).to.equal('withdrawn');
    expect((await second.post(`/api/admin/procedure-versions/${draftId}/publish-decision`).send({ decision: 'approve' }).expect(404)).body.code).to.equal(
      'publish_request_missing',
    );

    await author.post(`/api/admin/procedure-versions/${draftId}/publish`).expect(202);
    const approved = await second.post(`/api/admin/procedure-versions/${draftId}/publish-decision`).send({ decision: 'approve' }).expect(200);
    expect(approved.body.request.status).to.equal('approved');
    expect(approved.body.version.status).to.equal('published');
    const now = await status();
    expect(now.status).to.equal('published');
    expect(now.engine_deployment_id).to.be.a('string');
    expect((await log()).filter((e) => e.action.startsWith('publish')).map((e) => `${e.action} ${e.actor_name}`)).to.deep.equal([
      'publish_requested Quản Trị Hệ Thống',
      'publish_rejected Quản Trị Thứ Hai',
      'publish_requested Quản Trị Hệ Thống',
      'publish_requested Quản Trị Hệ Thống',
      'published Quản Trị Thứ Hai',
      'publish_approved Quản Trị Thứ Hai',
    ]);
  });

  it('an approval is recorded with the publication or not at all; a version published while its request stayed pending is not published again', async () => {
    const p = platform();
    const other = await readyDraft(author, '9.100063', 'Thủ tục công bố bị ngắt giữa chừng');
    await author.post(`/api/admin/procedure-versions/${other}/publish`).expect(202);
    // the request withdrawn while the approval publishes (its row held until then): nothing is published
    const approver = (await p.services.accounts.findById(second.account.id))!;
    const studio = createStudioService({ db: p.db, procedures: p.services.procedures, publishApproval: true });
    const holder = await p.db.transaction();
    await holder('procedure_publish_requests').where({ version_id: other, status: 'pending' }).forUpdate().first('id');
    const racing = studio.decidePublish(approver, other, 'approve').then(
      () => 'published',
      (e: { code?: string }) => e.code,
    );
    await eventually(async () => {
      const { rows } = await p.db.raw(`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like 'update "procedure_publish_requests"%'`);
      return rows.length > 0;
    }, 'the approval waiting for the request');
    await holder('procedure_publish_requests').where({ version_id: other, status: 'pending' }).update({ status: 'withdrawn' });
    await holder.commit();
    expect(await racing).to.equal('publish_request_decided');
    expect((await p.db('procedure_versions').where({ id: other }).first('status')).status).to.equal('draft');
    // as an approval that stopped between publishing and recording itself left it (before the two were one
    // transaction): the version published, the request still pending
    await author.post(`/api/admin/procedure-versions/${other}/publish`).expect(202);
    const direct = createStudioService({ db: p.db, procedures: p.services.procedures });
    const { version } = (await direct.publish(approver, other)) as { version: { engineDeploymentId: string } };
    const decided = await second.post(`/api/admin/procedure-versions/${other}/publish-decision`).send({ decision: 'approve' }).expect(200);
    expect(decided.body.request.status).to.equal('approved');
    expect(decided.body.version).to.include({ status: 'published', engineDeploymentId: version.engineDeploymentId });
  });
});

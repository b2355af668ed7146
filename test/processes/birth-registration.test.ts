/**
 * Birth registration (1.001193) end to end on the real engine: a citizen submits through the api, officers
 * decide through the api, the workers give the code, the receipt, the signed result and return it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { DOSSIER_CODE_PATTERN } from '@motcua/domain/dossiers/dossier-code.ts';
import { verifyChain } from '@motcua/domain/timeline/timeline.repository.ts';
import { verifyPdf } from '@motcua/domain/signing/pades.ts';
import { vnDate } from '@motcua/domain/time/vietnam-time.ts';
import { binary, eventually, expectInOrder, login, type Session } from '../support/http.ts';
import { claim, decide, dossierView, samplePdf, submit, taskFor, untilStatus } from '../support/dossiers.ts';
import { artifactsDir, platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import { workerTopics } from '@motcua/domain/procedures/worker-topics.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

/** The inbox's item of the dossier's task of this step, once the officer sees it (its dossier part). */
async function inboxItem(officer: Session, dossierId: string, stepKey: string): Promise<{ marks: string[]; applicantName: string | null }> {
  await taskFor(officer, dossierId, stepKey);
  const items = (await officer.get('/api/tasks?limit=200').expect(200)).body.items as {
    stepKey: string;
    dossier: { id: string; marks: string[]; applicantName: string | null } | null;
  }[];
  return items.find((t) => t.dossier?.id === dossierId && t.stepKey === stepKey)!.dossier!;
}

describe('birth registration (1.001193) on the engine', function () {
  let worker: WorkerHandle;
  let citizen: Session;
  let reception: Session;
  let specialist: Session;
  let leader: Session;

  before(async () => {
    worker = startTestWorker();
    [citizen, reception, specialist, leader] = await Promise.all([
      login('congdan'),
      login('tiepnhan.benthanh'),
      login('chuyenvien.benthanh'),
      login('lanhdao.benthanh'),
    ]);
  });
  after(() => worker.stop());

  it('runs a dossier from submission to a signed, returned result, with a complete timeline', async () => {
    // given a citizen's submission
    const submitted = await submit(citizen).expect(201);
    const id = submitted.body.id as string;
    expect(submitted.body.status.code).to.equal(1);
    expect(submitted.body.reference).to.match(/^TN\d{6}-[0-9A-Z]{8}$/);
    expect(submitted.body.attachments).to.have.length(1);
    expect(submitted.body.attachments[0].sha256).to.match(/^[0-9a-f]{64}$/);

    // when the receiving officer accepts it
    await decide(reception, id, 'reception', { decision: 'accept', note: 'Hồ sơ đầy đủ' });
    const received = await untilStatus(citizen, id, 2);

    // then it has a code of the unit and today, a due date and a receipt
    expect(received.code).to.match(DOSSIER_CODE_PATTERN);
    expect(received.code.startsWith(`${platform().demo!.benThanh.agencyCode}-`)).to.equal(true);
    expect(received.code.split('-')[1]).to.equal(vnDate(new Date(received.receivedAt)).slice(2).replace(/-/g, ''));
    expect(received.dueAt).to.be.a('string');
    expect(new Date(received.dueAt).getTime()).to.be.greaterThan(new Date(received.receivedAt).getTime());
    await untilDocument(citizen, id, 'receipt');
    const receipt = await citizen
      .get(`/api/dossiers/${id}/documents/receipt`)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(receipt.headers['content-type']).to.match(/application\/pdf/);
    expect((receipt.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');

    // when the specialist and the leader approve
    await decide(specialist, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện đăng ký khai sinh' });
    expect((await dossierView(citizen, id)).status.code).to.equal(4);
    await decide(leader, id, 'approval', { decision: 'approve', note: 'Đồng ý' });

    // then the result is signed and returned
    const returned = await untilStatus(citizen, id, 10);
    const result = await citizen
      .get(`/api/dossiers/${id}/documents/result`)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    const pdf = result.body as Buffer;
    const check = await verifyPdf(pdf);
    expect(check.valid, 'our verification').to.equal(true);
    expect(check.coversWholeFile).to.equal(true);
    expect(check.subFilter).to.equal('ETSI.CAdES.detached');
    expect(check.name).to.equal('Lê Văn Lãnh');
    expect(check.reason).to.contain(returned.code);
    const file = path.join(artifactsDir, `result-${platform().flavor}.pdf`);
    fs.writeFileSync(file, pdf);
    const pdfsig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(pdfsig, 'pdfsig, independently of our code').to.contain('Signature is Valid.');
    expect(pdfsig).to.contain('Total document signed');
    expect(pdfsig).to.contain('ETSI.CAdES.detached');

    // and the timeline tells the whole story, hash-chained
    const types = returned.timeline.map((e: { type: string }) => e.type);
    expect(types).to.deep.equal([
      'submitted',
      'task_claimed',
      'reception_accept',
      'received',
      'task_claimed',
      'review_approve',
      'task_claimed',
      'approval_approve',
      'result_signed',
      'result_returned',
    ]);
    expect(returned.timeline.map((e: { statusTo: number | null }) => e.statusTo).filter(Boolean)).to.deep.equal([1, 2, 4, 9, 10]);
    expect(returned.timeline.find((e: { type: string }) => e.type === 'approval_approve').actorName).to.equal('Lê Văn Lãnh');
    expect(await verifyChain({ db: platform().db, dossierId: id })).to.equal(undefined);

    // and the engine's process instance ended at "returned"
    const history = await platform().services.engine.historicActivities(returned.timeline[0].data.processInstanceId);
    expect(history.map((a) => a.activityId)).to.include.members([
      'submitted',
      'reception',
      'receive',
      'review',
      'approval',
      'sign',
      'return_result',
      'returned',
    ]);
    // and the engine's own operation log names the officers who acted, not its technical user
    const operations = await platform().services.engine.userOperations(returned.timeline[0].data.processInstanceId);
    const byUser = (type: string) => operations.filter((o) => o.operationType === type).map((o) => o.userId);
    expect(byUser('Claim')).to.include.members([reception.account.id, specialist.account.id, leader.account.id]);
    expect(byUser('Complete')).to.include.members([reception.account.id, specialist.account.id, leader.account.id]);
    expect(byUser('Create'), 'the citizen started the process').to.include(citizen.account.id);
    const notifications = await citizen.get('/api/notifications').expect(200);
    expect(notifications.body.items.map((n: { kind: string; dossierId: string }) => `${n.kind}:${n.dossierId === id}`)).to.include.members([
      'received:true',
      'result_ready:true',
    ]);
  });

  it("carries the request id of an officer's decision into the engine's history (with the operation) and into the log of the worker that follows", async () => {
    const id = (await submit(citizen).expect(201)).body.id as string;
    const taskId = await claim(reception, id, 'reception');
    const requestId = `trace-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const res = await reception.post(`/api/tasks/${taskId}/complete`).set('x-request-id', requestId).send({ decision: 'accept' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.headers['x-request-id']).to.equal(requestId);
    const pid = (await untilStatus(citizen, id, 2)).timeline[0].data.processInstanceId as string;
    const engine = platform().services.engine;
    const updates = await engine.historicVariableUpdates(pid, 'motcuaRequestId');
    const update = updates.find((u) => u.value === requestId);
    expect(update, JSON.stringify(updates)).to.not.equal(undefined);
    const completion = (await engine.userOperations(pid)).find((o) => o.operationType === 'Complete' && o.taskId === taskId);
    expect(completion?.operationId, 'the same operation as the completion in the operation log').to.equal(update!.userOperationId);
    // the reception worker that gave the code logged under the same request id
    const logFile = path.join(artifactsDir, 'logs', `services-${platform().flavor}.log`);
    await eventually(
      async () =>
        fs
          .readFileSync(logFile, 'utf8')
          .split('\n')
          .some((l) => l.includes(`"requestId":"${requestId}"`) && l.includes('"topic":"reception"')),
      "the reception worker's log line with the request id",
    );
  });

  it('asks for a supplement once, in writing, and receives the dossier after the citizen supplies it', async () => {
    const id = (await submit(citizen).expect(201)).body.id as string;
    await decide(reception, id, 'reception', { decision: 'supplement', missingItems: 'Bản chụp giấy chứng sinh rõ nét\nSố định danh của người cha' });
    const waiting = await untilStatus(citizen, id, 5);
    expect(waiting.supplementRequest.items).to.deep.equal(['Bản chụp giấy chứng sinh rõ nét', 'Số định danh của người cha']);
    expect(waiting.supplementRequest.requestedBy.name).to.equal('Nguyễn Thị Tiếp Nhận');

    // the citizen supplies a new scan
    const res = await citizen
      .post(`/api/dossiers/${id}/supplement`)
      .attach('birthCertificate', samplePdf('ban chup ro net'), { filename: 'gcs-ro-net.pdf', contentType: 'application/pdf' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.status.code).to.equal(1);
    expect(res.body.supplementRequest).to.equal(null);
    expect(res.body.attachments.map((a: { round: number }) => a.round)).to.deep.equal([0, 1]);

    // back at reception, marked as supplemented in the inbox, with its applicant; accepted this time
    expect(await inboxItem(reception, id, 'reception')).to.deep.include({ marks: ['supplemented'], applicantName: citizen.account.fullName });
    await decide(reception, id, 'reception', { decision: 'accept' });
    const received = await untilStatus(citizen, id, 2);
    expect(received.code).to.match(DOSSIER_CODE_PATTERN);
    const types = received.timeline.map((e: { type: string }) => e.type);
    expectInOrder(types, ['submitted', 'reception_supplement', 'supplement_provided', 'reception_accept', 'received']);
    const notes = (await citizen.get('/api/notifications').expect(200)).body.items.filter((n: { dossierId: string }) => n.dossierId === id);
    expect(notes.map((n: { kind: string }) => n.kind)).to.include('supplement_requested');
  });

  it('refuses a dossier with reasons and ends its process', async () => {
    const id = (await submit(citizen).expect(201)).body.id as string;
    await decide(reception, id, 'reception', { decision: 'refuse', refusalReasons: 'Trẻ đã được đăng ký khai sinh tại nơi khác' });
    const refused = await untilStatus(citizen, id, 3);
    expect(refused.code).to.equal(null);
    expect(refused.refusal.reasons).to.equal('Trẻ đã được đăng ký khai sinh tại nơi khác');
    const pid = refused.timeline[0].data.processInstanceId as string;
    const ended = await eventuallyEnded(pid);
    expect(ended).to.equal('COMPLETED');
    const history = await platform().services.engine.historicActivities(pid);
    expect(history.map((a) => a.activityId)).to.include('refused');
  });

  it('lets the leader send back to the specialist and the specialist send back to the one-stop desk', async () => {
    const id = (await submit(citizen).expect(201)).body.id as string;
    await decide(reception, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen, id, 2);
    await decide(specialist, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    await decide(leader, id, 'approval', { decision: 'sendBack', note: 'Kiểm tra lại nơi sinh' });
    // back with the specialist, marked as returned in the inbox (and not as supplemented)
    expect((await inboxItem(specialist, id, 'review')).marks).to.deep.equal(['returned']);
    await decide(specialist, id, 'review', { decision: 'sendBack', opinion: 'Cần công dân bổ sung' });
    await decide(reception, id, 'reception', { decision: 'supplement', missingItems: 'Xác nhận nơi sinh' });
    const d = await untilStatus(citizen, id, 5);
    const types = d.timeline.map((e: { type: string }) => e.type);
    expectInOrder(types, ['received', 'review_approve', 'approval_sendBack', 'review_sendBack', 'reception_supplement']);
    // one code for the life of the dossier
    expect(d.code).to.match(DOSSIER_CODE_PATTERN);
  });
});

describe('a supplement supplied before its notice is out', function () {
  let worker: WorkerHandle;
  before(() => {
    // no one sends notices: the notice of the supplement request stays pending for the whole test
    worker = startTestWorker({ only: Object.keys(workerTopics).filter((t) => t !== 'notify') });
  });
  after(() => worker.stop());

  it('is taken at once: the process waits for it from the moment the desk asks', async () => {
    const [citizen, reception] = await Promise.all([login('congdan'), login('tiepnhan.benthanh')]);
    const id = (await submit(citizen).expect(201)).body.id as string;
    await decide(reception, id, 'reception', { decision: 'supplement', missingItems: 'Bản chụp giấy chứng sinh rõ nét' });
    const waiting = await dossierView(citizen, id);
    expect(waiting.status.code).to.equal(5);
    const pid = waiting.timeline[0].data.processInstanceId as string;
    const pending = await platform().services.engine.historicActivities(pid);
    expect(pending.filter((a) => !a.endTime).map((a) => a.activityId)).to.include.members(['notify_supplement', 'supplement_wait']);
    const res = await citizen
      .post(`/api/dossiers/${id}/supplement`)
      .attach('birthCertificate', samplePdf('ban chup ro net'), { filename: 'gcs.pdf', contentType: 'application/pdf' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    // back at reception, while the notice is still to be sent
    await eventually(
      async () => (await platform().services.engine.queryTasks({ processInstanceId: pid, taskDefinitionKey: 'reception' })).length === 1,
      'the reception task again',
    );
  });
});

async function untilDocument(session: Session, id: string, kind: string) {
  return eventually(async () => ((await dossierView(session, id)).documents as { kind: string }[]).some((d) => d.kind === kind), `${kind} of ${id}`);
}

async function eventuallyEnded(pid: string): Promise<string> {
  return eventually(async () => {
    const h = await platform().services.engine.historicProcessInstance(pid);
    return h.state === 'ACTIVE' ? undefined : h.state;
  }, `process ${pid} to end`);
}

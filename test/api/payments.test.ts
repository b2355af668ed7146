/**
 * Fees and payment (issue 15 §1): the fee computed before submission; a dossier of a procedure that charges
 * before handling waits in status 6 (clock paused) until paid; the gateway's notification (VNPAY 2.1.0, sent
 * by the gateway's own HTTP server) is the only proof of payment, and a forged or replayed one changes
 * nothing; the receiving officer confirms an exemption or records a counter payment with its receipt; a
 * withdrawn dossier's paid fee is marked for refund.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { api, binary, eventually, login, type Session } from '../support/http.ts';
import { benThanh, buildBirthRegistration, decide, samplePdf, submit, taskFor, untilStatus } from '../support/dossiers.ts';
import { publishTemplateProcedure } from '../support/procedures.ts';
import { standardSteps } from '@motcua/domain/procedures/one-stop-template.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const EXTRACT = '2.000635';
const extract = (copies: number, fullName = 'Võ Thị Phí') => ({
  applicant: { fullName, idNumber: '079190004321', phone: '0987654321', email: 'phi@example.vn' },
  extract: { kind: 'khai_sinh', subjectName: 'Võ Văn Lệ', registeredAt: 'UBND phường Bến Thành', copies },
  declaration: true,
});

describe('fees and payment', function () {
  this.timeout(120_000);
  let worker: WorkerHandle;
  let citizen: Session;
  let desk: Session;
  let specialist: Session;
  let server: http.Server;
  let ipnBefore: string | undefined;

  before(async () => {
    worker = startTestWorker();
    [citizen, desk, specialist] = await Promise.all([login('congdan'), login('tiepnhan.benthanh'), login('chuyenvien.benthanh')]);
    // the gateway notifies the api over HTTP, server to server
    server = http.createServer(api());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    ipnBefore = platform().vnpay.ipnUrl;
    platform().vnpay.ipnUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/payments/vnpay/ipn`;
  });
  after(async () => {
    platform().vnpay.ipnUrl = ipnBefore;
    platform().vnpay.holdNotifications = false;
    await new Promise<void>((r) => server.close(() => r()));
    await worker.stop();
  });

  it('waits for a fee charged before the result after the approval, and signs and returns once it is paid', async () => {
    const code = 'TTPHI.000015';
    await publishTemplateProcedure({
      code,
      name: 'Thủ tục thử thu phí trước khi trả kết quả',
      handling: [standardSteps.review, standardSteps.approval],
      catalogue: {
        feeSchedule: { payAt: 'before_return', items: [{ code: 'le_phi', name: 'Lệ phí cấp giấy', amount: 40_000, per: 'dossier' }], exemptions: [] },
      },
    });
    const leader = await login('lanhdao.benthanh');
    const id = (await submit(citizen, { procedureCode: code, unitId: benThanh(), data: buildBirthRegistration() }).expect(201)).body.id as string;
    await decide(desk, id, 'reception', { decision: 'accept' });
    // no fee before handling: straight on to the review
    await decide(specialist, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    await decide(leader, id, 'approval', { decision: 'approve', note: 'Đồng ý' });
    await untilStatus(citizen, id, 6);
    const d = await platform().db('dossiers').where({ id }).first('process_instance_id');
    const waiting = await platform().services.engine.historicActivities(d.process_instance_id);
    expect(waiting.some((a) => a.activityId === 'payment_before_return_paid' && !a.endTime)).to.equal(true);
    expect(waiting.some((a) => a.activityId === 'sign')).to.equal(false);
    await desk.post(`/api/workspace/dossiers/${id}/payment/counter`).send({ amount: 40_000 }).expect(200);
    await untilStatus(citizen, id, 10);
  });

  /** A civil-status extract of this many copies, received: it then waits for its fee. */
  async function awaitingPayment(copies: number): Promise<string> {
    const res = await submit(citizen, {
      procedureCode: EXTRACT,
      unitId: benThanh(),
      data: extract(copies),
      files: [{ field: 'documents', name: 'to-khai.pdf', content: samplePdf('To khai') }],
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const id = res.body.id as string;
    const taskId = await taskFor(desk, id, 'reception');
    await desk.post(`/api/tasks/${taskId}/claim`).expect(204);
    await desk.post(`/api/tasks/${taskId}/complete`).send({ decision: 'accept' }).expect(200);
    await untilStatus(citizen, id, 6);
    return id;
  }

  async function waitingForPayment(id: string): Promise<boolean> {
    const d = await platform().db('dossiers').where({ id }).first('process_instance_id');
    const activities = await platform().services.engine.historicActivities(d.process_instance_id);
    return activities.some((a) => a.activityId === 'payment_before_handling_paid' && !a.endTime);
  }

  async function startPayment(id: string): Promise<string> {
    const res = await citizen.post(`/api/dossiers/${id}/payment/online`).send({ locale: 'vi' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.redirectUrl as string;
  }

  it('shows the fee before submission: per copy, from the application data; none for a free procedure', async () => {
    const res = await citizen
      .post(`/api/procedures/${EXTRACT}/fee-quote`)
      .send({ data: extract(3) })
      .expect(200);
    expect(res.body.quote.total).to.equal(24_000);
    expect(res.body.quote.payAt).to.equal('before_handling');
    expect(res.body.quote.lines).to.deep.equal([
      { code: 'phi_ban_sao', name: 'Phí cấp bản sao trích lục hộ tịch', unitAmount: 8000, quantity: 3, amount: 24_000 },
    ]);
    expect(res.body.quote.exemptions.map((e: { code: string }) => e.code)).to.include('ho_ngheo');
    const free = await citizen.post('/api/procedures/1.001193/fee-quote').send({ data: {} }).expect(200);
    expect(free.body.quote).to.equal(null);
    const bad = await citizen.post(`/api/procedures/${EXTRACT}/fee-quote`).send({ data: 'x' }).expect(400);
    expect(bad.headers['content-type']).to.match(/problem\+json/);
  });

  it('keeps a dossier whose payment never arrives in status 6, its clock paused, the applicant told', async () => {
    const id = await awaitingPayment(2);
    const row = await platform().db('dossiers').where({ id }).first('status', 'clock_paused_at');
    expect(row.status).to.equal(6);
    expect(row.clock_paused_at).to.be.instanceOf(Date);
    const notes = await citizen.get('/api/notifications?limit=200').expect(200);
    const due = notes.body.items.filter((n: { kind: string; dossierId: string }) => n.kind === 'payment_due' && n.dossierId === id);
    expect(due).to.have.length(1);
    const view = await citizen.get(`/api/dossiers/${id}/payment`).expect(200);
    expect(view.body.payment).to.include({ status: 'due', amount: 16_000, stage: 'before_handling' });
    expect(view.body.canPayOnline).to.equal(true);

    // the payer pays at the gateway, comes back, but the gateway's notification never comes
    platform().vnpay.holdNotifications = true;
    try {
      const paid = await platform().vnpay.pay(await startPayment(id));
      const back = await citizen.get(`/api/payments/vnpay/return?${new URL(paid.returnUrl).searchParams}`).expect(200);
      expect(back.body).to.include({ dossierId: id, succeeded: true, recorded: 'pending', paymentStatus: 'due' });
    } finally {
      platform().vnpay.holdNotifications = false;
    }
    await new Promise((r) => setTimeout(r, 1500));
    expect((await platform().db('dossiers').where({ id }).first('status')).status).to.equal(6);
    expect(await waitingForPayment(id)).to.equal(true);
  });

  it('changes nothing on a forged or replayed notification (bad hash, wrong amount, unknown reference, repeated); the genuine one pays and the dossier goes on', async () => {
    const id = await awaitingPayment(1);
    const gw = platform().vnpay;
    const params = gw.accept(await startPayment(id));
    const genuine = gw.result(params.vnp_TxnRef!, 'paid');

    const badHash = await gw.notify({ ...genuine, vnp_SecureHash: genuine.vnp_SecureHash!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) });
    expect(badHash.answer).to.deep.equal({ RspCode: '97', Message: 'Invalid signature' });
    const tampered = await gw.notify({ ...genuine, vnp_Amount: '100' });
    expect(tampered.answer?.RspCode, 'a changed amount breaks the signature').to.equal('97');
    const wrongAmount = await gw.notify(gw.sign({ ...genuine, vnp_Amount: '100' }));
    expect(wrongAmount.answer?.RspCode).to.equal('04');
    const unknown = await gw.notify(gw.sign({ ...genuine, vnp_TxnRef: 'KHONGCO12345' }));
    expect(unknown.answer?.RspCode).to.equal('01');
    const unsigned = await gw.notify({ vnp_TxnRef: params.vnp_TxnRef!, vnp_ResponseCode: '00' });
    expect(unsigned.answer?.RspCode).to.equal('97');
    expect((await platform().db('dossiers').where({ id }).first('status')).status).to.equal(6);
    expect((await citizen.get(`/api/dossiers/${id}/payment`).expect(200)).body.payment.status).to.equal('due');

    const ok = await gw.notify(genuine);
    expect(ok.answer).to.deep.equal({ RspCode: '00', Message: 'Confirm Success' });
    const again = await gw.notify(genuine);
    expect(again.answer).to.deep.equal({ RspCode: '02', Message: 'Order already confirmed' });

    const view = (await citizen.get(`/api/dossiers/${id}/payment`).expect(200)).body;
    expect(view.payment).to.include({ status: 'paid', method: 'online', amount: 8000 });
    expect(view.payment.receiptNo).to.match(/^BL\d{4}-\d{6}$/);
    expect(view.payment.gatewayTransactionNo).to.equal(genuine.vnp_TransactionNo);
    // the process goes on: handling begins with the specialist's review
    await taskFor(specialist, id, 'review');
    const d = await untilStatus(citizen, id, 4);
    expect(d.timeline.filter((e: { type: string }) => e.type === 'payment_received')).to.have.length(1);
    const row = await platform().db('dossiers').where({ id }).first('clock_paused_at', 'paused_working_minutes');
    expect(row.clock_paused_at).to.equal(null);
    const logged = await platform().db('payment_notifications').where({ txn_ref: params.vnp_TxnRef }).orderBy('id').pluck('answer_code');
    expect(logged).to.deep.equal(['97', '97', '04', '97', '00', '02']);
  });

  it('lets the receiving officer confirm an exemption: nothing owed, the dossier goes on', async () => {
    const id = await awaitingPayment(2);
    const forbidden = await citizen.post(`/api/workspace/dossiers/${id}/payment/exemption`).send({ exemption: 'ho_ngheo' });
    expect(forbidden.status).to.equal(403);
    const unknown = await desk.post(`/api/workspace/dossiers/${id}/payment/exemption`).send({ exemption: 'khong_co' }).expect(400);
    expect(unknown.body.code).to.equal('exemption_unknown');
    const res = await desk
      .post(`/api/workspace/dossiers/${id}/payment/exemption`)
      .send({ exemption: 'ho_ngheo', note: 'Đã xem Giấy chứng nhận hộ nghèo số 123/GCN' })
      .expect(200);
    expect(res.body.payment).to.include({ status: 'exempted', amount: 0, grossAmount: 16_000 });
    expect(res.body.payment.exemption).to.include({ code: 'ho_ngheo', evidence: 'Giấy chứng nhận hộ nghèo còn hiệu lực' });
    await taskFor(specialist, id, 'review');
    await untilStatus(citizen, id, 4);
    // settled: paying now is refused
    const late = await citizen.post(`/api/dossiers/${id}/payment/online`).send({});
    expect(late.status).to.equal(409);
  });

  it('takes a fee at the counter ahead of reception, lets the gate pass, and marks it for refund when the dossier is refused', async () => {
    const res = await submit(citizen, {
      procedureCode: EXTRACT,
      unitId: benThanh(),
      data: extract(1),
      files: [{ field: 'documents', name: 'to-khai.pdf', content: samplePdf('To khai') }],
    }).expect(201);
    const id = res.body.id as string;
    const paid = await desk.post(`/api/workspace/dossiers/${id}/payment/counter`).send({ amount: 8000 }).expect(200);
    expect(paid.body.payment).to.include({ status: 'paid', stage: 'before_handling' });
    await decide(desk, id, 'reception', { decision: 'refuse', refusalReasons: 'Không thuộc thẩm quyền giải quyết' });
    await untilStatus(citizen, id, 3);
    const v = (await citizen.get(`/api/dossiers/${id}/payment`).expect(200)).body;
    expect(v.payment).to.include({ status: 'refund_due', refundReason: 'refused' });
  });

  it('records a counter payment of exactly the amount owed, with its receipt; a withdrawn dossier’s fee is marked for refund', async () => {
    const id = await awaitingPayment(3);
    const wrong = await desk.post(`/api/workspace/dossiers/${id}/payment/counter`).send({ amount: 20_000 }).expect(400);
    expect(wrong.body.code).to.equal('payment_amount_wrong');
    const res = await desk.post(`/api/workspace/dossiers/${id}/payment/counter`).send({ amount: 24_000 }).expect(200);
    expect(res.body.payment).to.include({ status: 'paid', method: 'counter', amount: 24_000 });
    const twice = await desk.post(`/api/workspace/dossiers/${id}/payment/counter`).send({ amount: 24_000 }).expect(409);
    expect(twice.body.code).to.equal('payment_not_due');
    await untilStatus(citizen, id, 4);

    const pdf = await citizen
      .get(`/api/dossiers/${id}/payment/receipt`)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    const file = path.join(os.tmpdir(), `bien-lai-${id}.pdf`);
    fs.writeFileSync(file, pdf.body as Buffer);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    fs.rmSync(file);
    expect(text).to.contain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).to.contain(res.body.payment.receiptNo);
    expect(text).to.contain('24.000 đ');
    expect(text).to.contain('Tiền mặt');

    await citizen.post(`/api/dossiers/${id}/withdraw`).send({ reason: 'Không cần nữa' }).expect(200);
    const after = await eventually(async () => {
      const v = (await citizen.get(`/api/dossiers/${id}/payment`).expect(200)).body;
      return v.payment.status === 'refund_due' ? v : undefined;
    }, 'the fee marked for refund');
    expect(after.payment.refundReason).to.equal('withdrawn');
  });
});

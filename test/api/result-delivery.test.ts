/**
 * The result returned by the channel its applicant chose (issue 15 §2), on the real engine: by post through
 * a postal service (a simulator speaking its API) that returns the parcel and then delivers it, at the
 * counter with the handover slip, online as before; and forms 02 and 03 issued as signed PDFs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { verifyPdf } from '@motcua/domain/signing/pades.ts';
import { binary, eventually, login, type Session } from '../support/http.ts';
import { decide, dossierView, fileAtCounter, submit, untilStatus } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const address = { recipientName: 'Trần Thị Bình', phone: '0912345678', street: '12 Lê Lợi', ward: 'Phường Bến Thành', province: 'Thành phố Hồ Chí Minh' };
const randomId = () => `0${Array.from({ length: 11 }, () => Math.floor(Math.random() * 10)).join('')}`;

async function documentOf(session: Session, id: string, kind: string): Promise<Buffer> {
  return eventually(async () => {
    const res = await session
      .get(`/api/dossiers/${id}/documents/${kind}`)
      .buffer(true)
      .parse(binary as never);
    return res.status === 200 ? (res.body as Buffer) : undefined;
  }, `the ${kind} of ${id}`);
}

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-')), 'doc.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

async function untilDelivery(session: Session, id: string, state: string) {
  return eventually(
    async () => {
      const d = await dossierView(session, id);
      return d.delivery.state === state ? d : undefined;
    },
    `the result of ${id} ${state}`,
    60_000,
  );
}

const types = (d: { timeline: { type: string }[] }) => d.timeline.map((e) => e.type);

describe('result return by its channel', function () {
  let worker: WorkerHandle;
  let citizen: Session;
  let desk: Session;
  let specialist: Session;
  let leader: Session;

  before(async () => {
    worker = startTestWorker();
    [citizen, desk, specialist, leader] = await Promise.all([
      login('congdan'),
      login('tiepnhan.benthanh'),
      login('chuyenvien.benthanh'),
      login('lanhdao.benthanh'),
    ]);
  });
  after(() => worker.stop());

  async function decideAll(id: string) {
    await decide(desk, id, 'reception', { decision: 'accept', note: 'Hồ sơ đầy đủ' });
    await untilStatus(citizen, id, 2);
    await decide(specialist, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    await decide(leader, id, 'approval', { decision: 'approve', note: 'Đồng ý' });
  }

  it('refuses a choice of post without a valid address, naming the fields', async () => {
    const none = await submit(citizen, { resultDelivery: { channel: 'post' } });
    expect(none.status).to.equal(400);
    expect(none.body.code).to.equal('postal_address_missing');
    expect(none.body.errors[0].field).to.equal('resultDelivery.address');
    const badPhone = await submit(citizen, { resultDelivery: { channel: 'post', address: { ...address, phone: '12345' } } });
    expect(badPhone.status).to.equal(400);
    expect(badPhone.body.errors.map((f: { field: string }) => f.field)).to.deep.equal(['resultDelivery.address.phone']);
    expect(badPhone.body.errors[0].message.vi).to.contain('Số điện thoại người nhận');
    const unknown = await submit(citizen, { resultDelivery: { channel: 'drone' } });
    expect(unknown.status).to.equal(400);
    expect(unknown.body.errors[0].field).to.equal('resultDelivery.channel');
  });

  it('posts the result: a parcel returned to sender leaves the dossier decided with the desk’s next steps; posted again and delivered, it is returned (10)', async () => {
    // given a citizen who chose post at submission
    const submitted = await submit(citizen, { resultDelivery: { channel: 'post', address } }).expect(201);
    const id = submitted.body.id as string;
    expect(submitted.body.delivery).to.deep.include({ channel: 'post', state: 'chosen', address });
    await decideAll(id);

    // when the result is signed: it is decided (9), and a consignment goes to the postal service
    const posted = await untilDelivery(citizen, id, 'in_transit');
    expect(posted.status.code).to.equal(9);
    expect(posted.returnedAt).to.equal(null);
    const parcel = platform().postal.byReference(posted.code)!;
    expect(parcel.receiver).to.deep.equal(address);
    expect(posted.delivery.trackingNumber).to.equal(parcel.trackingNumber);
    expect(types(posted)).to.include.members(['result_signed', 'result_posting', 'result_posted']);

    // when the postal service brings it back undelivered
    platform().postal.advance(parcel.trackingNumber, 'in_transit');
    await platform().services.delivery.trackConsignments();
    platform().postal.advance(parcel.trackingNumber, 'returned', 'Người nhận vắng nhà');
    await platform().services.delivery.trackConsignments();
    await platform().services.delivery.trackConsignments();

    // then the dossier shows it, is not returned, and the desk may hold it or post it again
    const back = await dossierView(citizen, id);
    expect(back.status.code).to.equal(9);
    expect(back.returnedAt).to.equal(null);
    expect(back.delivery).to.deep.include({ state: 'returned_to_sender', postalStatus: 'returned', actions: ['hold_at_counter', 'post_again'] });
    expect(back.delivery.stateName.vi).to.contain('chuyển hoàn');
    expect(types(back).filter((t) => t === 'result_returned_to_sender')).to.have.length(1);
    expect(back.timeline.find((e: { type: string }) => e.type === 'result_returned_to_sender').data.note).to.equal('Người nhận vắng nhà');
    // the worker tells of the posting after it records it: both told, soon
    await eventually(async () => {
      const notes = await citizen.get('/api/notifications?limit=100').expect(200);
      const kinds = (notes.body.items as { kind: string; dossierId: string }[]).filter((n) => n.dossierId === id).map((n) => n.kind);
      return ['result_posted', 'result_returned_to_sender'].every((k) => kinds.includes(k));
    }, 'the citizen told of the posting and of the parcel back');

    // only the receiving unit's desk acts on it
    expect((await citizen.post(`/api/dossiers/${id}/delivery/post-again`).send({})).status).to.equal(403);
    expect((await specialist.post(`/api/dossiers/${id}/delivery/post-again`).send({})).status).to.equal(403);
    const badAddress = await desk.post(`/api/dossiers/${id}/delivery/post-again`).send({ address: { ...address, ward: '' } });
    expect(badAddress.status).to.equal(400);

    // when the desk posts it again to a corrected address, and the postal service delivers it
    const corrected = { ...address, street: '14 Lê Lợi' };
    const again = await desk.post(`/api/dossiers/${id}/delivery/post-again`).send({ address: corrected });
    expect(again.status, JSON.stringify(again.body)).to.equal(200);
    expect(again.body.delivery).to.deep.include({ state: 'in_transit', attempt: 2, address: corrected });
    const second = platform().postal.byReference(posted.code)!;
    expect(second.trackingNumber).to.not.equal(parcel.trackingNumber);
    expect(second.receiver.street).to.equal('14 Lê Lợi');
    expect((await desk.post(`/api/dossiers/${id}/delivery/post-again`).send({})).status, 'not back any more').to.equal(409);
    platform().postal.advance(second.trackingNumber, 'delivered');
    await platform().services.delivery.trackConsignments();
    await platform().services.delivery.trackConsignments();

    // then it is returned (10) once, at the moment the postal service delivered it
    const done = await dossierView(citizen, id);
    expect(done.status.code).to.equal(10);
    expect(done.delivery).to.deep.include({ state: 'delivered', actions: [] });
    expect(new Date(done.returnedAt).getTime()).to.be.at.least(new Date(done.decidedAt).getTime());
    const delivered = done.timeline.filter((e: { type: string }) => e.type === 'result_delivered');
    expect(delivered).to.have.length(1);
    expect(delivered[0]).to.deep.include({ statusFrom: 9, statusTo: 10 });
    expect(done.timeline.map((e: { statusTo: number | null }) => e.statusTo).filter(Boolean)).to.deep.equal([1, 2, 4, 9, 10]);
  });

  it('posts one parcel when the postal service fails and the worker retries', async () => {
    const id = (await submit(citizen, { resultDelivery: { channel: 'post', address } }).expect(201)).body.id as string;
    await decide(desk, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen, id, 2);
    await decide(specialist, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    platform().postal.failNext(2);
    await decide(leader, id, 'approval', { decision: 'approve' });
    const posted = await untilDelivery(citizen, id, 'in_transit');
    expect(
      platform()
        .postal.consignments()
        .filter((c) => c.reference === posted.code),
    ).to.have.length(1);
    expect(types(posted).filter((t) => t === 'result_posted')).to.have.length(1);
  });

  it('hands a walk-in’s result over at the counter to an authorised person, with the slip to sign (10)', async () => {
    // given a walk-in whose result waits at the desk (the counter's default)
    const filed = await fileAtCounter(desk, { fullName: 'Phan Văn Quầy', idNumber: randomId() });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    const id = filed.body.id as string;
    expect(filed.body.delivery.channel).to.equal('counter');
    await untilStatus(desk, id, 2);
    const receipt = pdfText(await documentOf(desk, id, 'receipt')).replace(/\s+/g, ' ');
    expect(receipt).to.contain('Nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả');
    // the scanned paper named as the paper it is, its file beside it
    expect(receipt).to.match(/\d\) [^)]*Giấy chứng sinh \(bản quét: ban-quet\.pdf\)/);
    await decide(specialist, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    await decide(leader, id, 'approval', { decision: 'approve' });
    const waiting = await untilDelivery(desk, id, 'awaiting_collection');
    expect(waiting.status.code).to.equal(9);
    expect(waiting.delivery.actions).to.deep.equal(['hand_over']);
    expect(types(waiting)).to.include('result_ready_for_collection');

    // an authorised person needs the paper; only the desk hands over
    const noPaper = await desk
      .post(`/api/dossiers/${id}/handover`)
      .send({ recipient: { kind: 'authorised', fullName: 'Phan Thị Được', idNumber: '079201000123' } });
    expect(noPaper.status).to.equal(400);
    expect(noPaper.body.errors[0].field).to.equal('recipient.authorisation');
    const badId = await desk.post(`/api/dossiers/${id}/handover`).send({ recipient: { kind: 'applicant', fullName: 'Phan Văn Quầy', idNumber: '123' } });
    expect(badId.status).to.equal(400);
    expect(badId.body.errors[0].message.vi).to.contain('Số định danh cá nhân của người nhận');
    expect(
      (await specialist.post(`/api/dossiers/${id}/handover`).send({ recipient: { kind: 'applicant', fullName: 'X Y', idNumber: '079201000123' } })).status,
    ).to.equal(403);

    const notScan = await desk
      .post(`/api/dossiers/${id}/handover`)
      .field(
        'recipient',
        JSON.stringify({ kind: 'authorised', fullName: 'Phan Thị Được', idNumber: '079201000123', authorisation: 'Giấy ủy quyền số 15/2026' }),
      )
      .attach('authorisationFile', Buffer.from('not a scan'), { filename: 'uy-quyen.txt', contentType: 'text/plain' });
    expect(notScan.status).to.equal(400);
    expect(notScan.body.code).to.equal('authorisation_file_invalid');
    expect((await dossierView(desk, id)).status.code, 'nothing handed over yet').to.equal(9);

    // when the desk hands it to the authorised person, with the scan of the authorisation
    const res = await desk
      .post(`/api/dossiers/${id}/handover`)
      .field(
        'recipient',
        JSON.stringify({
          kind: 'authorised',
          fullName: 'Phan Thị Được',
          idNumber: '079201000123',
          authorisation: 'Giấy ủy quyền số 15/2026, chứng thực ngày 20/11/2026',
        }),
      )
      .attach('authorisationFile', Buffer.from('%PDF-1.4\n% giay uy quyen\n'), { filename: 'uy-quyen.pdf', contentType: 'application/pdf' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);

    // then it is returned (10), the timeline names who took it, and the slip is printed from the dossier
    expect(res.body.status.code).to.equal(10);
    expect(res.body.delivery).to.deep.include({ state: 'handed_over', actions: [] });
    expect(res.body.delivery.recipient).to.deep.equal({
      kind: 'authorised',
      fullName: 'Phan Thị Được',
      authorisation: 'Giấy ủy quyền số 15/2026, chứng thực ngày 20/11/2026',
    });
    const handed = res.body.timeline.find((e: { type: string }) => e.type === 'result_handed_over');
    expect(handed).to.deep.include({ statusFrom: 9, statusTo: 10, actorName: desk.account.fullName });
    const slip = pdfText(await documentOf(desk, id, 'handover_slip'));
    for (const text of [
      'PHIẾU BÀN GIAO KẾT QUẢ GIẢI QUYẾT HỒ SƠ',
      `Mã hồ sơ: ${res.body.code}`,
      'Người nộp hồ sơ: Phan Văn Quầy',
      'Họ và tên: Phan Thị Được',
      'Số định danh cá nhân: 079201000123',
      'Tư cách nhận: Người được ủy quyền',
      'Giấy ủy quyền: Giấy ủy quyền số 15/2026, chứng thực ngày 20/11/2026',
      'NGƯỜI NHẬN KẾT QUẢ',
      '(Ký, ghi rõ họ tên)',
      desk.account.fullName,
    ])
      expect(slip).to.contain(text);
    expect(slip).to.match(/ngày \d{2} tháng \d{2} năm \d{4}/);

    // a second handover is refused
    const twice = await desk
      .post(`/api/dossiers/${id}/handover`)
      .send({ recipient: { kind: 'applicant', fullName: 'Phan Văn Quầy', idNumber: '079201000124' } });
    expect(twice.status).to.equal(409);
  });

  it('returns an online result into the account at once (10), as before', async () => {
    const id = (await submit(citizen).expect(201)).body.id as string;
    await decideAll(id);
    const done = await untilStatus(citizen, id, 10, 60_000);
    expect(done.delivery).to.deep.include({ channel: 'online', state: 'published' });
    expect(done.timeline.find((e: { type: string }) => e.type === 'result_returned').data.channel).to.equal('online');
  });

  it('issues the request to supplement (form 02) and the refusal (form 03) as signed PDFs in the dossier', async () => {
    const first = (await submit(citizen).expect(201)).body.id as string;
    await decide(desk, first, 'reception', { decision: 'supplement', missingItems: 'Bản chụp giấy chứng sinh rõ nét\nSố định danh của người cha' });
    const form02 = await documentOf(citizen, first, 'supplement_request');
    expect((await verifyPdf(form02)).valid).to.equal(true);
    const text02 = pdfText(form02);
    for (const t of ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', '1. Bản chụp giấy chứng sinh rõ nét', '2. Số định danh của người cha', 'Kính gửi: Ông/Bà'])
      expect(text02).to.contain(t);
    expect(text02).to.match(/ngày \d{2} tháng \d{2} năm \d{4}/);
    const view = await dossierView(citizen, first);
    expect(view.documents.filter((d: { kind: string }) => d.kind === 'supplement_request')).to.have.length(1);

    const second = (await submit(citizen).expect(201)).body.id as string;
    await decide(desk, second, 'reception', { decision: 'refuse', refusalReasons: 'Trẻ đã được đăng ký khai sinh tại nơi khác' });
    const form03 = await documentOf(citizen, second, 'refusal');
    expect((await verifyPdf(form03)).valid).to.equal(true);
    const text03 = pdfText(form03);
    expect(text03).to.contain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(text03).to.contain('Trẻ đã được đăng ký khai sinh tại nơi khác');
    // (the notification follows the form: once it is there, the form was there first)
    await eventually(async () => {
      const notes = await citizen.get('/api/notifications?limit=100').expect(200);
      return (notes.body.items as { kind: string; dossierId: string }[]).some((n) => n.dossierId === second && n.kind === 'refused');
    }, 'the refusal notification');
    expect((await dossierView(citizen, second)).documents.filter((d: { kind: string }) => d.kind === 'refusal')).to.have.length(1);
  });
});

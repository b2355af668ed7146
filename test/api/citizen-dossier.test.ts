/**
 * The citizen's dossier through the api (issue 16): the officer's supplement deadline (working days or a date,
 * at most 90 days), the papers uploaded into their slots, "supplemented n times" for both sides, one SLA label in
 * the list and the view, the milestones without officers' opinions and notes, and notifications marked read at once.
 */
import { expect } from 'chai';
import { eventually, login, type Session } from '../support/http.ts';
import { claim, decide, dossierView, samplePdf, submit, untilStatus } from '../support/dossiers.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const NOTE = 'Ghi chú nội bộ của cán bộ';

describe('the citizen’s dossier, its supplement and notifications (api)', function () {
  let worker: WorkerHandle;
  let citizen: Session;
  let desk: Session;
  /** the dossiers whose supplement requests the citizen is told of (by the worker, after the decision) */
  const asked: string[] = [];
  before(async () => {
    worker = startTestWorker();
    [citizen, desk] = await Promise.all([login('congdan'), login('tiepnhan.benthanh')]);
  });
  after(() => worker.stop());

  it('refuses a supplement deadline beyond 90 days, and takes a date the officer sets', async () => {
    const id = (await submit(citizen).expect(201)).body.id as string;
    const taskId = await claim(desk, id, 'reception');
    const tooLong = await desk.post(`/api/tasks/${taskId}/complete`).send({ decision: 'supplement', missingItems: 'Giấy tờ A', supplementDays: '91' });
    expect(tooLong.status).to.equal(400);
    expect(JSON.stringify(tooLong.body.errors)).to.contain('supplementDays');
    const farDate = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
    const tooFar = await desk.post(`/api/tasks/${taskId}/complete`).send({ decision: 'supplement', missingItems: 'Giấy tờ A', supplementDueDate: farDate });
    expect(tooFar.status).to.equal(400);
    expect(tooFar.body.errors[0].field).to.equal('supplementDueDate');
    const date = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const ok = await desk.post(`/api/tasks/${taskId}/complete`).send({ decision: 'supplement', missingItems: 'Giấy tờ A', supplementDueDate: date });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    asked.push(id);
    const waiting = await untilStatus(citizen, id, 5);
    expect(new Date(waiting.supplementRequest.dueAt).toISOString()).to.equal(new Date(`${date}T23:59:59+07:00`).toISOString());
  });

  it('takes the papers into their slots, counts the round for both sides, and keeps officers’ notes from the citizen', async () => {
    const id = (await submit(citizen).expect(201)).body.id as string;
    await decide(desk, id, 'reception', { decision: 'supplement', missingItems: 'Bản chụp giấy chứng sinh\nXác nhận cư trú', supplementDays: '3', note: NOTE });
    asked.push(id);
    const waiting = await untilStatus(citizen, id, 5);
    expect(waiting.sla).to.equal('paused');
    const list = await citizen.get('/api/dossiers?limit=50').expect(200);
    expect(list.body.items.find((d: { id: string }) => d.id === id).sla).to.equal(waiting.sla);
    // the citizen reads no note, the officer does
    expect(JSON.stringify(waiting.timeline)).not.to.contain(NOTE);
    expect(JSON.stringify(waiting.milestones)).not.to.contain(NOTE);
    expect(waiting.milestones.map((e: { type: string }) => e.type)).to.include('reception_supplement');
    expect(waiting.milestones.find((e: { type: string }) => e.type === 'reception_supplement').data.items).to.deep.equal([
      'Bản chụp giấy chứng sinh',
      'Xác nhận cư trú',
    ]);
    expect(JSON.stringify((await dossierView(desk, id)).timeline)).to.contain(NOTE);

    // a slot takes what an attachment field takes
    const wrong = await citizen
      .post(`/api/dossiers/${id}/supplement`)
      .field('data', JSON.stringify(waiting.data))
      .attach('supplement_0', Buffer.from('not a paper'), { filename: 'a.txt', contentType: 'text/plain' });
    expect(wrong.status).to.equal(400);
    expect(wrong.body.errors[0].field).to.equal('supplement_0');

    const res = await citizen
      .post(`/api/dossiers/${id}/supplement`)
      .field('data', JSON.stringify(waiting.data))
      .attach('supplement_0', samplePdf('Ban chup'), { filename: 'ban-chup.pdf', contentType: 'application/pdf' })
      .attach('supplement_1', samplePdf('Cu tru'), { filename: 'cu-tru.pdf', contentType: 'application/pdf' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.supplementRounds).to.equal(1);
    const slots = (res.body.attachments as { fieldKey: string; label: string; fileName: string; round: number }[]).filter((a) => a.round > 0);
    expect(slots.map((a) => [a.label, a.fileName])).to.deep.equal([
      ['Bản chụp giấy chứng sinh', 'ban-chup.pdf'],
      ['Xác nhận cư trú', 'cu-tru.pdf'],
    ]);
    expect((await dossierView(desk, id)).supplementRounds).to.equal(1);
  });

  it('counts unread notifications and marks them all read at once', async () => {
    // the worker tells of each supplement request after the decision: all told before marking
    await eventually(async () => {
      const { items } = (await citizen.get('/api/notifications?limit=50').expect(200)).body as { items: { dossierId: string; kind: string }[] };
      return asked.every((id) => items.some((n) => n.dossierId === id && n.kind === 'supplement_requested'));
    }, 'the citizen to be told of both supplement requests');
    const before = await citizen.get('/api/notifications?limit=5').expect(200);
    expect(before.body.unread).to.be.a('number');
    const marked = await citizen.post('/api/notifications/read-all').expect(200);
    expect(marked.body.marked).to.be.at.least(before.body.unread);
    expect((await citizen.get('/api/notifications/unread-count').expect(200)).body.unread).to.equal(0);
    expect((await citizen.get('/api/notifications?unread=true').expect(200)).body.items).to.deep.equal([]);
  });
});

/**
 * Messages that reach people: a dossier's events go out by mail (to a real SMTP server) and by SMS (to a
 * simulated provider) on the channels each person chose, in their language, retried until they went out and
 * never sent twice; every attempt is in the dossier's delivery log, which its officers see.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import supertest from 'supertest';
import { api, eventually, login, type Session } from '../support/http.ts';
import { decide, submit, untilStatus } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';
import { renderEvent, templates, type EventKind } from '@motcua/domain/notifications/templates.ts';

const PASSWORD = 'Mat-khau-thu-2026';

interface Citizen {
  session: Session;
  email: string;
  phone: string;
}

/** A new citizen with an email address and a phone number of their own. */
async function newCitizen(name: string): Promise<Citizen> {
  const tag = randomBytes(4).toString('hex');
  const username = `tin-nhan-${tag}`;
  const email = `${username}@example.vn`;
  const phone = `09${String(parseInt(tag, 16) % 100_000_000).padStart(8, '0')}`;
  await supertest(api()).post('/api/auth/register').send({ username, password: PASSWORD, fullName: name, email, phone }).expect(201);
  return { session: await login(username, PASSWORD), email, phone };
}

interface LogEntry {
  channel: string;
  kind: string;
  recipient: string | null;
  attempt: number;
  status: string;
  error: string | null;
}

describe('messages that reach people (mail, SMS, in-account)', function () {
  this.timeout(180_000);
  let worker: WorkerHandle;
  let desk: Session, otherUnitDesk: Session;

  /** Submits a birth registration as the citizen and has it received. @returns its id and code */
  async function receivedDossier(c: Citizen): Promise<{ id: string; code: string }> {
    const id = (await submit(c.session).expect(201)).body.id as string;
    await decide(desk, id, 'reception', { decision: 'accept' });
    const d = await untilStatus(c.session, id, 2);
    return { id, code: d.code as string };
  }

  const logOf = async (id: string): Promise<LogEntry[]> => (await desk.get(`/api/dossiers/${id}/deliveries`).expect(200)).body.items;

  before(async () => {
    worker = startTestWorker();
    [desk, otherUnitDesk] = await Promise.all([login('tiepnhan.benthanh'), login('tiepnhan.saigon')]);
  });
  after(() => worker.stop());

  it('when the SMTP server refuses the first time, the mail is retried and delivered once, in the language the citizen chose, with the dossier code', async () => {
    const p = platform();
    const c = await newCitizen('Ngô Văn Anh');
    const saved = await c.session.put('/api/notifications/settings').send({ email: true, sms: false, language: 'en' }).expect(200);
    expect(saved.body).to.include({ email: true, sms: false, language: 'en', chosen: true });
    p.mail.refuse(c.email, 1);

    const { id, code } = await receivedDossier(c);
    const mail = await eventually(async () => p.mail.to(c.email).find((m) => m.subject.includes(code)), 'the mail of the reception', 60_000);
    expect(mail.subject).to.equal(`Dossier ${code} received`);
    expect(mail.text).to.contain(`Dear Ngô Văn Anh`).and.contain(code).and.contain('Result due');
    expect(mail.text).not.to.contain('Kính gửi');
    expect(mail.parsed.from?.text).to.contain('khong-tra-loi@motcua.local');
    expect(p.mail.refusedCount(c.email)).to.equal(1);

    // the delivery log: the refused attempt, then the one that went out
    const log = await eventually(async () => {
      const l = (await logOf(id)).filter((e) => e.channel === 'email' && e.kind === 'received').reverse();
      return l.some((e) => e.status === 'sent') ? l : undefined;
    }, 'the sent mail in the log');
    expect(log.map((e) => [e.attempt, e.status, e.recipient])).to.deep.equal([
      [1, 'failed', c.email],
      [2, 'sent', c.email],
    ]);
    expect(log[0]!.error).to.match(/451|try again/i);

    // the job run again (as after a crash once it recorded the send) sends nothing more
    const notification = await p.db('notifications').where({ dossier_id: id, kind: 'received' }).first('id');
    await p.services.notifications.deliver(notification.id);
    await new Promise((r) => setTimeout(r, 500));
    expect(p.mail.to(c.email).filter((m) => m.subject.includes(code))).to.have.length(1);
  });

  it('with no language chosen, mail is in Vietnamese with English below, and the SMS goes through the provider once after it failed', async () => {
    const p = platform();
    const c = await newCitizen('Trương Thị Bảo');
    await c.session.put('/api/notifications/settings').send({ email: true, sms: true, language: null }).expect(200);
    p.sms.fail(c.phone, 1);

    const { id, code } = await receivedDossier(c);
    const mail = await eventually(async () => p.mail.to(c.email).find((m) => m.subject.includes(code)), 'the mail of the reception', 60_000);
    expect(mail.subject).to.equal(`Hồ sơ ${code} đã được tiếp nhận`);
    const [vi, en] = mail.text.split('----- English -----');
    expect(vi).to.contain('Kính gửi Trương Thị Bảo').and.contain(`mã ${code}`).and.contain('Ngày hẹn trả kết quả');
    expect(en).to.contain(`Dossier ${code} received`).and.contain('Dear Trương Thị Bảo');

    const sms = await eventually(async () => p.sms.to(c.phone).find((s) => s.text.includes(code)), 'the SMS of the reception', 60_000);
    expect(sms.text).to.contain(`Hồ sơ ${code} đã được tiếp nhận`);
    expect(sms.sender).to.equal('MOTCUA');
    expect(p.sms.to(c.phone)).to.have.length(1);

    const log = await eventually(async () => {
      const l = (await logOf(id)).filter((e) => e.channel === 'sms').reverse();
      return l.some((e) => e.status === 'sent') ? l : undefined;
    }, 'the sent SMS in the log');
    expect(log.map((e) => [e.attempt, e.status, e.recipient])).to.deep.equal([
      [1, 'failed', c.phone],
      [2, 'sent', c.phone],
    ]);
    expect(log[0]!.error).to.contain('503');
  });

  it('does not retry a mail the SMTP server refused for good (550), and logs why', async () => {
    const p = platform();
    const c = await newCitizen('Phí Văn Khang');
    p.mail.refuse(c.email, 5, 550);
    try {
      const { id } = await receivedDossier(c);
      const log = await eventually(async () => {
        const l = (await logOf(id)).filter((e) => e.channel === 'email');
        return l.length ? l : undefined;
      }, 'the refused attempt in the log');
      expect(log.map((e) => [e.attempt, e.status])).to.deep.equal([[1, 'failed']]);
      expect(log[0]!.error).to.contain('refused for good').and.contain('550');
      expect((await p.db('notification_deliveries').where({ dossier_id: id, channel: 'email' }).first('status')).status).to.equal('rejected');
      // past the first retry's back-off (about 3 s): nothing more was tried
      await new Promise((r) => setTimeout(r, 4_000));
      expect(p.mail.refusedCount(c.email)).to.equal(1);
      expect(await logOf(id)).to.have.length(1);
    } finally {
      p.mail.refuse(c.email, 0);
    }
  });

  it('honours a citizen who turned mail off: the in-account notification only', async () => {
    const p = platform();
    const c = await newCitizen('Lý Văn Cường');
    const settings = (await c.session.get('/api/notifications/settings').expect(200)).body;
    // nothing chosen yet: the installation's default (mail), and what this installation can send on
    expect(settings).to.deep.include({ email: true, sms: false, language: null, chosen: false, available: ['email', 'sms'] });
    expect(settings.addresses).to.deep.equal({ email: c.email, phone: c.phone });
    await c.session.put('/api/notifications/settings').send({ email: false, sms: false, language: 'vi' }).expect(200);

    const { id, code } = await receivedDossier(c);
    const inAccount = await eventually(
      async () => ((await c.session.get('/api/notifications').expect(200)).body.items as { dossierId: string; kind: string }[]).find((n) => n.dossierId === id),
      'the in-account notification',
    );
    expect(inAccount.kind).to.equal('received');
    expect(await p.db('notification_deliveries').where({ dossier_id: id })).to.have.length(0);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(p.mail.to(c.email).filter((m) => m.subject.includes(code))).to.have.length(0);
    expect(p.sms.to(c.phone)).to.have.length(0);
  });

  it('refuses a channel the account has no address for, naming the field in Vietnamese', async () => {
    const username = `khong-sdt-${randomBytes(4).toString('hex')}`;
    await supertest(api()).post('/api/auth/register').send({ username, password: PASSWORD, fullName: 'Không Số Điện Thoại' }).expect(201);
    const s = await login(username, PASSWORD);
    const res = await s.put('/api/notifications/settings').send({ email: false, sms: true, language: null });
    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('notification_address_missing');
    expect(res.body.errors).to.satisfy((f: { message: { vi: string } }[]) => f.some((x) => x.message.vi.includes('số điện thoại')));
    const bad = await s.put('/api/notifications/settings').send({ email: 'yes', sms: false, language: 'fr' });
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body)).to.contain('Nhận qua thư điện tử').and.contain('Ngôn ngữ');
  });

  it("shows the delivery log to the dossier's officers, not to another unit's officer nor to the citizen", async () => {
    const c = await newCitizen('Đoàn Thị Dung');
    const { id } = await receivedDossier(c);
    await eventually(async () => (await logOf(id)).some((e) => e.status === 'sent'), 'a sent message in the log');
    expect((await otherUnitDesk.get(`/api/dossiers/${id}/deliveries`)).status).to.equal(404);
    expect((await c.session.get(`/api/dossiers/${id}/deliveries`)).status).to.equal(403);
    const leader = await login('lanhdao.benthanh');
    expect((await leader.get(`/api/dossiers/${id}/deliveries`).expect(200)).body.items.length).to.be.greaterThan(0);
  });

  it('never re-sends what was recorded as sent, re-sends an attempt that was interrupted before its outcome was recorded (same Message-ID), and leaves one under way alone', async () => {
    const p = platform();
    const c = await newCitizen('Hà Văn Em');
    await c.session.put('/api/notifications/settings').send({ email: true, sms: false, language: 'vi' }).expect(200);
    const { id, code } = await receivedDossier(c);
    const first = await eventually(async () => p.mail.to(c.email).find((m) => m.subject.includes(code)), 'the first mail', 60_000);
    // (the server has it a moment before the worker records it as sent)
    const delivery = await eventually(async () => {
      const row = await p.db('notification_deliveries').where({ dossier_id: id, channel: 'email' }).first();
      return row?.status === 'sent' ? row : undefined;
    }, 'the delivery recorded as sent');

    // an attempt claimed a moment ago by another process: left to it
    await p.db('notification_deliveries').where({ id: delivery.id }).update({ status: 'sending', attempt_started_at: p.db.fn.now() });
    let error: Error | undefined;
    await p.services.notifications.deliver(delivery.notification_id).catch((e: Error) => (error = e));
    expect(error?.message).to.contain('under way');
    expect(p.mail.to(c.email).filter((m) => m.subject.includes(code))).to.have.length(1);

    // a process died after sending and before recording it: long after, the attempt counts as interrupted and is sent again
    await p
      .db('notification_deliveries')
      .where({ id: delivery.id })
      .update({ attempt_started_at: p.db.raw(`now() - interval '1 hour'`) });
    await p.services.notifications.deliver(delivery.notification_id);
    const copies = p.mail.to(c.email).filter((m) => m.subject.includes(code));
    expect(copies).to.have.length(2);
    expect(copies[1]!.messageId).to.equal(first.messageId);
    const log = (await logOf(id)).filter((e) => e.channel === 'email').reverse();
    expect(log.map((e) => [e.attempt, e.status])).to.deep.equal([
      [1, 'sent'],
      [1, 'failed'],
      [2, 'sent'],
    ]);
    expect(log[1]!.error).to.contain('interrupted');
  });

  it('sends the events other parts raise (payment due, ready for collection, posted, delivered) from their templates, once each', async () => {
    const p = platform();
    const c = await newCitizen('Kiều Văn Phúc');
    await c.session.put('/api/notifications/settings').send({ email: true, sms: true, language: 'en' }).expect(200);
    const { id, code } = await receivedDossier(c);
    const dossier = { id, code, reference: code, procedureName: 'Đăng ký khai sinh' };
    const n = p.services.notifications;
    for (let i = 0; i < 2; i++) {
      // twice: the second call (a retried caller) notifies nothing
      await n.notifyEvent('payment_due', { accountId: c.session.account.id, dossier, vars: { amount: 8000 } });
      await n.notifyEvent('ready_for_collection', { accountId: c.session.account.id, dossier, vars: { place: 'UBND phường Bến Thành' } });
      await n.notifyEvent('posted', { accountId: c.session.account.id, dossier, vars: { carrier: 'VNPost', trackingNumber: 'EA123456789VN' } });
      await n.notifyEvent('delivered', { accountId: c.session.account.id, dossier, vars: { at: new Date() } });
    }
    const subjects = [
      `Dossier ${code}: fees to pay`,
      `Result of dossier ${code} ready for collection`,
      `Result of dossier ${code} posted`,
      `Result of dossier ${code} delivered`,
    ];
    await eventually(async () => subjects.every((s) => p.mail.to(c.email).some((m) => m.subject === s)), 'the four mails', 60_000);
    await eventually(async () => p.sms.to(c.phone).length >= 5, 'the five SMS (reception and the four)', 60_000);
    await new Promise((r) => setTimeout(r, 500));
    for (const s of subjects) expect(p.mail.to(c.email).filter((m) => m.subject === s)).to.have.length(1);
    expect(p.mail.to(c.email).find((m) => m.subject === subjects[0])!.text).to.contain('8.000 đ');
    expect(p.mail.to(c.email).find((m) => m.subject === subjects[2])!.text).to.contain('EA123456789VN');
    expect(p.sms.to(c.phone)).to.have.length(5);
  });

  it('logs as skipped a chosen channel the account has no address for any more, and sends on the others', async () => {
    const p = platform();
    const c = await newCitizen('Tạ Văn Hùng');
    await c.session.put('/api/notifications/settings').send({ email: true, sms: true, language: null }).expect(200);
    const { id, code } = await receivedDossier(c);
    await p.db('accounts').where({ id: c.session.account.id }).update({ phone: null });
    await p.services.notifications.notifyEvent('payment_due', {
      accountId: c.session.account.id,
      dossier: { id, code, reference: code, procedureName: 'Đăng ký khai sinh' },
      vars: { amount: 8000, payBy: null },
    });
    const log = await eventually(async () => {
      const l = (await logOf(id)).filter((e) => e.kind === 'payment_due');
      return l.some((e) => e.status === 'sent') ? l : undefined;
    }, 'the payment notice in the log');
    expect(log.map((e) => [e.channel, e.status, e.error]).sort()).to.deep.equal([
      ['email', 'sent', null],
      ['sms', 'skipped', 'no address'],
    ]);
  });

  it('tells the unit’s leader of a nearly late step on the channels the leader chose', async () => {
    const p = platform();
    const leader = await p.db('accounts').where({ username: 'lanhdao.benthanh' }).first('id', 'phone');
    const phone = '0987000111';
    await p.db('accounts').where({ id: leader.id }).update({ phone });
    try {
      const l = await login('lanhdao.benthanh');
      await l.put('/api/notifications/settings').send({ email: false, sms: true, language: 'vi' }).expect(200);
      const c = await newCitizen('Mai Thị Giang');
      const { id, code } = await receivedDossier(c);
      expect(await p.services.sla.flag(id, 'review', 'nearly_late')).to.equal(true);
      const sms = await eventually(async () => p.sms.to(phone).find((s) => s.text.includes(code)), "the leader's SMS", 60_000);
      expect(sms.text).to.contain(`Sắp đến hạn: hồ sơ ${code}`);
    } finally {
      await p.db('notification_preferences').where({ account_id: leader.id }).delete();
      await p.db('accounts').where({ id: leader.id }).update({ phone: leader.phone });
    }
  });
});

describe('message templates', () => {
  const dossier = { id: '00000000-0000-0000-0000-000000000000', code: '000.00.27.H29-261130-0001', reference: 'REF-1', procedureName: 'Đăng ký khai sinh' };
  const vars: { [K in EventKind]: Parameters<(typeof templates)[K]>[1] } = {
    received: { dueAt: new Date('2026-12-01T10:00:00Z') },
    supplement_requested: { dueAt: null },
    refused: {},
    withdrawn: {},
    stopped: {},
    payment_due: { amount: 200000 },
    sla_nearly_late: { stepName: 'Thẩm định' },
    sla_late: { stepName: 'Thẩm định' },
    urged: { by: 'Lê Văn Lãnh', steps: 'Thẩm định' },
    apology: { dueAt: new Date('2026-12-03T10:00:00Z') },
    decided: {},
    result_ready: {},
    ready_for_collection: { place: 'Bộ phận một cửa' },
    posted: { carrier: 'VNPost' },
    delivered: {},
  };
  for (const kind of Object.keys(templates) as EventKind[]) {
    it(`has the event «${kind}» in Vietnamese and English, naming the dossier code`, () => {
      const m = renderEvent(kind, dossier, vars[kind] as never);
      for (const part of [m.title, m.body]) {
        expect(part.vi).to.be.a('string').and.not.equal(part.en);
        // the English names the procedure, the step and people as they are, and nothing else in Vietnamese
        expect(part.en)
          .to.be.a('string')
          .and.not.match(/hồ sơ|được|của|bước/i);
      }
      expect(m.title.vi + m.body.vi).to.contain(dossier.code);
      expect(m.title.en + m.body.en).to.contain(dossier.code);
    });
  }
});

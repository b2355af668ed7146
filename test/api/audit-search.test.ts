/**
 * The auditors' search of the dossiers in their scope, beyond code, applicant and procedure words: by the officer
 * who handled a step (from the timeline) and by the period of reception, its bounds whole Vietnamese days.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { appendEvent } from '@motcua/domain/timeline/timeline.repository.ts';
import { login, type Session } from '../support/http.ts';
import { platform } from '../support/platform.ts';
import { reportWorld, type ReportWorld } from '../support/report-dossiers.ts';

const at = (s: string) => new Date(`${s}:00+07:00`);

describe("the auditors' search by officer and period (api)", function () {
  let world: ReportWorld;
  let auditor: Session;
  let officers: { a: { id: string; fullName: string }; b: { id: string; fullName: string } };
  const edge: Record<string, string> = {};

  before(async () => {
    const p = platform();
    world = await reportWorld(43);
    const tag = Date.now().toString(36);
    const person = async (role: 'auditor' | 'specialist', name: string) => {
      const username = `${role === 'auditor' ? 'tt' : 'cv'}.tim${tag}.${Math.floor(Math.random() * 1e6)}`;
      const a = await p.services.accounts.createAccount({ username, password: DEMO_PASSWORD, fullName: name, role, orgUnitId: world.ward.id });
      return { id: a.id, fullName: name, username };
    };
    const thanhTra = await person('auditor', 'Thanh Tra Phường 41');
    officers = { a: await person('specialist', 'Chuyên Viên Giáp'), b: await person('specialist', 'Chuyên Viên Ất') };
    auditor = await login(thanhTra.username);
    // three more dossiers at the edges of Vietnamese days: received just after midnight and just before
    const base = await p.db('dossiers').where({ id: world.ids.onlineOnTime }).first();
    for (const [name, received] of [
      ['justAfterMidnight', '2026-07-10T00:05'],
      ['lateEvening', '2026-08-03T23:55'],
      ['nextMorning', '2026-08-04T00:05'],
    ] as const) {
      edge[name] = randomUUID();
      await p.db('dossiers').insert({
        ...base,
        id: edge[name],
        reference: `TK${Math.floor(Math.random() * 1e6)}-${randomUUID().slice(0, 8).toUpperCase()}`,
        code: null,
        process_instance_id: null,
        submitted_at: at(received),
        received_at: at(received),
      });
    }
    // who did what: A received one, claimed and decided another; B decided a third; A only urged a fourth
    const event = (dossierId: string, who: { id: string; fullName: string }, type: string, step: string | null) =>
      p.db.transaction((tx) => appendEvent({ db: tx, event: { dossierId, type, actor: who, step, data: {} } }));
    await event(world.ids.counterLate!, officers.a, 'received', 'reception');
    await event(world.ids.onlineOnTime!, officers.a, 'task_claimed', 'review');
    await event(world.ids.onlineOnTime!, officers.a, 'review_approve', 'review');
    await event(world.ids.business!, officers.b, 'review_approve', 'review');
    await event(world.ids.withdrawn!, officers.a, 'urged', null);
  });

  const ids = (body: { items: { id: string }[] }) => body.items.map((d) => d.id).sort();

  it('finds exactly the dossiers an officer handled a step of, closed ones too', async () => {
    const a = (await auditor.get(`/api/unit/dossiers?officerId=${officers.a.id}&limit=200`).expect(200)).body;
    expect(ids(a)).to.deep.equal([world.ids.counterLate, world.ids.onlineOnTime].sort());
    expect(a.total).to.equal(2);
    const b = (await auditor.get(`/api/unit/dossiers?officerId=${officers.b.id}`).expect(200)).body;
    expect(ids(b)).to.deep.equal([world.ids.business]);
    // with the other filters: B's dossier is not of a civil-status procedure, nor open-and-late
    const none = (await auditor.get(`/api/unit/dossiers?officerId=${officers.b.id}&status=10`).expect(200)).body;
    expect(none.total).to.equal(0);
  });

  it('lists the officers of the scope to choose from', async () => {
    const list = (await auditor.get('/api/unit/officers').expect(200)).body.items as { id: string; fullName: string; unitName: string }[];
    expect(list.map((o) => o.id)).to.include.members([officers.a.id, officers.b.id]);
    expect(list.find((o) => o.id === officers.a.id)).to.deep.include({ fullName: 'Chuyên Viên Giáp', unitName: world.ward.name });
    // not the city's officers: they are outside a ward auditor's scope
    const benThanh = (await platform().db('accounts').where({ username: 'chuyenvien.benthanh' }).first('id')).id;
    expect(list.map((o) => o.id)).not.to.include(benThanh);
  });

  it('bounds the period of reception by whole Vietnamese days, both ends included', async () => {
    const page = (await auditor.get('/api/unit/dossiers?receivedFrom=2026-07-10&receivedTo=2026-08-03&limit=200').expect(200)).body;
    expect(ids(page)).to.deep.equal([edge.justAfterMidnight, world.ids.onlineOnTime, world.ids.withdrawn, world.ids.counterLate, edge.lateEvening].sort());
    const from = (await auditor.get('/api/unit/dossiers?receivedFrom=2026-09-29&limit=200').expect(200)).body;
    expect(ids(from)).to.deep.equal([world.ids.postWithin, world.ids.after].sort());
    const to = (await auditor.get('/api/unit/dossiers?receivedTo=2026-06-20&limit=200').expect(200)).body;
    expect(ids(to)).to.deep.equal([world.ids.before, world.ids.carriedEarly].sort());
  });

  it('refuses a period backwards, an officer that is no id, and officers who do not oversee', async () => {
    const backwards = await auditor.get('/api/unit/dossiers?receivedFrom=2026-08-03&receivedTo=2026-07-10').expect(400);
    expect(backwards.body.code).to.equal('period_invalid');
    expect(backwards.body.messages.vi).to.contain('tiếp nhận');
    await auditor.get('/api/unit/dossiers?officerId=giap').expect(400);
    await auditor.get('/api/unit/dossiers?receivedFrom=2026-13-01').expect(400);
    const specialist = await login('chuyenvien.benthanh');
    expect((await specialist.get(`/api/unit/dossiers?officerId=${officers.a.id}`)).status).to.equal(403);
    expect((await specialist.get('/api/unit/officers')).status).to.equal(403);
    // a leader of the ward may search the same way
    const leader = await login(world.wardLeader);
    const found = (await leader.get(`/api/unit/dossiers?officerId=${officers.a.id}`).expect(200)).body;
    expect(found.total).to.equal(2);
  });
});

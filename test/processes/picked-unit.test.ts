/**
 * Units of steps across agencies (liên thông), the rules not covered by the seeded building permit: a step
 * whose unit the officer of the step before picks, and a step named for another unit, planned on that unit's
 * office hours. A unit handed a step sees the dossier only from the moment its step is reached.
 */
import { expect } from 'chai';
import { upsertOrgUnit, type OrgUnit } from '@motcua/domain/org-units/org-units.repository.ts';
import { standardSteps } from '@motcua/domain/procedures/one-stop-template.ts';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { login, type Session } from '../support/http.ts';
import { claim, decide, submit, taskFor, untilStatus } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { OPINION, publishTemplateProcedure } from '../support/procedures.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const CODE = 'TEST.PICK';
const HOUR = 3_600_000;

describe('a unit picked by the officer of the step before, a named unit on its own office hours (liên thông)', function () {
  this.timeout(180_000);
  let worker: WorkerHandle;
  let citizen: Session, desk: Session, specialist247: Session, fire: Session, fireLead: Session, leader: Session;
  let roundTheClock: OrgUnit;
  const tag = Date.now().toString(36);

  before(async () => {
    const p = platform();
    const admin = await login('quantri');
    roundTheClock = await upsertOrgUnit({
      db: p.db,
      unit: { name: 'Tổ thẩm định trực 24/7', agencyCode: '000.18.00.H29', parentId: p.demo!.city.id, level: 'department', fields: ['Hộ tịch'] },
    });
    await p.services.accounts.createAccount({
      username: `cv.247.${tag}`,
      password: DEMO_PASSWORD,
      fullName: 'Chuyên Viên Trực',
      role: 'specialist',
      orgUnitId: roundTheClock.id,
    });
    const saved = await admin
      .put(`/api/admin/calendars/units/${roundTheClock.id}`)
      .send({ name: 'Trực 24/7', officeHours: [{ start: '00:00', end: '24:00' }], weekendDays: [] });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);

    await publishTemplateProcedure({
      code: CODE,
      name: 'Thủ tục thử nghiệm chọn đơn vị',
      handling: [{ ...standardSteps.review, unitRule: `named:${roundTheClock.agencyCode}` }, OPINION, standardSteps.approval],
    });
    worker = startTestWorker();
    [citizen, desk, specialist247, fire, fireLead, leader] = (await Promise.all(
      ['congdan', 'tiepnhan.benthanh', `cv.247.${tag}`, 'chuyenvien.pccc', 'lanhdao.pccc', 'lanhdao.benthanh'].map((u) => login(u)),
    )) as Session[] as [Session, Session, Session, Session, Session, Session];
  });
  after(() => worker.stop());

  it('plans the named step on its unit’s office hours; the officer of the step before picks the next unit, which sees the dossier only from then', async () => {
    const id = (await submit(citizen, { procedureCode: CODE }).expect(201)).body.id as string;
    await decide(desk, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen, id, 2);

    // the review is the 24/7 unit's: two working days there are 48 hours from planning, not office days of the ward
    const reviewTask = await taskFor(specialist247, id, 'review');
    const seen = Date.now();
    const review = (await specialist247.get(`/api/tasks/${reviewTask}`).expect(200)).body;
    const ahead = new Date(review.due).getTime() - seen;
    expect(ahead, `review due ${review.due}`).to.be.within(48 * HOUR - 5 * 60_000, 48 * HOUR);

    // the unit to be picked does not see the dossier before its step
    expect((await fire.get(`/api/dossiers/${id}`)).status).to.equal(404);
    expect((await fireLead.get('/api/unit/dossiers?limit=100').expect(200)).body.items.map((r: { id: string }) => r.id)).not.to.include(id);

    // the reviewer is offered the units handling fire safety, and must pick one of them to approve
    await claim(specialist247, id, 'review');
    const offered = (await specialist247.get(`/api/tasks/${reviewTask}`).expect(200)).body.pick;
    expect(offered).to.include({ step: 'opinion', stepName: 'Lấy ý kiến cơ quan phối hợp' });
    expect(offered.decisions).to.deep.equal(['accept', 'approve']);
    expect(offered.units.map((u: { id: string }) => u.id)).to.deep.equal([platform().demo!.firePolice.id]);
    const approve = (nextUnitId?: string) =>
      specialist247.post(`/api/tasks/${reviewTask}/complete`).send({ decision: 'approve', opinion: 'Đạt', ...(nextUnitId ? { nextUnitId } : {}) });
    const missing = await approve();
    expect(missing.status).to.equal(400);
    expect(missing.body.code).to.equal('next_unit_required');
    expect(missing.body.errors[0]).to.include({ field: 'nextUnitId', code: 'required' });
    const wrong = await approve(platform().demo!.centre.id);
    expect(wrong.status).to.equal(400);
    expect(wrong.body.errors[0]).to.include({ field: 'nextUnitId', code: 'next_unit_invalid' });
    const done = await approve(platform().demo!.firePolice.id);
    expect(done.status, JSON.stringify(done.body)).to.equal(200);

    // the fire police now holds the opinion and sees the dossier; the pick is on the record
    await decide(fire, id, 'opinion', { decision: 'approve', opinion: 'Không có ý kiến khác' });
    expect((await fire.get(`/api/dossiers/${id}`)).status).to.equal(200);
    const row = await platform().db('dossier_step_units').where({ dossier_id: id, step: 'opinion' }).first();
    expect(row).to.include({ org_unit_id: platform().demo!.firePolice.id, rule: 'picked:Phòng cháy, chữa cháy' });
    const event = await platform().db('dossier_events').where({ dossier_id: id, type: 'review_approve' }).first('data');
    expect(event.data.nextUnit).to.deep.equal({ step: 'opinion', id: platform().demo!.firePolice.id, name: platform().demo!.firePolice.name });

    await decide(leader, id, 'approval', { decision: 'approve', note: 'Đồng ý' });
    await untilStatus(citizen, id, 10, 60_000);
  });
});

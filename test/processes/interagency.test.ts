/**
 * A dossier across agencies (liên thông), seeded as LTXD.000101: received at the ward's public administration
 * service centre, reviewed by the construction department (the unit competent for the procedure's field), given
 * the fire police's opinion (a unit named on the step), approved and signed by the department, returned at the
 * centre. Each officer acts only in their own unit and only while their unit holds the step; afterwards the
 * dossier stays readable, not actionable. The control sheet shows the four hand-offs between agencies; an SLA
 * flag on a handed step reaches the leaders of the unit holding it.
 */
import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { upsertOrgUnit } from '@motcua/domain/org-units/org-units.repository.ts';
import { binary, login, type Session } from '../support/http.ts';
import { platform } from '../support/platform.ts';
import { claim, decide, samplePdf, submit, taskFor, untilStatus } from '../support/dossiers.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const CODE = 'LTXD.000101';
const application = {
  applicant: { fullName: 'Phạm Thị Thu', idNumber: '079190000321', phone: '0987654321', email: 'thu@example.vn' },
  site: { address: '34 Pasteur, phường Bến Thành', parcel: 'Thửa 12, tờ bản đồ 5', landArea: 80 },
  building: { floorArea: 240, floors: 3, height: 12 },
  declaration: true,
};

describe('a dossier across agencies (liên thông, api)', function () {
  this.timeout(180_000);
  let worker: WorkerHandle;
  let citizen: Session, centre: Session, construction: Session, constructionLead: Session, fire: Session, fireLead: Session, ward: Session;
  let id: string;

  before(async () => {
    worker = startTestWorker();
    const users = ['congdan', 'tiepnhan.trungtam', 'chuyenvien.xaydung', 'lanhdao.xaydung', 'chuyenvien.pccc', 'lanhdao.pccc', 'chuyenvien.benthanh'];
    [citizen, centre, construction, constructionLead, fire, fireLead, ward] = (await Promise.all(users.map((u) => login(u)))) as [
      Session,
      Session,
      Session,
      Session,
      Session,
      Session,
      Session,
    ];
  });
  after(() => worker.stop());

  const read = (s: Session) => s.get(`/api/dossiers/${id}`);

  it('is received at the centre and handed to the competent department; no other unit sees it', async () => {
    const res = await submit(citizen, {
      procedureCode: CODE,
      unitId: platform().demo!.centre.id,
      data: application,
      files: [{ field: 'documents', name: 'ban-ve.pdf', content: samplePdf('Ban ve thiet ke') }],
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    id = res.body.id;
    // before its step, the department has nothing to act on
    expect((await read(construction)).status).to.equal(404);
    await decide(centre, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen, id, 2);
    const reviewTask = await taskFor(construction, id, 'review');
    expect(reviewTask).to.be.a('string');
    // the ward's specialist (the receiving unit's parent) and the fire police do not get the review
    for (const other of [ward, fire]) {
      const tasks = (await other.get('/api/tasks?limit=200').expect(200)).body.items as { dossier: { id: string } | null }[];
      expect(tasks.some((t) => t.dossier?.id === id)).to.equal(false);
      expect((await other.post(`/api/tasks/${reviewTask}/claim`)).status).to.equal(404);
    }
    expect((await read(construction)).status).to.equal(200);
    expect((await read(ward)).status).to.equal(404);
    // the fire police's step is not reached yet: it does not see the dossier
    expect((await read(fire)).status).to.equal(404);
  });

  it("asks the fire police's opinion, then the department approves; the cooperating agency can read but not act after its step", async () => {
    await decide(construction, id, 'review', { decision: 'approve', opinion: 'Hồ sơ thiết kế đạt yêu cầu' });
    // an SLA flag on the opinion step reaches the fire police's leader, the holder, not the centre's
    const instance = (await platform().db('dossiers').where({ id }).first('process_instance_id')).process_instance_id as string;
    await taskFor(fire, id, 'opinion');
    // the receiving centre sees where its dossier is
    const atCentre = (await centre.get('/api/unit/dossiers?limit=100').expect(200)).body.items.find((r: { id: string }) => r.id === id);
    expect(atCentre.holder).to.deep.equal({ step: 'Ý kiến về phòng cháy, chữa cháy', unitName: platform().demo!.firePolice.name });
    await platform().services.sla.flag(id, 'opinion', 'nearly_late', instance);
    const told = await platform().db('notifications').where({ dossier_id: id, kind: 'sla_nearly_late' }).select('account_id');
    expect(told.map((n: { account_id: string }) => n.account_id)).to.include(fireLead.account.id);

    await decide(fire, id, 'opinion', { decision: 'approve', opinion: 'Đáp ứng yêu cầu phòng cháy, chữa cháy' });
    const approvalTask = await taskFor(constructionLead, id, 'approval');
    // after its step the fire police reads the dossier, and cannot take the department's step
    expect((await read(fire)).status).to.equal(200);
    const taken = await fire.post(`/api/tasks/${approvalTask}/claim`);
    expect(taken.status).to.equal(404);
    expect(taken.body.code).to.equal('task_not_found');
    expect((await fireLead.post(`/api/tasks/${approvalTask}/claim`)).status).to.equal(404);

    await claim(constructionLead, id, 'approval');
    const done = await constructionLead.post(`/api/tasks/${approvalTask}/complete`).send({ decision: 'approve', note: 'Cấp phép' });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    await untilStatus(citizen, id, 10, 60_000);
    // the department that decided signs the result with its own certificate, in its own name
    const result = await platform().db('dossier_documents').where({ dossier_id: id, kind: 'result' }).first('signature');
    expect(result.signature.subject).to.contain(`CN=${platform().demo!.construction.name}`);
    const text = execFileSync('pdftotext', ['-', '-'], {
      input: (
        await citizen
          .get(`/api/dossiers/${id}/documents/result`)
          .buffer(true)
          .parse(binary as never)
          .expect(200)
      ).body as Buffer,
    }).toString();
    expect(text.replace(/\s+/g, ' ')).to.contain(platform().demo!.construction.name.toUpperCase());
  });

  it('shows the four hand-offs between agencies on the control sheet, and each unit finds the dossier in its list', async () => {
    const sheet = (await centre.get(`/api/dossiers/${id}/control-sheet`).expect(200)).body;
    const handoffs = sheet.rows.filter((r: { interAgency: boolean }) => r.interAgency).map((r: { unit: string; toUnit: string }) => `${r.unit} → ${r.toUnit}`);
    const { centre: c, construction: d, firePolice: f } = platform().demo!;
    expect(handoffs).to.deep.equal([`${c.name} → ${d.name}`, `${d.name} → ${f.name}`, `${f.name} → ${d.name}`, `${d.name} → ${c.name}`]);
    for (const s of [centre, construction]) {
      const listed = (await s.get('/api/unit/dossiers?limit=100').expect(200)).body.items.map((r: { id: string }) => r.id);
      expect(listed, s.account.username).to.include(id);
    }
  });

  it('lets the centre pick the competent agency at the counter; the handling goes there, and a unit that does not handle the field is refused', async () => {
    const p = platform();
    const office = await upsertOrgUnit({
      db: p.db,
      unit: {
        name: 'Ban Quản lý xây dựng Khu đô thị mới',
        agencyCode: '000.17.00.H29',
        parentId: p.demo!.city.id,
        level: 'department',
        fields: ['Hoạt động xây dựng'],
      },
    });
    await p.services.accounts.createAccount({
      username: 'chuyenvien.kdtm',
      password: DEMO_PASSWORD,
      fullName: 'Cán Bộ Khu Đô Thị',
      role: 'specialist',
      orgUnitId: office.id,
    });
    const choices = (await centre.get(`/api/counter/procedures/${CODE}/competent-units`).expect(200)).body;
    expect(choices.items.map((u: { name: string }) => u.name)).to.include.members([office.name, p.demo!.construction.name]);
    expect(choices.suggested).to.equal(p.demo!.construction.id);
    expect((await centre.get('/api/counter/procedures/1.001193/competent-units').expect(200)).body.items).to.deep.equal([]);

    const atCounter = (handlingUnitId: string) =>
      centre
        .post('/api/counter/dossiers')
        .field('procedureCode', CODE)
        .field('handlingUnitId', handlingUnitId)
        .field('applicant', JSON.stringify({ fullName: 'Lý Văn Xây', idNumber: '079088000456', phone: '0909000111' }))
        .field('data', JSON.stringify(application))
        .attach('documents', samplePdf('Ban ve tai quay'), { filename: 'ban-ve.pdf', contentType: 'application/pdf' });
    const refused = await atCounter(p.demo!.firePolice.id);
    expect(refused.status).to.equal(400);
    expect(refused.body.code).to.equal('handling_unit_invalid');
    const received = await atCounter(office.id);
    expect(received.status, JSON.stringify(received.body)).to.equal(201);
    const officeSpecialist = await login('chuyenvien.kdtm');
    await taskFor(officeSpecialist, received.body.id, 'review');
    const departmentTasks = (await construction.get('/api/tasks?limit=200').expect(200)).body.items as { dossier: { id: string } | null }[];
    expect(departmentTasks.some((t) => t.dossier?.id === received.body.id)).to.equal(false);
  });
});

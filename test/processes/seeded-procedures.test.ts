/**
 * Every procedure seeded from processes/ and forms/ passes the studio's check (lint, forms, allowances) and
 * runs end to end on the engine: submitted, received, through each of its handling steps, signed, returned.
 */
import { expect } from 'chai';
import { checkVersion } from '@motcua/domain/procedures/procedure-check.ts';
import { loadSeededPackages, type ProcedurePackage } from '@motcua/domain/procedures/procedure-package.ts';
import { verifyPdf } from '@motcua/domain/signing/pades.ts';
import { binary, login, type Session } from '../support/http.ts';
import { buildBirthRegistration, decide, samplePdf, submit, untilStatus } from '../support/dossiers.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const applicant = { fullName: 'Phạm Thị Thu', idNumber: '079190000321', phone: '0987654321', email: 'thu@example.vn' };
const person = (fullName: string, dateOfBirth: string, idNumber: string) => ({
  fullName,
  dateOfBirth,
  idNumber,
  residence: 'Phường Bến Thành, Thành phố Hồ Chí Minh',
});

/** A valid application per seeded procedure, and the file its attachment field takes. */
const applications: Record<string, { data: Record<string, unknown>; field: string }> = {
  '1.001193': { data: buildBirthRegistration(), field: 'birthCertificate' },
  '2.000635': {
    data: { applicant, extract: { kind: 'khai_sinh', subjectName: 'Nguyễn Văn An', registeredAt: 'UBND phường Bến Thành', copies: 2 }, declaration: true },
    field: 'documents',
  },
  '1.000894': {
    data: {
      bride: person('Trần Thị Mai', '1998-03-04', '079198000111'),
      groom: person('Lê Văn Nam', '1996-07-08', '079096000222'),
      firstMarriage: 'first',
      applicant,
      declaration: true,
    },
    field: 'documents',
  },
  '1.001612': {
    data: {
      business: { name: 'Hộ kinh doanh Tạp hóa Thu', address: '12 Lê Lợi, phường Bến Thành', sector: 'Bán lẻ hàng tạp hóa', capital: 50000000, employees: 2 },
      owner: person('Phạm Thị Thu', '1990-01-01', '079190000321'),
      applicant,
      declaration: true,
    },
    field: 'documents',
  },
  'XD.000101': {
    data: {
      applicant,
      site: { address: '34 Pasteur, phường Bến Thành', parcel: 'Thửa 12, tờ bản đồ 5', landArea: 80 },
      building: { floorArea: 240, floors: 3, height: 12 },
      declaration: true,
    },
    field: 'documents',
  },
};

describe('the seeded procedures', function () {
  this.timeout(120_000);
  let packages: ProcedurePackage[];
  let worker: WorkerHandle;
  let citizen: Session;
  let reception: Session;
  let specialist: Session;
  let leader: Session;

  before(async () => {
    packages = await loadSeededPackages();
    worker = startTestWorker();
    [citizen, reception, specialist, leader] = await Promise.all([
      login('congdan'),
      login('tiepnhan.benthanh'),
      login('chuyenvien.benthanh'),
      login('lanhdao.benthanh'),
    ]);
  });
  after(() => worker.stop());

  it('are at least the five of DOMAIN.md §2 named here, each with its model and forms', () => {
    expect(packages.map((p) => p.code).sort()).to.include.members(Object.keys(applications).sort());
  });

  it('pass the check before publishing: lint, forms, fields the process reads, allowances within the limit', async () => {
    for (const p of packages) {
      const problems = await checkVersion({
        procedureData: { name: p.name, nameEn: p.nameEn, field: p.field, catalogue: p.catalogue },
        bpmnXml: p.bpmnXml,
        applicationFormId: p.applicationFormId,
        forms: p.forms,
        timeLimit: p.timeLimit,
        stepAllowances: p.stepAllowances,
        resultTemplate: p.resultTemplate,
      });
      expect(
        problems.map((x) => `${x.severity} ${x.rule} ${x.elementId ?? ''}: ${x.message.en}`),
        p.code,
      ).to.deep.equal([]);
    }
  });

  for (const code of Object.keys(applications)) {
    it(`runs ${code} from submission through every step to a signed, returned result`, async () => {
      const pkg = packages.find((p) => p.code === code)!;
      const { data, field } = applications[code]!;
      const res = await submit(citizen, { procedureCode: code, data, files: [{ field, name: 'giay-to.pdf', content: samplePdf('Giay to') }] });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const id = res.body.id as string;
      await decide(reception, id, 'reception', { decision: 'accept' });
      // a procedure that charges a fee before handling waits for it (status 6): paid at the counter here
      const fee = pkg.catalogue.feeSchedule as { payAt: string } | undefined;
      if (fee?.payAt === 'before_handling') {
        await untilStatus(citizen, id, 6);
        const owed = (await reception.get(`/api/dossiers/${id}/payment`).expect(200)).body.payment.amount as number;
        await reception.post(`/api/workspace/dossiers/${id}/payment/counter`).send({ amount: owed }).expect(200);
      } else await untilStatus(citizen, id, 2);
      for (const step of pkg.model.steps.filter((s) => s.kind !== 'reception')) {
        const officer = step.role === 'leader' ? leader : specialist;
        await decide(
          officer,
          id,
          step.key,
          step.kind === 'approval' ? { decision: 'approve', note: 'Đồng ý' } : { decision: 'approve', opinion: 'Đủ điều kiện' },
        );
      }
      const returned = await untilStatus(citizen, id, 10);
      const steps = returned.timeline.map((e: { type: string }) => e.type).filter((t: string) => t.endsWith('_approve'));
      expect(steps).to.deep.equal(pkg.model.steps.filter((s) => s.kind !== 'reception').map((s) => `${s.key}_approve`));
      const pdf = await citizen
        .get(`/api/dossiers/${id}/documents/result`)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      const check = await verifyPdf(pdf.body as Buffer);
      expect(check.valid).to.equal(true);
      expect(check.reason).to.contain(returned.code);
    });
  }
});

/**
 * Form 06 from dossiers of known lives (written straight into the database, as ten years of them would be):
 * every figure of every row checked, each figure's dossiers, the sums reconciling, the exports read back
 * (the workbook with exceljs, the PDF's text with pdftotext), and who may read which unit.
 */
import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { OrgUnit } from '@motcua/domain/org-units/org-units.repository.ts';
import { form06Cells, type Form06Counts } from '@motcua/domain/reports/form06.ts';
import { binary, login, type Session } from '../support/http.ts';
import { platform } from '../support/platform.ts';
import { reportWorld } from '../support/report-dossiers.ts';

const Q3 = 'from=2026-07-01&to=2026-09-30';
const zero = (): Form06Counts => Object.fromEntries(form06Cells.map((c) => [c, 0])) as Form06Counts;
const counts = (c: Partial<Form06Counts>): Form06Counts => ({ ...zero(), ...c });

describe('Form 06 (api)', function () {
  let ward: OrgUnit, quarter: OrgUnit;
  let leader: Session, quarterLeader: Session;
  let ids: Record<string, string> = {};

  before(async () => {
    const world = await reportWorld(31);
    ({ ward, quarter, ids } = world);
    [leader, quarterLeader] = await Promise.all([login(world.wardLeader), login(world.quarterLeader)]);
  });

  it('counts every figure of every row for the quarter, and the sums reconcile', async () => {
    const res = await leader.get(`/api/reports/form06?${Q3}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const rows = res.body.rows.map((r: { unitName: string; field: string; counts: Form06Counts }) => [r.unitName, r.field, r.counts]);
    expect(rows).to.deep.equal([
      [
        ward.name,
        'Hộ tịch',
        counts({
          taken_total: 7,
          taken_online: 2,
          taken_direct: 3,
          taken_carried: 2,
          finished_total: 3,
          finished_early: 1,
          finished_on_time: 1,
          finished_late: 1,
          ended: 1,
          pending_total: 3,
          pending_within: 1,
          pending_overdue: 2,
        }),
      ],
      [ward.name, 'Thành lập và hoạt động của hộ kinh doanh', counts({ taken_total: 1, taken_direct: 1, pending_total: 1, pending_within: 1 })],
      [quarter.name, 'Hộ tịch', counts({ taken_total: 1, taken_online: 1, finished_total: 1, finished_early: 1 })],
    ]);
    const t = res.body.total as Form06Counts;
    expect(t.taken_total).to.equal(9);
    for (const r of [...res.body.rows.map((x: { counts: Form06Counts }) => x.counts), t]) {
      expect(r.taken_total).to.equal(r.taken_online + r.taken_direct + r.taken_carried);
      expect(r.taken_total).to.equal(r.finished_total + r.ended + r.pending_total);
      expect(r.finished_total).to.equal(r.finished_early + r.finished_on_time + r.finished_late);
      expect(r.pending_total).to.equal(r.pending_within + r.pending_overdue);
    }
  });

  it('drills each figure down to its dossiers, as many as it counts', async () => {
    const drill = async (cell: string, row = '') =>
      (await leader.get(`/api/reports/form06/dossiers?${Q3}&cell=${cell}${row}&limit=200`).expect(200)).body as { total: number; items: { id: string }[] };
    const names = (items: { id: string }[]) => items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id)).sort();
    expect(names((await drill('finished_early')).items)).to.deep.equal(['carriedEarly', 'quarterEarly']);
    expect(names((await drill('pending_overdue', `&rowUnitId=${ward.id}&rowField=${encodeURIComponent('Hộ tịch')}`)).items)).to.deep.equal([
      'carriedOverdue',
      'decidedAfter',
    ]);
    const all = (await leader.get(`/api/reports/form06?${Q3}`)).body.total as Form06Counts;
    for (const cell of form06Cells) {
      const d = await drill(cell);
      expect(d.total, cell).to.equal(all[cell]);
      expect(d.items, cell).to.have.length(all[cell]);
    }
  });

  it('filters by channel, field and unit (the unit with its subtree)', async () => {
    const online = (await leader.get(`/api/reports/form06?${Q3}&channel=2`).expect(200)).body.total;
    expect(online.taken_total).to.equal(4); // carried over online, online on time, withdrawn, the quarter's
    const business = (await leader.get(`/api/reports/form06?${Q3}&field=${encodeURIComponent('Thành lập và hoạt động của hộ kinh doanh')}`).expect(200)).body;
    expect(business.total.taken_total).to.equal(1);
    const sub = (await leader.get(`/api/reports/form06?${Q3}&unitId=${quarter.id}`).expect(200)).body;
    expect(sub.rows.map((r: { unitName: string }) => r.unitName)).to.deep.equal([quarter.name]);
  });

  it('exports the form as an Excel workbook, a Word document and a PDF that read back the same figures', async () => {
    const xlsx = await leader
      .get(`/api/reports/form06.xlsx?${Q3}`)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(xlsx.headers['content-disposition']).to.contain(`bieu-06-${ward.agencyCode}-2026-07-01-2026-09-30.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const ws = wb.getWorksheet('Biểu 06')!;
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    const texts: string[] = [];
    ws.eachRow((row) => texts.push(String((row.values as unknown[])[1] ?? '')));
    expect(texts).to.include('Biểu số 06/VPCP/KSTT');
    expect(texts).to.include('Kỳ báo cáo: từ ngày 01/07/2026 đến ngày 30/09/2026');
    const last = ws.lastRow!.number;
    expect(values(last).slice(1, 2)).to.deep.equal(['Tổng cộng']);
    expect(values(last).slice(3)).to.deep.equal([9, 3, 4, 2, 4, 2, 1, 1, 1, 4, 2, 2]);
    expect(values(last - 3).slice(1, 3)).to.deep.equal([ward.name, 'Hộ tịch']);

    const docx = await leader
      .get(`/api/reports/form06.docx?${Q3}`)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    const word = await (await JSZip.loadAsync(docx.body as never)).file('word/document.xml')!.async('string');
    const words = word.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(words).to.contain('Biểu số 06/VPCP/KSTT');
    expect(words).to.contain('Kỳ báo cáo: từ ngày 01/07/2026 đến ngày 30/09/2026');
    expect(words).to.contain('Tổng cộng 9 3 4 2 4 2 1 1 1 4 2 2');
    expect(word).to.contain('w:orient="landscape"');

    const pdf = await leader
      .get(`/api/reports/form06.pdf?${Q3}`)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf.body as Uint8Array }).toString();
    expect(text).to.contain('Biểu số 06/VPCP/KSTT');
    expect(text).to.contain('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(text).to.contain('Kỳ báo cáo: từ ngày 01/07/2026 đến ngày 30/09/2026');
    expect(text.replace(/\s+/g, ' ')).to.match(/Tổng cộng 9 3 4 2 4 2 1 1 1 4 2 2/);
  });

  it("aggregates the quarter's satisfaction by unit, procedure, step and officer, with the comments", async () => {
    const p = platform();
    const account = async (u: string) => (await p.db('accounts').where({ username: u }).first('id', 'full_name')) as { id: string; full_name: string };
    const [a, b, citizen] = await Promise.all([account('chuyenvien.benthanh'), account('lanhdao.benthanh'), account('congdan')]);
    const review = (officerId: string, level: number) => ({ step: 'review', stepName: 'Thẩm định hồ sơ', officerId, level });
    const approval = (officerId: string, level: number) => ({ step: 'approval', stepName: 'Phê duyệt kết quả', officerId, level });
    const rate = (name: string, overall: number, steps: object[], comment: string | null, at: string) =>
      p
        .db('dossier_ratings')
        .insert({ dossier_id: ids[name], applicant_id: citizen.id, overall, steps: JSON.stringify(steps), comment, rated_at: new Date(`${at}:00+07:00`) });
    await rate('carriedEarly', 3, [review(a.id, 3), approval(b.id, 2)], 'Nhanh chóng', '2026-07-06T10:00');
    await rate('onlineOnTime', 1, [review(a.id, 1)], 'Phải đi lại nhiều lần', '2026-07-21T10:00');
    await rate('quarterEarly', 2, [], null, '2026-07-03T10:00');
    await rate('counterLate', 1, [], 'Ngoài kỳ', '2026-10-15T10:00');

    const res = await leader.get(`/api/reports/satisfaction?${Q3}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const r = res.body;
    const levels = (x: { ratings: number; verySatisfied: number; satisfied: number; notSatisfied: number; satisfactionRate: number | null }) => [
      x.ratings,
      x.verySatisfied,
      x.satisfied,
      x.notSatisfied,
      x.satisfactionRate === null ? null : Math.round(x.satisfactionRate * 1000) / 1000,
    ];
    expect(levels(r.overall)).to.deep.equal([3, 1, 1, 1, 0.667]);
    expect(r.byUnit.map((u: never) => [(u as { unitName: string }).unitName, ...levels(u)])).to.deep.equal([
      [quarter.name, 1, 0, 1, 0, 1],
      [ward.name, 2, 1, 0, 1, 0.5],
    ]);
    expect(r.byProcedure.map((x: never) => [(x as { code: string }).code, ...levels(x)])).to.deep.equal([['1.001193', 3, 1, 1, 1, 0.667]]);
    expect(r.byStep.map((x: never) => [(x as { stepName: string }).stepName, ...levels(x)])).to.deep.equal([
      ['Phê duyệt kết quả', 1, 0, 1, 0, 1],
      ['Thẩm định hồ sơ', 2, 1, 0, 1, 0.5],
    ]);
    expect(r.byOfficer.map((x: never) => [(x as { officerName: string }).officerName, ...levels(x)])).to.deep.equal([
      [b.full_name, 1, 0, 1, 0, 1],
      [a.full_name, 2, 1, 0, 1, 0.5],
    ]);
    expect(r.comments.map((c: { comment: string; level: number }) => [c.comment, c.level])).to.deep.equal([
      ['Phải đi lại nhiều lần', 1],
      ['Nhanh chóng', 3],
    ]);
  });

  it('keeps each reader to their region, and refuses a bad period and anyone but leaders and auditors', async () => {
    const outside = await quarterLeader.get(`/api/reports/form06?${Q3}&unitId=${ward.id}`);
    expect(outside.status).to.equal(403);
    expect(outside.body.code).to.equal('org_unit_outside_scope');
    const own = (await quarterLeader.get(`/api/reports/form06?${Q3}`).expect(200)).body;
    expect(own.total.taken_total).to.equal(1);
    const backwards = await leader.get('/api/reports/form06?from=2026-09-30&to=2026-07-01');
    expect(backwards.status).to.equal(400);
    expect(backwards.body.code).to.equal('period_invalid');
    const specialist = await login('chuyenvien.benthanh');
    expect((await specialist.get(`/api/reports/form06?${Q3}`)).status).to.equal(403);
    expect((await leader.get(`/api/reports/form06/dossiers?${Q3}&cell=nonsense`)).status).to.equal(400);
  });
});

/**
 * A dossier's history as an auditor reads it: the application's timeline with its hash chain verified, beside
 * the engine's own record (every activity, who claimed and completed each task), which it matches; a timeline
 * row altered behind the database's back shown as broken.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { binary, login, type Session } from '../support/http.ts';
import { decide, submit, untilStatus } from '../support/dossiers.ts';
import { artifactsDir, platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

describe("a dossier's history for auditors", function () {
  this.timeout(120_000);
  let worker: WorkerHandle;
  let auditor: Session;
  let id: string;

  before(async () => {
    worker = startTestWorker();
    const [citizen, desk, specialist, leader] = await Promise.all(
      ['congdan', 'tiepnhan.benthanh', 'chuyenvien.benthanh', 'lanhdao.benthanh'].map((u) => login(u)),
    );
    auditor = await login('thanhtra');
    id = (await submit(citizen!).expect(201)).body.id;
    await decide(desk!, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen!, id, 2);
    await decide(specialist!, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    await decide(leader!, id, 'approval', { decision: 'approve' });
    await untilStatus(citizen!, id, 10, 60_000);
    // the result is returned (status 10) a moment before the process reaches its end event
    const pid = (await platform().db('dossiers').where({ id }).first('process_instance_id')).process_instance_id as string;
    for (let i = 0; i < 100; i++) {
      if ((await platform().services.engine.historicActivities(pid)).some((a) => a.activityType === 'noneEndEvent')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  after(() => worker.stop());

  it("matches the engine's own history: every activity, and who claimed and completed each task", async () => {
    const h = (await auditor.get(`/api/audit/dossiers/${id}/history`).expect(200)).body;
    expect(h.timeline.intact).to.equal(true);
    const pid = h.dossier.processInstanceId as string;
    const engine = platform().services.engine;
    const own = await engine.historicActivities(pid);
    expect(h.engine.activities.map((a: { activityId: string }) => a.activityId)).to.deep.equal(own.map((a) => a.activityId));
    expect(h.engine.activities.map((a: { activityId: string }) => a.activityId)).to.include.members(['reception', 'review', 'approval']);
    const officers = Object.fromEntries(
      await Promise.all(
        ['tiepnhan.benthanh', 'chuyenvien.benthanh', 'lanhdao.benthanh'].map(async (u) => [
          u,
          (await platform().db('accounts').where({ username: u }).first('full_name')).full_name,
        ]),
      ),
    );
    const did = (op: string) =>
      h.engine.operations
        .filter((o: { operation: string; property: string | null }) => o.operation === op && (op !== 'Claim' || o.property === 'assignee'))
        .map((o: { userName: string }) => o.userName);
    expect(did('Claim')).to.deep.equal([officers['tiepnhan.benthanh'], officers['chuyenvien.benthanh'], officers['lanhdao.benthanh']]);
    expect(did('Complete')).to.include.members(Object.values(officers));
    expect(h.engine.tasks.map((t: { step: string; outcome: string }) => [t.step, t.outcome])).to.deep.equal([
      ['reception', 'completed'],
      ['review', 'completed'],
      ['approval', 'completed'],
    ]);
    // the timeline and the engine tell the same decisions
    const decisions = h.timeline.events.filter((e: { type: string }) => /_(accept|approve)$/.test(e.type)).map((e: { step: string }) => e.step);
    expect(decisions).to.deep.equal(['reception', 'review', 'approval']);
  });

  const pdfText = async (name: string) => {
    const res = await auditor
      .get(`/api/audit/dossiers/${id}/history.pdf`)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.writeFileSync(path.join(artifactsDir, `${name}.pdf`), res.body as Uint8Array);
    // in the order it was written: each table cell's text together
    return execFileSync('pdftotext', ['-raw', '-', '-'], { input: res.body as Uint8Array })
      .toString()
      .replace(/\s+/g, ' ');
  };

  it('prints the history as a PDF: the dossier, the verification, each step with who took and completed it, the decisions', async () => {
    const h = (await auditor.get(`/api/audit/dossiers/${id}/history`).expect(200)).body;
    const names = await platform().db('accounts').whereIn('username', ['chuyenvien.benthanh', 'lanhdao.benthanh']).pluck('full_name');
    const text = await pdfText('audit-history');
    expect(text).to.contain('LỊCH SỬ XỬ LÝ HỒ SƠ');
    expect(text).to.contain(`Mã hồ sơ: ${h.dossier.code}`);
    expect(text).to.contain('1.001193 – Đăng ký khai sinh');
    expect(text).to.contain(`Kiểm chứng chuỗi băm: NGUYÊN VẸN – ${h.timeline.events.length} mục nhật ký, không mục nào bị sửa hay xóa.`);
    for (const step of ['Tiếp nhận hồ sơ', 'Thẩm định hồ sơ', 'Phê duyệt kết quả']) expect(text).to.contain(step);
    for (const name of names) expect(text).to.contain(name);
    // the specialist's decision and opinion, labelled as on the review form
    expect(text).to.contain('Quyết định: Đủ điều kiện, trình lãnh đạo phê duyệt; Ý kiến thẩm định: Đủ điều kiện');
    expect(text).to.contain('In lúc');
  });

  it('shows a timeline row altered behind the database’s back', async () => {
    const db = platform().db;
    const row = await db('dossier_events').where({ dossier_id: id, type: 'review_approve' }).first('id', 'seq', 'data');
    await db.raw('alter table dossier_events disable trigger dossier_events_no_update');
    try {
      await db('dossier_events')
        .where({ id: row.id })
        .update({ data: JSON.stringify({ ...row.data, opinion: 'Không đủ điều kiện' }) });
      const h = (await auditor.get(`/api/audit/dossiers/${id}/history`).expect(200)).body;
      expect(h.timeline).to.include({ intact: false, brokenAtSeq: row.seq });
      const text = await pdfText('audit-history-tampered');
      expect(text).to.contain(`Kiểm chứng chuỗi băm: BỊ PHÁ VỠ từ mục số ${row.seq}`);
      expect(text).to.contain('BỊ SỬA HOẶC XÓA NGOÀI HỆ THỐNG. Quyết định: Đủ điều kiện, trình lãnh đạo phê duyệt; Ý kiến thẩm định: Không đủ điều kiện');
    } finally {
      await db('dossier_events')
        .where({ id: row.id })
        .update({ data: JSON.stringify(row.data) });
      await db.raw('alter table dossier_events enable trigger dossier_events_no_update');
    }
    expect((await auditor.get(`/api/audit/dossiers/${id}/history`).expect(200)).body.timeline.intact).to.equal(true);
  });

  it('is for auditors who may read the dossier', async () => {
    const officer = await login('chuyenvien.benthanh');
    expect((await officer.get(`/api/audit/dossiers/${id}/history`)).status).to.equal(403);
    expect((await officer.get(`/api/audit/dossiers/${id}/history.pdf`)).status).to.equal(403);
  });
});

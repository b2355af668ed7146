/**
 * The administration log as the city's auditors read it: officers' logins and failed logins recorded beside
 * the changes, searchable; its hash chain verified, and a row altered behind the database's back detected.
 */
import { expect } from 'chai';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { login, type Session } from '../support/http.ts';
import { platform } from '../support/platform.ts';
import supertest from 'supertest';
import { api, binary } from '../support/http.ts';
import ExcelJS from 'exceljs';

/** The workbook's table as rows of text, from its header row on, and the lines above it. */
async function workbook(body: Buffer): Promise<{ lines: string[]; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const all: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => all.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  const head = all.findIndex((r) => r[0] === 'STT');
  return { lines: all.slice(0, head).map((r) => r[0]!), rows: all.slice(head) };
}
const download = (s: Session, url: string) =>
  s
    .get(url)
    .buffer(true)
    .parse(binary as never)
    .expect(200);

describe('the administration log (api)', function () {
  let auditor: Session;
  before(async () => {
    auditor = await login('thanhtra');
  });

  it("records officers' logins and failed logins, and finds them by user name", async () => {
    const p = platform();
    const username = `cv.nhatky.${Date.now().toString(36)}`;
    await p.services.accounts.createAccount({
      username,
      password: DEMO_PASSWORD,
      fullName: 'Cán Bộ Nhật Ký',
      role: 'specialist',
      orgUnitId: p.demo!.benThanh.id,
    });
    await supertest(api()).post('/api/auth/login').send({ username, password: 'sai-mat-khau-roi' }).expect(401);
    await login(username);
    const found = (await auditor.get(`/api/audit/admin-log?entity=login&q=${username}`).expect(200)).body;
    expect(found.items.map((e: { action: string; after: { username: string; reason?: string } }) => [e.action, e.after])).to.deep.equal([
      ['login', { username }],
      ['login_failed', { username, reason: 'password' }],
    ]);
    // a citizen's login is not the administration's
    await login('congdan');
    const citizen = (await auditor.get('/api/audit/admin-log?entity=login&q=congdan').expect(200)).body;
    expect(citizen.total).to.equal(0);

    // exported with the same filter: in words, each row with its hash and verified
    const file = await download(auditor, `/api/audit/admin-log.xlsx?entity=login&q=${username}`);
    expect(file.headers['content-type']).to.contain('spreadsheetml');
    const { lines, rows } = await workbook(file.body);
    expect(lines[0]).to.equal('NHẬT KÝ QUẢN TRỊ HỆ THỐNG MỘT CỬA');
    expect(lines[1]).to.equal(`Điều kiện lọc: Đối tượng: Đăng nhập; Từ khóa: «${username}»`);
    expect(lines[2]).to.match(/^Chuỗi băm nguyên vẹn: \d+ mục đã kiểm chứng/);
    expect(rows[0]).to.deep.equal(['STT', 'Thời điểm', 'Người thực hiện', 'Đối tượng', 'Thao tác', 'Chi tiết', 'Mã băm (SHA-256)', 'Kiểm chứng']);
    expect(rows.slice(1).map((r) => [r[3], r[4], r[5], r[6], r[7]])).to.deep.equal([
      ['Đăng nhập', 'Đăng nhập thành công', `Tên đăng nhập: ${username}`, found.items[0].hash, 'Đã kiểm chứng'],
      ['Đăng nhập', 'Đăng nhập thất bại', `Tên đăng nhập: ${username}; Lý do: sai tên đăng nhập hoặc mật khẩu`, found.items[1].hash, 'Đã kiểm chứng'],
    ]);
    expect(rows[1]![6]).to.match(/^[0-9a-f]{64}$/);
    const csv = await download(auditor, `/api/audit/admin-log.csv?entity=login&q=${username}`);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFFSTT,Thời điểm,Người thực hiện,Đối tượng,Thao tác,Chi tiết,Mã băm (SHA-256),Kiểm chứng\r\n')).to.equal(true);
    expect(text).to.contain(`Đăng nhập thất bại,Tên đăng nhập: ${username}; Lý do: sai tên đăng nhập hoặc mật khẩu,${found.items[1].hash},Đã kiểm chứng`);
    await auditor.get('/api/audit/admin-log.xlsx?entity=nhan_vien').expect(400);
  });

  it('records a new SLA rule version with who added it', async () => {
    const admin = await login('quantri');
    const added = await admin.post('/api/admin/sla-rules').send({
      effectiveFrom: '2099-01-01',
      supplementClock: 'extend',
      warnThreshold: { maxWorkingHours: 16, share: 0.25 },
      moveCalendarDeadlines: true,
      supplementAllowance: { value: 10, unit: 'working_days' },
      note: 'Thử nghiệm nhật ký',
    });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    const entry = (await auditor.get('/api/audit/admin-log?entity=sla_rules').expect(200)).body.items[0];
    expect(entry).to.deep.include({ action: 'added', entityId: added.body.id });
    expect(entry.actor.name).to.equal(admin.account.fullName);
    expect(entry.after).to.include({ effectiveFrom: '2099-01-01', dayCount: 'civil_code', note: 'Thử nghiệm nhật ký' });
  });

  it('verifies the chain, and shows the first row altered behind the database’s back', async () => {
    const intact = (await auditor.get('/api/audit/admin-log/verify').expect(200)).body;
    expect(intact).to.deep.include({ intact: true, brokenAt: null, broken: null });
    expect(intact.checked).to.equal(Number((await platform().db('admin_audit_log').count({ n: '*' }))[0]!.n));
    const db = platform().db;
    const victim = await db('admin_audit_log').orderBy('id', 'desc').offset(1).first('id', 'action');
    // someone with the database's keys changes a row (the trigger stood aside)
    await db.raw('alter table admin_audit_log disable trigger admin_audit_log_append_only');
    try {
      await db('admin_audit_log').where({ id: victim.id }).update({ action: 'login_hidden' });
      const broken = (await auditor.get('/api/audit/admin-log/verify').expect(200)).body;
      expect(broken).to.deep.include({ intact: false, brokenAt: String(victim.id) });
      expect(broken.broken).to.include({ id: String(victim.id), action: 'login_hidden' });
      // the export says so on top and marks the row; the rows after it cannot be vouched for
      const { lines, rows } = await workbook((await download(auditor, '/api/audit/admin-log.xlsx')).body);
      expect(lines[2]).to.contain(`CHUỖI BĂM BỊ PHÁ VỠ tại mục số ${victim.id}`);
      expect(rows[1]![7]).to.equal('Sau chỗ chuỗi bị phá vỡ: không kiểm chứng được');
      expect(rows[2]![7]).to.equal('BỊ SỬA HOẶC XÓA NGOÀI HỆ THỐNG');
      expect(rows[2]![4]).to.equal('Thao tác khác');
      expect(rows[3]![7]).to.equal('Đã kiểm chứng');
    } finally {
      await db('admin_audit_log').where({ id: victim.id }).update({ action: victim.action });
      await db.raw('alter table admin_audit_log enable trigger admin_audit_log_append_only');
    }
    expect((await auditor.get('/api/audit/admin-log/verify').expect(200)).body.intact).to.equal(true);
    // and the database itself refuses the change
    const refused = await db('admin_audit_log')
      .where({ id: victim.id })
      .update({ action: 'x' })
      .catch((e: Error) => e);
    expect(String(refused)).to.contain('append-only');
  });

  it('is for the city’s auditors only', async () => {
    for (const u of ['chuyenvien.benthanh', 'quantri']) {
      const s = await login(u);
      expect((await s.get('/api/audit/admin-log')).status, u).to.equal(403);
      expect((await s.get('/api/audit/admin-log.xlsx')).status, u).to.equal(403);
    }
  });
});

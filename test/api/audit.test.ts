/**
 * The administration log as the city's auditors read it: officers' logins and failed logins recorded beside
 * the changes, searchable; its hash chain verified, and a row altered behind the database's back detected.
 */
import { expect } from 'chai';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { login, type Session } from '../support/http.ts';
import { platform } from '../support/platform.ts';
import supertest from 'supertest';
import { api } from '../support/http.ts';

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
    expect((await auditor.get('/api/audit/admin-log/verify').expect(200)).body).to.deep.equal({ intact: true, brokenAt: null });
    const db = platform().db;
    const victim = await db('admin_audit_log').orderBy('id', 'desc').offset(1).first('id', 'action');
    // someone with the database's keys changes a row (the trigger stood aside)
    await db.raw('alter table admin_audit_log disable trigger admin_audit_log_append_only');
    try {
      await db('admin_audit_log').where({ id: victim.id }).update({ action: 'login_hidden' });
      const broken = (await auditor.get('/api/audit/admin-log/verify').expect(200)).body;
      expect(broken).to.deep.equal({ intact: false, brokenAt: String(victim.id) });
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
    }
  });
});

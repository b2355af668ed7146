/**
 * The organisation administered through the api: units created, edited, moved, deactivated and reactivated,
 * each change in the append-only administration log; an administrator of a unit manages only its subtree;
 * a deactivated unit is no longer offered to applicants and refuses submissions, its history intact.
 */
import { expect } from 'chai';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { login, type Session } from '../support/http.ts';
import { submit } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';

describe('administering the organisation (api)', function () {
  let city: Session;
  let regional: Session;
  let centreId: string;
  let departmentId: string;

  before(async () => {
    const p = platform();
    city = await login('quantri');
    // an administrator of one ward (Sài Gòn): its region is that ward's subtree
    const username = `quantri.saigon.${Date.now().toString(36)}`;
    await p.services.accounts.createAccount({
      username,
      password: DEMO_PASSWORD,
      fullName: 'Quản Trị Phường Sài Gòn',
      role: 'administrator',
      orgUnitId: p.demo!.saiGon.id,
    });
    regional = await login(username);
  });

  const post = (s: Session, url: string, body: object = {}) => s.agent.post(url).set('x-csrf-token', s.csrf).send(body);
  const patch = (s: Session, url: string, body: object) => s.agent.patch(url).set('x-csrf-token', s.csrf).send(body);

  it('creates a commune centre and a department under the city, each change logged with who made it', async () => {
    const cityId = platform().demo!.city.id;
    const centre = await post(city, '/api/admin/units', {
      name: 'Trung tâm Phục vụ hành chính công phường Thử Nghiệm',
      agencyCode: '000.00.71.H29',
      parentId: cityId,
      level: 'centre',
      fields: ['Hộ tịch', 'Xây dựng', 'Hộ tịch'],
      address: '1 Đường Thử, Phường Thử Nghiệm',
    });
    expect(centre.status, JSON.stringify(centre.body)).to.equal(201);
    expect(centre.body).to.deep.include({ level: 'centre', parentId: cityId, fields: ['Hộ tịch', 'Xây dựng'], deactivatedAt: null });
    centreId = centre.body.id;
    const department = await post(city, '/api/admin/units', {
      name: 'Sở Xây dựng Thử Nghiệm',
      agencyCode: '000.71.00.H29',
      parentId: cityId,
      level: 'department',
      fields: ['Xây dựng'],
    });
    expect(department.status, JSON.stringify(department.body)).to.equal(201);
    departmentId = department.body.id;

    const renamed = await patch(city, `/api/admin/units/${departmentId}`, { name: 'Sở Xây dựng Thành phố Thử Nghiệm', address: '60 Trương Định' });
    expect(renamed.status, JSON.stringify(renamed.body)).to.equal(200);
    expect(renamed.body).to.include({ name: 'Sở Xây dựng Thành phố Thử Nghiệm', agencyCode: '000.71.00.H29', address: '60 Trương Định' });

    const history = (await city.get(`/api/admin/units/${departmentId}/history`).expect(200)).body;
    expect(history.items.map((e: { action: string }) => e.action)).to.deep.equal(['updated', 'created']);
    const [updated] = history.items;
    expect(updated.actor.name).to.equal(city.account.fullName);
    expect(updated.before.name).to.equal('Sở Xây dựng Thử Nghiệm');
    expect(updated.after.name).to.equal('Sở Xây dựng Thành phố Thử Nghiệm');
    expect(updated.requestId).to.be.a('string');
    // the log cannot be rewritten, not even by the application's own database user
    const rewrite = await platform()
      .db('admin_audit_log')
      .where({ entity_id: departmentId })
      .update({ actor_name: 'ai đó' })
      .catch((e: Error) => e);
    expect(rewrite).to.be.instanceOf(Error);
    expect(String(rewrite)).to.match(/append-only/);
  });

  it('refuses a taken agency code, a malformed one and a missing name, naming the fields in words', async () => {
    const cityId = platform().demo!.city.id;
    const taken = await post(city, '/api/admin/units', { name: 'Trùng mã', agencyCode: '000.00.71.H29', parentId: cityId, level: 'commune' });
    expect(taken.status).to.equal(409);
    expect(taken.headers['content-type']).to.match(/application\/problem\+json/);
    expect(taken.body.code).to.equal('org_unit_code_taken');
    const bad = await post(city, '/api/admin/units', { agencyCode: '71-H29', parentId: cityId, level: 'ward' });
    expect(bad.status).to.equal(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).to.deep.equal(['agencyCode', 'level', 'name']);
    const messages = bad.body.errors.map((e: { message: { vi: string } }) => e.message.vi).join(' ');
    expect(messages).to.contain('Mã định danh đơn vị').and.contain('Tên đơn vị').and.contain('Cấp đơn vị');
    expect(messages).not.to.match(/agencyCode|parentId/);
    expect(await platform().db('org_units').where({ name: 'Trùng mã' })).to.have.length(0);
  });

  it('moves a unit with its subtree, never under itself, and refuses what only administrators may do', async () => {
    const ward = await post(city, '/api/admin/units', {
      name: 'Tổ tiếp nhận lưu động',
      agencyCode: '000.00.72.H29',
      parentId: centreId,
      level: 'centre',
    });
    expect(ward.status, JSON.stringify(ward.body)).to.equal(201);
    const cycle = await post(city, `/api/admin/units/${centreId}/move`, { parentId: ward.body.id });
    expect(cycle.status).to.equal(400);
    expect(cycle.body.code).to.equal('org_unit_move_cycle');
    const moved = await post(city, `/api/admin/units/${ward.body.id}/move`, { parentId: departmentId });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    expect(moved.body.parentId).to.equal(departmentId);
    const officer = await login('tiepnhan.benthanh');
    expect((await officer.get('/api/admin/units')).status).to.equal(403);
    expect((await post(officer, `/api/admin/units/${departmentId}/deactivate`)).status).to.equal(403);
  });

  it("keeps a unit's administrator inside its region: it sees and changes only its subtree", async () => {
    const p = platform();
    const seen = (await regional.get('/api/admin/units').expect(200)).body.items.map((u: { id: string }) => u.id);
    expect(seen).to.include(p.demo!.saiGon.id);
    expect(seen).not.to.include(p.demo!.benThanh.id);
    expect(seen).not.to.include(p.demo!.city.id);
    // below its own unit: allowed
    const team = await post(regional, '/api/admin/units', {
      name: 'Bộ phận một cửa phường Sài Gòn',
      agencyCode: '000.00.73.H29',
      parentId: p.demo!.saiGon.id,
      level: 'centre',
    });
    expect(team.status, JSON.stringify(team.body)).to.equal(201);
    // outside: refused, and nothing changes
    for (const res of [
      await regional.get(`/api/admin/units/${p.demo!.benThanh.id}`),
      await patch(regional, `/api/admin/units/${p.demo!.benThanh.id}`, { name: 'Đổi tên trái phép' }),
      await post(regional, `/api/admin/units/${p.demo!.benThanh.id}/deactivate`),
      await post(regional, '/api/admin/units', { name: 'Ngoài phạm vi', agencyCode: '000.00.74.H29', parentId: p.demo!.city.id, level: 'commune' }),
      await post(regional, `/api/admin/units/${team.body.id}/move`, { parentId: p.demo!.benThanh.id }),
    ]) {
      expect(res.status, JSON.stringify(res.body)).to.equal(403);
      expect(res.body.code).to.equal('org_unit_outside_scope');
    }
    // nor the root of its own region
    const root = await post(regional, `/api/admin/units/${p.demo!.saiGon.id}/deactivate`);
    expect(root.status).to.equal(403);
    expect(root.body.code).to.equal('org_unit_region_root');
    expect((await p.db('org_units').where({ id: p.demo!.benThanh.id }).first()).name).to.equal('Ủy ban nhân dân phường Bến Thành');
  });

  it("keeps a unit's administrator to its region's calendars: its own units' office hours, not the common calendar nor another unit's", async () => {
    const p = platform();
    const hours = { name: 'Lịch làm việc', officeHours: [{ start: '07:30', end: '11:30' }], weekendDays: [0, 6] };
    const put = (s: Session, url: string, body: object) => s.agent.put(url).set('x-csrf-token', s.csrf).send(body);
    const own = await put(regional, `/api/admin/calendars/units/${p.demo!.saiGon.id}`, { ...hours, name: 'Lịch phường Sài Gòn' });
    expect(own.status, JSON.stringify(own.body)).to.equal(200);
    for (const res of [
      await put(regional, `/api/admin/calendars/units/${p.demo!.benThanh.id}`, hours),
      await put(regional, '/api/admin/calendars/default', hours),
      await put(regional, '/api/admin/calendar-days', { date: '2027-03-10', kind: 'day_off', name: 'Nghỉ trái phép' }),
    ]) {
      expect(res.status, JSON.stringify(res.body)).to.equal(403);
      expect(res.body.code).to.equal('org_unit_outside_scope');
    }
    const day = await put(regional, '/api/admin/calendar-days', { calendarId: own.body.id, date: '2027-03-10', kind: 'day_off', name: 'Nghỉ bù của phường' });
    expect(day.status, JSON.stringify(day.body)).to.equal(200);
    const listed = (await regional.get('/api/admin/calendars').expect(200)).body.items.map((c: { orgUnitId: string | null }) => c.orgUnitId);
    expect(listed).to.include(p.demo!.saiGon.id).and.include(null);
    // the ward's calendar goes back to the common hours, as the other tests expect
    await p.db('calendar_days').where({ id: day.body.id }).delete();
    await p.db('calendars').where({ id: own.body.id }).delete();
    p.services.calendars.invalidate();
  });

  it('deactivates a unit: not offered nor receiving any more, its dossiers and history intact; reactivates it', async () => {
    const p = platform();
    const citizen = await login('congdan');
    const unit = await post(city, '/api/admin/units', {
      name: 'Ủy ban nhân dân phường Sáp Nhập',
      agencyCode: '000.00.75.H29',
      parentId: p.demo!.city.id,
      level: 'commune',
    });
    expect(unit.status).to.equal(201);
    const id = unit.body.id as string;
    const before = (await submit(citizen, { unitId: id }).expect(201)).body.id as string;

    const off = await post(city, `/api/admin/units/${id}/deactivate`);
    expect(off.status, JSON.stringify(off.body)).to.equal(200);
    expect(off.body.deactivatedAt).to.be.a('string');
    expect((await post(city, `/api/admin/units/${id}/deactivate`)).body.code).to.equal('org_unit_inactive');
    const offered = (await citizen.get('/api/org-units').expect(200)).body.items.map((u: { id: string }) => u.id);
    expect(offered).not.to.include(id);
    const refused = await submit(citizen, { unitId: id });
    expect(refused.status).to.equal(400);
    expect(refused.body.code).to.equal('org_unit_inactive');
    // what it received before stays readable
    expect((await citizen.get(`/api/dossiers/${before}`)).status).to.equal(200);
    // a parent with an active unit below cannot go first
    const parentOff = await post(city, `/api/admin/units/${departmentId}/deactivate`);
    expect(parentOff.status).to.equal(409);
    expect(parentOff.body.code).to.equal('org_unit_has_active_children');
    expect(parentOff.body.messages.vi).to.contain('Tổ tiếp nhận lưu động');

    const on = await post(city, `/api/admin/units/${id}/reactivate`);
    expect(on.status).to.equal(200);
    expect(on.body.deactivatedAt).to.equal(null);
    const actions = (await city.get(`/api/admin/units/${id}/history`).expect(200)).body.items.map((e: { action: string }) => e.action);
    expect(actions).to.deep.equal(['reactivated', 'deactivated', 'created']);
  });
});

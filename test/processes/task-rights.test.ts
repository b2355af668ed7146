/**
 * A held task follows the role it was taken in: an officer acts on it only while working in that role (in
 * that unit), and taking the role away, or the account, gives the task back to the unit, on the timeline.
 */
import { expect } from 'chai';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { recordChange } from '@motcua/domain/audit/admin-audit.repository.ts';
import { eventually, login, type Session } from '../support/http.ts';
import { claim, submit } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

describe('a held task follows its role', function () {
  let worker: WorkerHandle;
  let citizen: Session;
  let city: Session;
  let desk: Session;
  const tag = Date.now().toString(36);

  before(async () => {
    worker = startTestWorker();
    [citizen, city, desk] = await Promise.all([login('congdan'), login('quantri'), login('tiepnhan.benthanh')]);
  });
  after(() => worker.stop());

  /** an officer receiving at Bến Thành who is also a leader in Sài Gòn */
  async function twoRoleOfficer(name: string): Promise<{ id: string; session: Session }> {
    const demo = platform().demo!;
    const account = await platform().services.accounts.createAccount({
      username: `${name}.${tag}`,
      password: DEMO_PASSWORD,
      fullName: 'Lê Văn Hai Vai',
      role: 'receiving_officer',
      orgUnitId: demo.benThanh.id,
    });
    const added = await city.post(`/api/admin/people/${account.id}/roles`).send({ role: 'leader', orgUnitId: demo.saiGon.id });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    return { id: account.id, session: await login(`${name}.${tag}`) };
  }

  const unclaimedEvents = async (dossierId: string) =>
    (await platform().services.db('dossier_events').where({ dossier_id: dossierId, type: 'task_unclaimed' })).map((e) => e.data);

  it('acts on a held task only in the role it was taken in, and gives it back when that role is taken away', async () => {
    const { id: officerId, session: officer } = await twoRoleOfficer('tn.haivai');
    const dossier = (await submit(citizen).expect(201)).body.id as string;
    const taskId = await claim(officer, dossier, 'reception');

    // working as the leader of another unit, the officer neither sees nor completes the reception task
    const me = (await officer.get('/api/auth/me')).body;
    const leaderRole = me.roles.find((r: { role: string }) => r.role === 'leader');
    const receivingRole = me.roles.find((r: { role: string }) => r.role === 'receiving_officer');
    await officer.post('/api/auth/role').send({ roleId: leaderRole.id }).expect(200);
    const refused = await officer.post(`/api/tasks/${taskId}/complete`).send({ decision: 'accept' });
    expect(refused.status).to.equal(404);
    expect(refused.body.code).to.equal('task_not_found');
    expect((await officer.get('/api/tasks?limit=200')).body.items.map((t: { id: string }) => t.id)).not.to.include(taskId);

    // back in the receiving role it is theirs again
    await officer.post('/api/auth/role').send({ roleId: receivingRole.id }).expect(200);
    const mine = (await officer.get('/api/tasks?limit=200')).body.items.find((t: { id: string }) => t.id === taskId);
    expect(mine).to.include({ assignedToMe: true });

    // the receiving role taken away: the task is free for the unit's other receiving officers, and the timeline says why
    const removed = await city.delete(`/api/admin/people/${officerId}/roles/${receivingRole.id}`);
    expect(removed.status, JSON.stringify(removed.body)).to.equal(200);
    const free = await eventually(async () => {
      const t = (await desk.get('/api/tasks?limit=200')).body.items.find((x: { id: string }) => x.id === taskId);
      return t && t.assignee === null ? t : undefined;
    }, 'the reception task free at Bến Thành');
    expect(free.stepKey).to.equal('reception');
    expect(await unclaimedEvents(dossier)).to.deep.equal([{ taskId, reason: 'role_removed', holderId: officerId }]);
  });

  it('gives back later, by the reconciler, a task the change of roles could not give back (the engine did not answer then)', async () => {
    const { id: officerId, session: officer } = await twoRoleOfficer('tn.engine.down');
    const dossier = (await submit(citizen).expect(201)).body.id as string;
    const taskId = await claim(officer, dossier, 'reception');
    // the role taken away while the engine was away: the row and the log entry, no release
    const p = platform();
    const roles = (await p.db('account_roles').where({ account_id: officerId }).select('id', 'role', 'org_unit_id')) as {
      id: string;
      role: string;
      org_unit_id: string;
    }[];
    const receiving = roles.find((r) => r.role === 'receiving_officer')!;
    await p.db('account_roles').where({ id: receiving.id }).delete();
    await recordChange({
      db: p.db,
      change: {
        actor: null,
        entity: 'account',
        entityId: officerId,
        action: 'role_removed',
        before: { roles: roles.map((r) => ({ role: r.role, orgUnitId: r.org_unit_id })) },
        after: { roles: roles.filter((r) => r !== receiving).map((r) => ({ role: r.role, orgUnitId: r.org_unit_id })) },
      },
    });
    expect((await desk.get(`/api/tasks/${taskId}`).expect(200)).body.assignee).to.equal(officerId);
    const report = await p.services.reconciler.reconcile({ graceSeconds: 0 });
    expect(report.repaired.task_held_without_right).to.equal(1);
    expect((await desk.get(`/api/tasks/${taskId}`).expect(200)).body.assignee).to.equal(null);
    expect(await unclaimedEvents(dossier)).to.deep.equal([{ taskId, reason: 'role_removed', holderId: officerId }]);
    void officer;
  });

  it('gives back the tasks of a deactivated account', async () => {
    const { id: officerId, session: officer } = await twoRoleOfficer('tn.nghiviec');
    const dossier = (await submit(citizen).expect(201)).body.id as string;
    const taskId = await claim(officer, dossier, 'reception');
    const deactivated = await city.post(`/api/admin/people/${officerId}/deactivate`);
    expect(deactivated.status, JSON.stringify(deactivated.body)).to.equal(200);
    const free = (await desk.get('/api/tasks?limit=200')).body.items.find((x: { id: string }) => x.id === taskId);
    expect(free).to.include({ assignee: null });
    expect(await unclaimedEvents(dossier)).to.deep.equal([{ taskId, reason: 'account_deactivated', holderId: officerId }]);
  });
});

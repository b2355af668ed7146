/**
 * A command of the engine-command outbox ends with what follows on its dossier in one statement (the database
 * function `motcua_engine_command_end`): the dossier locked or linked, its status changed where the command
 * says, the timeline's event chained after every event committed before the lock was granted.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { endCommand, insertCommand } from '@motcua/domain/engine-commands/engine-commands.repository.ts';
import { DossierStatus } from '@motcua/domain/dossiers/dossier-status.ts';
import { lockDossier } from '@motcua/domain/dossiers/dossiers.repository.ts';
import { appendEvent, listEvents, verifyChain } from '@motcua/domain/timeline/timeline.repository.ts';
import { platform } from '../support/platform.ts';
import { aBareDossier } from '../support/dossiers.ts';

async function aClaim(dossierId: string, startsHandling = true) {
  const taskId = randomUUID();
  const cmd = await insertCommand({
    db: platform().db,
    command: {
      dossierId,
      dedupeKey: `claim:${taskId}:${randomUUID()}`,
      payload: { kind: 'claim', taskId, userId: randomUUID(), step: 'review', startsHandling },
    },
  });
  return { cmd: cmd!, taskId };
}

const officerId = async () => (await platform().db('accounts').whereNot({ role: 'citizen' }).first('id')).id as string;

const claimEnd = async (id: string, dossierId: string, taskId: string) =>
  endCommand({
    db: platform().db,
    id,
    state: 'done',
    outcome: 'claimed',
    follow: {
      change: { from: DossierStatus.Received, to: DossierStatus.InHandling },
      event: { dossierId, type: 'task_claimed', actor: { id: await officerId(), fullName: 'Trần Thị Bình' }, step: 'review', data: { taskId } },
    },
  });

const statusOf = async (id: string) => (await platform().db('dossiers').where({ id }).first('status')).status as number;

describe('the end of an engine command and what follows it', function () {
  it('starts the handling of a received dossier when its first handling step is claimed, on its timeline', async () => {
    const id = await aBareDossier();
    await platform().db('dossiers').where({ id }).update({ status: DossierStatus.Received });
    const { cmd, taskId } = await aClaim(id);
    const ended = await claimEnd(cmd.id, id, taskId);
    expect(ended).to.include({ id: cmd.id, state: 'done', outcome: 'claimed' });
    expect(await statusOf(id)).to.equal(DossierStatus.InHandling);
    const events = await listEvents({ db: platform().db, dossierId: id });
    expect(events.map((e) => [e.type, e.statusFrom, e.statusTo, e.actorName, e.data])).to.deep.equal([
      ['task_claimed', DossierStatus.Received, DossierStatus.InHandling, 'Trần Thị Bình', { taskId }],
    ]);
    expect(await verifyChain({ db: platform().db, dossierId: id })).to.equal(undefined);
    expect(await claimEnd(cmd.id, id, taskId), 'a command ended already is not ended again').to.equal(undefined);
    expect(await listEvents({ db: platform().db, dossierId: id })).to.have.length(1);
  });

  it('waits for the dossier a transaction holds and chains its event after the one that transaction appended', async () => {
    const id = await aBareDossier();
    await platform().db('dossiers').where({ id }).update({ status: DossierStatus.Received });
    const { cmd, taskId } = await aClaim(id);
    // another change of the dossier holds its lock: it appends an event and moves the dossier on (a refusal)
    const tx = await platform().db.transaction();
    await lockDossier({ tx, id });
    await appendEvent({ db: tx, event: { dossierId: id, type: 'reception_refused', statusFrom: DossierStatus.Received, statusTo: DossierStatus.NotAccepted } });
    await tx('dossiers').where({ id }).update({ status: DossierStatus.NotAccepted });
    const ending = claimEnd(cmd.id, id, taskId);
    await new Promise((r) => setTimeout(r, 300));
    await tx.commit();
    expect(await ending).to.include({ state: 'done' });
    expect(await statusOf(id), 'the refusal stands: the claim changes no status').to.equal(DossierStatus.NotAccepted);
    const events = await listEvents({ db: platform().db, dossierId: id });
    expect(events.map((e) => [e.seq, e.type, e.statusFrom, e.statusTo])).to.deep.equal([
      [1, 'reception_refused', DossierStatus.Received, DossierStatus.NotAccepted],
      [2, 'task_claimed', null, null],
    ]);
    expect(await verifyChain({ db: platform().db, dossierId: id }), 'the chain holds').to.equal(undefined);
  });

  it('links a dossier to its process once, and records its submission only then', async () => {
    const id = await aBareDossier();
    const submittedAt = new Date('2026-12-02T03:04:05.678Z');
    const start = (n: number) =>
      insertCommand({
        db: platform().db,
        command: { dossierId: id, dedupeKey: `start:${id}:${n}`, payload: { kind: 'start', processDefinitionId: 'p', variables: {}, attachments: 0 } },
      });
    const end = (cmdId: string, instance: string) =>
      endCommand({
        db: platform().db,
        id: cmdId,
        state: 'done',
        outcome: 'started',
        follow: {
          link: instance,
          event: { dossierId: id, type: 'submitted', statusTo: DossierStatus.Submitted, data: { channel: 2, processInstanceId: instance }, at: submittedAt },
        },
      });
    const [a, b] = [(await start(1))!, (await start(2))!];
    expect(await end(a.id, 'instance-a')).to.include({ state: 'done' });
    expect(await end(b.id, 'instance-b'), 'the second command ends').to.include({ state: 'done' });
    expect((await platform().db('dossiers').where({ id }).first('process_instance_id')).process_instance_id).to.equal('instance-a');
    const events = await listEvents({ db: platform().db, dossierId: id });
    expect(events.map((e) => [e.type, e.statusTo, e.at.toISOString(), e.data])).to.deep.equal([
      ['submitted', DossierStatus.Submitted, submittedAt.toISOString(), { channel: 2, processInstanceId: 'instance-a' }],
    ]);
    expect(await verifyChain({ db: platform().db, dossierId: id })).to.equal(undefined);
  });
});

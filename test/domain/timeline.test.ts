/** The timeline is append-only and hash-chained: rows cannot be changed, and a change made anyway shows. */
import { expect } from 'chai';
import { appendEvent, listEvents, verifyChain } from '@motcua/domain/timeline/timeline.repository.ts';
import { platform } from '../support/platform.ts';
import { aBareDossier } from '../support/dossiers.ts';

describe('the dossier timeline', function () {
  it('numbers events 1, 2, 3 and chains their hashes', async () => {
    const db = platform().db;
    const id = await aBareDossier();
    for (const type of ['submitted', 'received', 'result_signed'])
      await db.transaction((tx) => appendEvent({ db: tx, event: { dossierId: id, type, data: { n: type } } }));
    const events = await listEvents({ db, dossierId: id });
    expect(events.map((e) => e.seq)).to.deep.equal([1, 2, 3]);
    expect(await verifyChain({ db, dossierId: id })).to.equal(undefined);
  });

  it('hashes in the database exactly as the chain is verified: Vietnamese text, nested keys named like its columns, nulls', async () => {
    const db = platform().db;
    const id = await aBareDossier();
    const actor = await db('accounts').where({ username: 'congdan' }).first('id');
    const returned = [];
    for (const data of [
      { lýDo: 'Hồ sơ thiếu bản sao giấy chứng sinh — bổ sung “trong 5 ngày”', seq: 99, z: [1, null, { hash: 'x', a: true }] },
      {},
      { note: 'emoji 📄 and a quote " and a backslash \\', nested: { seq: { seq: 1 } } },
    ])
      returned.push(
        await db.transaction((tx) =>
          appendEvent({
            db: tx,
            event: {
              dossierId: id,
              type: 'note',
              actor: { id: actor.id, fullName: 'Nguyễn Văn Ánh' },
              step: 'review',
              statusFrom: 4,
              statusTo: 4,
              data,
              at: new Date('2026-12-02T01:02:03.456Z'),
            },
          }),
        ),
      );
    const events = await listEvents({ db, dossierId: id });
    expect(events.map((e) => e.hash)).to.deep.equal(returned.map((e) => e.hash));
    expect(await verifyChain({ db, dossierId: id })).to.equal(undefined);
  });

  it('refuses UPDATE and DELETE of its rows', async () => {
    const db = platform().db;
    const id = await aBareDossier();
    await appendEvent({ db, event: { dossierId: id, type: 'submitted' } });
    let error = '';
    await db('dossier_events')
      .where({ dossier_id: id })
      .update({ type: 'forged' })
      .catch((e: Error) => (error = e.message));
    expect(error).to.contain('append-only');
    error = '';
    await db('dossier_events')
      .where({ dossier_id: id })
      .delete()
      .catch((e: Error) => (error = e.message));
    expect(error).to.contain('append-only');
  });

  it('shows where someone with database rights edited a row behind the trigger', async () => {
    const db = platform().db;
    const id = await aBareDossier();
    for (const type of ['submitted', 'received', 'result_returned']) await appendEvent({ db, event: { dossierId: id, type } });
    await db.transaction(async (tx) => {
      await tx.raw('alter table dossier_events disable trigger dossier_events_no_update');
      await tx('dossier_events').where({ dossier_id: id, seq: 2 }).update({ actor_name: 'Người sửa lén' });
      await tx.raw('alter table dossier_events enable trigger dossier_events_no_update');
    });
    expect(await verifyChain({ db, dossierId: id })).to.equal(2);
  });
});

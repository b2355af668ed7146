/**
 * The reports' world (report-dossiers) with what the indicators read beyond the dossiers' own columns: requests
 * to supplement (one for onlineOnTime, two for counterLate), counterLate's review handed to the quarter and
 * flagged late there, results returned (carriedEarly, counterLate, quarterEarly), attachments (onlineOnTime,
 * quarterEarly), a signed result (carriedEarly), ratings in the third quarter (overall 3 and 1; officers' steps
 * 3, 1, 2), and the units' own field holding three procedures: published and online, published at the counter
 * only, never published.
 */
import { randomUUID, createHash } from 'node:crypto';
import { expect } from 'chai';
import { appendEvent } from '@motcua/domain/timeline/timeline.repository.ts';
import { platform } from './platform.ts';
import { reportWorld, type ReportWorld } from './report-dossiers.ts';

const at = (s: string) => new Date(`${s}:00+07:00`);

export async function indicatorWorld(n: number): Promise<ReportWorld> {
  const world = await reportWorld(n);
  await enrich(world, n);
  return world;
}

async function enrich(world: ReportWorld, n: number): Promise<string> {
  const { db } = platform();
  const { ids, ward, quarter } = world;
  const applicant = (await db('accounts').where({ username: 'congdan' }).first('id')).id as string;
  // the units' own field, holding three procedures: one published and online, one published at the counter only, one never published
  const field = `Lĩnh vực thử chỉ số ${n}`;
  await db('org_units')
    .whereIn('id', [ward.id, quarter.id])
    .update({ fields: [field] });
  const model = await db('procedure_versions as v')
    .join('procedures as p', 'p.id', 'v.procedure_id')
    .where('p.code', '1.001193')
    .where('v.status', 'published')
    .first('v.*', 'p.catalogue');
  const online = model.catalogue;
  const counterOnly = { ...online, channels: online.channels.filter((c: { kind: string }) => c.kind !== 'online') };
  expect(online.channels.some((c: { kind: string }) => c.kind === 'online')).to.equal(true);
  for (const [i, catalogue, published] of [
    [1, online, true],
    [2, counterOnly, true],
    [3, online, false],
  ] as const) {
    const id = randomUUID();
    await db('procedures').insert({ id, code: `CS.${n}00${i}`, name: `Thủ tục thử chỉ số ${n}.${i}`, field, catalogue: JSON.stringify(catalogue) });
    if (published) {
      const { id: _id, procedure_id: _p, catalogue: _c, created_at: _at, ...v } = model;
      await db('procedure_versions').insert({
        ...v,
        id: randomUUID(),
        procedure_id: id,
        version: 1,
        forms: JSON.stringify(v.forms),
        time_limit: JSON.stringify(v.time_limit),
        step_allowances: JSON.stringify(v.step_allowances),
        result_template: JSON.stringify(v.result_template),
      });
    }
  }
  // requests to supplement: one for onlineOnTime, two for counterLate
  for (const [name, when] of [
    ['onlineOnTime', '2026-07-11T09:00'],
    ['counterLate', '2026-08-03T10:00'],
    ['counterLate', '2026-08-04T10:00'],
  ] as const)
    await appendEvent({
      db,
      event: { dossierId: ids[name]!, type: 'reception_supplement', step: 'reception', data: { decision: 'supplement' }, at: at(when) },
    });
  // counterLate's review was the quarter's (liên thông), and went past its own deadline
  await db('dossier_step_units').insert({
    dossier_id: ids.counterLate,
    step: 'review',
    org_unit_id: quarter.id,
    rule: 'named',
    reached_at: at('2026-08-04T11:00'),
  });
  await db('dossier_sla_flags').insert({ dossier_id: ids.counterLate, step: 'review', level: 'late', flagged_at: at('2026-08-06T08:00') });
  // results returned through the one-stop unit
  for (const name of ['carriedEarly', 'counterLate', 'quarterEarly'])
    await db('dossiers')
      .where({ id: ids[name] })
      .update({ returned_at: at('2026-08-20T10:00') });
  // files: attachments of two dossiers received in the quarter, a signed result of one
  const content = Buffer.from(`tệp thử ${n}`);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const [file] = await db('stored_files').insert({ sha256, size: content.length, media_type: 'application/pdf', content }).returning('id');
  for (const name of ['onlineOnTime', 'quarterEarly'])
    await db('dossier_attachments').insert({
      dossier_id: ids[name],
      field_key: 'giayTo',
      file_name: 'giay-to.pdf',
      file_id: file.id,
      media_type: 'application/pdf',
      size: content.length,
      sha256,
    });
  await db('dossier_documents').insert({ dossier_id: ids.carriedEarly, kind: 'result', file_name: 'ket-qua.pdf', file_id: file.id, sha256, signed: true });
  // ratings in the quarter: overall 3 and 1; officers' steps 3, 1, 2
  await db('dossier_ratings').insert([
    {
      dossier_id: ids.carriedEarly,
      applicant_id: applicant,
      overall: 3,
      steps: JSON.stringify([
        { step: 'reception', level: 3 },
        { step: 'review', level: 1 },
      ]),
      rated_at: at('2026-07-06T10:00'),
    },
    {
      dossier_id: ids.onlineOnTime,
      applicant_id: applicant,
      overall: 1,
      steps: JSON.stringify([{ step: 'review', level: 2 }]),
      rated_at: at('2026-07-21T10:00'),
    },
  ]);
  return field;
}

/**
 * Dossiers of known lives for the reports' tests, written straight into the database (as ten years of them would
 * be): a ward and a quarter under it, each with a leader, and eleven dossiers whose place in the third quarter
 * of 2026's Form 06 is known (see each name).
 */
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { upsertOrgUnit, type OrgUnit } from '@motcua/domain/org-units/org-units.repository.ts';
import { platform } from './platform.ts';

const at = (s: string) => new Date(`${s}:00+07:00`);

export interface ReportWorld {
  ward: OrgUnit;
  quarter: OrgUnit;
  /** user names of the leaders of the ward and of the quarter */
  wardLeader: string;
  quarterLeader: string;
  /** dossier ids by the name of their life */
  ids: Record<string, string>;
}

/** A ward (agency code 000.<n>.00.H29) and its quarter, their leaders, and the dossiers. */
export async function reportWorld(n: number): Promise<ReportWorld> {
  const p = platform();
  const tag = Date.now().toString(36);
  const ward = await upsertOrgUnit({
    db: p.db,
    unit: { name: `Phường Thử Báo Cáo ${n}`, agencyCode: `000.${n}.00.H29`, parentId: p.demo!.city.id, level: 'commune', fields: ['Hộ tịch'] },
  });
  const quarter = await upsertOrgUnit({
    db: p.db,
    unit: { name: `Tổ một cửa Khu phố ${n}`, agencyCode: `000.${n}.01.H29`, parentId: ward.id, level: 'commune', fields: ['Hộ tịch'] },
  });
  const wardLeader = `ld.baocao${n}.${tag}`;
  const quarterLeader = `ld.khupho${n}.${tag}`;
  for (const [u, unit] of [
    [wardLeader, ward],
    [quarterLeader, quarter],
  ] as const)
    await p.services.accounts.createAccount({ username: u, password: DEMO_PASSWORD, fullName: 'Lãnh Đạo Báo Cáo', role: 'leader', orgUnitId: unit.id });
  const version = async (code: string) =>
    (await p.db('procedure_versions as v').join('procedures as p', 'p.id', 'v.procedure_id').where('p.code', code).orderBy('v.version', 'desc').first('v.id'))
      .id as string;
  const [civil, business] = await Promise.all([version('1.001193'), version('1.001612')]);
  const applicant = (await p.db('accounts').where({ username: 'congdan' }).first('id')).id as string;
  // each dossier's life, and what it counts as in the third quarter of 2026
  const lives: Record<
    string,
    { unit: OrgUnit; version: string; channel: 1 | 2 | 3; received: string; due: string; decided?: string; outcome?: string; ended?: string; status: number }
  > = {
    carriedEarly: {
      unit: ward,
      version: civil,
      channel: 1,
      received: '2026-06-20T09:00',
      due: '2026-07-10T17:00',
      decided: '2026-07-05T10:00',
      outcome: 'early',
      status: 10,
    },
    carriedOverdue: { unit: ward, version: civil, channel: 2, received: '2026-06-25T09:00', due: '2026-07-15T17:00', status: 4 },
    onlineOnTime: {
      unit: ward,
      version: civil,
      channel: 2,
      received: '2026-07-10T09:00',
      due: '2026-07-20T17:00',
      decided: '2026-07-20T15:00',
      outcome: 'on_time',
      status: 10,
    },
    counterLate: {
      unit: ward,
      version: civil,
      channel: 1,
      received: '2026-08-03T09:00',
      due: '2026-08-05T17:00',
      decided: '2026-08-10T10:00',
      outcome: 'late',
      status: 9,
    },
    postWithin: { unit: ward, version: civil, channel: 3, received: '2026-09-29T09:00', due: '2026-10-10T17:00', status: 4 },
    withdrawn: { unit: ward, version: civil, channel: 2, received: '2026-08-01T09:00', due: '2026-08-12T17:00', ended: '2026-08-05T10:00', status: 7 },
    decidedAfter: {
      unit: ward,
      version: civil,
      channel: 1,
      received: '2026-09-20T09:00',
      due: '2026-09-30T12:00',
      decided: '2026-10-05T10:00',
      outcome: 'late',
      status: 10,
    },
    before: {
      unit: ward,
      version: civil,
      channel: 1,
      received: '2026-06-01T09:00',
      due: '2026-06-10T17:00',
      decided: '2026-06-28T10:00',
      outcome: 'late',
      status: 10,
    },
    after: { unit: ward, version: civil, channel: 2, received: '2026-10-02T09:00', due: '2026-10-10T17:00', status: 4 },
    business: { unit: ward, version: business, channel: 1, received: '2026-09-01T09:00', due: '2026-12-01T17:00', status: 4 },
    quarterEarly: {
      unit: quarter,
      version: civil,
      channel: 2,
      received: '2026-07-01T08:00',
      due: '2026-07-06T17:00',
      decided: '2026-07-02T10:00',
      outcome: 'early',
      status: 10,
    },
  };
  const ids: Record<string, string> = {};
  for (const [name, l] of Object.entries(lives)) {
    ids[name] = randomUUID();
    await p.db('dossiers').insert({
      id: ids[name],
      reference: `BC${Math.floor(Math.random() * 1e6)}-${randomUUID().slice(0, 8).toUpperCase()}`,
      procedure_version_id: l.version,
      org_unit_id: l.unit.id,
      applicant_id: applicant,
      channel: l.channel,
      status: l.status,
      data: '{}',
      submitted_at: at(l.received),
      received_at: at(l.received),
      due_at: at(l.due),
      decided_at: l.decided ? at(l.decided) : null,
      ended_at: l.ended ? at(l.ended) : null,
      outcome: l.outcome ?? null,
    });
  }
  return { ward, quarter, wardLeader, quarterLeader, ids };
}

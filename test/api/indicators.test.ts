/**
 * The QĐ 766 indicators and the TT 01/2018 index from dossiers of known lives (report-dossiers' world, with
 * requests to supplement, a step handed to another unit and flagged late, ratings, attachments, a signed result,
 * results returned, and the units' own catalogue): every value and every point computed by hand; the points
 * following the bands an administrator sets; a unit's own points entered, validated and marked; units ranked.
 */
import { expect } from 'chai';
import { DEFAULT_INDICATOR_BANDS } from '@motcua/domain/reports/index-tt01.ts';
import { login, type Session } from '../support/http.ts';
import { platform } from '../support/platform.ts';
import { indicatorWorld } from '../support/indicator-dossiers.ts';
import type { ReportWorld } from '../support/report-dossiers.ts';

const Q3 = 'from=2026-07-01&to=2026-09-30';

interface Ind {
  code: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  source: string;
  points?: number | null;
  entry?: { points: number; note: string | null; enteredBy: string } | null;
  evidence: { count: number; drill?: { base: string; part: string; match: boolean } }[];
  formula: { vi: string; en: string };
}

describe('QĐ 766 indicators and the TT 01/2018 index (api)', function () {
  let world: ReportWorld;
  let leader: Session, quarterLeader: Session, admin: Session, auditor: Session;

  before(async () => {
    world = await indicatorWorld(35);
    [leader, quarterLeader, admin, auditor] = await Promise.all([login(world.wardLeader), login(world.quarterLeader), login('quantri'), login('thanhtra')]);
  });
  after(async () => {
    // the bands are the city's: leave them as found
    await platform().services.indicators.setBands(
      { role: 'administrator', id: (await platform().db('accounts').where({ username: 'quantri' }).first('id')).id, fullName: 'Quản trị' } as never,
      DEFAULT_INDICATOR_BANDS,
    );
  });

  const get = async (s: Session, q = Q3) => {
    const res = await s.get(`/api/reports/indicators?${q}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as {
      qd766: { code: string; indicators: Ind[] }[];
      tt01: { indicators: Ind[]; total: number; max: number; grade: string };
      canEnter: boolean;
    };
  };
  const byCode = (list: Ind[]) => Object.fromEntries(list.map((i) => [i.code, i]));

  it('computes the QĐ 766 groups of the ward and its quarter, each with its formula and the counts behind it', async () => {
    const r = await get(leader);
    expect(r.qd766.map((g) => g.code)).to.deep.equal(['qd766.timeliness', 'qd766.online', 'qd766.payment', 'qd766.satisfaction', 'qd766.digitisation']);
    const i = byCode(r.qd766.flatMap((g) => g.indicators));
    const nd = (x: Ind) => [x.numerator, x.denominator, x.source];
    // decided in Q3: carriedEarly, onlineOnTime, counterLate (late), quarterEarly
    expect(nd(i['qd766.on_time']!)).to.deep.equal([3, 4, 'computed']);
    expect(i['qd766.on_time']!.value).to.equal(0.75);
    // the units' field: three procedures, two published, one of them online
    expect(nd(i['qd766.online_procedures']!)).to.deep.equal([1, 3, 'computed']);
    // received in Q3: seven, three online (onlineOnTime, withdrawn, quarterEarly)
    expect(nd(i['qd766.online_dossiers']!)).to.deep.equal([3, 7, 'computed']);
    expect(nd(i['qd766.online_payment']!)).to.deep.equal([null, null, 'no_data']);
    expect(nd(i['qd766.satisfaction']!)).to.deep.equal([1, 2, 'computed']);
    expect(nd(i['qd766.digitised']!)).to.deep.equal([2, 7, 'computed']);
    expect(nd(i['qd766.e_results']!)).to.deep.equal([1, 4, 'computed']);
    expect(nd(i['qd766.reused']!)).to.deep.equal([null, null, 'no_data']);
    for (const x of Object.values(i)) expect(x.formula.vi).to.match(/÷/);
  });

  it('scores the nine TT 01/2018 indicators by the bands, the two motcua cannot know left to the unit', async () => {
    const r = await get(leader);
    const i = byCode(r.tt01.indicators);
    expect(r.tt01.indicators.map((x) => x.code)).to.deep.equal([
      'tt01.total_time',
      'tt01.agency_time',
      'tt01.contacts',
      'tt01.agencies',
      'tt01.one_stop',
      'tt01.publication',
      'tt01.attitude',
      'tt01.feedback',
      'tt01.online',
    ]);
    const scored = (x: Ind) => [x.numerator, x.denominator, x.points];
    expect(scored(i['tt01.total_time']!)).to.deep.equal([3, 4, 0]); // 75 % < 85 %
    // (dossier, unit) handlings: the ward's three, the quarter's own and its step of counterLate, which went late
    expect(scored(i['tt01.agency_time']!)).to.deep.equal([4, 5, 0]);
    // never asked to supplement: carriedEarly and quarterEarly; once: onlineOnTime; twice: counterLate
    expect(scored(i['tt01.contacts']!)).to.deep.equal([2, 4, 0]);
    expect(i['tt01.contacts']!.evidence.map((e) => e.count)).to.deep.equal([2, 2, 1, 1]);
    expect(scored(i['tt01.one_stop']!)).to.deep.equal([3, 4, 0]);
    expect(scored(i['tt01.publication']!)).to.deep.equal([2, 3, 0]);
    expect(scored(i['tt01.attitude']!)).to.deep.equal([2, 3, 0]); // 67 % < 70 %
    expect(scored(i['tt01.online']!)).to.deep.equal([3, 7, 1]); // 43 %: between 20 % and 50 %
    for (const c of ['tt01.agencies', 'tt01.feedback']) expect(i[c]).to.deep.include({ source: 'entered', points: null, entry: null });
    expect(r.tt01).to.include({ total: 1, max: 18, grade: 'poor' });
    expect(r.canEnter).to.equal(true);
  });

  it('drills a share of dossiers down to the dossiers on each side of it', async () => {
    const names = (items: { id: string }[]) => items.map((x) => Object.keys(world.ids).find((k) => world.ids[k] === x.id)).sort();
    const drill = async (match: boolean) =>
      (await leader.get(`/api/reports/indicators/dossiers?${Q3}&base=decided&part=no_supplement&match=${match}`).expect(200)).body;
    expect(names((await drill(true)).items)).to.deep.equal(['carriedEarly', 'quarterEarly']);
    const rest = await drill(false);
    expect(rest.total).to.equal(2);
    expect(names(rest.items)).to.deep.equal(['counterLate', 'onlineOnTime']);
    const online = (await leader.get(`/api/reports/indicators/dossiers?${Q3}&base=received&part=online&match=true`).expect(200)).body;
    expect(names(online.items)).to.deep.equal(['onlineOnTime', 'quarterEarly', 'withdrawn']);
    const bad = await leader.get(`/api/reports/indicators/dossiers?${Q3}&base=received&part=on_time&match=true`);
    expect(bad.status).to.equal(400);
    expect(bad.body.code).to.equal('indicator_part_invalid');
  });

  it("stores a unit leader's own points, marked as the unit's, and refuses what is not valid", async () => {
    const put = (s: Session, body: Record<string, unknown>) =>
      s.put('/api/reports/indicators/entries').send({ unitId: world.ward.id, from: '2026-07-01', to: '2026-09-30', ...body });
    const bad = await put(leader, { code: 'tt01.feedback', points: 3 });
    expect(bad.status).to.equal(400);
    expect(bad.headers['content-type']).to.match(/application\/problem\+json/);
    expect(bad.body.errors.map((p: { field: string }) => p.field)).to.deep.equal(['points']);
    expect(bad.body.errors[0].message.vi).to.contain('Điểm');
    expect((await put(leader, { code: 'tt01.total_time', points: 2 })).status).to.equal(400);
    // the quarter's leader is not the ward's
    expect((await put(quarterLeader, { code: 'tt01.feedback', points: 2 })).status).to.equal(403);
    const ok = await put(leader, { code: 'tt01.feedback', points: 2, note: 'Sổ tiếp nhận phản ánh quý III: 4/4 đúng hạn' });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    const r = await get(leader);
    const feedback = byCode(r.tt01.indicators)['tt01.feedback']!;
    expect(feedback).to.deep.include({ source: 'entered', points: 2 });
    expect(feedback.entry).to.include({ points: 2, note: 'Sổ tiếp nhận phản ánh quý III: 4/4 đúng hạn', enteredBy: leader.account.fullName });
    expect(r.tt01.total).to.equal(3);
    // the entry is for its period only
    expect((await get(leader, 'from=2026-07-01&to=2026-12-31')).tt01.indicators.find((x) => x.code === 'tt01.feedback')!.points).to.equal(null);
    // an auditor reads the entry, cannot enter, and finds it in the administration log
    const seen = byCode((await get(auditor, `${Q3}&unitId=${world.ward.id}`)).tt01.indicators)['tt01.feedback']!;
    expect(seen.points).to.equal(2);
    expect((await put(auditor, { code: 'tt01.feedback', points: 0 })).status).to.equal(403);
    const log = (await auditor.get('/api/audit/admin-log?entity=indicator_entry').expect(200)).body.items[0];
    expect(log).to.deep.include({ action: 'indicator_entered', entityId: world.ward.id });
    expect(log.after).to.include({ code: 'tt01.feedback', points: 2 });
  });

  it('follows the bands an administrator sets, and refuses bands out of order', async () => {
    expect((await leader.put('/api/reports/indicators/bands').send(DEFAULT_INDICATOR_BANDS)).status).to.equal(403);
    const next = structuredClone(DEFAULT_INDICATOR_BANDS);
    next.indicators['tt01.total_time'] = { two: 0.75, one: 0.5 };
    next.indicators['tt01.agency_time'] = { two: 0.9, one: 0.8 };
    const wrong = structuredClone(next);
    wrong.indicators['tt01.online'] = { two: 0.2, one: 0.5 };
    const refused = await admin.put('/api/reports/indicators/bands').send(wrong);
    expect(refused.status).to.equal(400);
    expect(refused.body.errors.map((p: { field: string }) => p.field)).to.deep.equal(['indicators.tt01.online.one']);
    expect((await admin.put('/api/reports/indicators/bands').send({ ...next, grades: { excellent: 19, good: 1, fair: 0 } })).status).to.equal(400);
    const set = await admin.put('/api/reports/indicators/bands').send(next);
    expect(set.status, JSON.stringify(set.body)).to.equal(200);
    expect((await leader.get('/api/reports/indicators/bands').expect(200)).body).to.deep.equal(set.body);
    const i = byCode((await get(leader)).tt01.indicators);
    expect(i['tt01.total_time']!.points).to.equal(2); // 75 % ≥ 75 %
    expect(i['tt01.agency_time']!.points).to.equal(1); // 80 % ≥ 80 %
    expect((await get(leader)).tt01.total).to.equal(6);
  });

  it('ranks the units of a region by their own index, and publishes the ranking without personal data', async () => {
    await platform().services.indicators.setBands(
      { role: 'administrator', id: admin.account.id, fullName: admin.account.fullName } as never,
      DEFAULT_INDICATOR_BANDS,
    );
    const ranked = (await leader.get(`/api/reports/indicators/ranking?${Q3}`).expect(200)).body.units as { name: string; total: number; rank: number }[];
    // the quarter: on time, no supplement, returned, online (2 each), its step of counterLate late → 8;
    // the ward: its steps all within (2), a third online (1), its feedback entered (2) → 5
    expect(ranked.map((u) => [u.rank, u.name, u.total])).to.deep.equal([
      [1, world.quarter.name, 8],
      [2, world.ward.name, 5],
    ]);
    const stats = await platform().services.publicStatistics.compute(platform().clock.now());
    const mine = stats.indexRanking.filter((u) => u.id === world.ward.id || u.id === world.quarter.id);
    expect(mine.map((u) => u.id)).to.deep.equal([world.quarter.id, world.ward.id]);
    expect(Object.keys(mine[0]!).sort()).to.deep.equal(['grade', 'gradeName', 'id', 'name', 'rank', 'total']);
    expect(stats.indexRanking.map((u) => u.rank)).to.deep.equal(stats.indexRanking.map((_, k) => k + 1));
  });
});

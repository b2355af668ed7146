/**
 * The portal's public statistics from dossiers and ratings of known lives: per unit this year and this month,
 * received, finished, on time, satisfied; the units ranked by satisfaction; no login, no personal data.
 */
import { expect } from 'chai';
import supertest from 'supertest';
import { api } from '../support/http.ts';
import { platform } from '../support/platform.ts';
import { reportWorld, type ReportWorld } from '../support/report-dossiers.ts';

describe('public statistics (api)', function () {
  let world: ReportWorld;
  before(async () => {
    world = await reportWorld(33);
    const p = platform();
    const applicant = (await p.db('accounts').where({ username: 'congdan' }).first('id')).id as string;
    const now = p.clock.now();
    for (const [name, overall] of [
      ['carriedEarly', 3],
      ['onlineOnTime', 1],
      ['quarterEarly', 3],
    ] as const)
      await p.db('dossier_ratings').insert({ dossier_id: world.ids[name], applicant_id: applicant, overall, comment: 'Bình luận riêng tư', rated_at: now });
  });

  it('counts each unit’s year and month, and ranks the units by satisfaction', async () => {
    const p = platform();
    const stats = await p.services.publicStatistics.compute(p.clock.now());
    const ward = stats.units.find((u) => u.id === world.ward.id)!;
    // received in 2026: the ten of the ward; finished in 2026: five, two of them in time; rated: two, one satisfied
    expect(ward.year).to.deep.equal({ received: 10, finished: 5, onTime: 2, onTimeRate: 0.4, ratings: 2, satisfied: 1, satisfactionRate: 0.5 });
    expect(ward.month).to.include({ ratings: 2, satisfied: 1, satisfactionRate: 0.5 });
    const quarter = stats.units.find((u) => u.id === world.quarter.id)!;
    expect(quarter.year).to.deep.equal({ received: 1, finished: 1, onTime: 1, onTimeRate: 1, ratings: 1, satisfied: 1, satisfactionRate: 1 });
    const rank = (id: string) => stats.ranking.find((r) => r.id === id)!.rank;
    expect(rank(world.quarter.id)).to.be.lessThan(rank(world.ward.id));
    expect(stats.ranking.map((r) => r.rank)).to.deep.equal(stats.ranking.map((_, i) => i + 1));
  });

  it('answers without a login, with counts only', async () => {
    const res = await supertest(api()).get('/api/public/statistics').expect(200);
    expect(res.body.units).to.be.an('array');
    const text = JSON.stringify(res.body);
    expect(text).not.to.contain('Bình luận riêng tư');
    expect(text).not.to.match(/"(code|comment|applicant|reference)"/);
  });
});

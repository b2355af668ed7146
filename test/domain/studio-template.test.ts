/**
 * What a new procedure starts with: its handling steps by the unit chosen (liên thông), with or without a
 * cooperating agency's opinion, and allowances that fit its time limit whatever that limit is.
 */
import { expect } from 'chai';
import { templateAllowances, templateHandling } from '@motcua/domain/procedures/studio-template.ts';
import { workingHoursOf, type TimeLimit } from '@motcua/domain/sla/deadlines.ts';

describe('the studio template of a new procedure', () => {
  it('gives review and approval the chosen unit rule, and puts the opinion of a named agency between them', () => {
    const plain = templateHandling({});
    expect(plain.map((s) => [s.key, s.unitRule])).to.deep.equal([
      ['review', undefined],
      ['approval', undefined],
    ]);
    expect(templateHandling({ handlingUnit: 'receiving' })).to.deep.equal(plain);
    const across = templateHandling({ handlingUnit: 'competent', opinionUnit: '000.16.00.H29' });
    expect(across.map((s) => [s.key, s.kind, s.role, s.formId, s.unitRule])).to.deep.equal([
      ['review', 'review', 'specialist', 'motcua-review', 'competent'],
      ['opinion', 'review', 'specialist', 'motcua-review', 'named:000.16.00.H29'],
      ['approval', 'approval', 'leader', 'motcua-approval', 'competent'],
    ]);
  });

  it('fits the handling allowances within every time limit, with and without an opinion, each step above zero', () => {
    const limits: TimeLimit[] = [
      { value: 0, unit: 'working_days' },
      { value: 1, unit: 'working_days' },
      { value: 2, unit: 'working_days' },
      { value: 2.5, unit: 'working_days' },
      { value: 3, unit: 'working_days' },
      { value: 3.5, unit: 'working_days' },
      { value: 15, unit: 'calendar_days' },
      { value: 60, unit: 'working_days' },
      { value: 4, unit: 'working_hours' },
    ];
    for (const limit of limits) {
      for (const opinion of [false, true]) {
        const a = templateAllowances(limit, { opinion });
        const label = `${limit.value} ${limit.unit}${opinion ? ' with an opinion' : ''}`;
        expect(Object.keys(a), label).to.deep.equal(opinion ? ['reception', 'review', 'opinion', 'approval'] : ['reception', 'review', 'approval']);
        for (const [key, x] of Object.entries(a)) expect(x.value, `${label}: ${key}`).to.be.above(0);
        const handling = Object.entries(a)
          .filter(([key]) => key !== 'reception')
          .reduce((sum, [, x]) => sum + workingHoursOf(x), 0);
        expect(handling, label).to.be.at.most(workingHoursOf(limit));
      }
    }
    expect(templateAllowances({ value: 15, unit: 'working_days' }, { opinion: true })).to.deep.include({
      review: { value: 10, unit: 'working_days' },
      opinion: { value: 4, unit: 'working_days' },
      approval: { value: 1, unit: 'working_days' },
    });
  });
});

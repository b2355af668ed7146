/** The expressions a model may hold: what motcua generates, and nothing that reaches Java or a script. */
import { expect } from 'chai';
import { conditionProblem } from '@motcua/domain/procedures/model-expressions.ts';

describe('model expressions', function () {
  it('accepts the conditions motcua writes and plain boolean logic over variables', () => {
    for (const ok of [
      "${receptionDecision == 'accept'}",
      '${reviewDecision == "approve"}',
      '${fee > 0 && paid == true}',
      '${not empty note or (count ge 2 and count lt 10.5)}',
      "${!(approvalDecision != 'sendBack')}",
    ])
      expect(conditionProblem(ok), ok).to.equal(undefined);
  });

  it('refuses a method call, a property access, an index, a function, an assignment or text around the expression', () => {
    for (const bad of [
      '${"".getClass().forName("java.lang.Runtime")}',
      '${execution.getVariable("x") == 1}',
      '${receptionDecision.bytes != null}',
      '${list[0] == 1}',
      '${fn:length(x) > 0}',
      '${x = 1}',
      '${(x -> x)(1)}',
      '${a} and ${b}',
      'receptionDecision == "accept"',
      '${exec ("id")}',
    ])
      expect(conditionProblem(bad), bad).to.be.a('string');
  });
});

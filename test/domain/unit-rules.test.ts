/**
 * Steps across agencies: the unit rule a step states (receiving, named, competent) as the lint checks it
 * against the step's candidate group, and the competent unit found nearest the receiving unit.
 */
import { expect } from 'chai';
import { parseUnitRule, unitRuleText } from '@motcua/domain/procedures/bpmn-steps.ts';
import { oneStopModel, standardSteps } from '@motcua/domain/procedures/one-stop-template.ts';
import { lintModel } from '@motcua/domain/procedures/procedure-lint.ts';
import { competentUnit } from '@motcua/domain/org-units/step-units.ts';
import type { OrgUnit } from '@motcua/domain/org-units/org-units.repository.ts';

const ctx = { formIds: ['application', 'motcua-reception', 'motcua-review', 'motcua-approval'], applicationFormId: 'application' };
const modelWith = (review: Partial<typeof standardSteps.review> & { unitRule?: string }) =>
  oneStopModel({ processId: 'p', name: 'P', applicationFormId: 'application', handling: [{ ...standardSteps.review, ...review }, standardSteps.approval] });
const errorsOn = async (xml: string, id: string) =>
  (await lintModel(xml, ctx)).filter((p) => p.elementId === id && p.severity === 'error').map((p) => p.message.en);

describe('unit rules of steps (liên thông)', function () {
  it('reads the rules a step may state, and nothing else', () => {
    expect(parseUnitRule(undefined)).to.deep.equal({ kind: 'receiving' });
    expect(parseUnitRule('named:000.16.00.H29')).to.deep.equal({ kind: 'named', agencyCode: '000.16.00.H29' });
    expect(parseUnitRule('competent')).to.deep.equal({ kind: 'competent', field: null });
    expect(parseUnitRule('competent: Xây dựng')).to.deep.equal({ kind: 'competent', field: 'Xây dựng' });
    expect(parseUnitRule('picked')).to.deep.equal({ kind: 'picked', field: null });
    expect(parseUnitRule('picked:Phòng cháy, chữa cháy')).to.deep.equal({ kind: 'picked', field: 'Phòng cháy, chữa cháy' });
    for (const bad of ['named:', 'named:Sở Xây dựng', 'anyone', 'chosen']) expect(parseUnitRule(bad), bad).to.equal(undefined);
    expect(unitRuleText({ kind: 'competent', field: 'Hộ tịch' })).to.equal('competent:Hộ tịch');
    expect(unitRuleText({ kind: 'picked', field: null })).to.equal('picked');
  });

  it('passes a template step with a rule, and refuses a rule its candidate group does not follow', async () => {
    expect(await errorsOn(await modelWith({ unitRule: 'competent' }), 'review')).to.deep.equal([]);
    const mismatched = (await modelWith({ unitRule: 'competent' })).replace('specialist:${unit_review}', 'specialist:${orgUnitId}');
    expect((await errorsOn(mismatched, 'review')).join(' ')).to.contain('expected <role>:${unit_review}');
    const unknown = (await modelWith({ unitRule: 'competent' })).replace('value="competent"', 'value="anyone"');
    expect((await errorsOn(unknown, 'review')).join(' ')).to.contain('unit rule');
    const reception = (await oneStopModel({ processId: 'p', name: 'P', applicationFormId: 'application' })).replace(
      '<camunda:property name="motcua.stepKind" value="reception" />',
      '<camunda:property name="motcua.stepKind" value="reception" /><camunda:property name="motcua.unitRule" value="named:000.16.00.H29" />',
    );
    expect((await errorsOn(reception, 'reception')).join(' ')).to.contain('receiving unit');
  });

  it('finds the competent unit nearest the receiving unit, never a centre or a deactivated unit', () => {
    const unit = (id: string, parentId: string | null, level: OrgUnit['level'], fields: string[], code: string, deactivated = false): OrgUnit => ({
      id,
      parentId,
      name: id,
      agencyCode: code,
      level,
      fields,
      address: null,
      deactivatedAt: deactivated ? new Date() : null,
    });
    const units = [
      unit('city', null, 'province', [], '000.00.00.H29'),
      unit('ward', 'city', 'commune', ['Hộ tịch'], '000.00.27.H29'),
      unit('centre', 'ward', 'centre', ['Hoạt động xây dựng', 'Hộ tịch'], '000.27.10.H29'),
      unit('construction', 'city', 'department', ['Hoạt động xây dựng'], '000.15.00.H29'),
      unit('old-construction', 'city', 'department', ['Hoạt động xây dựng'], '000.14.00.H29', true),
      unit('other-ward', 'city', 'commune', ['Hộ tịch'], '000.00.28.H29'),
    ];
    const centre = units.find((u) => u.id === 'centre')!;
    expect(competentUnit(units, centre, 'Hoạt động xây dựng')?.id).to.equal('construction');
    expect(competentUnit(units, centre, 'Hộ tịch')?.id).to.equal('ward');
    expect(competentUnit(units, centre, 'Đất đai')).to.equal(undefined);
  });
});

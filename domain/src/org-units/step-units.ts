/**
 * The unit each step of a dossier belongs to (liên thông), from the step's rule: the receiving unit; a unit
 * named by its agency code; or the unit competent for a field nearest the receiving unit (the receiving unit
 * itself when it handles the field, else the closest unit handling it under the receiving unit's parent, its
 * grandparent, and so on; never a service centre, which receives but does not decide); or a unit the officer
 * completing the step before picks. Resolved once, when handling starts (a picked one when the step before is
 * done), and kept in dossier_step_units: the process variables the candidate groups name. A unit sees the
 * dossier from the moment its step is reached (`reached_at`), not from its resolution.
 */
import type { DbOrTx } from '../db/db.ts';
import { unitVariableOf, type UnitRule, unitRuleText } from '../procedures/bpmn-steps.ts';
import type { ProcessStep } from '../procedures/bpmn-model.ts';
import type { OrgUnit } from './org-units.repository.ts';
import { listOrgUnits } from './org-units.repository.ts';

/** A step done by a unit other than the receiving one, by its rule: the only steps with a row in `dossier_step_units`. */
export function handedToAUnit(step: ProcessStep): step is ProcessStep & { unitRule: UnitRule } {
  return Boolean(step.unitRule && step.unitRule.kind !== 'receiving');
}

export class StepUnitError extends Error {
  override name = 'StepUnitError';
}

/** The unit competent for `field` nearest `from` (see the module comment), or undefined. */
export function competentUnit(units: OrgUnit[], from: OrgUnit, field: string): OrgUnit | undefined {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string, OrgUnit[]>();
  for (const u of units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const handles = (u: OrgUnit) => !u.deactivatedAt && u.level !== 'centre' && u.fields.includes(field);
  for (let root: OrgUnit | undefined = from; root; root = root.parentId ? byId.get(root.parentId) : undefined) {
    // breadth-first below this ancestor: the nearest first, by agency code among equals
    let level = [root];
    while (level.length) {
      const found = level.filter(handles).sort((a, b) => a.agencyCode.localeCompare(b.agencyCode));
      if (found.length) return found[0];
      level = level.flatMap((u) => children.get(u.id) ?? []);
    }
  }
  return undefined;
}

/**
 * Resolves and records the units of a dossier's steps that have a rule other than the receiving unit.
 * @returns the process variables (`unit_<step>`: unit id) their candidate groups name
 * @throws StepUnitError when a rule names no active unit (the worker's incident says which)
 */
export async function resolveStepUnits({
  db,
  dossier,
  steps,
  procedureField,
}: {
  db: DbOrTx;
  dossier: { id: string; orgUnitId: string };
  steps: ProcessStep[];
  procedureField: string;
}): Promise<Record<string, string>> {
  const ruled = steps.filter(handedToAUnit);
  if (!ruled.length) return {};
  const kept = new Map(
    ((await db('dossier_step_units').where({ dossier_id: dossier.id })) as { step: string; org_unit_id: string }[]).map((r) => [r.step, r.org_unit_id]),
  );
  const units = await listOrgUnits({ db });
  const receiving = units.find((u) => u.id === dossier.orgUnitId);
  if (!receiving) throw new StepUnitError(`the receiving unit ${dossier.orgUnitId} does not exist`);
  const vars: Record<string, string> = {};
  for (const step of ruled) {
    // a step resolved before (handling planned again after a send-back) stays with its unit
    let unitId = kept.get(step.key);
    // a unit to be picked is picked by the officer of the step before (tasks.complete)
    if (!unitId && step.unitRule.kind === 'picked') continue;
    if (!unitId) {
      const rule = step.unitRule;
      const unit =
        rule.kind === 'named'
          ? units.find((u) => u.agencyCode === rule.agencyCode && !u.deactivatedAt)
          : rule.kind === 'competent'
            ? competentUnit(units, receiving, rule.field ?? procedureField)
            : receiving;
      if (!unit) throw new StepUnitError(`step ${step.key}: no active unit for the rule ${unitRuleText(rule)} from ${receiving.agencyCode}`);
      await db('dossier_step_units')
        .insert({ dossier_id: dossier.id, step: step.key, org_unit_id: unit.id, rule: unitRuleText(rule) })
        .onConflict(['dossier_id', 'step'])
        .ignore();
      // a row written meanwhile (a redelivered job, the counter's choice) wins: the engine and the table agree
      unitId = (await db('dossier_step_units').where({ dossier_id: dossier.id, step: step.key }).first('org_unit_id')).org_unit_id as string;
    }
    vars[unitVariableOf(step.key, step.unitRule)] = unitId;
  }
  return vars;
}

/** The units other than the receiving one that hold (or held) a step of the dossier: those whose step was reached. */
export async function stepUnitsOf(db: DbOrTx, dossierId: string): Promise<{ step: string; orgUnitId: string }[]> {
  const rows = (await db('dossier_step_units').where({ dossier_id: dossierId }).whereNotNull('reached_at').select('step', 'org_unit_id')) as {
    step: string;
    org_unit_id: string;
  }[];
  return rows.map((r) => ({ step: r.step, orgUnitId: r.org_unit_id }));
}

/**
 * The steps of a model whose unit a counter officer may choose (liên thông), with the field each needs: those
 * of the competent-unit rule, and one to be picked right after reception (the receiving officer picks it).
 */
export function competentSteps(steps: ProcessStep[], procedureField: string): { step: ProcessStep; field: string }[] {
  return steps.flatMap((s, i) =>
    s.unitRule?.kind === 'competent' || (s.unitRule?.kind === 'picked' && steps[i - 1]?.kind === 'reception')
      ? [{ step: s, field: s.unitRule.field ?? procedureField }]
      : [],
  );
}

/** The units that may take a step of a field by choice: active, handling the field, not a centre. */
export function unitsHandling(units: OrgUnit[], field: string): OrgUnit[] {
  return units.filter((u) => !u.deactivatedAt && u.level !== 'centre' && u.fields.includes(field)).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/**
 * The step after `stepKey` (in flow order) whose unit the officer completing `stepKey` picks, with the units
 * to pick from; undefined when there is none or it was picked already (a step done again after a send-back).
 */
export async function pickAfter({
  db,
  dossierId,
  steps,
  stepKey,
  procedureField,
}: {
  db: DbOrTx;
  dossierId: string;
  steps: ProcessStep[];
  stepKey: string;
  procedureField: string;
}): Promise<{ step: ProcessStep; field: string; units: OrgUnit[] } | undefined> {
  const next = steps[steps.findIndex((s) => s.key === stepKey) + 1];
  if (!next || next.unitRule?.kind !== 'picked') return undefined;
  if (await db('dossier_step_units').where({ dossier_id: dossierId, step: next.key }).first('step')) return undefined;
  const field = next.unitRule.field ?? procedureField;
  return { step: next, field, units: unitsHandling(await listOrgUnits({ db }), field) };
}

/** Records the unit picked for a step (rule picked); a unit recorded first (a retried request) stays. */
export async function recordPickedUnit(db: DbOrTx, o: { dossierId: string; step: string; field: string; unitId: string }): Promise<string> {
  await db('dossier_step_units')
    .insert({ dossier_id: o.dossierId, step: o.step, org_unit_id: o.unitId, rule: `picked:${o.field}` })
    .onConflict(['dossier_id', 'step'])
    .ignore();
  return (await db('dossier_step_units').where({ dossier_id: o.dossierId, step: o.step }).first('org_unit_id')).org_unit_id as string;
}

/**
 * The process variables of the units picked for a dossier's steps (`unit_<step>`), to send with every
 * completion: a completion replayed (the reconciler) or retried carries them again, so the engine can always
 * give a picked step to its unit.
 */
export async function pickedUnitVariables(db: DbOrTx, dossierId: string): Promise<Record<string, string>> {
  const rows = (await db('dossier_step_units')
    .where({ dossier_id: dossierId })
    .where((w) => w.where('rule', 'like', 'picked:%').orWhere('rule', 'like', 'chosen:picked:%'))
    .select('step', 'org_unit_id')) as { step: string; org_unit_id: string }[];
  return Object.fromEntries(rows.map((r) => [unitVariableOf(r.step, { kind: 'picked', field: null }), r.org_unit_id]));
}

/**
 * Marks the steps of a dossier the engine now gives to their units as reached: from then on the unit sees the
 * dossier (and afterwards, read-only). Steps not handed to another unit have no row and need none.
 */
export async function markReached(db: DbOrTx, dossierId: string, steps: string[]): Promise<void> {
  if (!steps.length) return;
  await db('dossier_step_units').where({ dossier_id: dossierId }).whereIn('step', steps).whereNull('reached_at').update({ reached_at: db.fn.now() });
}

/**
 * The units a counter officer may choose as competent for a procedure received at `from`: the active units
 * (not centres) handling every field its competent steps need, the one the rule would find first.
 */
export async function competentChoices({
  db,
  steps,
  procedureField,
  from,
}: {
  db: DbOrTx;
  steps: ProcessStep[];
  procedureField: string;
  from: string;
}): Promise<{ units: OrgUnit[]; suggested: string | null }> {
  const needed = [...new Set(competentSteps(steps, procedureField).map((c) => c.field))];
  if (!needed.length) return { units: [], suggested: null };
  const all = await listOrgUnits({ db });
  const units = unitsHandling(all, needed[0]!).filter((u) => needed.every((f) => u.fields.includes(f)));
  const receiving = all.find((u) => u.id === from);
  const suggested = receiving ? competentUnit(all, receiving, needed[0]!) : undefined;
  return { units, suggested: suggested && units.some((u) => u.id === suggested.id) ? suggested.id : (units[0]?.id ?? null) };
}

/** Records the competent unit chosen at the counter for the dossier's competent steps (before handling starts). */
export async function recordChosenUnit({
  db,
  dossierId,
  steps,
  procedureField,
  unitId,
}: {
  db: DbOrTx;
  dossierId: string;
  steps: ProcessStep[];
  procedureField: string;
  unitId: string;
}): Promise<void> {
  const rows = competentSteps(steps, procedureField).map(({ step, field }) => ({
    dossier_id: dossierId,
    step: step.key,
    org_unit_id: unitId,
    rule: `chosen:${step.unitRule!.kind}:${field}`,
  }));
  if (rows.length) await db('dossier_step_units').insert(rows).onConflict(['dossier_id', 'step']).ignore();
}

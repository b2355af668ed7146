/**
 * The rules of a motcua step that both the server (over the model bpmn-moddle parses) and the studio (over
 * the business objects bpmn-js edits, which are bpmn-moddle objects too) apply: step kinds and their
 * decisions, the camunda properties that mark a step, and the order in which a dossier meets the steps.
 * Pure: no Node.js, no parser, so the web app imports it as it is.
 */

export type StepKind = 'reception' | 'review' | 'approval';
export const stepKinds: readonly StepKind[] = ['reception', 'review', 'approval'];

/** Decisions each kind of step offers; the task form's `decision` field carries one of them. */
export const decisionsByKind = {
  reception: ['accept', 'supplement', 'refuse'],
  review: ['approve', 'sendBack'],
  approval: ['approve', 'sendBack'],
} as const satisfies Record<StepKind, readonly string[]>;

/** Fields besides `decision` that the platform reads from a step's form, by kind. */
export const fieldsReadByKind: Record<StepKind, string[]> = {
  reception: ['missingItems', 'refusalReasons'],
  review: [],
  approval: [],
};

/** A BPMN element as bpmn-moddle gives it: its type, id and whatever properties its type has. */
export interface BpmnElement {
  $type: string;
  id?: string;
  name?: string;
  [property: string]: unknown;
}

/** The `camunda:property` values of an element, by name. */
export function extensionProperties(el: BpmnElement): Record<string, string> {
  const ext = el.extensionElements as { values?: BpmnElement[] } | undefined;
  const out: Record<string, string> = {};
  for (const v of ext?.values ?? []) {
    if (v.$type === 'camunda:Properties')
      for (const p of (v.values as { name?: string; value?: string }[] | undefined) ?? []) if (p.name) out[p.name] = p.value ?? '';
  }
  return out;
}

/** The kind of a user task (its camunda property `motcua.stepKind`), if it is one motcua knows. */
export function stepKindOf(el: BpmnElement): StepKind | undefined {
  const kind = extensionProperties(el)['motcua.stepKind'];
  return stepKinds.includes(kind as StepKind) ? (kind as StepKind) : undefined;
}

/** The flow elements of a process, those inside its sub-processes included. */
export function allFlowElements<T extends BpmnElement>(container: T): T[] {
  const direct = (container.flowElements as T[] | undefined) ?? [];
  return direct.flatMap((e) => (e.$type === 'bpmn:SubProcess' ? [e, ...allFlowElements(e)] : [e]));
}

/**
 * User tasks in the order a dossier meets them: breadth-first along the sequence flows from the process's
 * start events (a step drawn later but placed earlier in the flow is planned earlier). Steps no flow reaches
 * keep their document order, last.
 */
export function inFlowOrder<T extends BpmnElement>(proc: T, tasks: T[]): T[] {
  const direct = (proc.flowElements as T[] | undefined) ?? [];
  const all = allFlowElements(proc);
  const next = new Map<string, string[]>();
  const link = (from: string | undefined, to: string | undefined) => {
    if (from && to) next.set(from, [...(next.get(from) ?? []), to]);
  };
  for (const f of all.filter((e) => e.$type === 'bpmn:SequenceFlow'))
    link((f.sourceRef as BpmnElement | undefined)?.id, (f.targetRef as BpmnElement | undefined)?.id);
  // boundary events continue from their host
  for (const b of all.filter((e) => e.$type === 'bpmn:BoundaryEvent')) link((b.attachedToRef as BpmnElement | undefined)?.id, b.id);
  const order = new Map<string, number>();
  const queue = direct.filter((e) => e.$type === 'bpmn:StartEvent').map((e) => e.id!);
  for (const id of queue) order.set(id, order.size);
  while (queue.length) {
    for (const to of next.get(queue.shift()!) ?? []) {
      if (!order.has(to)) {
        order.set(to, order.size);
        queue.push(to);
      }
    }
  }
  const rank = (e: T) => order.get(e.id!) ?? Number.MAX_SAFE_INTEGER;
  return tasks
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map((x) => x.e);
}

/**
 * Which unit does a step (liên thông): the unit that received the dossier; a unit named by its agency code;
 * the unit competent for a field (the procedure's own when none is named) nearest the receiving unit; or a
 * unit handling a field that the officer completing the step before picks. Data on the step (camunda property
 * `motcua.unitRule`: `receiving`, `named:000.00.00.H29`, `competent`, `competent:Xây dựng`, `picked`,
 * `picked:Xây dựng`); resolved when handling starts (picked: when the step before is done) into the process
 * variable its candidate group names.
 */
export type UnitRule =
  { kind: 'receiving' } | { kind: 'named'; agencyCode: string } | { kind: 'competent'; field: string | null } | { kind: 'picked'; field: string | null };

const AGENCY_CODE = /^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$/;

/** The rule a step's property states (none stated: the receiving unit); undefined when it is not one. */
export function parseUnitRule(raw: string | undefined): UnitRule | undefined {
  const text = (raw ?? '').trim();
  if (!text || text === 'receiving') return { kind: 'receiving' };
  const [kind, ...rest] = text.split(':');
  const arg = rest.join(':').trim();
  if (kind === 'named' && AGENCY_CODE.test(arg)) return { kind: 'named', agencyCode: arg };
  if (kind === 'competent' || kind === 'picked') return { kind, field: arg || null };
  return undefined;
}

/** The property value of a rule. */
export function unitRuleText(rule: UnitRule): string {
  if (rule.kind === 'receiving') return 'receiving';
  if (rule.kind === 'named') return `named:${rule.agencyCode}`;
  return rule.field ? `${rule.kind}:${rule.field}` : rule.kind;
}

/** The process variable holding the unit of a step, as its candidate group `<role>:${variable}` names it. */
export function unitVariableOf(stepKey: string, rule: UnitRule): string {
  return rule.kind === 'receiving' ? 'orgUnitId' : `unit_${stepKey}`;
}

/** A user task's unit rule (its `motcua.unitRule` property), undefined when the property is not a rule. */
export function unitRuleOf(el: BpmnElement): UnitRule | undefined {
  return parseUnitRule(extensionProperties(el)['motcua.unitRule']);
}

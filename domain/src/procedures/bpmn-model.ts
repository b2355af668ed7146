/**
 * What motcua reads from a procedure's BPMN model: the executable process, its user tasks (steps, each with
 * the role and form it needs and its kind: reception, review, approval) and the topics of its external tasks.
 * Parsed with bpmn-moddle and the camunda extensions; XML parsing resolves no external entities.
 */
import { createRequire } from 'node:module';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const camundaDescriptor = require('camunda-bpmn-moddle/resources/camunda.json') as Record<string, unknown>;

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

export interface ProcessStep {
  /** the user task's id: also the step key of allowances, variables (<key>DueAt, <key>Decision) and the timeline */
  key: string;
  name: string;
  kind: StepKind | undefined;
  /** role named by the candidate group "<role>:${orgUnitId}" */
  role: string | undefined;
  candidateGroups: string | undefined;
  formId: string | undefined;
  dueDate: string | undefined;
}

export interface ProcessModel {
  processId: string;
  processName: string | undefined;
  historyTimeToLive: string | undefined;
  steps: ProcessStep[];
  topics: { activityId: string; topic: string }[];
  messages: string[];
}

export class BpmnModelError extends Error {
  override name = 'BpmnModelError';
}

/** The `camunda:property` values of an element, by name. */
export function extensionProperties(el: ModdleElement): Record<string, string> {
  const ext = el.extensionElements as { values?: ModdleElement[] } | undefined;
  const out: Record<string, string> = {};
  for (const v of ext?.values ?? []) {
    if (v.$type === 'camunda:Properties') for (const p of (v.values as { name?: string; value?: string }[] | undefined) ?? []) if (p.name) out[p.name] = p.value ?? '';
  }
  return out;
}

function allFlowElements(container: ModdleElement): ModdleElement[] {
  const direct = (container.flowElements as ModdleElement[] | undefined) ?? [];
  return direct.flatMap((e) => (e.$type === 'bpmn:SubProcess' ? [e, ...allFlowElements(e)] : [e]));
}

/**
 * User tasks in the order a dossier meets them: breadth-first along the sequence flows from the process's
 * start events (a step drawn later but placed earlier in the flow is planned earlier). Steps no flow reaches
 * keep their document order, last.
 */
function inFlowOrder(proc: ModdleElement, tasks: ModdleElement[]): ModdleElement[] {
  const direct = (proc.flowElements as ModdleElement[] | undefined) ?? [];
  const flows = allFlowElements(proc).filter((e) => e.$type === 'bpmn:SequenceFlow');
  const next = new Map<string, string[]>();
  for (const f of flows) {
    const from = (f.sourceRef as ModdleElement | undefined)?.id;
    const to = (f.targetRef as ModdleElement | undefined)?.id;
    if (from && to) next.set(from, [...(next.get(from) ?? []), to]);
  }
  // boundary events continue from their host
  for (const b of allFlowElements(proc).filter((e) => e.$type === 'bpmn:BoundaryEvent')) {
    const host = (b.attachedToRef as ModdleElement | undefined)?.id;
    if (host) next.set(host, [...(next.get(host) ?? []), b.id!]);
  }
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
  const rank = (e: ModdleElement) => order.get(e.id!) ?? Number.MAX_SAFE_INTEGER;
  return tasks.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i).map((x) => x.e);
}

/** A BPMN reader that knows the camunda: extensions. */
export function createBpmnModdle(): BpmnModdle {
  return new BpmnModdle({ camunda: camundaDescriptor });
}

/** XML that declares a DOCTYPE or entities: refused before any parsing, so no external entity is ever resolved. */
export const declaresEntities = (xml: string) => /<!DOCTYPE|<!ENTITY/i.test(xml);

/** @throws BpmnModelError when the XML is not a BPMN model with one executable process */
export async function parseProcessModel(xml: string): Promise<ProcessModel> {
  if (declaresEntities(xml)) throw new BpmnModelError('the model declares a DOCTYPE or entities, which are not accepted');
  const moddle = createBpmnModdle();
  let root: ModdleElement;
  try {
    ({ rootElement: root } = await moddle.fromXML(xml, 'bpmn:Definitions'));
  } catch (e) {
    throw new BpmnModelError(`not a readable BPMN model: ${(e as Error).message}`);
  }
  const processes = ((root.rootElements as ModdleElement[] | undefined) ?? []).filter((e) => e.$type === 'bpmn:Process' && e.isExecutable);
  if (processes.length !== 1) throw new BpmnModelError(`expected one executable process, found ${processes.length}`);
  const proc = processes[0]!;
  const elements = allFlowElements(proc);
  const steps: ProcessStep[] = inFlowOrder(proc, elements.filter((e) => e.$type === 'bpmn:UserTask'))
    .map((e) => {
      const props = extensionProperties(e);
      const candidateGroups = e.candidateGroups as string | undefined;
      const kind = props['motcua.stepKind'];
      return {
        key: e.id!,
        name: e.name ?? e.id!,
        kind: stepKinds.includes(kind as StepKind) ? (kind as StepKind) : undefined,
        role: candidateGroups?.split(':')[0]?.trim(),
        candidateGroups,
        formId: e.formRef as string | undefined,
        dueDate: e.dueDate as string | undefined,
      };
    });
  const topics = elements
    .filter((e) => (e.$type === 'bpmn:ServiceTask' || e.$type === 'bpmn:SendTask') && e.type === 'external')
    .map((e) => ({ activityId: e.id!, topic: String(e.topic ?? '') }));
  const messages = ((root.rootElements as ModdleElement[] | undefined) ?? []).filter((e) => e.$type === 'bpmn:Message').map((m) => String(m.name ?? ''));
  return { processId: proc.id!, processName: proc.name, historyTimeToLive: proc.historyTimeToLive as string | undefined, steps, topics, messages };
}

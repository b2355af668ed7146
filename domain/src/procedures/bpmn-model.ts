/**
 * What motcua reads from a procedure's BPMN model: the executable process, its user tasks (steps, each with
 * the role and form it needs and its kind: reception, review, approval) and the topics of its external tasks.
 * Parsed with bpmn-moddle and the camunda extensions; XML parsing resolves no external entities.
 */
import { createRequire } from 'node:module';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { allFlowElements, inFlowOrder, stepKindOf, unitRuleOf, type StepKind, type UnitRule } from './bpmn-steps.ts';

const require = createRequire(import.meta.url);
const camundaDescriptor = require('camunda-bpmn-moddle/resources/camunda.json') as Record<string, unknown>;

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
  /** which unit does the step (undefined: the property is not a rule; the check says so) */
  unitRule: UnitRule | undefined;
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
  const steps: ProcessStep[] = inFlowOrder(
    proc,
    elements.filter((e) => e.$type === 'bpmn:UserTask'),
  ).map((e) => {
    const candidateGroups = e.candidateGroups as string | undefined;
    return {
      key: e.id!,
      name: e.name ?? e.id!,
      kind: stepKindOf(e),
      role: candidateGroups?.split(':')[0]?.trim(),
      candidateGroups,
      formId: e.formRef as string | undefined,
      dueDate: e.dueDate as string | undefined,
      unitRule: unitRuleOf(e),
    };
  });
  const topics = elements
    .filter((e) => (e.$type === 'bpmn:ServiceTask' || e.$type === 'bpmn:SendTask') && e.type === 'external')
    .map((e) => ({ activityId: e.id!, topic: String(e.topic ?? '') }));
  const messages = ((root.rootElements as ModdleElement[] | undefined) ?? []).filter((e) => e.$type === 'bpmn:Message').map((m) => String(m.name ?? ''));
  return { processId: proc.id!, processName: proc.name, historyTimeToLive: proc.historyTimeToLive as string | undefined, steps, topics, messages };
}

/**
 * The standard one-stop process (quy trình một cửa) as a BPMN model, built from a procedure's steps:
 *
 *   submitted → plan reception dates → reception ─accept→ code + receipt → plan handling dates
 *     → handling steps (review …, approval; each can send back) → digital signing → result return
 *   reception ─supplement→ wait for the supplement (or its deadline → stop), and meanwhile notify
 *   reception ─refuse→ notify → end
 *   withdrawal by the applicant interrupts everything (event subprocess)
 *   payment gates, before handling and before signing: the `payment` topic says whether the procedure
 *   version charges a fee at that point (status 6); if so the process waits for `PaymentReceived`
 *
 * Every user task carries its due date and follow-up (warn) date and two non-interrupting boundary timers
 * feeding the `sla-flag` topic. The model stays loadable by Operaton and Camunda 7 (camunda: namespace).
 * The studio starts new procedures from it; `processes/` holds models built with it. Layout (DI) comes from
 * bpmn-auto-layout.
 */
import { layoutProcess } from 'bpmn-auto-layout';
import { parseUnitRule, unitRuleText, unitVariableOf, type StepKind } from './bpmn-steps.ts';

export interface TemplateStep {
  /** user task id: also the key of allowances and variables (<key>DueAt, <key>Decision) */
  key: string;
  name: string;
  kind: StepKind;
  /** the role whose officers of the dossier's unit do it */
  role: 'receiving_officer' | 'specialist' | 'leader';
  /** form-js id of the task form */
  formId: string;
  /** which unit does it (liên thông): motcua.unitRule, e.g. competent:Xây dựng; none: the receiving unit */
  unitRule?: string;
}

export interface OneStopSpec {
  processId: string;
  name: string;
  applicationFormId: string;
  /** ISO 8601 duration, e.g. P3650D */
  historyTimeToLive?: string;
  reception?: Partial<TemplateStep>;
  /** the handling steps in order, the last one an approval */
  handling?: TemplateStep[];
}

export const standardSteps = {
  reception: { key: 'reception', name: 'Tiếp nhận hồ sơ', kind: 'reception', role: 'receiving_officer', formId: 'motcua-reception' },
  review: { key: 'review', name: 'Thẩm định hồ sơ', kind: 'review', role: 'specialist', formId: 'motcua-review' },
  approval: { key: 'approval', name: 'Phê duyệt kết quả', kind: 'approval', role: 'leader', formId: 'motcua-approval' },
} as const satisfies Record<string, TemplateStep>;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Node {
  /** element name and attributes, e.g. bpmn:userTask id="x" */
  open: string;
  extension?: string;
  /** event definitions and other children after incoming/outgoing */
  body?: string;
}

/** Collects nodes and flows, then writes each node with its incoming and outgoing flows (layout needs them). */
class Xml {
  private readonly nodes = new Map<string, Node>();
  private readonly flows: { id: string; xml: string; source: string; target: string }[] = [];
  node(id: string, node: Node): void {
    this.nodes.set(id, node);
  }
  flow(id: string, source: string, target: string, name?: string, condition?: string): void {
    const n = name ? ` name="${esc(name)}"` : '';
    const head = `<bpmn:sequenceFlow id="${id}"${n} sourceRef="${source}" targetRef="${target}"`;
    const xml = condition
      ? `${head}><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${esc(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>`
      : `${head} />`;
    this.flows.push({ id, xml, source, target });
  }
  external(id: string, name: string, topic: string, inputs: Record<string, string> = {}, opts: { asyncAfter?: boolean } = {}): void {
    const io = Object.entries(inputs)
      .map(([k, v]) => `<camunda:inputParameter name="${k}">${esc(v)}</camunda:inputParameter>`)
      .join('');
    this.node(id, {
      open: `bpmn:serviceTask id="${id}" name="${esc(name)}"${opts.asyncAfter ? ' camunda:asyncAfter="true"' : ''} camunda:type="external" camunda:topic="${topic}"`,
      extension: io ? `<camunda:inputOutput>${io}</camunda:inputOutput>` : undefined,
    });
  }
  toString(): string {
    const out: string[] = [];
    for (const [id, n] of this.nodes) {
      const tag = n.open.split(' ')[0]!;
      const inner = [
        n.extension ? `<bpmn:extensionElements>${n.extension}</bpmn:extensionElements>` : '',
        ...this.flows.filter((f) => f.target === id).map((f) => `<bpmn:incoming>${f.id}</bpmn:incoming>`),
        ...this.flows.filter((f) => f.source === id).map((f) => `<bpmn:outgoing>${f.id}</bpmn:outgoing>`),
        n.body ?? '',
      ].join('');
      out.push(inner ? `<${n.open}>${inner}</${tag}>` : `<${n.open} />`);
    }
    return [...out, ...this.flows.map((f) => f.xml)].join('\n    ');
  }
}

/** A user task with its due and follow-up dates and its two SLA timers, each leading to an `sla-flag` task. */
function userStep(x: Xml, s: TemplateStep): void {
  const rule = parseUnitRule(s.unitRule);
  if (!rule) throw new RangeError(`step ${s.key}: "${s.unitRule}" is not a unit rule`);
  const unitProperty = rule.kind === 'receiving' ? '' : `<camunda:property name="motcua.unitRule" value="${esc(unitRuleText(rule))}" />`;
  x.node(s.key, {
    open: `bpmn:userTask id="${s.key}" name="${esc(s.name)}" camunda:candidateGroups="${s.role}:\${${unitVariableOf(s.key, rule)}}" camunda:dueDate="\${${s.key}DueAt}" camunda:followUpDate="\${${s.key}WarnAt}" camunda:formRef="${esc(s.formId)}" camunda:formRefBinding="deployment"`,
    extension: `<camunda:properties><camunda:property name="motcua.stepKind" value="${s.kind}" />${unitProperty}</camunda:properties>`,
  });
  for (const [suffix, level, name, variable] of [
    ['warn', 'nearly_late', 'Sắp đến hạn', `${s.key}WarnAt`],
    ['due', 'late', 'Quá hạn', `${s.key}DueAt`],
  ] as const) {
    const id = `${s.key}_${suffix}`;
    x.node(id, {
      open: `bpmn:boundaryEvent id="${id}" name="${name}" cancelActivity="false" attachedToRef="${s.key}"`,
      body: `<bpmn:timerEventDefinition id="${id}_timer"><bpmn:timeDate xsi:type="bpmn:tFormalExpression">\${${variable}}</bpmn:timeDate></bpmn:timerEventDefinition>`,
    });
    x.external(`${id}_flag`, suffix === 'warn' ? 'Gắn cờ sắp đến hạn' : 'Gắn cờ quá hạn', 'sla-flag', { slaStep: s.key, slaLevel: level });
    x.node(`${id}_end`, { open: `bpmn:endEvent id="${id}_end" name="${suffix === 'warn' ? 'Đã cảnh báo' : 'Đã báo quá hạn'}"` });
    x.flow(`f_${id}`, id, `${id}_flag`);
    x.flow(`f_${id}_end`, `${id}_flag`, `${id}_end`);
  }
}

/**
 * A payment gate: the `payment` topic asks whether the dossier must pay here (its procedure version's fee
 * schedule); if so the process waits for the message the payment's settlement sends (through the outbox).
 * @returns the id of the gate's first element
 */
function paymentGate(x: Xml, stage: 'before_handling' | 'before_return', name: string, next: string): string {
  const id = `payment_${stage}`;
  x.external(id, name, 'payment', { paymentStage: stage });
  x.node(`${id}_due`, { open: `bpmn:exclusiveGateway id="${id}_due" name="Phải nộp phí?"` });
  x.node(`${id}_paid`, {
    open: `bpmn:intermediateCatchEvent id="${id}_paid" name="Đã nộp phí, lệ phí"`,
    body: `<bpmn:messageEventDefinition id="${id}_paid_message" messageRef="msg_payment_received" />`,
  });
  x.flow(`f_${id}`, id, `${id}_due`);
  x.flow(`f_${id}_wait`, `${id}_due`, `${id}_paid`, 'Chờ nộp phí', '${paymentDue}');
  x.flow(`f_${id}_none`, `${id}_due`, next, 'Không phải nộp', '${!paymentDue}');
  x.flow(`f_${id}_paid`, `${id}_paid`, next);
  return id;
}

/** The semantic model (no diagram) of a one-stop procedure. */
export function oneStopProcess(spec: OneStopSpec): string {
  const reception: TemplateStep = { ...standardSteps.reception, ...spec.reception };
  const handling = spec.handling ?? [standardSteps.review, standardSteps.approval];
  if (!handling.length) throw new RangeError('a one-stop process needs at least one handling step');
  const x = new Xml();
  x.node('submitted', {
    open: `bpmn:startEvent id="submitted" name="Hồ sơ được nộp" camunda:formRef="${esc(spec.applicationFormId)}" camunda:formRefBinding="deployment"`,
  });
  x.external('plan_reception', 'Tính hạn tiếp nhận', 'sla', { slaPhase: 'reception' });
  x.flow('f_submitted', 'submitted', 'plan_reception');
  x.flow('f_to_reception', 'plan_reception', reception.key);
  userStep(x, reception);
  x.node('reception_decision', { open: 'bpmn:exclusiveGateway id="reception_decision" name="Kết quả kiểm tra?"' });
  x.flow('f_reception_done', reception.key, 'reception_decision');

  // accepted: code and receipt, then the handling steps
  x.external('receive', 'Cấp mã hồ sơ và phiếu hẹn', 'reception');
  x.external('plan_handling', 'Tính hạn giải quyết', 'sla', { slaPhase: 'handling' });
  x.flow('f_accept', 'reception_decision', 'receive', 'Tiếp nhận', `\${${reception.key}Decision == 'accept'}`);
  x.flow('f_received', 'receive', paymentGate(x, 'before_handling', 'Thu phí trước khi giải quyết', 'plan_handling'));
  x.flow('f_to_handling', 'plan_handling', handling[0]!.key);
  handling.forEach((step, i) => {
    userStep(x, step);
    const gateway = `${step.key}_decision`;
    x.node(gateway, { open: `bpmn:exclusiveGateway id="${gateway}" name="${esc(step.kind === 'approval' ? 'Phê duyệt?' : 'Ý kiến thẩm định?')}"` });
    x.flow(`f_${step.key}_done`, step.key, gateway);
    const next = handling[i + 1]?.key ?? 'payment_before_return';
    x.flow(`f_${step.key}_ok`, gateway, next, step.kind === 'approval' ? 'Phê duyệt' : 'Trình ký', `\${${step.key}Decision == 'approve'}`);
    const back = i === 0 ? 'plan_reception' : handling[i - 1]!.key;
    x.flow(`f_${step.key}_back`, gateway, back, i === 0 ? 'Trả lại một cửa' : 'Trả lại', `\${${step.key}Decision == 'sendBack'}`);
  });
  paymentGate(x, 'before_return', 'Thu phí trước khi trả kết quả', 'sign');
  x.external('sign', 'Ký số kết quả', 'signing');
  x.external('return_result', 'Trả kết quả', 'result-return');
  x.node('returned', { open: 'bpmn:endEvent id="returned" name="Đã trả kết quả"' });
  x.flow('f_signed', 'sign', 'return_result');
  x.flow('f_returned', 'return_result', 'returned');

  // supplement: told in writing while the process already waits for it, in the same engine transaction as
  // the officer's decision (the applicant may supply it before the notice is out); then back to reception, or
  // the time runs out
  x.node('supplement_split', { open: 'bpmn:parallelGateway id="supplement_split"' });
  // its branch ends in a job of its own (asyncAfter), which the engine retries if it races with the supplement
  x.external('notify_supplement', 'Thông báo yêu cầu bổ sung', 'notify', { notifyKind: 'supplement_requested' }, { asyncAfter: true });
  x.node('supplement_notified', { open: 'bpmn:endEvent id="supplement_notified" name="Đã thông báo"' });
  x.node('supplement_wait', { open: 'bpmn:eventBasedGateway id="supplement_wait" name="Chờ bổ sung"' });
  x.node('supplement_provided', {
    open: 'bpmn:intermediateCatchEvent id="supplement_provided" name="Công dân bổ sung hồ sơ"',
    body: '<bpmn:messageEventDefinition id="supplement_provided_message" messageRef="msg_supplement_provided" />',
  });
  x.node('supplement_expired', {
    open: 'bpmn:intermediateCatchEvent id="supplement_expired" name="Hết hạn bổ sung"',
    body: '<bpmn:timerEventDefinition id="supplement_expired_timer"><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${supplementDueAt}</bpmn:timeDate></bpmn:timerEventDefinition>',
  });
  x.external('stop_expired', 'Dừng xử lý hồ sơ', 'stop', { stopReason: 'supplement_expired' });
  x.node('stopped', { open: 'bpmn:endEvent id="stopped" name="Dừng xử lý"' });
  x.flow('f_supplement', 'reception_decision', 'supplement_split', 'Yêu cầu bổ sung', `\${${reception.key}Decision == 'supplement'}`);
  x.flow('f_notify_supplement', 'supplement_split', 'notify_supplement');
  x.flow('f_supplement_notified', 'notify_supplement', 'supplement_notified');
  x.flow('f_wait_supplement', 'supplement_split', 'supplement_wait');
  x.flow('f_supplement_in', 'supplement_wait', 'supplement_provided');
  x.flow('f_supplement_late', 'supplement_wait', 'supplement_expired');
  x.flow('f_supplement_back', 'supplement_provided', 'plan_reception');
  x.flow('f_stop', 'supplement_expired', 'stop_expired');
  x.flow('f_stopped', 'stop_expired', 'stopped');

  // refusal
  x.external('notify_refusal', 'Thông báo từ chối', 'notify', { notifyKind: 'refused' });
  x.node('refused', { open: 'bpmn:endEvent id="refused" name="Không tiếp nhận"' });
  x.flow('f_refuse', 'reception_decision', 'notify_refusal', 'Từ chối', `\${${reception.key}Decision == 'refuse'}`);
  x.flow('f_refused', 'notify_refusal', 'refused');

  // withdrawal by the applicant, at any point before the decision: interrupts the whole process
  x.node('withdrawal', {
    open: 'bpmn:subProcess id="withdrawal" name="Công dân rút hồ sơ" triggeredByEvent="true"',
    body:
      '<bpmn:startEvent id="withdrawn_by_applicant" name="Yêu cầu rút hồ sơ" isInterrupting="true"><bpmn:outgoing>f_withdrawn</bpmn:outgoing><bpmn:messageEventDefinition id="withdrawn_message" messageRef="msg_withdrawn" /></bpmn:startEvent>' +
      '<bpmn:endEvent id="withdrawn" name="Đã rút hồ sơ"><bpmn:incoming>f_withdrawn</bpmn:incoming></bpmn:endEvent>' +
      '<bpmn:sequenceFlow id="f_withdrawn" sourceRef="withdrawn_by_applicant" targetRef="withdrawn" />',
  });

  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="${spec.processId}_definitions" targetNamespace="https://motcua.vn/processes" exporter="motcua" exporterVersion="0.1.0">
  <bpmn:message id="msg_supplement_provided" name="SupplementProvided" />
  <bpmn:message id="msg_withdrawn" name="DossierWithdrawn" />
  <bpmn:message id="msg_payment_received" name="PaymentReceived" />
  <bpmn:process id="${spec.processId}" name="${esc(spec.name)}" isExecutable="true" camunda:historyTimeToLive="${spec.historyTimeToLive ?? 'P3650D'}">
    ${x}
  </bpmn:process>
</bpmn:definitions>
`;
}

/**
 * The model with a generated diagram. bpmn-auto-layout draws the event subprocess collapsed and without
 * its content: it is drawn expanded here, below the rest, with its start and end event.
 */
export async function oneStopModel(spec: OneStopSpec): Promise<string> {
  const xml = await layoutProcess(oneStopProcess(spec));
  const bottom = Math.max(...[...xml.matchAll(/<dc:Bounds x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/g)].map((m) => Number(m[1]) + Number(m[2])));
  const x = 160;
  const y = bottom + 80;
  const expanded = [
    `<bpmndi:BPMNShape id="withdrawal_di" bpmnElement="withdrawal" isExpanded="true"><dc:Bounds x="${x}" y="${y}" width="360" height="140" /></bpmndi:BPMNShape>`,
    `<bpmndi:BPMNShape id="withdrawn_by_applicant_di" bpmnElement="withdrawn_by_applicant"><dc:Bounds x="${x + 50}" y="${y + 52}" width="36" height="36" /><bpmndi:BPMNLabel><dc:Bounds x="${x + 20}" y="${y + 95}" width="96" height="27" /></bpmndi:BPMNLabel></bpmndi:BPMNShape>`,
    `<bpmndi:BPMNShape id="withdrawn_di" bpmnElement="withdrawn"><dc:Bounds x="${x + 270}" y="${y + 52}" width="36" height="36" /><bpmndi:BPMNLabel><dc:Bounds x="${x + 250}" y="${y + 95}" width="76" height="14" /></bpmndi:BPMNLabel></bpmndi:BPMNShape>`,
    `<bpmndi:BPMNEdge id="f_withdrawn_di" bpmnElement="f_withdrawn"><di:waypoint x="${x + 86}" y="${y + 70}" /><di:waypoint x="${x + 270}" y="${y + 70}" /></bpmndi:BPMNEdge>`,
  ].join('\n      ');
  const collapsed = /<bpmndi:BPMNShape id="withdrawal_di"[\s\S]*?<\/bpmndi:BPMNShape>/;
  if (!collapsed.test(xml)) throw new Error('the layout did not draw the withdrawal subprocess');
  // (the layout puts the subprocess's content at the origin of the main plane: drop it, ours replaces it)
  const content = /\s*<bpmndi:BPMN(Shape|Edge) id="(withdrawn_by_applicant|withdrawn|f_withdrawn)_di"[\s\S]*?<\/bpmndi:BPMN(Shape|Edge)>/g;
  return xml.replace(content, '').replace(collapsed, expanded);
}

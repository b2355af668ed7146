/**
 * Lints a procedure's BPMN model before it may be published: bpmnlint's recommended rules plus motcua's own,
 * which know what the platform runs (the workers' topics, the step forms and SLA timers, parseable timers,
 * history time-to-live, no scripts or Java). Each problem names the element it is about so the studio can
 * point at it in the diagram. Pure apart from parsing: no I/O.
 */
import { createRequire } from 'node:module';
import type { ModdleElement } from 'bpmn-moddle';
import { officerRoles } from '../accounts/roles.ts';
import { msg, type Message } from '../errors/errors.ts';
import { createBpmnModdle, declaresEntities } from './bpmn-model.ts';
import { extensionProperties, unitRuleOf, unitVariableOf, stepKinds } from './bpmn-steps.ts';
import { isWorkerTopic, workerTopics } from './worker-topics.ts';
import { expressionProblems } from './model-expressions.ts';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint') as {
  Linter: new (o: { config: unknown; resolver: unknown }) => { lint(root: ModdleElement): Promise<Record<string, LintReport[]>> };
};
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new (o?: { require?: NodeRequire }) => {
  resolveRule(pkg: string, name: string): unknown;
  resolveConfig(pkg: string, name: string): unknown;
};
const recommended = require('bpmnlint/config/recommended') as { rules: Record<string, string> };

interface LintReport {
  id?: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
}

export interface ModelProblem {
  severity: 'error' | 'warning';
  /** bpmnlint rule name, e.g. `label-required` or `motcua/user-task-form` */
  rule: string;
  elementId?: string;
  message: Message;
}

export interface LintContext {
  /** ids of the forms that go with the model */
  formIds: string[];
  applicationFormId: string;
}

type Reporter = { report(id: string, message: string): void };
type Rule = (config: unknown) => { check(node: ModdleElement, reporter: Reporter): void };

/** Vietnamese for bpmnlint's recommended rules (its own messages are English). */
const recommendedVi: Record<string, string> = {
  'ad-hoc-sub-process': 'Quy trình con ad-hoc không hợp lệ',
  'conditional-flows': 'Luồng ra từ một nhánh rẽ phải có điều kiện',
  'end-event-required': 'Quy trình thiếu sự kiện kết thúc',
  'event-based-gateway': 'Cổng sự kiện phải dẫn tới các sự kiện chờ',
  'event-sub-process-typed-start-event': 'Quy trình con sự kiện cần sự kiện bắt đầu có loại',
  'fake-join': 'Nhiều luồng vào một bước: nên dùng cổng hợp nhất',
  global: 'Phần tử toàn cục không hợp lệ',
  'label-required': 'Phần tử chưa có tên',
  'link-event': 'Sự kiện liên kết không khớp',
  'no-bpmndi': 'Phần tử chưa được vẽ trên sơ đồ',
  'no-complex-gateway': 'Không dùng cổng phức hợp',
  'no-disconnected': 'Phần tử không nối với luồng nào',
  'no-duplicate-sequence-flows': 'Luồng bị trùng',
  'no-gateway-join-fork': 'Một cổng không được vừa hợp nhất vừa rẽ nhánh',
  'no-implicit-split': 'Rẽ nhánh ngầm: dùng cổng rẽ nhánh',
  'no-implicit-end': 'Kết thúc ngầm: thêm sự kiện kết thúc',
  'no-implicit-start': 'Bắt đầu ngầm: thêm sự kiện bắt đầu',
  'no-inclusive-gateway': 'Không nên dùng cổng bao hàm',
  'no-overlapping-elements': 'Các phần tử chồng lên nhau',
  'single-blank-start-event': 'Chỉ được có một sự kiện bắt đầu trống',
  'single-event-definition': 'Sự kiện chỉ được có một định nghĩa',
  'start-event-required': 'Quy trình thiếu sự kiện bắt đầu',
  'sub-process-blank-start-event': 'Quy trình con cần sự kiện bắt đầu trống',
  'superfluous-gateway': 'Cổng thừa (một vào, một ra)',
  'superfluous-label': 'Tên thừa',
  'superfluous-termination': 'Sự kiện kết thúc ngay không cần thiết',
};

// ---- motcua's rules ------------------------------------------------------------------------------------

const EXPR = /^\$\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const ISO_CYCLE = /^R(\d+)?\/(.+)$/;
const CRON_FIELD = /^[0-9A-Z*?/,#L-]+$/i;

/** Whether a timer's expression is one the engine can read. */
export function timerExpressionProblem(kind: 'timeDate' | 'timeDuration' | 'timeCycle', raw: string | undefined): string | undefined {
  const v = (raw ?? '').trim();
  if (!v) return 'is empty';
  if (EXPR.test(v)) return undefined;
  if (v.includes('${') || v.includes('#{')) return 'uses an expression that is not a single variable';
  if (kind === 'timeDate') return ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)) ? undefined : 'is not an ISO 8601 date-time';
  if (kind === 'timeDuration') return ISO_DURATION.test(v) ? undefined : 'is not an ISO 8601 duration';
  const cycle = ISO_CYCLE.exec(v);
  if (cycle) {
    const parts = cycle[2]!.split('/');
    return parts.every((p) => ISO_DURATION.test(p) || ISO_DATE_TIME.test(p)) && parts.some((p) => ISO_DURATION.test(p))
      ? undefined
      : 'is not an ISO 8601 repeating interval';
  }
  const fields = v.split(/\s+/);
  return (fields.length === 6 || fields.length === 7) && fields.every((f) => CRON_FIELD.test(f))
    ? undefined
    : 'is neither an ISO 8601 repeating interval nor a cron expression';
}

const isType = (n: ModdleElement, t: string) => (n as unknown as { $instanceOf?: (t: string) => boolean }).$instanceOf?.(t) ?? n.$type === t;

function extensionValues(n: ModdleElement): ModdleElement[] {
  return ((n.extensionElements as { values?: ModdleElement[] } | undefined)?.values ?? []) as ModdleElement[];
}

function boundaryEventsOf(task: ModdleElement): ModdleElement[] {
  let parent = task.$parent as ModdleElement | undefined;
  while (parent && !parent.flowElements) parent = parent.$parent as ModdleElement | undefined;
  return ((parent?.flowElements as ModdleElement[] | undefined) ?? []).filter(
    (e) => e.$type === 'bpmn:BoundaryEvent' && (e.attachedToRef as ModdleElement | undefined)?.id === task.id,
  );
}

const externalTopic: Rule = () => ({
  check(node, reporter) {
    if (!isType(node, 'bpmn:ServiceTask') && !isType(node, 'bpmn:SendTask') && !isType(node, 'bpmn:BusinessRuleTask')) return;
    if (node.type !== 'external') return reporter.report(node.id!, 'must be an external task (camunda:type="external") handled by a motcua worker');
    const topic = String(node.topic ?? '');
    if (!isWorkerTopic(topic))
      reporter.report(node.id!, `uses the topic "${topic}", which no motcua worker handles (known: ${Object.keys(workerTopics).join(', ')})`);
  },
});

const noScriptOrJava: Rule = () => ({
  check(node, reporter) {
    if (isType(node, 'bpmn:ScriptTask')) return reporter.report(node.id!, 'is a script task: scripts are not run by motcua');
    for (const attr of ['class', 'delegateExpression', 'expression'] as const) {
      if (node[attr] && !isType(node, 'bpmn:FormalExpression') && !isType(node, 'bpmn:ConditionExpression'))
        reporter.report(node.id ?? '', `uses camunda:${attr}: Java delegates and expressions are not run by motcua`);
    }
    for (const v of extensionValues(node)) {
      if ((v.$type === 'camunda:ExecutionListener' || v.$type === 'camunda:TaskListener') && (v.class || v.delegateExpression || v.expression || v.script))
        reporter.report(node.id!, 'has a listener with Java or a script: not run by motcua');
      if (v.$type === 'camunda:InputOutput') {
        for (const p of [...((v.inputParameters as ModdleElement[]) ?? []), ...((v.outputParameters as ModdleElement[]) ?? [])]) {
          if ((p.definition as ModdleElement | undefined)?.$type === 'camunda:Script')
            reporter.report(node.id!, `computes ${String(p.name)} with a script: not run by motcua`);
        }
      }
    }
  },
});

const userTask: Rule = (config) => {
  const { formIds } = config as LintContext;
  return {
    check(node, reporter) {
      if (!isType(node, 'bpmn:UserTask')) return;
      const id = node.id!;
      const kind = extensionProperties(node)['motcua.stepKind'];
      if (!kind || !(stepKinds as readonly string[]).includes(kind)) reporter.report(id, `has no step kind (motcua.stepKind: ${stepKinds.join(' | ')})`);
      const formRef = node.formRef as string | undefined;
      if (!formRef) reporter.report(id, 'has no form (camunda:formRef)');
      else if (!formIds.includes(formRef)) reporter.report(id, `refers to the form "${formRef}", which is not among the procedure's forms`);
      else if (node.formRefBinding !== 'deployment') reporter.report(id, 'must bind its form to the deployment (camunda:formRefBinding="deployment")');
      const groups = String(node.candidateGroups ?? '').trim();
      const rule = unitRuleOf(node);
      const variable = rule ? unitVariableOf(id, rule) : 'orgUnitId';
      const m = /^([a-z_]+):\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(groups);
      if (!rule)
        reporter.report(
          id,
          `has the unit rule "${extensionProperties(node)['motcua.unitRule']}": expected receiving, named:<agency code>, competent[:<field>] or picked[:<field>] (motcua.unitRule)`,
        );
      else if (rule.kind !== 'receiving' && kind === 'reception')
        reporter.report(id, 'is a reception: it is done by the receiving unit (motcua.unitRule receiving)');
      if (!groups) reporter.report(id, 'has no candidate group');
      else if (!m || !officerRoles.includes(m[1] as never) || m[2] !== variable)
        reporter.report(id, `has the candidate group "${groups}": expected <role>:\${${variable}} with role ${officerRoles.join(' | ')}`);
      if (String(node.dueDate ?? '').replace(/\s/g, '') !== `\${${id}DueAt}`) reporter.report(id, `must be due at \${${id}DueAt} (camunda:dueDate)`);
      const timers = boundaryEventsOf(node).filter((b) =>
        ((b.eventDefinitions as ModdleElement[] | undefined) ?? []).some((d) => d.$type === 'bpmn:TimerEventDefinition'),
      );
      const timeDates = timers.map((b) =>
        String(((b.eventDefinitions as ModdleElement[])[0]!.timeDate as ModdleElement | undefined)?.body ?? '').replace(/\s/g, ''),
      );
      for (const v of [`\${${id}WarnAt}`, `\${${id}DueAt}`]) {
        if (!timeDates.includes(v)) reporter.report(id, `has no SLA timer at ${v} (a non-interrupting boundary timer leading to the sla-flag topic)`);
      }
      for (const b of timers) if (b.cancelActivity !== false) reporter.report(b.id!, 'SLA timers must not interrupt the step (cancelActivity="false")');
    },
  };
};

const timerExpressions: Rule = () => ({
  check(node, reporter) {
    if (node.$type !== 'bpmn:TimerEventDefinition') return;
    const event = node.$parent as ModdleElement;
    const set = (['timeDate', 'timeDuration', 'timeCycle'] as const).filter((k) => node[k]);
    if (set.length !== 1) return reporter.report(event.id!, 'timer needs exactly one of date, duration or cycle');
    const kind = set[0]!;
    const problem = timerExpressionProblem(kind, (node[kind] as ModdleElement).body as string | undefined);
    if (problem) reporter.report(event.id!, `timer ${kind} "${String((node[kind] as ModdleElement).body ?? '')}" ${problem}`);
  },
});

const historyTtl: Rule = () => ({
  check(node, reporter) {
    if (!isType(node, 'bpmn:Process') || !node.isExecutable) return;
    const ttl = String(node.historyTimeToLive ?? '').trim();
    if (!ttl) reporter.report(node.id!, 'has no history time-to-live (camunda:historyTimeToLive)');
    else if (!/^\d+$/.test(ttl) && !/^P\d+D$/.test(ttl)) reporter.report(node.id!, `history time-to-live "${ttl}" is neither a number of days nor P<n>D`);
  },
});

const startForm: Rule = (config) => {
  const { applicationFormId } = config as LintContext;
  return {
    check(node, reporter) {
      if (!isType(node, 'bpmn:StartEvent') || !isType(node.$parent as ModdleElement, 'bpmn:Process')) return;
      if (node.formRef !== applicationFormId) reporter.report(node.id!, `must open with the application form "${applicationFormId}" (camunda:formRef)`);
    },
  };
};

const expressions: Rule = () => ({
  check(node, reporter) {
    if (node.$type !== 'bpmn:Definitions') return;
    for (const p of expressionProblems(node)) reporter.report(p.elementId ?? '', p.message);
  },
});

const motcuaRules: Record<string, Rule> = {
  expressions,
  'external-task-topic': externalTopic,
  'no-script-or-java': noScriptOrJava,
  'user-task': userTask,
  'timer-expression': timerExpressions,
  'history-time-to-live': historyTtl,
  'start-form': startForm,
};

const motcuaVi: Record<string, string> = {
  expressions: 'Biểu thức không được phép (chỉ dùng biến, phép so sánh và phép logic do motcua tạo ra)',
  'external-task-topic': 'Bước tự động phải dùng một chủ đề (topic) mà motcua xử lý',
  'no-script-or-java': 'Không dùng script hay mã Java trong quy trình',
  'user-task': 'Bước xử lý của cán bộ cần loại bước, biểu mẫu, nhóm xử lý, hạn xử lý và hai mốc cảnh báo',
  'timer-expression': 'Biểu thức hẹn giờ không hợp lệ',
  'history-time-to-live': 'Quy trình chưa đặt thời gian lưu lịch sử',
  'start-form': 'Sự kiện bắt đầu phải dùng biểu mẫu nộp hồ sơ của thủ tục',
};

/** Warnings of bpmnlint's recommended set that motcua's template raises by design, with why. */
const relaxed: Record<string, 'off' | 'warn'> = {
  // the supplement and send-back loops join at a task, which the engine handles as an XOR join
  'fake-join': 'off',
  // it counts the SLA timers, which sit on their step's border by design, as overlapping it
  'no-overlapping-elements': 'off',
};

const resolver = (() => {
  const node = new NodeResolver({ require });
  return {
    resolveRule(pkg: string, name: string) {
      if (pkg === 'bpmnlint-plugin-motcua') return motcuaRules[name];
      return node.resolveRule(pkg, name);
    },
    resolveConfig(pkg: string, name: string) {
      return node.resolveConfig(pkg, name);
    },
  };
})();

/**
 * Lints a model. XML with a DOCTYPE or entity declarations is refused before parsing (no external entities
 * are ever resolved).
 */
export async function lintModel(xml: string, ctx: LintContext): Promise<ModelProblem[]> {
  if (declaresEntities(xml)) {
    return [
      {
        severity: 'error',
        rule: 'motcua/xml',
        message: msg(
          'Tệp mô hình khai báo DOCTYPE hoặc thực thể XML (external entity): không được chấp nhận.',
          'The model declares a DOCTYPE or XML entities (external entities): not accepted.',
        ),
      },
    ];
  }
  const moddle = createBpmnModdle();
  let root: ModdleElement;
  let warnings: { message: string; element?: ModdleElement }[];
  try {
    ({ rootElement: root, warnings } = (await moddle.fromXML(xml, 'bpmn:Definitions')) as {
      rootElement: ModdleElement;
      warnings: { message: string; element?: ModdleElement }[];
    });
  } catch (e) {
    return [
      {
        severity: 'error',
        rule: 'motcua/xml',
        message: msg(`Không đọc được mô hình BPMN: ${(e as Error).message}`, `Not a readable BPMN model: ${(e as Error).message}`),
      },
    ];
  }
  const problems: ModelProblem[] = warnings.map((w) => ({
    severity: 'warning',
    rule: 'motcua/xml',
    elementId: w.element?.id,
    message: msg(`Cảnh báo khi đọc mô hình: ${w.message}`, `While reading the model: ${w.message}`),
  }));
  const executable = ((root.rootElements as ModdleElement[] | undefined) ?? []).filter((e) => e.$type === 'bpmn:Process' && e.isExecutable);
  if (executable.length !== 1)
    problems.push({
      severity: 'error',
      rule: 'motcua/executable',
      message: msg(
        `Mô hình phải có đúng một quy trình thực thi được (đang có ${executable.length}).`,
        `The model needs exactly one executable process (it has ${executable.length}).`,
      ),
    });

  const rules: Record<string, unknown> = { ...recommended.rules, ...relaxed };
  for (const name of Object.keys(motcuaRules)) rules[`motcua/${name}`] = ['error', ctx];
  const linter = new Linter({ config: { rules }, resolver });
  const results = await linter.lint(root);
  for (const [rule, reports] of Object.entries(results)) {
    for (const r of reports) {
      if (r.category === 'info') continue;
      const short = rule.replace(/^motcua\//, '');
      const vi = rule.startsWith('motcua/') ? motcuaVi[short] : recommendedVi[rule];
      problems.push({
        severity: r.category === 'warn' ? 'warning' : 'error',
        rule,
        elementId: r.id || undefined,
        message: msg(`${vi ?? 'Lỗi mô hình'}${r.id ? ` (${r.id})` : ''}: ${r.message}`, `${r.id ? `${r.id} ` : ''}${r.message}`),
      });
    }
  }
  return problems;
}

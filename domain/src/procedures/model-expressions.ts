/**
 * The expressions a procedure model may hold: only the forms motcua itself generates. The engine evaluates
 * JUEL, which can call any Java method (`${"".getClass().forName(...)}`), and a condition may name a script
 * language; a model drawn in the studio must therefore not carry anything but
 * - a gateway condition over variables: comparisons (`==`, `!=`, `<`, `eq`...), `&&` `||` `!` `and` `or` `not`,
 *   `empty`, parentheses, string, number and boolean literals;
 * - the dates motcua sets, as a single variable (`${receptionDueAt}`) in a step's due and follow-up dates and
 *   in timers;
 * - the candidate group `<role>:${orgUnitId}`, or `<role>:${unit_<step>}` for a step another unit does (its
 *   unit rule; the lint checks the variable matches the rule).
 * No method call, property access, index, function, lambda or assignment; no script language; no expression
 * anywhere else (input and output parameters, fields, call-activity mappings, listeners).
 */
import type { ModdleElement } from 'bpmn-moddle';

type Where = 'condition' | 'single-variable' | 'candidate-group' | 'nowhere';

const SINGLE_VARIABLE = /^\s*[$#]\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\s*$/;
const CANDIDATE_GROUP = /^\s*[a-z_]+:\$\{\s*(orgUnitId|unit_[A-Za-z0-9_]+)\s*\}\s*$/;
const KEYWORDS = new Set(['and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'empty', 'true', 'false', 'null']);
const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')'];

const EVALUATED_NAMES = new Set(['bpmn:Message', 'bpmn:Signal', 'bpmn:Error', 'bpmn:Escalation']);

const hasExpression = (s: string) => /[$#]\{/.test(s);

/**
 * Why a condition is not one motcua accepts (undefined when it is): a single `${...}` whose tokens are
 * variables, literals and the operators above, with no call, access or index.
 */
export function conditionProblem(raw: string): string | undefined {
  const m = /^\s*[$#]\{([\s\S]*)\}\s*$/.exec(raw);
  if (!m) return 'is not a single ${...} expression';
  const body = m[1]!;
  let i = 0;
  let previous: 'identifier' | 'other' = 'other';
  while (i < body.length) {
    const rest = body.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const str = /^'[^'\\]*'|^"[^"\\]*"/.exec(rest);
    if (str) {
      i += str[0].length;
      previous = 'other';
      continue;
    }
    const num = /^\d+(\.\d+)?(?![A-Za-z_.])/.exec(rest);
    if (num) {
      i += num[0].length;
      previous = 'other';
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (ident) {
      i += ident[0].length;
      const next = body.slice(i).trimStart()[0];
      if (next === '(' && !KEYWORDS.has(ident[0])) return `calls "${ident[0]}(...)": method and function calls are not allowed`;
      previous = KEYWORDS.has(ident[0]) ? 'other' : 'identifier';
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) {
      if (op === '(' && previous === 'identifier') return 'calls a method: not allowed';
      i += op.length;
      previous = 'other';
      continue;
    }
    return `uses "${rest[0]}": only variables, literals, comparisons and boolean operators are allowed (no property access, index, call or assignment)`;
  }
  return undefined;
}

function problemAt(where: Where, value: string): string | undefined {
  switch (where) {
    case 'condition':
      return conditionProblem(value);
    case 'single-variable':
      return SINGLE_VARIABLE.test(value) ? undefined : 'may only name a single variable, like ${receptionDueAt}';
    case 'candidate-group':
      return CANDIDATE_GROUP.test(value) ? undefined : 'may only be <role>:${orgUnitId} or <role>:${unit_<step>}';
    case 'nowhere':
      return 'holds an expression where motcua allows none';
  }
}

/** Where an expression may stand: the element type and property it is in. */
function allowedAt(node: ModdleElement, property: string): Where {
  const parent = node.$parent as ModdleElement | undefined;
  if (node.$type === 'bpmn:UserTask' && property === 'candidateGroups') return 'candidate-group';
  if (node.$type === 'bpmn:UserTask' && (property === 'dueDate' || property === 'followUpDate')) return 'single-variable';
  if (node.$type === 'bpmn:FormalExpression' && property === 'body') {
    if (parent?.$type === 'bpmn:TimerEventDefinition') return 'single-variable';
    if (parent?.$type === 'bpmn:SequenceFlow' || parent?.$type === 'bpmn:ConditionalEventDefinition') return 'condition';
  }
  return 'nowhere';
}

export interface ExpressionProblem {
  /** the nearest element with an id */
  elementId: string | undefined;
  message: string;
}

const idOf = (node: ModdleElement | undefined): string | undefined => {
  for (let n = node; n; n = n.$parent as ModdleElement | undefined) if (n.id) return n.id as string;
  return undefined;
};

const label = (node: ModdleElement, property: string) => `${node.$type.replace(/^(bpmn|camunda):/, '')}${property === 'body' ? '' : ` ${property}`}`;

/** Every expression of the model that motcua does not allow, and every script language, where it stands. */
export function expressionProblems(root: ModdleElement): ExpressionProblem[] {
  const problems: ExpressionProblem[] = [];
  const seen = new Set<ModdleElement>();
  const visit = (node: ModdleElement) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const descriptor = (node as unknown as { $descriptor?: { properties?: { name: string; isMany?: boolean; isReference?: boolean; type: string }[] } })
      .$descriptor;
    if (node.$type === 'bpmn:FormalExpression' && typeof node.language === 'string' && node.language.trim()) {
      problems.push({
        elementId: idOf(node),
        message: `${label(node.$parent as ModdleElement, 'condition')} is written in the script language "${node.language}": scripts are not run by motcua`,
      });
    }
    for (const p of descriptor?.properties ?? []) {
      if (p.isReference) continue;
      const value = (node as Record<string, unknown>)[p.name];
      if (typeof value === 'string') {
        // labels are not evaluated, except the names of messages, signals, errors and escalations
        const evaluated = p.name !== 'id' && (p.name !== 'name' || EVALUATED_NAMES.has(node.$type));
        if (evaluated && hasExpression(value)) {
          const problem = problemAt(allowedAt(node, p.name), value);
          if (problem) problems.push({ elementId: idOf(node), message: `${label(node, p.name)} "${value.trim().slice(0, 120)}" ${problem}` });
        }
      } else if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child === 'object' && (child as ModdleElement).$type) visit(child as ModdleElement);
      } else if (value && typeof value === 'object' && (value as ModdleElement).$type) {
        visit(value as ModdleElement);
      }
    }
    // attributes the schema does not know are kept verbatim: none may carry an expression
    for (const [name, value] of Object.entries((node as unknown as { $attrs?: Record<string, unknown> }).$attrs ?? {})) {
      if (typeof value === 'string' && hasExpression(value))
        problems.push({ elementId: idOf(node), message: `attribute ${name} "${value.slice(0, 120)}" holds an expression where motcua allows none` });
    }
  };
  visit(root);
  return problems;
}

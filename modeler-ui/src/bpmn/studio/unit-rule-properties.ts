/**
 * The «Đơn vị thực hiện» group of the properties panel, for a step other than the reception: which
 * unit does it, as data on the step (motcua.unitRule): the unit that received the dossier, a unit named by its
 * agency code, the unit competent for a field nearest the receiving unit, or a unit handling a field that the
 * officer of the step before picks. Changing the rule also points the
 * step's candidate group at the variable the platform fills with that unit (<role>:${unit_<step>}), so the
 * two never disagree; the check at publishing verifies both.
 */
import { SelectEntry, TextFieldEntry, isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { parseUnitRule, stepKindOf, unitRuleText, unitVariableOf, type BpmnElement, type UnitRule } from '@motcua/domain/procedures/bpmn-steps.ts';

interface Shape {
  id: string;
  type: string;
  businessObject: BpmnElement & { get(name: string): unknown };
}

type Lang = () => 'vi' | 'en';

const words = {
  group: { vi: 'Đơn vị thực hiện', en: 'Unit doing it' },
  rule: { vi: 'Đơn vị thực hiện bước', en: 'Unit doing the step' },
  receiving: { vi: 'Đơn vị tiếp nhận hồ sơ', en: 'The unit that received the dossier' },
  named: { vi: 'Đơn vị được chỉ định', en: 'A named unit' },
  competent: { vi: 'Đơn vị có thẩm quyền theo lĩnh vực', en: 'The unit competent for the field' },
  picked: { vi: 'Đơn vị do cán bộ bước trước chọn', en: 'A unit the officer of the step before picks' },
  agencyCode: { vi: 'Mã định danh đơn vị (ví dụ 000.16.00.H29)', en: 'Agency code (e.g. 000.16.00.H29)' },
  agencyCodeInvalid: { vi: 'Mã định danh có dạng 000.00.00.H29', en: 'An agency code looks like 000.00.00.H29' },
  field: { vi: 'Lĩnh vực (để trống: lĩnh vực của thủ tục)', en: "Field (empty: the procedure's field)" },
  hint: {
    vi: 'Đơn vị được xác định khi hồ sơ bắt đầu được giải quyết; cán bộ của đơn vị đó nhận bước này.',
    en: 'The unit is found when handling starts; its officers get this step.',
  },
};

/** The step's camunda:Properties and its motcua.unitRule property, if any. */
function ruleProperty(bo: BpmnElement) {
  const ext = bo.extensionElements as { values?: BpmnElement[] } | undefined;
  const properties = ext?.values?.find((v) => v.$type === 'camunda:Properties') as (BpmnElement & { values?: BpmnElement[] }) | undefined;
  const property = properties?.values?.find((p) => p.name === 'motcua.unitRule');
  return { properties, property };
}

function currentRule(bo: BpmnElement): UnitRule {
  return parseUnitRule(ruleProperty(bo).property?.value as string | undefined) ?? { kind: 'receiving' };
}

/** Writes a rule onto the step: its property (none for the receiving unit) and its candidate group. */
function writeRule(element: Shape, rule: UnitRule, modeling: Modeling, moddle: Moddle): void {
  const bo = element.businessObject;
  const { properties, property } = ruleProperty(bo);
  const role = String(bo.get('camunda:candidateGroups') ?? '').split(':')[0] || 'specialist';
  modeling.updateProperties(element, { 'camunda:candidateGroups': `${role}:\${${unitVariableOf(element.id, rule)}}` });
  if (rule.kind === 'receiving') {
    if (properties && property) modeling.updateModdleProperties(element, properties, { values: (properties.values ?? []).filter((p) => p !== property) });
    return;
  }
  const value = unitRuleText(rule);
  if (property) modeling.updateModdleProperties(element, property, { value });
  else if (properties) {
    const created = moddle.create('camunda:Property', { name: 'motcua.unitRule', value });
    created.$parent = properties;
    modeling.updateModdleProperties(element, properties, { values: [...(properties.values ?? []), created] });
  }
}

interface Modeling {
  updateProperties(element: Shape, props: Record<string, unknown>): void;
  updateModdleProperties(element: Shape, target: BpmnElement, props: Record<string, unknown>): void;
}
interface Moddle {
  create(type: string, attrs: Record<string, unknown>): BpmnElement;
}

function useTools() {
  return { modeling: useService<Modeling>('modeling'), moddle: useService<Moddle>('moddle'), debounce: useService<(f: unknown) => unknown>('debounceInput') };
}

function RuleKind(props: { element: Shape; id: string; lang: Lang }) {
  const { element, id, lang } = props;
  const { modeling, moddle } = useTools();
  const w = (k: keyof typeof words) => words[k][lang()];
  return h(SelectEntry, {
    element,
    id,
    label: w('rule'),
    description: w('hint'),
    getValue: () => currentRule(element.businessObject).kind,
    setValue: (kind: UnitRule['kind']) => {
      const rule: UnitRule =
        kind === 'named' ? { kind, agencyCode: '000.00.00.H29' } : kind === 'competent' || kind === 'picked' ? { kind, field: null } : { kind: 'receiving' };
      writeRule(element, rule, modeling, moddle);
    },
    getOptions: () => (['receiving', 'named', 'competent', 'picked'] as const).map((k) => ({ value: k, label: w(k) })),
  });
}

function RuleArgument(props: { element: Shape; id: string; lang: Lang }) {
  const { element, id, lang } = props;
  const { modeling, moddle, debounce } = useTools();
  const rule = currentRule(element.businessObject);
  const w = (k: keyof typeof words) => words[k][lang()];
  if (rule.kind === 'receiving') return null;
  return h(TextFieldEntry, {
    element,
    id,
    debounce,
    label: rule.kind === 'named' ? w('agencyCode') : w('field'),
    getValue: () => (rule.kind === 'named' ? rule.agencyCode : (rule.field ?? '')),
    validate: (v: string) => (rule.kind === 'named' && !parseUnitRule(`named:${v}`) ? w('agencyCodeInvalid') : undefined),
    setValue: (v: string) => {
      const next = parseUnitRule(`${rule.kind}:${(v ?? '').trim()}`);
      if (next) writeRule(element, next, modeling, moddle);
    },
  });
}

export default class UnitRuleProperties {
  static $inject = ['propertiesPanel', 'config.motcuaStudio'];
  private readonly lang: Lang;

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }, config?: { lang?: Lang }) {
    this.lang = config?.lang ?? (() => 'vi');
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: Shape) {
    return (groups: unknown[]) => {
      if (element.type !== 'bpmn:UserTask') return groups;
      const kind = stepKindOf(element.businessObject);
      if (!kind || kind === 'reception') return groups;
      const lang = this.lang;
      groups.splice(Math.min(2, groups.length), 0, {
        id: 'motcua-unit-rule',
        label: words.group[lang()],
        entries: [
          {
            id: 'motcua-unit-rule-kind',
            element,
            component: (p: { element: Shape; id: string }) => h(RuleKind, { ...p, lang }),
            isEdited: isSelectEntryEdited,
          },
          {
            id: 'motcua-unit-rule-argument',
            element,
            component: (p: { element: Shape; id: string }) => h(RuleArgument, { ...p, lang }),
            isEdited: isTextFieldEntryEdited,
          },
        ],
      });
      return groups;
    };
  }
}

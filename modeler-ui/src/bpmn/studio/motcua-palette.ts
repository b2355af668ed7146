/**
 * The studio's palette: only what motcua runs (start and end events, exclusive gateways, connections) and the
 * ready-made steps. Registered as a palette provider that rewrites the entries of bpmn-js's own.
 */
import { stepTemplates, type StepTemplate } from './step-templates.ts';

type Entries = Record<string, { group: string; className?: string; title?: string; action?: unknown; separator?: boolean }>;

const KEEP = [
  'hand-tool',
  'lasso-tool',
  'space-tool',
  'global-connect-tool',
  'tool-separator',
  'create.start-event',
  'create.end-event',
  'create.exclusive-gateway',
];

interface Deps {
  palette: { registerProvider(priority: number, provider: unknown): void };
  create: { start(event: Event, shape: unknown): void };
  elementFactory: { createShape(attrs: Record<string, unknown>): unknown };
  bpmnFactory: { create(type: string, attrs?: Record<string, unknown>): ModdleEl };
  elementRegistry: { get(id: string): unknown };
  moddle: { create(type: string, attrs?: Record<string, unknown>): ModdleEl };
  lang: () => 'vi' | 'en';
}

export interface ModdleEl {
  id?: string;
  $parent?: ModdleEl;
  set(key: string, value: unknown): void;
  get(key: string): unknown;
  [k: string]: unknown;
}

export default class MotcuaPalette {
  static $inject = ['palette', 'create', 'elementFactory', 'bpmnFactory', 'elementRegistry', 'moddle', 'config.motcuaStudio'];
  private readonly d: Deps;

  constructor(
    palette: Deps['palette'],
    create: Deps['create'],
    elementFactory: Deps['elementFactory'],
    bpmnFactory: Deps['bpmnFactory'],
    elementRegistry: Deps['elementRegistry'],
    moddle: Deps['moddle'],
    config: { lang?: () => 'vi' | 'en' } | undefined,
  ) {
    this.d = { palette, create, elementFactory, bpmnFactory, elementRegistry, moddle, lang: config?.lang ?? (() => 'vi') };
    palette.registerProvider(500, this);
  }

  /** A free id for a new step of this template: the template's own, then <id>_2, <id>_3 … */
  private freeId(base: string): string {
    if (!this.d.elementRegistry.get(base)) return base;
    for (let n = 2; ; n++) if (!this.d.elementRegistry.get(`${base}_${n}`)) return `${base}_${n}`;
  }

  private shapeFor(t: StepTemplate): unknown {
    const { bpmnFactory, moddle, elementFactory } = this.d;
    const id = this.freeId(t.id);
    if (t.kind === 'external') {
      const bo = bpmnFactory.create('bpmn:ServiceTask', { id, name: t.name });
      bo.set('camunda:type', 'external');
      bo.set('camunda:topic', t.topic);
      return elementFactory.createShape({ type: 'bpmn:ServiceTask', businessObject: bo });
    }
    const bo = bpmnFactory.create('bpmn:UserTask', { id, name: t.name });
    bo.set('camunda:candidateGroups', `${t.role}:\${orgUnitId}`);
    bo.set('camunda:formRef', t.formId);
    bo.set('camunda:formRefBinding', 'deployment');
    bo.set('camunda:dueDate', `\${${id}DueAt}`);
    bo.set('camunda:followUpDate', `\${${id}WarnAt}`);
    const property = moddle.create('camunda:Property', { name: 'motcua.stepKind', value: t.stepKind });
    const properties = moddle.create('camunda:Properties', { values: [property] });
    const ext = moddle.create('bpmn:ExtensionElements', { values: [properties] });
    property.$parent = properties;
    properties.$parent = ext;
    ext.$parent = bo;
    bo.extensionElements = ext;
    return elementFactory.createShape({ type: 'bpmn:UserTask', businessObject: bo });
  }

  getPaletteEntries() {
    return (entries: Entries): Entries => {
      const out: Entries = {};
      for (const k of KEEP) if (entries[k]) out[k] = entries[k];
      out['motcua-separator'] = { group: 'motcua', separator: true };
      for (const t of stepTemplates) {
        const start = (event: Event) => this.d.create.start(event, this.shapeFor(t));
        out[`create.motcua-${t.id}`] = {
          group: 'motcua',
          className: `motcua-step motcua-step-${t.id} ${t.kind === 'user' ? 'bpmn-icon-user-task' : 'bpmn-icon-service-task'}`,
          title: t.title[this.d.lang()],
          action: { click: start, dragstart: start },
        };
      }
      return out;
    };
  }
}

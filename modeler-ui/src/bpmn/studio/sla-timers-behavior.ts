/**
 * When a motcua user step is created in the modeller, it gets its two SLA timers: non-interrupting boundary
 * timers at ${<id>WarnAt} and ${<id>DueAt}, each leading to an `sla-flag` task (with the step and level as
 * input parameters) and an end event, as the platform's SLA design wants (ARCHITECTURE.md, SLA design).
 */
import CommandInterceptor from 'diagram-js/lib/command/CommandInterceptor';
import type { ModdleEl } from './motcua-palette.ts';
import { stepKindOf, type BpmnElement } from '@motcua/domain/procedures/bpmn-steps.ts';

interface Shape {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  type: string;
  businessObject: ModdleEl;
  attachers?: Shape[];
}

export default class SlaTimersBehavior extends CommandInterceptor {
  static $inject = ['eventBus', 'modeling', 'elementFactory', 'bpmnFactory', 'moddle', 'elementRegistry'];

  constructor(
    eventBus: unknown,
    modeling: {
      createShape(shape: unknown, pos: { x: number; y: number }, parent: unknown, hints?: unknown): Shape;
      appendShape(source: Shape, shape: unknown, pos: { x: number; y: number }): Shape;
    },
    elementFactory: { createShape(attrs: Record<string, unknown>): unknown },
    bpmnFactory: { create(type: string, attrs?: Record<string, unknown>): ModdleEl },
    moddle: { create(type: string, attrs?: Record<string, unknown>): ModdleEl },
    elementRegistry: { get(id: string): unknown },
  ) {
    super(eventBus as never);
    this.postExecuted('shape.create', (event: { context: { shape: Shape; hints?: { motcuaTimers?: boolean } } }) => {
      const { shape, hints } = event.context;
      if (shape.type !== 'bpmn:UserTask' || hints?.motcuaTimers === false || !stepKindOf(shape.businessObject as unknown as BpmnElement)) return;
      if ((shape.attachers ?? []).length) return;
      const key = shape.id;
      const free = (id: string) => (elementRegistry.get(id) ? `${id}_${Math.random().toString(36).slice(2, 6)}` : id);
      [
        { suffix: 'warn', name: 'Sắp đến hạn', level: 'nearly_late', variable: `${key}WarnAt`, flag: 'Gắn cờ sắp đến hạn', end: 'Đã cảnh báo', dx: 25 },
        { suffix: 'due', name: 'Quá hạn', level: 'late', variable: `${key}DueAt`, flag: 'Gắn cờ quá hạn', end: 'Đã báo quá hạn', dx: 75 },
      ].forEach((t, i) => {
        const timeDate = bpmnFactory.create('bpmn:FormalExpression', { body: `\${${t.variable}}` });
        const definition = bpmnFactory.create('bpmn:TimerEventDefinition', { timeDate });
        timeDate.$parent = definition;
        const boundary = bpmnFactory.create('bpmn:BoundaryEvent', {
          id: free(`${key}_${t.suffix}`),
          name: t.name,
          cancelActivity: false,
          eventDefinitions: [definition],
        });
        definition.$parent = boundary;
        const boundaryShape = modeling.createShape(
          elementFactory.createShape({ type: 'bpmn:BoundaryEvent', businessObject: boundary }),
          { x: shape.x + t.dx, y: shape.y + shape.height },
          shape,
          { attach: true },
        );

        const flag = bpmnFactory.create('bpmn:ServiceTask', { id: free(`${key}_${t.suffix}_flag`), name: t.flag });
        flag.set('camunda:type', 'external');
        flag.set('camunda:topic', 'sla-flag');
        const io = moddle.create('camunda:InputOutput', {
          inputParameters: [
            moddle.create('camunda:InputParameter', { name: 'slaStep', value: key }),
            moddle.create('camunda:InputParameter', { name: 'slaLevel', value: t.level }),
          ],
        });
        const ext = moddle.create('bpmn:ExtensionElements', { values: [io] });
        io.$parent = ext;
        ext.$parent = flag;
        flag.extensionElements = ext;
        const flagShape = modeling.appendShape(boundaryShape, elementFactory.createShape({ type: 'bpmn:ServiceTask', businessObject: flag }), {
          x: shape.x + t.dx + i * 130,
          y: shape.y + shape.height + 100 + i * 90,
        });
        const end = bpmnFactory.create('bpmn:EndEvent', { id: free(`${key}_${t.suffix}_end`), name: t.end });
        modeling.appendShape(flagShape, elementFactory.createShape({ type: 'bpmn:EndEvent', businessObject: end }), {
          x: flagShape.x + flagShape.width + 70,
          y: flagShape.y + flagShape.height / 2,
        });
      });
    });
  }
}

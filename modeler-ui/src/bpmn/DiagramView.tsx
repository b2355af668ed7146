/**
 * The process diagram of a dossier (bpmn-js viewer): the steps done in green, the current step coloured by
 * its SLA state, so that anyone sees at a glance where the dossier is. It shows the procedure's steps: the
 * machinery the one-stop template adds around them (the SLA timers on each step, the flags they raise, the
 * notices sent on a side branch, and the ends of those branches) is folded away, and the view fits what is left.
 * On a phone the diagram opens at a readable scale on the current step; it can be dragged to see the rest.
 */
import { useEffect, useRef } from 'react';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

export interface DiagramState {
  bpmnXml: string;
  done: string[];
  current: { activityId: string; slaState: string | null }[];
}

interface Element {
  id: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  waypoints?: unknown[];
  labelTarget?: Element;
  incoming?: { source: Element }[];
  outgoing?: { target: Element }[];
  businessObject: { eventDefinitions?: { $type: string }[]; $attrs?: Record<string, string> };
}

/** Topics of the template's own work beside the steps: flags raised by the SLA timers, notices sent. */
const SIDE_TOPICS = ['sla-flag', 'notify'];

/** What to fold: timer boundary events and what only they lead to; side tasks that lead only to ends. */
export function foldedElements(all: Element[]): Set<string> {
  const shapes = all.filter((e) => !e.waypoints && !e.labelTarget);
  const hidden = new Set<string>();
  const onlyToEnds = (e: Element) => (e.outgoing ?? []).length > 0 && (e.outgoing ?? []).every((o) => o.target.type === 'bpmn:EndEvent');
  for (const e of shapes) {
    const timer = e.type === 'bpmn:BoundaryEvent' && (e.businessObject.eventDefinitions ?? []).some((d) => d.$type === 'bpmn:TimerEventDefinition');
    const side = SIDE_TOPICS.includes(e.businessObject.$attrs?.['camunda:topic'] ?? '') && onlyToEnds(e);
    if (timer || side) hidden.add(e.id);
  }
  // then whatever is reached only from folded elements (the flag after a timer, the end after a flag)
  for (let changed = true; changed;) {
    changed = false;
    for (const e of shapes) {
      const incoming = e.incoming ?? [];
      if (!hidden.has(e.id) && incoming.length > 0 && incoming.every((i) => hidden.has(i.source.id))) {
        hidden.add(e.id);
        changed = true;
      }
    }
  }
  return hidden;
}

type Canvas = {
  zoom(level: string): number;
  addMarker(id: string, cls: string): void;
  viewbox(box?: { x: number; y: number; width: number; height: number }): { scale: number; outer: { width: number; height: number } };
};

export function DiagramView({ diagram, label }: { diagram: DiagramState; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const viewer = new NavigatedViewer({ container: container.current! });
    let alive = true;
    void viewer.importXML(diagram.bpmnXml).then(() => {
      if (!alive) return;
      const canvas = viewer.get('canvas') as Canvas;
      const registry = viewer.get('elementRegistry') as { get(id: string): Element | undefined; getAll(): Element[] };
      const all = registry.getAll();
      const hidden = foldedElements(all);
      for (const e of all) {
        const owner = e.labelTarget ?? e;
        const flow = e.waypoints ? (e as unknown as { source?: Element; target?: Element }) : undefined;
        if (hidden.has(owner.id) || (flow && (hidden.has(flow.source?.id ?? '') || hidden.has(flow.target?.id ?? '')))) canvas.addMarker(e.id, 'folded');
      }
      for (const id of diagram.done) if (registry.get(id)) canvas.addMarker(id, 'step-done');
      // one class per marker: diagram-js adds each with classList.add, which refuses spaces
      for (const c of diagram.current) {
        if (!registry.get(c.activityId)) continue;
        canvas.addMarker(c.activityId, 'step-current');
        canvas.addMarker(c.activityId, `step-${c.slaState ?? 'on_time'}`);
      }
      // the view fits the steps shown, not the folded machinery
      const shown = all.filter((e) => !e.waypoints && !hidden.has((e.labelTarget ?? e).id) && e.type !== 'bpmn:Process' && e.width);
      if (!shown.length) return void canvas.zoom('fit-viewport');
      const pad = 20;
      const x = Math.min(...shown.map((e) => e.x)) - pad;
      const y = Math.min(...shown.map((e) => e.y)) - pad;
      const width = Math.max(...shown.map((e) => e.x + e.width)) - x + pad;
      const height = Math.max(...shown.map((e) => e.y + e.height)) - y + pad;
      canvas.viewbox({ x, y, width, height });
      // (the setter answers with the box it was given: the scale it chose is read after)
      const { scale, outer } = canvas.viewbox();
      // too small to read (a phone): a readable scale, centred on the current step (or the start)
      if (scale < 0.55) {
        const focus = registry.get(diagram.current[0]?.activityId ?? '') ?? shown.find((e) => e.type === 'bpmn:StartEvent') ?? shown[0]!;
        const w = outer.width / 0.7;
        const h = outer.height / 0.7;
        canvas.viewbox({ x: Math.max(x, focus.x + focus.width / 2 - w / 2), y: focus.y + focus.height / 2 - h / 2, width: w, height: h });
      }
    });
    return () => {
      alive = false;
      viewer.destroy();
    };
  }, [diagram]);
  // a figure, not an image: the viewer holds a link (its credit), which an image may not contain
  return <div ref={container} className="diagram" role="figure" aria-label={label} />;
}

/**
 * The process diagram of a dossier (bpmn-js viewer): the steps done in green, the current step coloured by
 * its SLA state, so that anyone sees at a glance where the dossier is.
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

export function DiagramView({ diagram, label }: { diagram: DiagramState; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const viewer = new NavigatedViewer({ container: container.current! });
    let alive = true;
    void viewer.importXML(diagram.bpmnXml).then(() => {
      if (!alive) return;
      const canvas = viewer.get('canvas') as { zoom(level: string): void; addMarker(id: string, cls: string): void };
      const registry = viewer.get('elementRegistry') as { get(id: string): unknown };
      canvas.zoom('fit-viewport');
      for (const id of diagram.done) if (registry.get(id)) canvas.addMarker(id, 'step-done');
      // one class per marker: diagram-js adds each with classList.add, which refuses spaces
      for (const c of diagram.current) {
        if (!registry.get(c.activityId)) continue;
        canvas.addMarker(c.activityId, 'step-current');
        canvas.addMarker(c.activityId, `step-${c.slaState ?? 'on_time'}`);
      }
    });
    return () => {
      alive = false;
      viewer.destroy();
    };
  }, [diagram]);
  return <div ref={container} className="diagram" role="img" aria-label={label} />;
}

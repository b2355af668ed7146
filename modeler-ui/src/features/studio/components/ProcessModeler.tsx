/**
 * The process modeller: bpmn-js with the Camunda 7 properties panel and motcua's palette of ready-made
 * steps. The page reads the model through a handle (`xml()`), learns of changes (`onChange`, with the user
 * steps in flow order for the allowances beside it), and points at elements with problems (`mark()`).
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import MotcuaStudioModule from '../../../bpmn/studio/index.ts';
import { allFlowElements, inFlowOrder, stepKindOf, type BpmnElement, type StepKind } from '@motcua/domain/procedures/bpmn-steps.ts';
import { useI18n } from '../../../app/i18n.tsx';

export interface UserStep {
  id: string;
  name: string;
  kind: StepKind | undefined;
}

export interface ModelerHandle {
  xml(): Promise<string>;
}

/** User tasks in the order a dossier meets them, as the server plans them (the same rule, from domain/). */
function stepsInFlowOrder(proc: BpmnElement | undefined): UserStep[] {
  if (!proc) return [];
  const tasks = allFlowElements(proc).filter((e) => e.$type === 'bpmn:UserTask');
  return inFlowOrder(proc, tasks).map((e) => ({ id: e.id!, name: e.name ?? e.id!, kind: stepKindOf(e) }));
}

interface Props {
  xml: string;
  onChange?(steps: UserStep[]): void;
  /** the user changed the model (an edit in the diagram or the properties panel, an undo or redo) */
  onEdit?(): void;
  /** elements outlined as having problems */
  problemIds?: string[];
  /** the element to select and show */
  focus?: string;
  /** changes when the same element is to be shown again */
  focusSeq?: number;
  /** a published or retired version: shown, not edited (no palette, no context pad, the properties read-only) */
  readOnly?: boolean;
}

export const ProcessModeler = forwardRef<ModelerHandle, Props>(function ProcessModeler(
  { xml, onChange, onEdit, problemIds = [], focus, focusSeq, readOnly = false },
  ref,
) {
  const [ready, setReady] = useState(0);
  const { lang, t } = useI18n();
  const canvasEl = useRef<HTMLDivElement>(null);
  const panelEl = useRef<HTMLDivElement>(null);
  const modeler = useRef<BpmnModeler | null>(null);
  const marked = useRef<string[]>([]);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const editRef = useRef(onEdit);
  editRef.current = onEdit;
  const langRef = useRef(lang);
  langRef.current = lang;

  useEffect(() => {
    const m = new BpmnModeler({
      container: canvasEl.current!,
      propertiesPanel: { parent: panelEl.current! },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        CamundaPlatformPropertiesProviderModule,
        CamundaBehaviorsModule,
        MotcuaStudioModule,
      ],
      moddleExtensions: { camunda: camundaModdle },
      motcuaStudio: { lang: () => langRef.current },
    } as never);
    modeler.current = m;
    // the root element's business object is the process (an implicit root without one before the import)
    const root = m.get('canvas') as { getRootElement(): { businessObject?: BpmnElement } };
    const report = () => changeRef.current?.(stepsInFlowOrder(root.getRootElement().businessObject));
    const bus = m.get('eventBus') as { on(e: string, f: (e: { trigger?: string }) => void): void };
    bus.on('elements.changed', report);
    bus.on('commandStack.changed', (e) => e.trigger !== 'clear' && editRef.current?.());
    let alive = true;
    void m.importXML(xml).then(() => {
      if (!alive) return;
      // the whole process when it is readable so; otherwise readable, from its start
      const canvas = m.get('canvas') as {
        zoom(l: string | number, c?: unknown): number;
        viewbox(v?: unknown): { x: number; y: number; width: number; height: number; inner: { x: number; y: number } };
      };
      if (canvas.zoom('fit-viewport') < 0.7) {
        const { inner } = canvas.viewbox();
        canvas.zoom(0.8);
        const vb = canvas.viewbox();
        canvas.viewbox({ x: inner.x - 20, y: inner.y - 20, width: vb.width, height: vb.height });
      }
      report();
      setReady((n) => n + 1);
    });
    return () => {
      alive = false;
      m.destroy();
      modeler.current = null;
    };
    // the model is loaded once per version; later edits live in the modeller
  }, [xml]);

  useImperativeHandle(ref, () => ({
    async xml() {
      const { xml: out } = await modeler.current!.saveXML({ format: true });
      return out!;
    },
  }));

  const problemKey = problemIds.join(',');
  useEffect(() => {
    const m = modeler.current;
    if (!m || !ready) return;
    const canvas = m.get('canvas') as { addMarker(id: string, c: string): void; removeMarker(id: string, c: string): void };
    const registry = m.get('elementRegistry') as { get(id: string): unknown };
    for (const id of marked.current) if (registry.get(id)) canvas.removeMarker(id, 'motcua-problem');
    marked.current = problemIds.filter((id) => registry.get(id));
    for (const id of marked.current) canvas.addMarker(id, 'motcua-problem');
    const target = (focus && registry.get(focus)) as { x: number; y: number; width: number; height: number } | undefined;
    if (target) {
      (m.get('selection') as { select(e: unknown): void }).select(target);
      // the diagram in view (below 1500 px the step list is under it)
      canvasEl.current?.scrollIntoView({ block: 'nearest' });
      // centred in the view
      const view = canvas as unknown as { viewbox(v?: unknown): { width: number; height: number } };
      const vb = view.viewbox();
      view.viewbox({ x: target.x + target.width / 2 - vb.width / 2, y: target.y + target.height / 2 - vb.height / 2, width: vb.width, height: vb.height });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, problemKey, focus, focusSeq]);

  return (
    <div className={readOnly ? 'modeler read-only' : 'modeler'}>
      <div ref={canvasEl} className="modeler-canvas" role="application" aria-label={t('studio.model.canvas')} />
      <fieldset className="modeler-panel-frame" disabled={readOnly}>
        <div ref={panelEl} className="modeler-panel" aria-label={t('studio.model.properties')} />
      </fieldset>
    </div>
  );
});

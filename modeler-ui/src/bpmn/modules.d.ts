/** bpmn-io packages that ship no TypeScript declarations: their modules are opaque didi module descriptors. */
declare module 'bpmn-js-properties-panel' {
  type ModuleDeclaration = Record<string, unknown>;
  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
  export const CamundaPlatformPropertiesProviderModule: ModuleDeclaration;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const module: Record<string, unknown>;
  export default module;
}
declare module 'bpmn-js-properties-panel' {
  /** a diagram service inside a properties panel entry */
  export function useService<T = unknown>(name: string, strict?: boolean): T;
}
declare module '@bpmn-io/properties-panel' {
  type Entry = (props: Record<string, unknown>) => unknown;
  export const SelectEntry: Entry;
  export const TextFieldEntry: Entry;
  export function isSelectEntryEdited(node: unknown): boolean;
  export function isTextFieldEntryEdited(node: unknown): boolean;
}
declare module '@bpmn-io/properties-panel/preact' {
  export function h(type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]): unknown;
}

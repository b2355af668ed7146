declare module 'bpmn-auto-layout' {
  /** A BPMN model's XML with diagram interchange (layout) generated for its process. */
  export function layoutProcess(xml: string): Promise<string>;
}

/**
 * Process variables as the engine's REST API carries them, converted both ways: Date ↔ Date, objects ↔ Json
 * (Spin), numbers ↔ Long / Double; and the engine's date format.
 */
export type VariableValue = string | number | boolean | Date | null | Record<string, unknown> | unknown[];
export type Variables = Record<string, VariableValue>;

/** The process variable that carries the id of the HTTP request behind the latest engine command. */
export const REQUEST_ID_VARIABLE = 'motcuaRequestId';

export interface EngineVariable {
  value: unknown;
  type: string;
  valueInfo?: Record<string, unknown>;
}

/** The engine's REST date format: 2026-11-23T10:00:00.000+0000 */
/** The engine's date format (2026-11-23T10:00:00.000+0700) as a Date; null stays null. */
export function engineDate(s: string | null | undefined): Date | null {
  return s ? new Date(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : null;
}

export function formatEngineDate(d: Date): string {
  return d.toISOString().replace('Z', '+0000');
}

export function toEngineVariables(vars: Variables): Record<string, EngineVariable> {
  const out: Record<string, EngineVariable> = {};
  for (const [name, v] of Object.entries(vars)) {
    if (v === null) out[name] = { value: null, type: 'Null' };
    else if (v instanceof Date) out[name] = { value: formatEngineDate(v), type: 'Date' };
    else if (typeof v === 'string') out[name] = { value: v, type: 'String' };
    else if (typeof v === 'boolean') out[name] = { value: v, type: 'Boolean' };
    else if (typeof v === 'number') out[name] = { value: v, type: Number.isInteger(v) ? 'Long' : 'Double' };
    else out[name] = { value: JSON.stringify(v), type: 'Json' };
  }
  return out;
}

export function fromEngineVariables(raw: Record<string, EngineVariable>): Variables {
  const out: Variables = {};
  for (const [name, v] of Object.entries(raw)) {
    switch (v.type) {
      case 'Date':
        out[name] = engineDate(v.value === null ? null : String(v.value));
        break;
      case 'Json':
        out[name] = typeof v.value === 'string' ? (JSON.parse(v.value) as VariableValue) : (v.value as VariableValue);
        break;
      default:
        out[name] = v.value as VariableValue;
    }
  }
  return out;
}

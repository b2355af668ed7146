/**
 * A procedure version's fees as structured data (phí, lệ phí; DOMAIN.md §2): what is charged per dossier
 * (mỗi hồ sơ / trường hợp) or per copy, on which channels, the exemptions and the evidence each needs, and
 * where in the process the fee is paid. Pure: the portal shows the same figure before submission that the
 * dossier is charged. Every amount is an integer of đồng.
 */
import { msg, type Message } from '../errors/errors.ts';

export type PaymentStage = 'before_handling' | 'before_return';
export type FeeChannel = 'in_person' | 'online' | 'postal';

export interface FeeItem {
  /** stable key of the line, e.g. `le_phi` */
  code: string;
  name: string;
  /** đồng per dossier or per copy */
  amount: number;
  /** dossier: once per dossier (per case); copy: times the number of copies asked for */
  per: 'dossier' | 'copy';
  /** where the application data holds the number of copies (per copy), e.g. `extract.copies` */
  quantityPath?: string;
  /** the channels it is charged on; all when absent */
  channels?: FeeChannel[];
  /** charged only in this case: the application's value at `path`, as text, equals `equals` */
  when?: { path: string; equals: string };
}

export interface FeeExemption {
  code: string;
  /** who is exempt, e.g. Người thuộc hộ nghèo */
  name: string;
  /** the evidence the officer must see, e.g. Giấy chứng nhận hộ nghèo còn hiệu lực */
  evidence: string;
}

export interface FeeSchedule {
  /** where the dossier waits for payment: before handling starts, or before the result is issued */
  payAt: PaymentStage;
  items: FeeItem[];
  exemptions: FeeExemption[];
}

export interface FeeLine {
  code: string;
  name: string;
  unitAmount: number;
  quantity: number;
  amount: number;
}

export interface FeeQuote {
  payAt: PaymentStage;
  lines: FeeLine[];
  total: number;
  exemptions: FeeExemption[];
}

export const channelKinds: Record<1 | 2 | 3, FeeChannel> = { 1: 'in_person', 2: 'online', 3: 'postal' };

export const stageNames: Record<PaymentStage, Message> = {
  before_handling: msg('Trước khi giải quyết hồ sơ', 'Before the dossier is handled'),
  before_return: msg('Trước khi trả kết quả', 'Before the result is issued'),
};

/** JSON Schema of a fee schedule (the catalogue's `feeSchedule`). */
export const feeScheduleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['payAt', 'items', 'exemptions'],
  properties: {
    payAt: { type: 'string', enum: ['before_handling', 'before_return'] },
    items: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'name', 'amount', 'per'],
        properties: {
          code: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,49}$' },
          name: { type: 'string', minLength: 1, maxLength: 300 },
          amount: { type: 'integer', minimum: 0, maximum: 1_000_000_000 },
          per: { type: 'string', enum: ['dossier', 'copy'] },
          quantityPath: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$' },
          channels: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: ['in_person', 'online', 'postal'] } },
          when: {
            type: 'object',
            additionalProperties: false,
            required: ['path', 'equals'],
            properties: { path: { type: 'string', maxLength: 200 }, equals: { type: 'string', maxLength: 200 } },
          },
        },
      },
    },
    exemptions: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'name', 'evidence'],
        properties: {
          code: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,49}$' },
          name: { type: 'string', minLength: 1, maxLength: 500 },
          evidence: { type: 'string', minLength: 1, maxLength: 1000 },
        },
      },
    },
  },
} as const;

/** The fee schedule of a version's catalogue entry, if it has one. */
export function feeScheduleOf(catalogue: Record<string, unknown> | undefined | null): FeeSchedule | undefined {
  const s = catalogue?.feeSchedule as FeeSchedule | undefined;
  return s && Array.isArray(s.items) ? s : undefined;
}

function valueAt(data: unknown, path: string): unknown {
  let v: unknown = data;
  for (const k of path.split('.')) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/**
 * What a dossier with this application data, filed on this channel, is charged. A per-copy line takes
 * the number of copies from the data (at least one, whole copies only).
 */
export function computeFee(schedule: FeeSchedule, data: unknown, channel: FeeChannel): FeeQuote {
  const lines: FeeLine[] = [];
  for (const item of schedule.items) {
    if (item.channels && !item.channels.includes(channel)) continue;
    if (item.when && String(valueAt(data, item.when.path)) !== item.when.equals) continue;
    let quantity = 1;
    if (item.per === 'copy') {
      const raw = item.quantityPath ? Number(valueAt(data, item.quantityPath)) : 1;
      quantity = Number.isFinite(raw) && raw >= 1 ? Math.floor(raw) : 1;
    }
    lines.push({ code: item.code, name: item.name, unitAmount: item.amount, quantity, amount: item.amount * quantity });
  }
  return { payAt: schedule.payAt, lines, total: lines.reduce((s, l) => s + l.amount, 0), exemptions: schedule.exemptions };
}

/** 16000 → "16.000 đ" (Vietnamese grouping). */
export function formatDong(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

/**
 * The messages of each event, in Vietnamese and English: one template per event kind. The in-account
 * notification keeps both languages; mail and SMS are rendered from it in the recipient's language (see
 * render.ts). A new event kind is one entry here (its variables are the type of the template's second
 * argument) and one call of `notifications.notifyEvent(kind, …)` where the event happens.
 */
import { msg, type Message } from '../errors/errors.ts';
import { formatVnDateTime } from '../time/vietnam-time.ts';

/** What every template knows of the dossier the event is about. */
export interface DossierRef {
  id: string;
  code: string | null;
  reference: string;
  procedureName: string;
}

export interface Rendered {
  title: Message;
  body: Message;
}

/** A template: the title and body of an event, from its dossier and its own variables `V`. */
type Template<V> = (d: DossierRef, v: V) => Rendered;
const template = <V>(f: Template<V>): Template<V> => f;

const refOf = (d: DossierRef) => d.code ?? d.reference;
const when = (at: Date | null | undefined, vi: string, en: string) =>
  at ? { vi: ` ${vi}: ${formatVnDateTime(at)}.`, en: ` ${en} ${formatVnDateTime(at)}.` } : { vi: '', en: '' };
const vnd = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} đ`;

/** A step of a dossier whose time runs out: to its officer and the unit's leaders. */
interface StepVars {
  stepName: string;
  dueAt?: Date | null;
}

export const templates = {
  received: template<{ dueAt?: Date | null }>((d, v) => {
    const due = when(v.dueAt, 'Ngày hẹn trả kết quả', 'Result due');
    return {
      title: msg(`Hồ sơ ${refOf(d)} đã được tiếp nhận`, `Dossier ${refOf(d)} received`),
      body: msg(
        `Hồ sơ «${d.procedureName}» đã được tiếp nhận với mã ${refOf(d)}.${due.vi}`,
        `Your "${d.procedureName}" dossier was received as ${refOf(d)}.${due.en}`,
      ),
    };
  }),
  supplement_requested: template<{ dueAt?: Date | null }>((d, v) => {
    const due = when(v.dueAt, 'Hạn nộp bổ sung', 'Supply it by');
    return {
      title: msg(`Hồ sơ ${refOf(d)} cần bổ sung`, `Dossier ${refOf(d)} needs a supplement`),
      body: msg(
        `Cơ quan yêu cầu bổ sung, hoàn thiện hồ sơ «${d.procedureName}» (mã ${refOf(d)}). Vui lòng xem nội dung cần bổ sung và nộp bổ sung.${due.vi}`,
        `The agency asks you to complete your "${d.procedureName}" dossier (${refOf(d)}). See what is missing and supply it.${due.en}`,
      ),
    };
  }),
  refused: template<Record<string, never>>((d) => ({
    title: msg(`Hồ sơ ${refOf(d)} không được tiếp nhận`, `Dossier ${refOf(d)} not accepted`),
    body: msg(
      `Hồ sơ «${d.procedureName}» (mã ${refOf(d)}) không được tiếp nhận. Xem lý do trong chi tiết hồ sơ.`,
      `Your "${d.procedureName}" dossier (${refOf(d)}) was not accepted. See the reasons in the dossier.`,
    ),
  })),
  withdrawn: template<Record<string, never>>((d) => ({
    title: msg(`Đã rút hồ sơ ${refOf(d)}`, `Dossier ${refOf(d)} withdrawn`),
    body: msg(
      `Hồ sơ «${d.procedureName}» (mã ${refOf(d)}) đã được rút theo yêu cầu của bạn và dừng xử lý.`,
      `Your "${d.procedureName}" dossier (${refOf(d)}) was withdrawn at your request; its handling has stopped.`,
    ),
  })),
  stopped: template<Record<string, never>>((d) => ({
    title: msg(`Hồ sơ ${refOf(d)} bị dừng xử lý`, `Dossier ${refOf(d)} stopped`),
    body: msg(
      `Hồ sơ «${d.procedureName}» (mã ${refOf(d)}) bị dừng xử lý vì đã quá thời hạn bổ sung, hoàn thiện hồ sơ.`,
      `Your "${d.procedureName}" dossier (${refOf(d)}) was stopped: the time to supplement it ran out.`,
    ),
  })),
  payment_due: template<{ amount: number; payBy?: Date | null }>((d, v) => {
    const by = when(v.payBy, 'Hạn thanh toán', 'Pay by');
    return {
      title: msg(`Hồ sơ ${refOf(d)}: cần nộp phí, lệ phí`, `Dossier ${refOf(d)}: fees to pay`),
      body: msg(
        `Hồ sơ «${d.procedureName}» (mã ${refOf(d)}) cần nộp ${vnd(v.amount)} phí, lệ phí để tiếp tục giải quyết.${by.vi} Bạn có thể thanh toán trực tuyến trong chi tiết hồ sơ.`,
        `Your "${d.procedureName}" dossier (${refOf(d)}) needs ${vnd(v.amount)} in fees before it goes on.${by.en} You can pay online in the dossier.`,
      ),
    };
  }),
  sla_nearly_late: template<StepVars>((d, v) => {
    const due = v.dueAt ? formatVnDateTime(v.dueAt) : '';
    return {
      title: msg(`Sắp đến hạn: hồ sơ ${refOf(d)}`, `Nearly late: dossier ${refOf(d)}`),
      body: msg(
        `Bước «${v.stepName}» của hồ sơ ${refOf(d)} sắp đến hạn${due ? ` (hạn ${due})` : ''}.`,
        `Step "${v.stepName}" of dossier ${refOf(d)} is nearly due${due ? ` (due ${due})` : ''}.`,
      ),
    };
  }),
  sla_late: template<StepVars>((d, v) => {
    const due = v.dueAt ? formatVnDateTime(v.dueAt) : '';
    return {
      title: msg(`Quá hạn: hồ sơ ${refOf(d)}`, `Late: dossier ${refOf(d)}`),
      body: msg(
        `Bước «${v.stepName}» của hồ sơ ${refOf(d)} đã quá hạn${due ? ` (hạn ${due})` : ''}.`,
        `Step "${v.stepName}" of dossier ${refOf(d)} is late${due ? ` (due ${due})` : ''}.`,
      ),
    };
  }),
  urged: template<{ by: string; steps: string; note?: string | null }>((d, v) => ({
    title: msg(`Đôn đốc: hồ sơ ${refOf(d)}`, `Urged: dossier ${refOf(d)}`),
    body: msg(
      `${v.by} đôn đốc xử lý bước «${v.steps}» của hồ sơ ${refOf(d)}${v.note ? `: ${v.note}` : '.'}`,
      `${v.by} urges the step "${v.steps}" of dossier ${refOf(d)}${v.note ? `: ${v.note}` : '.'}`,
    ),
  })),
  apology: template<{ dueAt?: Date | null }>((d, v) => {
    const due = when(v.dueAt, 'Ngày hẹn trả kết quả mới', 'New appointment:');
    return {
      title: msg(`Xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${refOf(d)}`, `Apology and new appointment for dossier ${refOf(d)}`),
      body: msg(
        `Cơ quan xin lỗi vì chưa giải quyết xong hồ sơ «${d.procedureName}» (mã ${refOf(d)}) đúng hẹn.${due.vi} Xem phiếu xin lỗi trong chi tiết hồ sơ.`,
        `The agency apologises that your "${d.procedureName}" dossier (${refOf(d)}) is not finished on time.${due.en} See the letter in the dossier.`,
      ),
    };
  }),
  decided: template<Record<string, never>>((d) => ({
    title: msg(`Hồ sơ ${refOf(d)} đã giải quyết xong`, `Dossier ${refOf(d)} decided`),
    body: msg(
      `Hồ sơ «${d.procedureName}» (mã ${refOf(d)}) đã được giải quyết xong; kết quả đã được ký. Bạn sẽ nhận kết quả theo hình thức đã chọn.`,
      `Your "${d.procedureName}" dossier (${refOf(d)}) has been decided and its result signed. You will receive it the way you chose.`,
    ),
  })),
  result_ready: template<Record<string, never>>((d) => ({
    title: msg(`Đã có kết quả hồ sơ ${refOf(d)}`, `Result of dossier ${refOf(d)} is ready`),
    body: msg(
      `Kết quả giải quyết hồ sơ «${d.procedureName}» (mã ${refOf(d)}) đã được ký số và trả trực tuyến. Bạn có thể tải về và đánh giá mức độ hài lòng.`,
      `The signed result of your "${d.procedureName}" dossier (${refOf(d)}) is available online. Download it and rate the service.`,
    ),
  })),
  ready_for_collection: template<{ place: string; from?: Date | null }>((d, v) => {
    const from = when(v.from, 'Nhận từ', 'From');
    return {
      title: msg(`Mời nhận kết quả hồ sơ ${refOf(d)}`, `Result of dossier ${refOf(d)} ready for collection`),
      body: msg(
        `Kết quả hồ sơ «${d.procedureName}» (mã ${refOf(d)}) đã sẵn sàng. Mời bạn đến nhận tại ${v.place}.${from.vi} Vui lòng mang theo giấy tiếp nhận hoặc mã hồ sơ.`,
        `The result of your "${d.procedureName}" dossier (${refOf(d)}) is ready. Please collect it at ${v.place}.${from.en} Bring the receipt or the dossier code.`,
      ),
    };
  }),
  posted: template<{ carrier: string; trackingNumber?: string | null }>((d, v) => ({
    title: msg(`Kết quả hồ sơ ${refOf(d)} đã được gửi qua bưu chính`, `Result of dossier ${refOf(d)} posted`),
    body: msg(
      `Kết quả hồ sơ «${d.procedureName}» (mã ${refOf(d)}) đã được gửi qua ${v.carrier}${v.trackingNumber ? `, số hiệu bưu gửi ${v.trackingNumber}` : ''}.`,
      `The result of your "${d.procedureName}" dossier (${refOf(d)}) was posted with ${v.carrier}${v.trackingNumber ? `, item number ${v.trackingNumber}` : ''}.`,
    ),
  })),
  delivered: template<{ at?: Date | null }>((d, v) => {
    const at = when(v.at, 'Thời điểm phát', 'Delivered');
    return {
      title: msg(`Đã phát kết quả hồ sơ ${refOf(d)}`, `Result of dossier ${refOf(d)} delivered`),
      body: msg(
        `Bưu chính đã phát kết quả hồ sơ «${d.procedureName}» (mã ${refOf(d)}) đến bạn.${at.vi} Mời bạn đánh giá mức độ hài lòng.`,
        `The post delivered the result of your "${d.procedureName}" dossier (${refOf(d)}).${at.en} Please rate the service.`,
      ),
    };
  }),
};

/** Every event a notification can be about. */
export type EventKind = keyof typeof templates;
/** The variables of an event's template. */
export type EventVars<K extends EventKind> = Parameters<(typeof templates)[K]>[1];

/** The title and body of an event, both languages. */
export function renderEvent<K extends EventKind>(kind: K, d: DossierRef, vars: EventVars<K>): Rendered {
  return (templates[kind] as Template<EventVars<K>>)(d, vars);
}

/**
 * A dossier's history as an auditor prints it (A4, Vietnamese): the dossier, the verification of its timeline's
 * hash chain, each step from the engine (who claimed and completed it, when), the timeline with each step's
 * decision and form data (the altered entry marked), the timers fired and the incidents.
 */
import { field, header, newDocument, nfc, title, toBuffer, type Pdf } from '../documents/pdf-document.ts';
import { formatVnDateTime } from '../time/vietnam-time.ts';
import type { DossierHistory } from './audit.service.ts';

export interface HistoryPrint {
  history: DossierHistory;
  procedure: { code: string; name: string };
  applicantName: string;
  unit: { name: string; parentName: string | null };
  statusName: string;
  /** a field's label (and its options' labels) on the form of the event's step, or of any of the version's forms */
  labelOf(step: string | null, key: string): { label: string; options: Map<string, string> } | undefined;
  printedBy: string;
  printedAt: Date;
}

/** what the timeline's events are, in the words of the dossier's page */
const eventWords: Record<string, string> = {
  submitted: 'Nộp hồ sơ',
  task_claimed: 'Nhận xử lý',
  task_unclaimed: 'Trả lại đơn vị',
  received: 'Cấp mã hồ sơ, hẹn trả kết quả',
  supplement_provided: 'Công dân nộp bổ sung',
  payment_requested: 'Yêu cầu nộp phí, lệ phí',
  payment_received: 'Đã nộp phí, lệ phí',
  payment_failed: 'Thanh toán trực tuyến không thành công',
  payment_duplicate: 'Khoản thanh toán trùng, chờ hoàn trả',
  payment_refund_due: 'Phí đã nộp chờ hoàn trả',
  fee_exempted: 'Xác nhận miễn phí, lệ phí',
  result_signed: 'Ký số kết quả',
  result_returned: 'Trả kết quả',
  sla_nearly_late: 'Cảnh báo sắp đến hạn',
  sla_late: 'Cảnh báo quá hạn',
  withdrawn: 'Công dân rút hồ sơ',
  stopped: 'Dừng xử lý',
  apology_issued: 'Phiếu xin lỗi, hẹn lại ngày trả kết quả',
  rated: 'Đánh giá sự hài lòng',
  urged: 'Lãnh đạo đôn đốc',
  reconciled: 'Đối soát với bộ máy quy trình',
  engine_command_failed: 'Lệnh tới bộ máy quy trình không thực hiện được',
  applicant_claimed: 'Người nộp nhận hồ sơ vào tài khoản',
};
const decisionWords: Record<string, string> = {
  accept: 'Tiếp nhận',
  supplement: 'Yêu cầu bổ sung',
  refuse: 'Từ chối',
  approve: 'Đồng ý',
  sendBack: 'Trả lại',
};
const operationWords: Record<string, string> = {
  Claim: 'Nhận xử lý',
  Complete: 'Hoàn thành',
  Assign: 'Giao việc',
  Delegate: 'Ủy quyền',
  SetOwner: 'Đổi người chịu trách nhiệm',
};
/** keys of an event's data that are the platform's bookkeeping, not what the officer decided or wrote */
const INTERNAL = new Set(['taskId', 'kind', 'stepName', 'reconciled', 'processInstanceId', 'attachments', 'commandId']);
const TIMERS = new Set(['boundaryTimer', 'intermediateTimer', 'startTimerEvent']);
const when = (s: string | Date | null | undefined) => (s ? formatVnDateTime(new Date(String(s).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))) : '—');

function eventName(e: DossierHistory['timeline']['events'][number]): string {
  const d = e.data as Record<string, unknown>;
  if (eventWords[e.type]) return eventWords[e.type]!;
  const stepName = typeof d.stepName === 'string' ? d.stepName : (e.step ?? '');
  const decision = typeof d.decision === 'string' ? (decisionWords[d.decision] ?? '') : '';
  return [stepName, decision].filter(Boolean).join(': ') || 'Sự kiện khác';
}

/** The officer's decision and form data, labelled as on the form; fields without a label are left out. */
function eventDetails(e: DossierHistory['timeline']['events'][number], labelOf: HistoryPrint['labelOf']): string {
  const d = e.data as Record<string, unknown>;
  const parts: string[] = [];
  // the decision first, then the form's other fields
  const keys = Object.keys(d).sort((a, b) => Number(b === 'decision') - Number(a === 'decision'));
  for (const k of keys) {
    const v = d[k];
    if (INTERNAL.has(k) || v === null || v === undefined || v === '' || typeof v === 'object') continue;
    const l = labelOf(e.step, k);
    if (k === 'decision') {
      parts.push(`${l?.label ?? 'Quyết định'}: ${l?.options.get(String(v)) ?? decisionWords[String(v)] ?? String(v)}`);
      continue;
    }
    if (!l) continue;
    parts.push(`${l.label}: ${l.options.get(String(v)) ?? String(v)}`);
  }
  if (e.type === 'received' && typeof d.code === 'string') parts.push(`Mã hồ sơ: ${d.code}`);
  if (e.type === 'received' && typeof d.dueAt === 'string') parts.push(`Hẹn trả: ${when(d.dueAt)}`);
  if (e.type === 'urged' && typeof d.note === 'string') parts.push(`Ghi chú: ${d.note}`);
  return parts.join('; ');
}

/** A table that flows over pages, its header repeated. */
function table(doc: Pdf, heads: string[], widths: number[], rows: { cells: string[]; mark?: boolean }[]): void {
  const left = doc.page.margins.left;
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const size = 8.5;
  const heightOf = (cells: string[], bold: boolean) =>
    Math.max(
      16,
      ...cells.map(
        (c, i) =>
          doc
            .font(bold ? 'bold' : 'regular')
            .fontSize(size)
            .heightOfString(nfc(c), { width: widths[i]! - 6 }) + 6,
      ),
    );
  const draw = (cells: string[], y: number, h: number, o: { bold?: boolean; fill?: string }) => {
    cells.forEach((c, i) => {
      if (o.fill) doc.save().rect(xs[i]!, y, widths[i]!, h).fill(o.fill).restore();
      doc.rect(xs[i]!, y, widths[i]!, h).stroke();
      doc
        .font(o.bold ? 'bold' : 'regular')
        .fontSize(size)
        .fillColor(o.fill === MARK ? '#8b0000' : '#000000')
        .text(nfc(c), xs[i]! + 3, y + 3, { width: widths[i]! - 6 });
    });
    doc.fillColor('#000000');
  };
  let y = doc.y;
  const headH = heightOf(heads, true);
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  if (y + headH + 16 > bottom()) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  draw(heads, y, headH, { bold: true, fill: '#e8eef5' });
  y += headH;
  for (const r of rows) {
    const h = heightOf(r.cells, Boolean(r.mark));
    if (y + h > bottom()) {
      doc.addPage();
      y = doc.page.margins.top;
      draw(heads, y, headH, { bold: true, fill: '#e8eef5' });
      y += headH;
    }
    draw(r.cells, y, h, { bold: r.mark, fill: r.mark ? MARK : undefined });
    y += h;
  }
  doc.x = left;
  doc.y = y + 10;
  doc.font('regular').fontSize(11);
}
const MARK = '#fde2e2';

function section(doc: Pdf, text: string): void {
  if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(0.4);
  doc.font('bold').fontSize(12).text(nfc(text), doc.page.margins.left, doc.y);
  doc.moveDown(0.3);
  doc.font('regular').fontSize(11);
}

/** The printable history. */
export async function dossierHistoryPdf(p: HistoryPrint): Promise<Buffer> {
  const h = p.history;
  const ref = h.dossier.code ?? h.dossier.reference;
  const doc = newDocument({ title: `Lịch sử xử lý hồ sơ ${ref}`, author: p.unit.name, creationDate: p.printedAt });
  const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  header(doc, p.unit.parentName ?? undefined, p.unit.name);
  title(doc, 'LỊCH SỬ XỬ LÝ HỒ SƠ', 'dành cho thanh tra, kiểm tra');
  doc.fontSize(11);
  field(doc, 'Mã hồ sơ', h.dossier.code ?? '(chưa cấp)');
  field(doc, 'Số theo dõi', h.dossier.reference);
  field(doc, 'Thủ tục', `${p.procedure.code} – ${p.procedure.name}`);
  field(doc, 'Người nộp', p.applicantName);
  field(doc, 'Đơn vị tiếp nhận', p.unit.name);
  field(doc, 'Trạng thái', p.statusName);
  doc.moveDown(0.5);
  // the verification, boxed: what an auditor signs off on
  const n = h.timeline.events.length;
  const verdict = h.timeline.intact
    ? `Kiểm chứng chuỗi băm: NGUYÊN VẸN – ${n} mục nhật ký, không mục nào bị sửa hay xóa.`
    : `Kiểm chứng chuỗi băm: BỊ PHÁ VỠ từ mục số ${h.timeline.brokenAtSeq} – mục này đã bị sửa hoặc xóa ngoài hệ thống.`;
  const boxY = doc.y;
  doc.font('bold').fontSize(11);
  const boxH = doc.heightOfString(nfc(verdict), { width: usable - 16 }) + 12;
  doc
    .save()
    .rect(doc.page.margins.left, boxY, usable, boxH)
    .fill(h.timeline.intact ? '#e6f4ea' : MARK)
    .restore();
  doc.rect(doc.page.margins.left, boxY, usable, boxH).stroke();
  doc.fillColor(h.timeline.intact ? '#1b5e20' : '#8b0000').text(nfc(verdict), doc.page.margins.left + 8, boxY + 6, { width: usable - 16 });
  doc.fillColor('#000000');
  doc.y = boxY + boxH + 8;
  doc.x = doc.page.margins.left;

  if (h.engine) {
    section(doc, '1. Các bước xử lý (theo bộ máy quy trình)');
    const byTask = new Map<string, { claimed?: string; claimedBy?: string; completedBy?: string }>();
    for (const o of h.engine.operations) {
      if (!o.taskId) continue;
      const t = byTask.get(o.taskId) ?? {};
      const who = o.userName ?? o.userId ?? undefined;
      if (o.operation === 'Claim' && o.property === 'assignee' && o.value) {
        t.claimed = o.at;
        t.claimedBy = who;
      }
      if (o.operation === 'Complete') t.completedBy = who;
      byTask.set(o.taskId, t);
    }
    table(
      doc,
      ['Bước', 'Bắt đầu', 'Người nhận xử lý, lúc', 'Người hoàn thành', 'Kết thúc'],
      [110, 75, 120, 95, usable - 400],
      h.engine.tasks.map((t) => {
        const o = byTask.get(t.id) ?? {};
        return {
          cells: [
            t.name ?? t.step,
            when(t.startTime),
            o.claimedBy ? `${o.claimedBy}, ${when(o.claimed)}` : (t.assigneeName ?? '—'),
            o.completedBy ?? (t.endTime ? (t.assigneeName ?? '—') : '—'),
            t.endTime ? when(t.endTime) : 'Đang xử lý',
          ],
        };
      }),
    );
    section(doc, '2. Thao tác trên từng bước');
    table(
      doc,
      ['Thời điểm', 'Thao tác', 'Bước', 'Cán bộ'],
      [85, 95, 150, usable - 330],
      h.engine.operations
        .filter((o) => o.taskId && (o.operation !== 'Claim' || o.property === 'assignee'))
        .map((o) => ({
          cells: [
            when(o.at),
            o.operation === 'Claim' && !o.value ? 'Trả lại' : (operationWords[o.operation] ?? 'Thao tác khác'),
            h.engine!.tasks.find((t) => t.id === o.taskId)?.name ?? '',
            o.userName ?? o.userId ?? 'Hệ thống',
          ],
        })),
    );
  }

  section(doc, `${h.engine ? 3 : 1}. Nhật ký hồ sơ: quyết định và dữ liệu của từng bước`);
  table(
    doc,
    ['Mục', 'Thời điểm', 'Người thực hiện', 'Sự kiện', 'Quyết định, dữ liệu'],
    [30, 80, 100, 115, usable - 325],
    h.timeline.events.map((e) => {
      const altered = !h.timeline.intact && e.seq === h.timeline.brokenAtSeq;
      const details = eventDetails(e, p.labelOf);
      return {
        cells: [String(e.seq), when(e.at), e.actorName, eventName(e), altered ? `BỊ SỬA HOẶC XÓA NGOÀI HỆ THỐNG. ${details}` : details],
        mark: altered,
      };
    }),
  );

  if (h.engine) {
    section(doc, '4. Hẹn giờ đã kích hoạt');
    const timers = h.engine.activities.filter((a) => TIMERS.has(a.type));
    if (timers.length)
      table(
        doc,
        ['Thời điểm', 'Hẹn giờ'],
        [100, usable - 100],
        timers.map((a) => ({ cells: [when(a.endTime ?? a.startTime), a.name ?? 'Hẹn giờ của quy trình'] })),
      );
    else doc.text(nfc('Không có hẹn giờ nào kích hoạt.'));
    section(doc, '5. Sự cố');
    if (h.engine.incidents.length)
      table(
        doc,
        ['Phát sinh', 'Tại bước', 'Nội dung', 'Đã xử lý'],
        [85, 110, usable - 275, 80],
        h.engine.incidents.map((i) => ({
          cells: [
            when(i.createTime),
            h.engine!.activities.find((a) => a.activityId === i.activityId)?.name ?? i.activityId,
            i.message ?? i.type,
            i.endTime ? when(i.endTime) : 'Chưa',
          ],
        })),
      );
    else doc.text(nfc('Không có sự cố.'));
  } else {
    doc.moveDown(0.5).text(nfc('Hồ sơ chưa có quy trình trong bộ máy quy trình.'));
  }
  doc.moveDown(1);
  doc
    .font('italic')
    .fontSize(9)
    .text(nfc(`In lúc ${formatVnDateTime(p.printedAt)} bởi ${p.printedBy}, từ hệ thống một cửa.`), doc.page.margins.left, doc.y);
  return toBuffer(doc);
}

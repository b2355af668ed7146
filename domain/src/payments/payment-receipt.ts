/**
 * The receipt of a fee (Biên lai thu phí, lệ phí) handed or sent to the payer once the fee is paid, at the
 * counter or online, in the layout of the other one-stop documents (form 01 in documents/receipt.ts).
 */
import { field, header, newDocument, paragraph, signatureBlock, title, toBuffer } from '../documents/pdf-document.ts';
import { formatVnDateTime } from '../time/vietnam-time.ts';
import { formatDong, type FeeLine } from './fees.ts';

export interface PaymentReceiptInput {
  receiptNo: string;
  unitName: string;
  parentUnitName: string | undefined;
  payerName: string;
  payerIdNumber: string | null;
  dossierRef: string;
  procedureName: string;
  lines: FeeLine[];
  total: number;
  method: string;
  paidAt: Date;
  collector: string;
}

export async function renderPaymentReceipt(r: PaymentReceiptInput): Promise<Buffer> {
  const doc = newDocument({
    title: `Biên lai thu phí, lệ phí ${r.receiptNo}`,
    subject: 'Biên lai thu phí, lệ phí',
    author: r.unitName,
    creationDate: r.paidAt,
  });
  header(doc, r.parentUnitName, r.unitName, 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ');
  title(doc, 'BIÊN LAI THU PHÍ, LỆ PHÍ', `Số: ${r.receiptNo}`);
  field(doc, 'Người nộp', r.payerName);
  if (r.payerIdNumber) field(doc, 'Số định danh cá nhân', r.payerIdNumber);
  field(doc, 'Mã hồ sơ', r.dossierRef);
  field(doc, 'Thủ tục', r.procedureName);
  doc.moveDown(0.5);
  paragraph(doc, 'Khoản thu:');
  r.lines.forEach((l, i) => paragraph(doc, `${i + 1}) ${l.name}: ${formatDong(l.unitAmount)} × ${l.quantity} = ${formatDong(l.amount)}`, { indent: 18 }));
  field(doc, 'Tổng số tiền', formatDong(r.total));
  field(doc, 'Hình thức thanh toán', r.method);
  field(doc, 'Thời gian nộp', formatVnDateTime(r.paidAt));
  signatureBlock(doc, { placeDate: `Lập lúc ${formatVnDateTime(r.paidAt)}`, role: 'Người thu tiền', name: r.collector });
  return toBuffer(doc);
}

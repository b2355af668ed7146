/**
 * Form 01 (Thông tư 01/2018/TT-VPCP): Giấy tiếp nhận hồ sơ và hẹn trả kết quả, the receipt and appointment
 * slip handed to the applicant at reception, with the dossier code and a QR code to track it.
 */
import { formatVnDate, formatVnDateTime, vnParts } from '../time/vietnam-time.ts';
import { field, header, newDocument, paragraph, qr, signatureBlock, title, toBuffer } from './pdf-document.ts';

export interface ReceiptInput {
  dossierCode: string;
  trackingUrl: string;
  unitName: string;
  parentUnitName: string | undefined;
  applicantName: string;
  applicantPhone: string | null;
  applicantEmail: string | null;
  procedureName: string;
  documents: string[];
  receivedAt: Date;
  dueAt: Date;
  timeLimitText: string;
  receivingOfficer: string;
  returnChannel: string;
  /** a counter dossier under a walk-in account: the code that brings it into the citizen's own account */
  claimCode?: string;
  /** the portal's address, where the code is entered */
  portalUrl?: string;
  /** a counter dossier: the one-time code with which the applicant rates at the counter's tablet */
  rating?: { code: string; days: number };
}

const clock = (d: Date) => {
  const p = vnParts(d);
  return `${String(p.hour).padStart(2, '0')} giờ ${String(p.minute).padStart(2, '0')} phút, ngày ${formatVnDate(d)}`;
};

export async function renderReceipt(r: ReceiptInput): Promise<Buffer> {
  const doc = newDocument({
    title: `Giấy tiếp nhận hồ sơ ${r.dossierCode}`,
    subject: 'Mẫu số 01 - Thông tư 01/2018/TT-VPCP',
    author: r.unitName,
    creationDate: r.receivedAt,
  });
  header(doc, r.parentUnitName, r.unitName, 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ');
  title(doc, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', `Mã hồ sơ: ${r.dossierCode}`);
  paragraph(doc, `${r.unitName} đã tiếp nhận hồ sơ của:`);
  field(doc, 'Ông/Bà', r.applicantName);
  field(doc, 'Số điện thoại', r.applicantPhone ?? '');
  field(doc, 'Thư điện tử', r.applicantEmail ?? '');
  field(doc, 'Nội dung yêu cầu giải quyết', r.procedureName);
  doc.moveDown(0.5);
  paragraph(doc, '1. Thành phần hồ sơ nộp gồm:');
  r.documents.forEach((d, i) => paragraph(doc, `${i + 1}) ${d}`, { indent: 18 }));
  paragraph(doc, '2. Số lượng hồ sơ: 01 bộ.');
  paragraph(doc, `3. Thời gian giải quyết hồ sơ theo quy định là: ${r.timeLimitText}.`);
  paragraph(doc, `4. Thời gian nhận hồ sơ: ${clock(r.receivedAt)}.`);
  paragraph(doc, `5. Thời gian trả kết quả giải quyết hồ sơ: ${clock(r.dueAt)}.`);
  paragraph(doc, `6. Nhận kết quả tại: ${r.returnChannel}.`);
  if (r.claimCode) {
    paragraph(
      doc,
      `7. Mã nhận hồ sơ trực tuyến: ${r.claimCode}. Đăng nhập tài khoản của Ông/Bà trên ${r.portalUrl ?? 'Cổng dịch vụ công'}, chọn "Nhận hồ sơ nộp tại quầy" và nhập mã này để theo dõi hồ sơ và nhận kết quả trực tuyến. Không đưa mã này cho người khác.`,
    );
  }
  if (r.rating) {
    paragraph(
      doc,
      `${r.claimCode ? 8 : 7}. Mã đánh giá sự hài lòng: ${r.rating.code}. Khi nhận kết quả, Ông/Bà nhập mã này trên máy tính bảng «Đánh giá tại quầy» của Bộ phận tiếp nhận và trả kết quả để đánh giá việc giải quyết hồ sơ. Mã chỉ dùng một lần, có hiệu lực ${r.rating.days} ngày kể từ ngày trả kết quả.`,
    );
  }
  paragraph(doc, `Tra cứu tình trạng hồ sơ tại ${r.trackingUrl} hoặc quét mã QR.`, { italic: true });
  const y = doc.y + 10;
  await qr(doc, r.trackingUrl, doc.page.margins.left, y, 90);
  doc.y = y;
  signatureBlock(doc, { placeDate: `Lập lúc ${formatVnDateTime(r.receivedAt)}`, role: 'Người tiếp nhận', name: r.receivingOfficer });
  return toBuffer(doc);
}

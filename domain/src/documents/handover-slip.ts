/**
 * The handover slip (Phiếu bàn giao kết quả giải quyết hồ sơ): printed at the return desk when the result is
 * handed to the applicant or to a person they authorised, and signed there by the one who takes it. It names
 * the dossier, the result, who took it (name, identity number, and for an authorised person the authorisation
 * paper) and when, beside the officer who handed it over.
 */
import { formatVnDateTime, vnParts } from '../time/vietnam-time.ts';
import { field, header, newDocument, nfc, paragraph, title, toBuffer } from './pdf-document.ts';

export interface HandoverSlipInput {
  dossierCode: string;
  unitName: string;
  parentUnitName: string | undefined;
  place: string;
  applicantName: string;
  procedureName: string;
  resultFileName: string;
  resultSha256: string;
  decidedAt: Date;
  recipient: { kind: 'applicant' | 'authorised'; fullName: string; idNumber: string; authorisation?: string | null };
  officerName: string;
  handedOverAt: Date;
}

/** "ngày dd tháng MM năm yyyy", in Vietnam time. */
export function vnDateWords(at: Date): string {
  const p = vnParts(at);
  return `ngày ${String(p.day).padStart(2, '0')} tháng ${String(p.month).padStart(2, '0')} năm ${p.year}`;
}

/** The handover slip as a PDF, to be printed and signed by the one who takes the result. */
export async function renderHandoverSlip(s: HandoverSlipInput): Promise<Buffer> {
  const doc = newDocument({
    title: `Phiếu bàn giao kết quả ${s.dossierCode}`,
    subject: 'Phiếu bàn giao kết quả giải quyết hồ sơ',
    author: s.unitName,
    creationDate: s.handedOverAt,
  });
  header(doc, s.parentUnitName, s.unitName, 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ');
  title(doc, 'PHIẾU BÀN GIAO KẾT QUẢ GIẢI QUYẾT HỒ SƠ', `Mã hồ sơ: ${s.dossierCode}`);
  field(doc, 'Thủ tục', s.procedureName);
  field(doc, 'Người nộp hồ sơ', s.applicantName);
  field(doc, 'Kết quả giải quyết', `${s.resultFileName} (ký số ngày ${formatVnDateTime(s.decidedAt)})`);
  paragraph(doc, `Mã kiểm tra (SHA-256): ${s.resultSha256}`, { italic: true });
  doc.moveDown(0.5);
  paragraph(doc, 'Người nhận kết quả:');
  field(doc, 'Họ và tên', s.recipient.fullName);
  field(doc, 'Số định danh cá nhân', s.recipient.idNumber);
  field(doc, 'Tư cách nhận', s.recipient.kind === 'applicant' ? 'Người nộp hồ sơ' : 'Người được ủy quyền');
  if (s.recipient.kind === 'authorised') field(doc, 'Giấy ủy quyền', s.recipient.authorisation ?? '');
  field(doc, 'Thời gian nhận', formatVnDateTime(s.handedOverAt));
  doc.moveDown(0.5);
  paragraph(doc, 'Người nhận đã kiểm tra và nhận đủ kết quả giải quyết hồ sơ nêu trên.', { align: 'justify' });
  doc.moveDown(0.5);
  doc
    .font('italic')
    .fontSize(11)
    .text(nfc(`${s.place}, ${vnDateWords(s.handedOverAt)}`), { align: 'right' });
  // two signatures side by side: the one who takes the result signs on paper, the officer beside
  const width = (doc.page.width - doc.page.margins.left - doc.page.margins.right) / 2;
  const top = doc.y + 8;
  const column = (x: number, role: string, name: string) => {
    doc.font('bold').fontSize(12).text(nfc(role), x, top, { width, align: 'center' });
    doc.font('italic').fontSize(10).text('(Ký, ghi rõ họ tên)', x, doc.y, { width, align: 'center' });
    doc
      .font('bold')
      .fontSize(12)
      .text(nfc(name), x, top + 90, { width, align: 'center' });
  };
  column(doc.page.margins.left, 'NGƯỜI NHẬN KẾT QUẢ', s.recipient.fullName);
  column(doc.page.margins.left + width, 'NGƯỜI TRẢ KẾT QUẢ', s.officerName);
  doc.x = doc.page.margins.left;
  return toBuffer(doc);
}

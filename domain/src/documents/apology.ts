/**
 * Form 04 (Thông tư 01/2018/TT-VPCP): Phiếu xin lỗi và hẹn lại ngày trả kết quả, the handling agency's
 * written apology for a dossier that will not be finished by its appointment, with the reason and a new date,
 * signed by the head of the agency.
 */
import { formatVnDateTime } from '../time/vietnam-time.ts';
import { vnDateWords } from './handover-slip.ts';
import { header, newDocument, paragraph, signatureBlock, title, toBuffer } from './pdf-document.ts';

export interface ApologyInput {
  dossierCode: string;
  unitName: string;
  parentUnitName: string | undefined;
  place: string;
  applicantName: string;
  procedureName: string;
  receivedAt: Date;
  dueAt: Date;
  reason: string;
  newDueAt: Date;
  headName: string;
  issuedAt: Date;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export async function renderApology(a: ApologyInput): Promise<Buffer> {
  const doc = newDocument({
    title: `Phiếu xin lỗi và hẹn lại ngày trả kết quả ${a.dossierCode}`,
    subject: 'Mẫu số 04 - Thông tư 01/2018/TT-VPCP',
    author: a.unitName,
    creationDate: a.issuedAt,
  });
  header(doc, a.parentUnitName, a.unitName);
  title(doc, 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', `Mã hồ sơ: ${a.dossierCode}`);
  paragraph(doc, `Kính gửi: Ông/Bà ${a.applicantName}.`);
  doc.moveDown(0.5);
  paragraph(
    doc,
    `${capitalise(vnDateWords(a.receivedAt))}, ${a.unitName} tiếp nhận giải quyết hồ sơ «${a.procedureName}» của Ông/Bà, mã hồ sơ ${a.dossierCode}.`,
    { align: 'justify' },
  );
  paragraph(doc, `Thời gian hẹn trả kết quả giải quyết hồ sơ: ${formatVnDateTime(a.dueAt)}.`);
  paragraph(doc, `Tuy nhiên đến nay, ${a.unitName} chưa trả kết quả giải quyết hồ sơ của Ông/Bà đúng hẹn, lý do: ${a.reason}`, { align: 'justify' });
  paragraph(
    doc,
    `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${a.unitName} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào ngày ${formatVnDateTime(a.newDueAt)}.`,
    { align: 'justify' },
  );
  paragraph(doc, 'Xin trân trọng cảm ơn sự hợp tác của Ông/Bà.');
  signatureBlock(doc, {
    placeDate: `${a.place}, ${vnDateWords(a.issuedAt)}`,
    role: 'Thủ trưởng cơ quan',
    note: '(Ký số)',
    name: a.headName,
  });
  return toBuffer(doc);
}

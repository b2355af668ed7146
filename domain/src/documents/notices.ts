/**
 * Forms 02 and 03 of Thông tư 01/2018/TT-VPCP: the request to supplement and complete a dossier (Phiếu yêu
 * cầu bổ sung, hoàn thiện hồ sơ), listing everything missing at once, and the refusal to receive it (Phiếu từ
 * chối tiếp nhận giải quyết hồ sơ) with its reasons. Both are issued by the one-stop unit and signed in its name.
 */
import { formatVnDateTime } from '../time/vietnam-time.ts';
import { vnDateWords } from './handover-slip.ts';
import { field, header, newDocument, paragraph, signatureBlock, title, toBuffer } from './pdf-document.ts';

interface NoticeCommon {
  dossierRef: string;
  unitName: string;
  parentUnitName: string | undefined;
  place: string;
  applicantName: string;
  procedureName: string;
  submittedAt: Date;
  officerName: string;
  issuedAt: Date;
}

export interface SupplementNoticeInput extends NoticeCommon {
  items: string[];
  note: string | null;
  dueAt: Date | null;
}

export interface RefusalNoticeInput extends NoticeCommon {
  reasons: string;
  note: string | null;
}

/** Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export async function renderSupplementNotice(n: SupplementNoticeInput): Promise<Buffer> {
  const doc = newDocument({
    title: `Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ ${n.dossierRef}`,
    subject: 'Mẫu số 02 - Thông tư 01/2018/TT-VPCP',
    author: n.unitName,
    creationDate: n.issuedAt,
  });
  header(doc, n.parentUnitName, n.unitName, 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ');
  title(doc, 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', `Hồ sơ: ${n.dossierRef}`);
  paragraph(doc, `Kính gửi: Ông/Bà ${n.applicantName}.`);
  paragraph(doc, `${n.unitName} đã nhận hồ sơ đề nghị giải quyết thủ tục «${n.procedureName}» của Ông/Bà nộp lúc ${formatVnDateTime(n.submittedAt)}.`, {
    align: 'justify',
  });
  paragraph(doc, 'Sau khi xem xét, hồ sơ của Ông/Bà cần bổ sung, hoàn thiện các nội dung sau:');
  (n.items.length ? n.items : ['(xem ghi chú)']).forEach((item, i) => paragraph(doc, `${i + 1}. ${item}`, { indent: 18 }));
  if (n.note) field(doc, 'Ghi chú', n.note);
  if (n.dueAt) paragraph(doc, `Thời hạn bổ sung, hoàn thiện hồ sơ: trước ${formatVnDateTime(n.dueAt)}.`);
  paragraph(doc, 'Yêu cầu bổ sung được đưa ra một lần; Ông/Bà nộp bổ sung trực tuyến tại tài khoản của mình hoặc tại Bộ phận tiếp nhận và trả kết quả.', {
    align: 'justify',
  });
  paragraph(doc, 'Xin trân trọng cảm ơn Ông/Bà.');
  signatureBlock(doc, { placeDate: `${n.place}, ${vnDateWords(n.issuedAt)}`, role: 'Người hướng dẫn', note: '(Ký số)', name: n.officerName });
  return toBuffer(doc);
}

/** Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export async function renderRefusalNotice(n: RefusalNoticeInput): Promise<Buffer> {
  const doc = newDocument({
    title: `Phiếu từ chối tiếp nhận giải quyết hồ sơ ${n.dossierRef}`,
    subject: 'Mẫu số 03 - Thông tư 01/2018/TT-VPCP',
    author: n.unitName,
    creationDate: n.issuedAt,
  });
  header(doc, n.parentUnitName, n.unitName, 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ');
  title(doc, 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', `Hồ sơ: ${n.dossierRef}`);
  paragraph(doc, `Kính gửi: Ông/Bà ${n.applicantName}.`);
  paragraph(doc, `${n.unitName} đã nhận hồ sơ đề nghị giải quyết thủ tục «${n.procedureName}» của Ông/Bà nộp lúc ${formatVnDateTime(n.submittedAt)}.`, {
    align: 'justify',
  });
  paragraph(doc, 'Qua xem xét, cơ quan thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:');
  paragraph(doc, n.reasons || '(không ghi lý do)', { indent: 18 });
  if (n.note) field(doc, 'Ghi chú', n.note);
  paragraph(doc, 'Xin thông báo để Ông/Bà được biết và thực hiện.');
  signatureBlock(doc, { placeDate: `${n.place}, ${vnDateWords(n.issuedAt)}`, role: 'Người tiếp nhận', note: '(Ký số)', name: n.officerName });
  return toBuffer(doc);
}

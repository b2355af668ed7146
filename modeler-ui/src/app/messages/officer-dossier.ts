/** A dossier as officers see it, with its control sheet (form 05). */
import type { AreaMessages } from './area.ts';

export const officerDossierMessages = {
  'officerDossier.data': ['Nội dung hồ sơ', 'Contents'],
  'officerDossier.sheet': ['Phiếu kiểm soát (mẫu 05)', 'Control sheet (form 05)'],
  'officerDossier.diagram': ['Quy trình', 'Process'],
  'officerDossier.diagramLabel': ['Sơ đồ quy trình xử lý hồ sơ, các bước đã làm và bước hiện tại', 'Process diagram with the steps done and the current one'],
  'officerDossier.done': ['Đã thực hiện', 'Done'],
  'officerDossier.current': ['Đang thực hiện', 'Current'],
  'controlSheet.title': ['PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', 'PROCESS CONTROL SHEET'],
  'controlSheet.applicant': ['Người nộp', 'Applicant'],
  'controlSheet.unit': ['Tên cơ quan, bước', 'Unit, step'],
  'controlSheet.handover': ['Giao, nhận hồ sơ', 'Handed over / received'],
  'controlSheet.by': ['Giao', 'By'],
  'controlSheet.to': ['Nhận', 'To'],
  'controlSheet.time': ['Thời gian', 'Time'],
  'controlSheet.result': ['Kết quả giải quyết', 'Result'],
  'controlSheet.note': ['Ghi chú', 'Note'],
  'controlSheet.print': ['In phiếu kiểm soát', 'Print the control sheet'],
  'controlSheet.interAgency': ['Chuyển liên thông đến {unit}', 'Handed to {unit} (inter-agency)'],
} as const satisfies AreaMessages<'officerDossier' | 'controlSheet'>;

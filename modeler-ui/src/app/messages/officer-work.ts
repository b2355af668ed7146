/** An officer's work on a task: the applicant's data read as a document, decisions confirmed, what follows acceptance, the leader's draft. */
import type { AreaMessages } from './area.ts';

export const officerWorkMessages = {
  'appDoc.yes': ['Có', 'Yes'],
  'appDoc.no': ['Không', 'No'],
  'appDoc.entry': ['Mục {n}', 'Entry {n}'],
  'appDoc.empty': ['Tờ khai không có thông tin nào.', 'The application holds no data.'],
  'decide.no': ['Quay lại, chưa gửi', 'Go back, send nothing'],
  'decide.irreversible': ['Sau khi gửi, quyết định này không thể hoàn tác.', 'Once sent, this decision cannot be undone.'],
  'decide.accept': [
    'Tiếp nhận hồ sơ {key}: hệ thống cấp mã hồ sơ, lập giấy tiếp nhận và hẹn trả kết quả (mẫu 01), bắt đầu tính thời hạn giải quyết.',
    'Accept dossier {key}: it gets its code, the receipt (form 01) is issued and the time limit starts.',
  ],
  'decide.acceptYes': ['Xác nhận tiếp nhận', 'Confirm: accept'],
  'decide.supplement': [
    'Yêu cầu bổ sung hồ sơ {key}: công dân nhận phiếu yêu cầu bổ sung (mẫu 02) với các nội dung đã nêu.',
    'Ask for a supplement to dossier {key}: the applicant gets the request (form 02) with the items listed.',
  ],
  'decide.supplementYes': ['Xác nhận yêu cầu bổ sung', 'Confirm: ask for a supplement'],
  'decide.refuse': [
    'Từ chối tiếp nhận hồ sơ {key}: công dân nhận phiếu từ chối (mẫu 03) với lý do đã nêu và hồ sơ kết thúc.',
    'Refuse dossier {key}: the applicant gets the refusal (form 03) with the reasons given, and the dossier ends.',
  ],
  'decide.refuseYes': ['Xác nhận từ chối tiếp nhận', 'Confirm: refuse'],
  'decide.approveReview': [
    'Đồng ý hồ sơ {key}: hồ sơ được chuyển sang bước tiếp theo với ý kiến của bạn.',
    'Approve dossier {key}: it moves on to the next step with your opinion.',
  ],
  'decide.approveApproval': [
    'Phê duyệt hồ sơ {key}: kết quả được ký số với tên của bạn và trả cho công dân.',
    'Approve dossier {key}: the result is signed in your name and returned to the applicant.',
  ],
  'decide.approveYes': ['Xác nhận đồng ý', 'Confirm: approve'],
  'decide.sendBack': [
    'Trả lại hồ sơ {key}: hồ sơ quay về bước trước để xử lý lại.',
    'Send dossier {key} back: it returns to the step before to be handled again.',
  ],
  'decide.sendBackYes': ['Xác nhận trả lại', 'Confirm: send back'],
  'accepted.title': ['Đã tiếp nhận hồ sơ', 'Dossier accepted'],
  'accepted.waiting': ['Đang cấp mã hồ sơ và lập giấy tiếp nhận…', 'Issuing the dossier code and the receipt…'],
  'accepted.code': ['Mã hồ sơ', 'Dossier code'],
  'accepted.print': ['In giấy tiếp nhận (mẫu 01)', 'Print the receipt (form 01)'],
  'accepted.backToInbox': ['Về danh sách công việc', 'Back to the tasks'],
  'draft.open': ['Xem dự thảo kết quả', 'Open the draft result'],
  'draft.hint': ['Văn bản kết quả như sẽ được cấp, đóng dấu «DỰ THẢO», chưa ký số.', 'The result as it will be issued, marked "DRAFT", not signed.'],
  'inboxMark.supplemented': ['Đã bổ sung', 'Supplemented'],
  'inboxMark.returned': ['Bị trả lại', 'Sent back'],
  'counterFind.find': ['Tìm thông tin đã có', 'Find known details'],
  'counterFind.none': [
    'Chưa có thông tin của người mang số định danh này; hãy nhập thông tin người nộp.',
    'No one with this number is known yet; enter the applicant.',
  ],
  'counterFind.invalid': ['Số định danh cá nhân gồm 12 chữ số.', 'An identity number has 12 digits.'],
  'counterFind.found.account': [
    'Đã điền thông tin của {name} từ tài khoản công dân; hãy kiểm tra với giấy tờ tùy thân.',
    "Filled in {name}'s details from their account; check them against their ID.",
  ],
  'counterFind.found.counter': [
    'Đã điền thông tin của {name} từ lần nộp tại quầy trước; hãy kiểm tra với giấy tờ tùy thân.',
    "Filled in {name}'s details from an earlier visit; check them against their ID.",
  ],
  'counterFind.found.dossier': [
    'Đã điền thông tin của {name} từ hồ sơ đã nộp trước đây; hãy kiểm tra với giấy tờ tùy thân.',
    "Filled in {name}'s details from an earlier dossier; check them against their ID.",
  ],
  'counterFind.mirrored': ['Thông tin người nộp ở trên được điền sẵn vào tờ khai bên dưới.', "The applicant's details above are filled into the form below."],
} as const satisfies AreaMessages<'appDoc' | 'decide' | 'accepted' | 'draft' | 'inboxMark' | 'counterFind'>;

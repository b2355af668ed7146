/** The citizen's papers kept in their account (provide once). */
import type { AreaMessages } from './area.ts';

export const papersMessages = {
  'papers.nav': ['Giấy tờ của tôi', 'My papers'],
  'papers.title': ['Giấy tờ của tôi', 'My papers'],
  'papers.intro': [
    'Giấy tờ bạn đã nộp kèm hồ sơ trực tuyến và kết quả bạn đã nhận được lưu tại đây. Khi nộp hồ sơ mới, bạn có thể dùng lại giấy tờ này mà không phải tải lên lại.',
    'The papers you submitted with online applications and the results you received are kept here. In a new application you can use them again without uploading.',
  ],
  'papers.none': [
    'Chưa có giấy tờ nào. Giấy tờ bạn nộp kèm hồ sơ và kết quả bạn nhận sẽ được lưu tại đây.',
    'No papers yet. Papers you submit and results you receive will be kept here.',
  ],
  'papers.results': ['Kết quả đã nhận', 'Results received'],
  'papers.given': ['Giấy tờ đã nộp', 'Papers submitted'],
  'papers.resultOf': ['Kết quả: {name}', 'Result: {name}'],
  'papers.keptOn': ['lưu ngày {date}', 'kept on {date}'],
  'papers.fromDossier': ['hồ sơ {code}', 'dossier {code}'],
  'papers.download': ['Tải về', 'Download'],
  'papers.remove': ['Xóa khỏi tài khoản', 'Remove from my account'],
  'papers.keep': ['Giữ lại', 'Keep it'],
  'papers.confirmRemove': [
    'Xóa «{name}» khỏi giấy tờ của bạn? Hồ sơ đã nộp vẫn giữ bản của mình, nhưng bạn sẽ không chọn lại được giấy tờ này khi nộp hồ sơ mới.',
    'Remove "{name}" from your papers? Dossiers already submitted keep their copy, but you will not be able to choose this paper in new applications.',
  ],
  'papers.removed': ['Đã xóa «{name}» khỏi giấy tờ của bạn.', 'Removed "{name}" from your papers.'],
} as const satisfies AreaMessages<'papers'>;

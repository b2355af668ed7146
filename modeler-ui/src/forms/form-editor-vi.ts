/**
 * The form editor in Vietnamese. form-js's editor (1.23) has no translation service of its own (form-js issue #77;
 * the translation pull request #1513 was not merged), so its palette, properties panel and empty-form hints are
 * translated where they are drawn: each text node and each placeholder, title and aria-label under those parts
 * whose whole text is in the dictionary is replaced, now and whenever the editor draws again. The form being
 * designed (its own labels) is never touched: only the editor's palette, properties panel and empty-form hints.
 */
export const formEditorVietnamese: Record<string, string> = {
  // palette
  Components: 'Thành phần',
  'Search components': 'Tìm thành phần',
  'No components found.': 'Không có thành phần nào.',
  Input: 'Nhập liệu',
  Selection: 'Lựa chọn',
  Presentation: 'Trình bày',
  Containers: 'Khung chứa',
  Action: 'Thao tác',
  'Text field': 'Ô chữ',
  'Text area': 'Ô văn bản nhiều dòng',
  Number: 'Số',
  Date: 'Ngày',
  'Date time': 'Ngày giờ',
  Checkbox: 'Ô đánh dấu',
  'Checkbox group': 'Nhóm ô đánh dấu',
  'Radio group': 'Nhóm lựa chọn một',
  Select: 'Danh sách chọn',
  'Tag list': 'Danh sách nhãn',
  'Text view': 'Đoạn chữ',
  'Image view': 'Hình ảnh',
  'HTML view': 'Đoạn HTML',
  Table: 'Bảng',
  Spacer: 'Khoảng trống',
  Separator: 'Đường phân cách',
  Group: 'Nhóm',
  'Dynamic list': 'Danh sách động',
  iFrame: 'Khung nhúng',
  Button: 'Nút',
  Expression: 'Biểu thức',
  'File picker': 'Chọn tệp',
  'Document preview': 'Xem trước văn bản',
  // empty form
  'Drag and drop components here.': 'Kéo thả thành phần vào đây.',
  'Build your form': 'Tạo biểu mẫu',
  'Drag and drop components here to start designing.': 'Kéo thả thành phần vào đây để bắt đầu soạn biểu mẫu.',
  // properties panel
  'Select a form field to edit its properties.': 'Chọn một trường để sửa thuộc tính.',
  General: 'Chung',
  Label: 'Nhãn',
  'Field label': 'Nhãn trường',
  'Group label': 'Nhãn nhóm',
  'Table label': 'Nhãn bảng',
  Title: 'Tiêu đề',
  Form: 'Biểu mẫu',
  'Binds to a form variable': 'Gắn với một biến của biểu mẫu',
  'Where the child variables of this component are pathed to.': 'Nơi lưu dữ liệu của các trường bên trong.',
  'Must not be empty.': 'Không được để trống.',
  'Must not be empty': 'Không được để trống',
  'Must be unique.': 'Phải là duy nhất.',
  'Must not contain spaces.': 'Không được chứa dấu cách.',
  'Must be a variable or a dot separated path.': 'Phải là tên biến hoặc đường dẫn ngăn bởi dấu chấm.',
  'Should be greater than zero.': 'Phải lớn hơn 0.',
  'Should be greater than or equal to zero.': 'Phải lớn hơn hoặc bằng 0.',
  'Should be an integer.': 'Phải là số nguyên.',
  'Value must be a number.': 'Giá trị phải là số.',
  Key: 'Khóa dữ liệu',
  ID: 'Mã (ID)',
  Path: 'Đường dẫn dữ liệu',
  'Field description': 'Mô tả trường',
  Description: 'Mô tả',
  'Default value': 'Giá trị mặc định',
  Disabled: 'Không cho sửa',
  'Read only': 'Chỉ đọc',
  Required: 'Bắt buộc',
  Validation: 'Kiểm tra dữ liệu',
  'Validation pattern': 'Mẫu kiểm tra',
  'Custom regular expression': 'Biểu thức chính quy',
  'Custom error message': 'Thông báo lỗi',
  'Minimum length': 'Độ dài tối thiểu',
  'Maximum length': 'Độ dài tối đa',
  Minimum: 'Giá trị nhỏ nhất',
  Maximum: 'Giá trị lớn nhất',
  Email: 'Thư điện tử',
  Phone: 'Số điện thoại',
  Custom: 'Tự chọn',
  Condition: 'Điều kiện',
  'Hide if': 'Ẩn khi',
  Layout: 'Bố cục',
  Columns: 'Số cột',
  Auto: 'Tự động',
  Appearance: 'Hiển thị',
  Prefix: 'Tiền tố',
  Suffix: 'Hậu tố',
  Serialization: 'Lưu dữ liệu',
  'Output as string': 'Lưu dạng chuỗi',
  Constraints: 'Ràng buộc',
  'Options source': 'Nguồn lựa chọn',
  'Static options': 'Các lựa chọn',
  'Dynamic options': 'Lựa chọn động',
  'Input values key': 'Khóa dữ liệu lựa chọn',
  'Options expression': 'Biểu thức lựa chọn',
  'Custom properties': 'Thuộc tính tùy chỉnh',
  Text: 'Nội dung',
  Content: 'Nội dung',
  Value: 'Giá trị',
  Type: 'Loại',
  Subtype: 'Kiểu',
  Searchable: 'Cho phép tìm',
  'Decimal digits': 'Số chữ số thập phân',
  Increment: 'Bước tăng',
  'Date label': 'Nhãn ngày',
  'Time label': 'Nhãn giờ',
  'Time format': 'Định dạng giờ',
  'Time interval': 'Bước thời gian',
  'Use 24h': 'Dùng giờ 24',
  'Disallow past dates': 'Không cho chọn ngày đã qua',
  'Alternative text': 'Mô tả ảnh',
  'Image source': 'Nguồn ảnh',
  Height: 'Chiều cao',
  'Show outline': 'Hiện viền',
  'Vertical alignment': 'Căn dọc',
  Top: 'Trên',
  Center: 'Giữa',
  Bottom: 'Dưới',
  Checked: 'Đã đánh dấu',
  'Not checked': 'Chưa đánh dấu',
  Submit: 'Gửi',
  Reset: 'Đặt lại',
  'Supported file formats': 'Định dạng tệp được nhận',
  'Upload multiple files': 'Cho tải nhiều tệp',
  'Open documentation': 'Mở tài liệu',
  'Toggle section': 'Mở/đóng phần',
  'Section contains edits': 'Phần có chỉnh sửa',
  'Section contains an error': 'Phần có lỗi',
  'Create new list item': 'Thêm mục',
  'Delete item': 'Xóa mục',
  'Toggle list item': 'Mở/đóng mục',
  'Remove form field': 'Xóa trường',
  'Delete form field': 'Xóa trường',
  '<empty>': '<trống>',
  '<none>': '<không có>',
};

const ATTRIBUTES = ['placeholder', 'title', 'aria-label'];
/** the editor's own parts; the form being designed is left as its author wrote it */
const PARTS = '.fjs-palette-container, .fjs-properties-container, .fjs-editor-properties-container, .fjs-empty-editor, .fjs-empty-component';

function inEditorPart(node: Node): boolean {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return !!el?.closest(PARTS);
}

function translateText(node: Text, dict: Record<string, string>) {
  const raw = node.data;
  const key = raw.trim();
  const to = key && dict[key];
  if (to && to !== key) node.data = raw.replace(key, to);
}

function translateElement(el: Element, dict: Record<string, string>) {
  for (const a of ATTRIBUTES) {
    const v = el.getAttribute(a);
    const to = v && dict[v.trim()];
    if (to && to !== v) el.setAttribute(a, to);
  }
}

function translateTree(root: Node, dict: Record<string, string>) {
  if (root.nodeType === Node.TEXT_NODE) {
    if (inEditorPart(root)) translateText(root as Text, dict);
    return;
  }
  if (root.nodeType !== Node.ELEMENT_NODE) return;
  const el = root as Element;
  const parts = el.matches(PARTS) || el.closest(PARTS) ? [el] : Array.from(el.querySelectorAll(PARTS));
  for (const part of parts) {
    translateElement(part, dict);
    for (const child of Array.from(part.querySelectorAll('*'))) translateElement(child, dict);
    const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) translateText(n as Text, dict);
  }
}

/**
 * Keeps the editor drawn in `container` in Vietnamese while `lang()` is 'vi'.
 * @returns a function that stops it
 */
export function keepFormEditorVietnamese(container: HTMLElement, lang: () => 'vi' | 'en', dict = formEditorVietnamese): () => void {
  const apply = (node: Node) => lang() === 'vi' && translateTree(node, dict);
  apply(container);
  const observer = new MutationObserver((records) => {
    if (lang() !== 'vi') return;
    for (const r of records) {
      if (r.type === 'characterData') {
        if (inEditorPart(r.target)) translateText(r.target as Text, dict);
      } else if (r.type === 'attributes') {
        if (inEditorPart(r.target)) translateElement(r.target as Element, dict);
      } else r.addedNodes.forEach(apply);
    }
  });
  observer.observe(container, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
  return () => observer.disconnect();
}

/**
 * The administration log in words, for people: the kinds of entity and the actions in Vietnamese and English,
 * and each entry's details as a sentence (what changed, from what to what). Pure: the web app and the exported
 * workbook say the same.
 */
import type { Message } from '../errors/errors.ts';

type Words = Message;
const w = (vi: string, en: string): Words => ({ vi, en });

export const auditEntityWords = {
  org_unit: w('Đơn vị', 'Unit'),
  account: w('Cán bộ, tài khoản', 'People and accounts'),
  role: w('Vai trò, quyền', 'Roles and rights'),
  calendar: w('Lịch làm việc', 'Working calendar'),
  login: w('Đăng nhập', 'Login'),
  procedure: w('Thủ tục (phiên bản)', 'Procedure versions'),
  sla_rules: w('Quy tắc thời hạn', 'Time-limit rules'),
  indicator_entry: w('Điểm chỉ số do đơn vị tự đánh giá', 'Indicator points entered by a unit'),
  indicator_bands: w('Thang điểm chỉ số', 'Indicator bands'),
  questionnaire: w('Phiếu đánh giá sự hài lòng', 'Satisfaction questionnaire'),
} as const satisfies Record<string, Words>;

export type AuditEntityKey = keyof typeof auditEntityWords;

/** the actions each kind of entity records, in the order a filter lists them */
export const auditActionWords: Record<string, Words> = {
  created: w('Tạo mới', 'Created'),
  updated: w('Sửa thông tin', 'Updated'),
  moved: w('Chuyển đơn vị cấp trên', 'Moved'),
  deactivated: w('Ngừng hoạt động', 'Deactivated'),
  reactivated: w('Hoạt động lại', 'Reactivated'),
  office_hours: w('Đổi giờ làm việc', 'Office hours changed'),
  imported: w('Nhập từ tệp', 'Imported'),
  role_added: w('Thêm vai trò', 'Role added'),
  role_removed: w('Bỏ vai trò', 'Role removed'),
  password_reset: w('Đặt lại mật khẩu', 'Password reset'),
  second_factor_reset: w('Đặt lại xác thực hai bước', 'Second factor reset'),
  login: w('Đăng nhập thành công', 'Logged in'),
  login_failed: w('Đăng nhập thất bại', 'Login failed'),
  published: w('Công bố phiên bản', 'Version published'),
  retired: w('Ngừng áp dụng phiên bản', 'Version retired'),
  added: w('Thêm phiên bản quy tắc', 'Rule version added'),
  day_saved: w('Ghi ngày nghỉ, ngày làm bù', 'Day saved'),
  day_deleted: w('Xóa ngày trong lịch', 'Day removed'),
  indicator_entered: w('Ghi điểm chỉ số', 'Points entered'),
  indicator_bands_set: w('Đổi thang điểm', 'Bands changed'),
};

/** the actions each kind of entity records, for a filter that lists only those of the chosen kind */
export const auditActionsOf: Record<AuditEntityKey, string[]> = {
  org_unit: ['created', 'updated', 'moved', 'deactivated', 'reactivated', 'office_hours'],
  account: ['created', 'imported', 'updated', 'role_added', 'role_removed', 'deactivated', 'reactivated', 'password_reset', 'second_factor_reset'],
  role: ['role_added', 'role_removed'],
  calendar: ['day_saved', 'day_deleted'],
  login: ['login', 'login_failed'],
  procedure: ['published', 'retired'],
  sla_rules: ['added'],
  indicator_entry: ['indicator_entered'],
  indicator_bands: ['indicator_bands_set'],
  questionnaire: ['published'],
};

/** The action's words; an action the log learns later shows as "other action", never as its key. */
export const actionWords = (action: string): Words => auditActionWords[action] ?? w('Thao tác khác', 'Other action');
export const entityWords = (entity: string): Words => (auditEntityWords as Record<string, Words>)[entity] ?? w('Khác', 'Other');

const roleWords: Record<string, Words> = {
  citizen: w('Công dân', 'Citizen'),
  receiving_officer: w('Cán bộ tiếp nhận', 'Receiving officer'),
  specialist: w('Chuyên viên', 'Specialist'),
  leader: w('Lãnh đạo', 'Leader'),
  administrator: w('Quản trị', 'Administrator'),
  auditor: w('Thanh tra', 'Auditor'),
};
const failureWords: Record<string, Words> = {
  password: w('sai tên đăng nhập hoặc mật khẩu', 'wrong user name or password'),
  disabled: w('tài khoản đã bị khóa', 'account disabled'),
  second_factor: w('sai mã xác thực hai bước', 'wrong second-factor code'),
};
const dayKindWords: Record<string, Words> = {
  day_off: w('ngày nghỉ', 'day off'),
  working_day: w('ngày làm việc (làm bù)', 'working day (make-up)'),
};
/** the TT 01/2018 indicators a unit enters itself */
const enteredIndicatorWords: Record<string, Words> = {
  'tt01.agencies': w('Số cơ quan phải liên hệ', 'Agencies contacted'),
  'tt01.feedback': w('Xử lý phản ánh, kiến nghị đúng hạn', 'Feedback handled on time'),
};
/** the fields of a unit or a person whose change the log says in words */
const fieldWords: Record<string, Words> = {
  name: w('Tên', 'Name'),
  fullName: w('Họ tên', 'Full name'),
  agencyCode: w('Mã định danh', 'Agency code'),
  address: w('Địa chỉ', 'Address'),
  fields: w('Lĩnh vực', 'Fields'),
  level: w('Cấp', 'Level'),
  parentId: w('Đơn vị cấp trên', 'Parent unit'),
  email: w('Thư điện tử', 'Email'),
  phone: w('Điện thoại', 'Phone'),
  roles: w('Vai trò', 'Roles'),
  disabledAt: w('Khóa tài khoản', 'Disabled'),
  deactivatedAt: w('Ngừng hoạt động', 'Deactivated'),
  totpEnabled: w('Xác thực hai bước', 'Second factor'),
  officeHours: w('Giờ làm việc', 'Office hours'),
  weekendDays: w('Ngày nghỉ hằng tuần', 'Weekly days off'),
};
const weekday = (n: number, lang: 'vi' | 'en') =>
  lang === 'vi' ? (n === 0 ? 'Chủ nhật' : `Thứ ${n + 1}`) : ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][n];
const dmy = (iso: string) => (/^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10).split('-').reverse().join('/') : iso);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value of a known field, in words. */
function valueWords(key: string, v: unknown, lang: 'vi' | 'en'): string {
  if (v === null || v === undefined || v === '') return '—';
  if (key === 'roles' && Array.isArray(v))
    return v.map((r: Obj) => `${roleWords[String(r.role)]?.[lang] ?? '?'}${r.unitName ? ` (${String(r.unitName)})` : ''}`).join(', ') || '—';
  if (key === 'weekendDays' && Array.isArray(v)) return v.map((d) => weekday(Number(d), lang)).join(', ');
  if (key === 'officeHours' && Array.isArray(v)) return v.map((s: Obj) => `${String(s.start ?? '')}–${String(s.end ?? '')}`).join(', ');
  if (key === 'disabledAt' || key === 'deactivatedAt') return lang === 'vi' ? `từ ${dmy(String(v))}` : `since ${dmy(String(v))}`;
  if (typeof v === 'boolean') return v ? (lang === 'vi' ? 'bật' : 'on') : lang === 'vi' ? 'tắt' : 'off';
  if (Array.isArray(v)) return v.map(String).join(', ');
  if (isObj(v)) return lang === 'vi' ? '(đã đổi)' : '(changed)';
  return String(v);
}

/** What the entry is about: the person, the unit, the procedure version, the day, the rule version. */
function subject(entity: string, before: Obj, after: Obj, lang: 'vi' | 'en'): string {
  const x = { ...before, ...after };
  switch (entity) {
    case 'account':
    case 'login':
      return [x.fullName, x.username ? `(${String(x.username)})` : ''].filter(Boolean).join(' ');
    case 'org_unit':
      return [x.name, x.agencyCode ? `(${String(x.agencyCode)})` : ''].filter(Boolean).join(' ');
    case 'procedure':
      return [x.code, x.name, x.version ? (lang === 'vi' ? `phiên bản ${String(x.version)}` : `version ${String(x.version)}`) : ''].filter(Boolean).join(' – ');
    case 'calendar':
      return x.date ? `${dmy(String(x.date))}${x.kind ? ` (${dayKindWords[String(x.kind)]?.[lang] ?? ''})` : ''}${x.name ? `: ${String(x.name)}` : ''}` : '';
    case 'questionnaire':
      return x.version ? (lang === 'vi' ? `phiên bản ${String(x.version)}` : `version ${String(x.version)}`) : '';
    case 'indicator_entry':
      return x.code
        ? `${enteredIndicatorWords[String(x.code)]?.[lang] ?? String(x.code)}, ${dmy(String(x.from ?? ''))}–${dmy(String(x.to ?? ''))}${x.points !== undefined ? (lang === 'vi' ? `: ${String(x.points)} điểm` : `: ${String(x.points)} points`) : ''}`
        : '';
    case 'sla_rules':
      return x.effectiveFrom ? (lang === 'vi' ? `áp dụng từ ${dmy(String(x.effectiveFrom))}` : `from ${dmy(String(x.effectiveFrom))}`) : '';
    default:
      return '';
  }
}

/**
 * An entry's details in one language: what it is about, then each known field that changed ("Tên: A → B"),
 * then how many other things changed; a failed login says why.
 */
export function describeChange(e: { entity: string; action: string; before: unknown; after: unknown }, lang: 'vi' | 'en'): string {
  const before = isObj(e.before) ? e.before : {};
  const after = isObj(e.after) ? e.after : {};
  const parts: string[] = [];
  const about = subject(e.entity, before, after, lang);
  if (e.entity === 'login') {
    parts.push(`${lang === 'vi' ? 'Tên đăng nhập' : 'User name'}: ${String(after.username ?? '—')}`);
    if (after.reason) parts.push(`${lang === 'vi' ? 'Lý do' : 'Reason'}: ${failureWords[String(after.reason)]?.[lang] ?? String(after.reason)}`);
    return parts.join('; ');
  }
  if (about) parts.push(about);
  if (isObj(e.before) && isObj(e.after)) {
    let others = 0;
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
      const label = fieldWords[key];
      if (!label) {
        others++;
        continue;
      }
      parts.push(
        key === 'parentId'
          ? `${label[lang]} ${lang === 'vi' ? 'đã đổi' : 'changed'}`
          : `${label[lang]}: ${valueWords(key, before[key], lang)} → ${valueWords(key, after[key], lang)}`,
      );
    }
    if (others) parts.push(lang === 'vi' ? `và ${others} thông tin khác` : `and ${others} other details`);
  } else if (e.entity === 'account' && isObj(e.after) && Array.isArray(after.roles)) {
    parts.push(`${fieldWords.roles![lang]}: ${valueWords('roles', after.roles, lang)}`);
  }
  return parts.join('; ') || '—';
}

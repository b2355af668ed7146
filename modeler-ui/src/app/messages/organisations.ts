/** The organisations a citizen represents or is authorised for. */
import type { AreaMessages } from './area.ts';

export const organisationsMessages = {
  'org.title': ['Tổ chức của tôi', 'My organisations'],
  'org.intro': [
    'Doanh nghiệp, hợp tác xã mà bạn là người đại diện theo pháp luật hoặc được ủy quyền: bạn nộp hồ sơ cho tổ chức và cùng theo dõi mọi hồ sơ của tổ chức.',
    'Businesses and cooperatives you represent or are authorised for: you file dossiers for them and follow all of their dossiers.',
  ],
  'org.none': ['Bạn chưa đại diện cho tổ chức nào.', 'You act for no organisation yet.'],
  'org.taxCode': ['Mã số thuế', 'Tax code'],
  'org.taxCode.hint': [
    'Doanh nghiệp: 10 chữ số; chi nhánh: thêm gạch ngang và 3 chữ số (ví dụ 0100047516-001); hộ kinh doanh, cá nhân: 12 chữ số của số định danh cá nhân.',
    'A business: 10 digits; a branch: a dash and 3 more digits (e.g. 0100047516-001); a household business or person: the 12-digit personal identification number.',
  ],
  'org.name': ['Tên tổ chức', 'Organisation name'],
  'org.address': ['Địa chỉ trụ sở', 'Head office address'],
  'org.register': ['Đăng ký tổ chức (bạn là người đại diện theo pháp luật)', 'Register an organisation (you are its legal representative)'],
  'org.register.do': ['Đăng ký tổ chức', 'Register'],
  'org.registered': ['Đã đăng ký «{name}».', '"{name}" is registered.'],
  'org.members': ['Người đại diện và người được ủy quyền', 'Representative and authorised people'],
  'org.representative': ['Người đại diện theo pháp luật', 'Legal representative'],
  'org.authorised': ['Người được ủy quyền', 'Authorised'],
  'org.authorise': ['Ủy quyền', 'Authorise'],
  'org.authorise.username': ['Tên đăng nhập của người được ủy quyền', 'Username of the person to authorise'],
  'org.authorised.done': ['Đã ủy quyền.', 'Authorised.'],
  'org.withdraw': ['Rút ủy quyền', 'Withdraw'],
  'org.withdraw.confirm': [
    'Rút ủy quyền của {name} đối với {org}? Người này sẽ không còn nộp và xem hồ sơ của tổ chức (trừ hồ sơ chính họ đã nộp).',
    "Withdraw {name}'s authorisation for {org}? They will no longer file for it nor see its dossiers (except those they filed).",
  ],
  'org.withdraw.yes': ['Có, rút ủy quyền', 'Yes, withdraw'],
  'org.withdrawn': ['Đã rút ủy quyền.', 'Authorisation withdrawn.'],
} as const satisfies AreaMessages<'org'>;

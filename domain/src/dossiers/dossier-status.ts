/**
 * The ten dossier statuses of the National Public Service Portal (DOMAIN.md §4) and the transitions between
 * them. Every status change goes through `assertTransition`; the repository guards it again in SQL.
 */
import { ConflictError, msg, type Message } from '../errors/errors.ts';

export const DossierStatus = {
  Submitted: 1,
  Received: 2,
  NotAccepted: 3,
  InHandling: 4,
  SupplementRequested: 5,
  AwaitingPayment: 6,
  Withdrawn: 7,
  Stopped: 8,
  Decided: 9,
  Returned: 10,
} as const;
export type DossierStatus = (typeof DossierStatus)[keyof typeof DossierStatus];

export const statusNames: Record<DossierStatus, Message> = {
  1: msg('Mới đăng ký', 'Submitted'),
  2: msg('Được tiếp nhận', 'Received'),
  3: msg('Không được tiếp nhận', 'Not accepted'),
  4: msg('Đang xử lý', 'In handling'),
  5: msg('Yêu cầu bổ sung', 'Supplement requested'),
  6: msg('Yêu cầu thực hiện nghĩa vụ tài chính', 'Awaiting payment'),
  7: msg('Công dân yêu cầu rút hồ sơ', 'Withdrawn by the applicant'),
  8: msg('Dừng xử lý', 'Processing stopped'),
  9: msg('Đã xử lý xong', 'Decided, result ready'),
  10: msg('Đã trả kết quả', 'Result delivered'),
};

const S = DossierStatus;

/** from → allowed targets. Terminal statuses (3, 7, 8, 10) have none. */
export const allowedTransitions: Record<DossierStatus, readonly DossierStatus[]> = {
  [S.Submitted]: [S.Received, S.NotAccepted, S.SupplementRequested, S.Withdrawn],
  // awaiting payment straight after reception when the procedure is paid for before handling
  [S.Received]: [S.InHandling, S.SupplementRequested, S.AwaitingPayment, S.NotAccepted, S.Withdrawn, S.Stopped],
  [S.NotAccepted]: [],
  [S.InHandling]: [S.SupplementRequested, S.AwaitingPayment, S.NotAccepted, S.Decided, S.Withdrawn, S.Stopped],
  [S.SupplementRequested]: [S.Submitted, S.Withdrawn, S.Stopped],
  [S.AwaitingPayment]: [S.InHandling, S.Withdrawn, S.Stopped],
  [S.Withdrawn]: [],
  [S.Stopped]: [],
  [S.Decided]: [S.Returned],
  [S.Returned]: [],
};

export function isTransitionAllowed(from: DossierStatus, to: DossierStatus): boolean {
  return allowedTransitions[from].includes(to);
}

/** @throws ConflictError `dossier_status_conflict` when the dossier's status does not allow the change. */
export function assertTransition(from: DossierStatus, to: DossierStatus): void {
  if (!isTransitionAllowed(from, to)) {
    throw new ConflictError(
      'dossier_status_conflict',
      msg(
        `Hồ sơ đang ở trạng thái «${statusNames[from].vi}», không thể chuyển sang «${statusNames[to].vi}».`,
        `The dossier is "${statusNames[from].en}" and cannot become "${statusNames[to].en}".`,
      ),
    );
  }
}

export const channelNames: Record<1 | 2 | 3, Message> = {
  1: msg('Trực tiếp', 'In person'),
  2: msg('Trực tuyến', 'Online'),
  3: msg('Dịch vụ bưu chính công ích', 'Public postal service'),
};

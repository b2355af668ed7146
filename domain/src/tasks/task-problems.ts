/** The problems an officer's task request answers with (Vietnamese, with English), by stable code. */
import { ConflictError, NotFoundError, UnavailableError, msg } from '../errors/errors.ts';

export const taskNotFound = () => new NotFoundError('task_not_found', msg('Không tìm thấy công việc.', 'Task not found.'));
export const taskClaimed = () =>
  new ConflictError('task_claimed', msg('Công việc đã được cán bộ khác nhận xử lý.', 'Another officer already holds this task.'));
export const taskGone = () =>
  new ConflictError('task_gone', msg('Công việc đã được xử lý hoặc không còn tồn tại.', 'The task was already completed or no longer exists.'));
export const unavailable = () =>
  new UnavailableError(
    'engine_unavailable',
    msg('Hệ thống xử lý đang bận, vui lòng thử lại sau ít phút.', 'The processing engine is unavailable; please try again in a few minutes.'),
  );

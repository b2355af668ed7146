/**
 * One error body for every failure: RFC 9457 application/problem+json with a stable `code`, a Vietnamese
 * title and detail (the citizen's language) and the English beside them. Unknown errors become a generic
 * 500 and are logged with the request id; nothing internal reaches the client.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { DomainError, msg, type FieldProblem, type Message } from '@motcua/domain/errors/errors.ts';

const statusOf: Record<DomainError['kind'], number> = {
  input: 400,
  authentication: 401,
  not_allowed: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

export interface ProblemBody {
  type: string;
  status: number;
  code: string;
  title: string;
  detail: string;
  messages: Message;
  errors?: FieldProblem[];
  instance?: string;
  requestId?: string;
}

export function sendProblem(res: Response, status: number, code: string, messages: Message, extra: { errors?: FieldProblem[] } = {}): void {
  const body: ProblemBody = {
    type: `https://motcua.vn/problems/${code.replace(/[._]/g, '-')}`,
    status,
    code,
    title: messages.vi,
    detail: `${messages.vi} / ${messages.en}`,
    messages,
    ...(extra.errors?.length ? { errors: extra.errors } : {}),
    instance: res.req.originalUrl,
    requestId: String(res.req.id),
  };
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}

export const notFoundHandler: RequestHandler = (_req, res) => {
  sendProblem(res, 404, 'route_not_found', msg('Không tìm thấy địa chỉ yêu cầu.', 'No such address.'));
};

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
  /** set by http-errors (body-parser, express) on errors that describe the request */
  expose?: boolean;
}

export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  if (res.headersSent) return;
  if (err instanceof DomainError) {
    sendProblem(res, statusOf[err.kind], err.code, err.messages, { errors: err.fields });
    return;
  }
  const e = err as HttpishError;
  // a path parameter that is not valid percent-encoding (GET /api/dossiers/%ZZ): the router could not decode it
  if (err instanceof URIError) return sendProblem(res, 400, 'path_invalid', msg('Địa chỉ yêu cầu không hợp lệ.', 'The request address is not valid.'));
  // body-parser and multer errors carry their own status
  if (e?.type === 'entity.parse.failed')
    return sendProblem(res, 400, 'body_malformed', msg('Nội dung gửi lên không phải JSON hợp lệ.', 'The request body is not valid JSON.'));
  if (e?.type === 'entity.too.large' || e?.code === 'LIMIT_FILE_SIZE' || e?.code === 'LIMIT_FIELD_VALUE') {
    return sendProblem(res, 413, 'payload_too_large', msg('Dung lượng gửi lên vượt quá mức cho phép.', 'The upload is larger than allowed.'));
  }
  // every other refusal of the multipart parser (too many parts, a part without a field name...) is the request's
  if ((err as Error)?.name === 'MulterError') {
    return sendProblem(res, 400, 'upload_rejected', msg('Số lượng tệp hoặc trường gửi lên không hợp lệ.', 'Too many files or fields in the upload.'));
  }
  // only the request's own faults are the client's; any other error with a status (the engine's, say) is ours
  if (e?.expose === true && (e.status ?? e.statusCode) && (e.status ?? e.statusCode)! < 500) {
    return sendProblem(res, (e.status ?? e.statusCode)!, 'bad_request', msg('Yêu cầu không hợp lệ.', 'Bad request.'));
  }
  req.log.error({ err }, 'unhandled error');
  sendProblem(
    res,
    500,
    'internal_error',
    msg(
      'Đã có lỗi xảy ra. Vui lòng thử lại; nếu lỗi lặp lại, hãy báo mã yêu cầu cho bộ phận hỗ trợ.',
      'Something went wrong. Please try again; if it persists, give the request id to support.',
    ),
  );
};

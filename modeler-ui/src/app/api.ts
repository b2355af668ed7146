/**
 * The one way the app talks to the api: JSON over fetch with the session cookie, the CSRF token on every
 * state-changing request, and problem+json errors turned into ApiError (code, messages in both languages,
 * problems per field). Uploads go through XMLHttpRequest for their progress.
 */
import type { FieldProblem, Message } from '@motcua/domain/errors/errors.ts';

// a message in both languages and a problem with one field, as the api's problem+json carries them
export type { FieldProblem, Message };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: Message;
  readonly fields: FieldProblem[];
  constructor(status: number, code: string, messages: Message, fields: FieldProblem[] = []) {
    super(messages.en);
    this.status = status;
    this.code = code;
    this.messages = messages;
    this.fields = fields;
  }
}

let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

const offline: Message = {
  vi: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.',
  en: 'Cannot reach the server. Check your connection and try again.',
};

async function toError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { code?: string; messages?: Message; title?: string; errors?: FieldProblem[] };
    return new ApiError(res.status, body.code ?? 'error', body.messages ?? { vi: body.title ?? 'Lỗi', en: body.title ?? 'Error' }, body.errors ?? []);
  } catch {
    return new ApiError(res.status, 'error', { vi: `Lỗi ${res.status}`, en: `Error ${res.status}` });
  }
}

export async function request<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'offline', offline);
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body ?? {}, headers),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** A query string from the defined values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** POST multipart with upload progress (0..1). */
export function upload<T>(path: string, form: FormData, onProgress: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'offline', offline));
    xhr.onload = async () => {
      const res = new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' } });
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as T);
      else reject(await toError(res));
    };
    xhr.send(form);
  });
}

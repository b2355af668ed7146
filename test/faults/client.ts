/* eslint-disable @typescript-eslint/no-explicit-any -- the api answers of many shapes, read loosely by the fault driver */
/**
 * A browser user of the fault suite: a cookie session and the CSRF header, and the user's patience: a request
 * that fails because the api is down (connection refused or reset) or answers 502/503/504 (or a 500 while
 * its database restarts) is sent again after a pause, as a person presses again.
 */
export interface Answer<T = any> {
  status: number;
  body: T;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class PatientSession {
  cookie = '';
  csrf = '';
  readonly base: string;
  retries = 0;
  /** how long a user keeps trying one request */
  patienceMs = 180_000;

  constructor(base: string) {
    this.base = base;
  }

  static async login(base: string, username: string, password: string): Promise<PatientSession> {
    const s = new PatientSession(base);
    const res = await s.send<{ csrfToken: string }>('POST', '/api/auth/login', { username, password }, { noAuth: true });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    s.csrf = res.body.csrfToken;
    return s;
  }

  /** One request, repeated while the failure is the platform's and not an answer. */
  async send<T = any>(method: string, path: string, body?: unknown, opts: { headers?: Record<string, string>; noAuth?: boolean } = {}): Promise<Answer<T>> {
    const deadline = Date.now() + this.patienceMs;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (this.cookie) headers.cookie = this.cookie;
      if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
      let payload: BodyInit | undefined;
      if (body instanceof FormData) payload = body;
      else if (body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body);
      }
      let failure: string;
      try {
        const res = await fetch(this.base + path, { method, headers, body: payload, signal: AbortSignal.timeout(60_000) });
        const setCookie = res.headers.get('set-cookie');
        if (setCookie && !opts.noAuth) this.cookie = setCookie.split(';')[0]!;
        if (setCookie && opts.noAuth) this.cookie = setCookie.split(';')[0]!;
        const text = await res.text();
        if (![500, 502, 503, 504].includes(res.status)) {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON */
          }
          return { status: res.status, body: parsed as T };
        }
        failure = `${res.status} ${text.slice(0, 200)}`;
      } catch (e) {
        const err = e as Error & { cause?: { code?: string } };
        failure = `${err.cause?.code ?? err.name}: ${err.message}`;
      }
      if (Date.now() > deadline) throw new Error(`${method} ${path}: still failing after ${this.patienceMs / 1000} s: ${failure}`);
      this.retries++;
      await sleep(Math.min(1_000, 100 * 2 ** Math.min(attempt, 4)));
    }
  }

  get<T = any>(path: string) {
    return this.send<T>('GET', path);
  }

  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.send<T>('POST', path, body, { headers });
  }
}

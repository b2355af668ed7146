/** A logged-in api client for the bench: cookie session, CSRF header, keep-alive fetch. */
export class ApiSession {
  private cookie = '';
  private csrf = '';
  readonly base: string;
  constructor(base: string) {
    this.base = base;
  }

  static async login(base: string, username: string, password: string): Promise<ApiSession> {
    const s = new ApiSession(base);
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    s.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    s.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return s;
  }

  async get<T>(path: string): Promise<T> {
    const res = await fetch(this.base + path, { headers: { cookie: this.cookie } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async post<T>(path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const init: RequestInit = { method: 'POST', headers: { cookie: this.cookie, 'x-csrf-token': this.csrf } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(this.base + path, init);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

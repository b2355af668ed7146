/** Talking to the api the way a browser does: a cookie session and the CSRF header. */
import supertest from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../api/src/app.ts';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { platform } from './platform.ts';

let app: Express | undefined;

/** The api, in process, over the test platform's services. */
export function api(): Express {
  if (!app) {
    const p = platform();
    app = createApp({ config: p.config, services: p.services, logger: p.logger });
  }
  return app;
}

export interface Session {
  agent: supertest.Agent;
  csrf: string;
  account: { id: string; username: string; role: string; fullName: string; orgUnitId: string | null };
  get(url: string): supertest.Test;
  post(url: string): supertest.Test;
  put(url: string): supertest.Test;
  delete(url: string): supertest.Test;
}

/** Logs in on the test api, or on another app built over other services (`on`). */
export async function login(username: string, password = DEMO_PASSWORD, on: Express = api()): Promise<Session> {
  const agent = supertest.agent(on);
  const res = await agent.post('/api/auth/login').send({ username, password }).expect(200);
  const csrf = res.body.csrfToken as string;
  return {
    agent,
    csrf,
    account: res.body.account,
    get: (url) => agent.get(url),
    post: (url) => agent.post(url).set('x-csrf-token', csrf),
    put: (url) => agent.put(url).set('x-csrf-token', csrf),
    delete: (url) => agent.delete(url).set('x-csrf-token', csrf),
  };
}

/** Polls until `check` returns a value (not undefined/false) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** supertest parser that keeps a binary body (PDF downloads) as a Buffer. */
export const binary = ((res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}) as unknown as (res: unknown, cb: (err: Error | null, body: unknown) => void) => void;

/** Asserts that `expected` appears in `actual` in this order, other items allowed between. */
export function expectInOrder(actual: string[], expected: string[]): void {
  let i = 0;
  for (const a of actual) if (a === expected[i]) i++;
  if (i < expected.length) throw new Error(`expected ${JSON.stringify(expected)} in this order within ${JSON.stringify(actual)}`);
}

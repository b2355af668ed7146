/**
 * Hostile input gets a clear answer, never a 500: requests generated from the routes' own schemas (every
 * route of the api, as every kind of caller), each one wrong in one way — a badly encoded path parameter, a
 * NUL or a lone surrogate, a wrong type, a missing or extra field, a body that is not JSON, a broken
 * multipart body. Every answer is below 500 and an error is problem+json with a stable code; no row is stored.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import type { SchemaTagged } from '../../api/src/http/validate.ts';
import { api, login, type Session } from '../support/http.ts';
import { platform } from '../support/platform.ts';

interface RouteSpec {
  method: string;
  path: string;
  body?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: SchemaTagged }[] };
  handle: { stack?: Layer[] };
}

/** Every route of the api router, with the schemas its validating middleware carries. */
function routesOf(app: Express): RouteSpec[] {
  const apiLayer = (app as unknown as { router: { stack: Layer[] } }).router.stack.find((l) => l.rawPath === '/api' && l.handle.stack)!;
  const out: RouteSpec[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const l of stack) {
      if (l.route) {
        const tags = l.route.stack.map((h) => h.handle);
        for (const m of Object.keys(l.route.methods))
          out.push({
            method: m,
            path: `/api${prefix}${l.route.path}`,
            body: tags.find((t) => t.bodySchema)?.bodySchema,
            query: tags.find((t) => t.querySchema)?.querySchema,
          });
      } else if (l.handle.stack) walk(l.handle.stack, `${prefix}${l.rawPath && l.rawPath !== '/' ? l.rawPath : ''}`);
    }
  };
  walk(apiLayer.handle.stack!, '');
  return out;
}

const BAD_PARAMS = ['%ZZ', '%00', '%ED%A0%80', 'x'.repeat(400), '..%2F..%2Fetc', "1'%20or%20'1'='1", '00000000-0000-4000-8000-00000000000%00'];
const BAD_STRINGS = ['\u0000', 'a\u0000b', '\ud800', 'x\udfffy', 'x'.repeat(200_000)];
const WRONG_TYPES: unknown[] = [12345, -1, 1.5, true, null, [], {}, ['a'], { $gt: '' }];

/** Values of every wrong kind for one property of a schema. */
function wrongValues(prop: Record<string, unknown> | undefined): unknown[] {
  const out: unknown[] = [...BAD_STRINGS, ...WRONG_TYPES];
  if (prop?.type === 'string') out.push('', ' '.repeat(3));
  if (prop?.type === 'integer' || prop?.type === 'number') out.push('12', 1e308, -1e308);
  return out;
}

/** Bodies each wrong in one way, from the body schema (or from nothing, for routes that take none). */
function badBodies(schema: Record<string, unknown> | undefined): { raw?: string; json?: unknown; type?: string }[] {
  const bodies: { raw?: string; json?: unknown; type?: string }[] = [
    { raw: '{"a": ', type: 'application/json' },
    { raw: '[1,2', type: 'application/json' },
    { raw: '"\\u0000"', type: 'application/json' },
    { raw: '{"k":"\\ud800"}', type: 'application/json' },
    { raw: '{"\\u0000":1}', type: 'application/json' },
    { json: [] },
    { json: 'text' },
    { json: 42 },
    { raw: 'plain text body', type: 'text/plain' },
    { raw: '--x\r\nContent-Disposition: form-data; name="data"\r\n\r\n{"a"', type: 'multipart/form-data; boundary=x' },
    { raw: '--x\r\n\r\nno headers\r\n--x--\r\n', type: 'multipart/form-data; boundary=x' },
    { raw: '--x\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--x--\r\n', type: 'multipart/form-data; boundary=x' },
    { raw: 'no boundary at all', type: 'multipart/form-data' },
    { raw: '--x\r\nContent-Disposition: form-data; name="data"\r\n\r\n\u0000\r\n--x--\r\n', type: 'multipart/form-data; boundary=x' },
  ];
  const props = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = (schema?.required ?? []) as string[];
  if (required.length) bodies.push({ json: {} });
  bodies.push({ json: { unexpectedField: 'x' } });
  // each property wrong in each way, the others absent (or a minimal valid-looking value)
  for (const [name, prop] of Object.entries(props)) {
    for (const v of wrongValues(prop)) bodies.push({ json: { [name]: v } });
  }
  return bodies;
}

function badQueries(schema: Record<string, unknown> | undefined): string[] {
  const qs = ['unexpected=1', 'limit=abc', 'limit=-5', 'offset=99999999999', 'q=%00', 'q=%ED%A0%80', 'q=%ZZ', `q=${'x'.repeat(5000)}`, 'limit[]=1&limit[]=2'];
  for (const name of Object.keys((schema?.properties ?? {}) as object))
    qs.push(`${name}=%00`, `${name}=%ED%A0%80`, `${name}[x]=1`, `${name}=${'9'.repeat(400)}`, `${name}=-1`, `${name}=not-a-value`);
  return qs;
}

const TABLES = [
  'accounts',
  'dossiers',
  'dossier_events',
  'dossier_drafts',
  'uploads',
  'stored_files',
  'engine_commands',
  'notifications',
  'procedures',
  'procedure_versions',
  'calendar_days',
  'sla_rule_versions',
  'dossier_ratings',
  'org_units',
];

async function rowCounts(): Promise<Record<string, number>> {
  const db = platform().db;
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    if (!(await db.schema.hasTable(t))) continue;
    out[t] = Number((await db(t).count({ n: '*' }).first())!.n);
  }
  return out;
}

// the api's own refusals do not depend on the engine build: run once, on the default one
(process.env.ENGINE_FLAVOR === 'camunda' ? describe.skip : describe)('hostile input: requests generated from the route schemas', function () {
  this.timeout(15 * 60_000);

  it('answers every bad request below 500 with problem+json and a stable code, and stores nothing', async () => {
    const app = api();
    const routes = routesOf(app).filter((r) => r.path !== '/api/auth/logout');
    expect(routes.length).to.be.greaterThan(40);
    const sessions: (Session | undefined)[] = [undefined, ...(await Promise.all(['congdan', 'tiepnhan.benthanh', 'quantri'].map((u) => login(u))))];
    const before = await rowCounts();
    let requests = 0;
    const fivexx: string[] = [];
    const shapeless: string[] = [];
    const send = async (session: Session | undefined, method: string, url: string, body?: { raw?: string; json?: unknown; type?: string }) => {
      const agent = session?.agent ?? supertest(app);
      let req = (agent as unknown as Record<string, (u: string) => supertest.Test>)[method]!(url);
      if (session) req = req.set('x-csrf-token', session.csrf);
      if (body?.raw !== undefined) req = req.set('content-type', body.type ?? 'application/json').send(body.raw);
      else if (body && 'json' in body) req = req.set('content-type', 'application/json').send(JSON.stringify(body.json));
      const res = await req;
      requests++;
      const what = `${method.toUpperCase()} ${url.slice(0, 120)} ${body ? JSON.stringify(body).slice(0, 80) : ''} as ${session?.account.username ?? 'anonymous'} → ${res.status}`;
      if (res.status >= 500) fivexx.push(`${what}: ${res.text.slice(0, 200)}`);
      else if (res.status >= 400) {
        const body = res.headers['content-type']?.startsWith('application/problem+json') ? JSON.parse(res.text) : undefined;
        if (!body || typeof body.code !== 'string' || !/^[a-z0-9_.]+$/.test(body.code) || !body.messages?.vi || !body.messages?.en) shapeless.push(what);
      }
    };
    for (const route of routes) {
      const hasParams = /:\w+/.test(route.path);
      const fill = (v: string) => route.path.replace(/:\w+/g, v);
      const valid = fill('00000000-0000-4000-8000-000000000000');
      for (const session of sessions) {
        if (hasParams) for (const p of BAD_PARAMS) await send(session, route.method, fill(p));
        if (route.method === 'get' || route.query) for (const q of badQueries(route.query)) await send(session, route.method, `${valid}?${q}`);
        if (route.method !== 'get' && route.method !== 'delete') for (const b of badBodies(route.body)) await send(session, route.method, valid, b);
      }
    }
    const after = await rowCounts();
    const stored = Object.keys(before).reduce((n, t) => n + Math.max(0, after[t]! - before[t]!), 0);
    process.stdout.write(`      fuzz requests=${requests} status_5xx=${fivexx.length} stored=${stored}\n`);
    expect(fivexx, fivexx.slice(0, 20).join('\n')).to.deep.equal([]);
    expect(shapeless.slice(0, 20)).to.deep.equal([]);
    expect(after).to.deep.equal(before);
    expect(requests).to.be.at.least(5000);
  });
});

/**
 * What the platform asks of the engine, counted (BENCH_ENGINE_CALLS=1): an HTTP proxy in front of the engine
 * for the api and the workers, tallying the REST calls by method and path (ids replaced by `:id`). A diagnostic:
 * the proxy's own CPU is the bench driver's, so a run that counts is not one to take figures from.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[a-z_]+(%3A|:)\d+(%3A|:)[0-9a-f-]+$/i;

export interface EngineCallCounter {
  url: string;
  reset(): void;
  /** calls by `METHOD /path`, the most frequent first */
  counts(): [string, number][];
  close(): Promise<void>;
}

export async function countEngineCalls(engineUrl: string): Promise<EngineCallCounter> {
  const target = new URL(engineUrl);
  const agent = new http.Agent({ keepAlive: true });
  let tally = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/')
      .split('?')[0]!
      .replace(target.pathname, '/')
      .split('/')
      .map((seg) => (ID.test(seg) ? ':id' : seg))
      .join('/')
      .replace(/\/+/g, '/');
    const key = `${req.method} ${path}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`,
    reset: () => (tally = new Map()),
    counts: () => [...tally.entries()].sort((a, b) => b[1] - a[1]),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * A real network fault in front of the real engine: an HTTP proxy that forwards every request to the engine
 * except those a test chooses to cut, whose connection it destroys after the engine did the work or before
 * (as when the api dies while its call is in flight).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EngineProxy {
  url: string;
  /** requests matching this are cut: 'before' never reaches the engine, 'after' reaches it and loses the answer */
  cut(match: (method: string, path: string) => boolean, when: 'before' | 'after'): void;
  heal(): void;
  /** from now on, counts the requests matching this and the most of them in flight at once */
  watch(match: (method: string, path: string) => boolean): { readonly count: number; readonly peak: number };
  close(): Promise<void>;
}

export async function startEngineProxy(engineUrl: string): Promise<EngineProxy> {
  const target = new URL(engineUrl);
  let rule: { match: (m: string, p: string) => boolean; when: 'before' | 'after' } | undefined;
  let watched: { match: (m: string, p: string) => boolean; count: number; peak: number; now: number } | undefined;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').replace(/^\/engine-rest/, '');
    const w = watched?.match(req.method ?? 'GET', path) ? watched : undefined;
    if (w) {
      w.count++;
      w.peak = Math.max(w.peak, ++w.now);
      res.on('close', () => w.now--);
    }
    const cut = rule?.match(req.method ?? 'GET', path) ? rule.when : undefined;
    if (cut === 'before') {
      req.socket.destroy();
      return;
    }
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      if (cut === 'after') {
        up.resume();
        up.on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    cut: (match, when) => (rule = { match, when }),
    heal: () => (rule = undefined),
    watch: (match) => (watched = { match, count: 0, peak: 0, now: 0 }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * A small HTTP balancer in front of several engine nodes on one engine database: the stand-in, in tests, for
 * the nginx that docker-compose.yml puts in front of the engine nodes. Requests go round robin across the
 * nodes; a node that refuses the connection (it is down: no byte of the request reached it) is skipped for a
 * moment and the request is sent to the next node. Any other failure (a reset, a node dying while it holds
 * the request) cannot be retried safely, since the node may have done the work: the client gets a 502 (or
 * its connection is cut when the answer had begun), as from nginx with `proxy_next_upstream error` limited
 * to connection failures.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EngineBalancer {
  /** base URL with the engine's path, e.g. http://127.0.0.1:1234/engine-rest */
  url: string;
  stats: { requests: number; refusedRetries: number; badGateway: number; cut: number };
  close(): Promise<void>;
}

/** @param nodeUrls the nodes' base URLs (http://host:port/engine-rest); only their host and port are used */
export async function startEngineBalancer(nodeUrls: string[]): Promise<EngineBalancer> {
  const nodes = nodeUrls.map((u) => {
    const url = new URL(u);
    return { host: url.hostname, port: Number(url.port), downUntil: 0 };
  });
  const pathname = new URL(nodeUrls[0]!).pathname;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const stats = { requests: 0, refusedRetries: 0, badGateway: 0, cut: 0 };
  let next = 0;

  /** the next node in turn, skipping those that refused a connection a moment ago (unless all did) */
  function pick(tried: Set<number>): number | undefined {
    const now = Date.now();
    const order = Array.from({ length: nodes.length }, (_, k) => (next + k) % nodes.length).filter((i) => !tried.has(i));
    if (!order.length) return undefined;
    const chosen = order.find((i) => nodes[i]!.downUntil <= now) ?? order[0]!;
    next = (chosen + 1) % nodes.length;
    return chosen;
  }

  const server = http.createServer((req, res) => {
    stats.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const tried = new Set<number>();
      let upstream: http.ClientRequest | undefined;
      // the client went away (a killed worker's long poll): so does its request to the node
      res.on('close', () => {
        if (!res.writableFinished) upstream?.destroy();
      });
      const send = () => {
        const i = pick(tried);
        if (i === undefined) {
          stats.badGateway++;
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end('no engine node accepted the connection');
          return;
        }
        tried.add(i);
        const node = nodes[i]!;
        const headers = { ...req.headers, host: `${node.host}:${node.port}`, 'content-length': String(body.length) };
        delete headers['transfer-encoding'];
        const up = http.request({ host: node.host, port: node.port, method: req.method, path: req.url, headers, agent }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('error', () => {
            stats.cut++;
            res.destroy();
          });
          answer.on('aborted', () => {
            stats.cut++;
            res.destroy();
          });
        });
        upstream = up;
        up.on('error', (e: NodeJS.ErrnoException) => {
          if (res.destroyed) return;
          if (e.code === 'ECONNREFUSED') {
            // nothing reached the node: another may take it
            node.downUntil = Date.now() + 1_000;
            stats.refusedRetries++;
            send();
            return;
          }
          if (!res.headersSent) {
            stats.badGateway++;
            res.writeHead(502, { 'content-type': 'text/plain' }).end(`engine node ${node.host}:${node.port} failed: ${e.code ?? e.message}`);
          } else {
            stats.cut++;
            res.destroy();
          }
        });
        up.end(body);
      };
      send();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${pathname}`,
    stats,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => r());
      }),
  };
}

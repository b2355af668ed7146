/**
 * How the engine client sends a JSON call: node's own HTTP client over kept-alive connections. The api makes
 * a dozen engine calls per dossier; through the global fetch each cost about four times the CPU (and its
 * per-call timeout signal fires later for every call, done or not). A connection the engine closed while
 * idle is noticed when a call is sent on it; that call is sent once more on a new one (it never reached the
 * engine), as node's documentation advises.
 */
import http from 'node:http';
import https from 'node:https';

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

export interface HttpAnswer {
  status: number;
  text: string;
}

/** Thrown when the engine was not reached or did not answer in time (connection refused, reset, timeout). */
export class TransportError extends Error {
  override name = 'TransportError';
}

export function sendJson(o: { method: string; url: string; headers: Record<string, string>; body?: string; timeoutMs: number }): Promise<HttpAnswer> {
  return send(o, true);
}

function send(o: { method: string; url: string; headers: Record<string, string>; body?: string; timeoutMs: number }, mayResend: boolean): Promise<HttpAnswer> {
  const url = new URL(o.url);
  const client = url.protocol === 'https:' ? https : http;
  const headers = o.body === undefined ? o.headers : { ...o.headers, 'content-length': String(Buffer.byteLength(o.body)) };
  return new Promise<HttpAnswer>((resolve, reject) => {
    let answered = false;
    const req = client.request(url, { method: o.method, headers, agent: agents[url.protocol as keyof typeof agents] }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (e) => {
        clearTimeout(timer);
        reject(new TransportError(e.message));
      });
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${o.timeoutMs} ms`)), o.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (mayResend && !answered && req.reusedSocket && e.code === 'ECONNRESET') resolve(send(o, false));
      else reject(new TransportError(e.message));
    });
    req.end(o.body);
  });
}

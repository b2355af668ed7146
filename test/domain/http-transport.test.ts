/**
 * The engine client's transport (http-transport.ts) against a real HTTP server: JSON both ways over kept-alive
 * connections, a call the server never answers ends in a TransportError at its timeout, and a kept-alive
 * connection the server drops as a call goes out on it is replaced without the caller noticing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { sendJson, TransportError } from '@motcua/domain/engine/http-transport.ts';

describe('the engine client transport', function () {
  let server: http.Server;
  let base: string;
  const seen: { method: string; url: string; body: string; auth?: string; socket: number }[] = [];
  const sockets = new Map<unknown, number>();
  let dropped = false;

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size + 1);
        seen.push({ method: req.method!, url: req.url!, body, auth: req.headers.authorization, socket: sockets.get(req.socket)! });
        if (req.url === '/hang') return; // never answers
        // a kept-alive connection the server drops as the next call arrives on it (its keep-alive time ran out)
        if (req.url === '/dropped' && !dropped) {
          dropped = true;
          req.socket.destroy();
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ echo: body ? JSON.parse(body) : null, text: 'Tiếp nhận' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends and reads JSON in UTF-8, reusing one connection for calls one after another', async () => {
    seen.length = 0;
    for (let i = 0; i < 3; i++) {
      const a = await sendJson({
        method: 'POST',
        url: `${base}/task`,
        headers: { authorization: 'Basic eDp5', 'content-type': 'application/json' },
        body: JSON.stringify({ taskId: `t${i}`, name: 'Thẩm định' }),
        timeoutMs: 5000,
      });
      expect(a.status).to.equal(200);
      expect(JSON.parse(a.text)).to.deep.equal({ echo: { taskId: `t${i}`, name: 'Thẩm định' }, text: 'Tiếp nhận' });
    }
    expect(seen.map((s) => s.auth)).to.deep.equal(['Basic eDp5', 'Basic eDp5', 'Basic eDp5']);
    expect(new Set(seen.map((s) => s.socket)).size).to.equal(1);
  });

  it('gives up on a call not answered in time, as the engine being unreachable', async () => {
    const started = Date.now();
    const err = await sendJson({ method: 'GET', url: `${base}/hang`, headers: {}, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(TransportError);
    expect(Date.now() - started).to.be.within(250, 3000);
  });

  it('sends a call again on a new connection when the server drops the kept-alive one it went on', async () => {
    seen.length = 0;
    await sendJson({ method: 'GET', url: `${base}/first`, headers: {}, timeoutMs: 5000 });
    const a = await sendJson({ method: 'POST', url: `${base}/dropped`, headers: { 'content-type': 'application/json' }, body: '{"n":1}', timeoutMs: 5000 });
    expect(a.status).to.equal(200);
    const calls = seen.filter((s) => s.url === '/dropped');
    expect(calls).to.have.length(2);
    expect(calls[0]!.socket).to.equal(seen[0]!.socket);
    expect(calls[1]!.socket).to.not.equal(seen[0]!.socket);
  });

  it('reports a server that is not there as unreachable', async () => {
    const err = await sendJson({ method: 'GET', url: 'http://127.0.0.1:1/engine-rest/version', headers: {}, timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(TransportError);
  });
});

/**
 * A real OpenID provider for the tests (oidc-provider, a certified implementation) with its own login form
 * (devInteractions: any login name, any password; the name is the subject). Consent is granted for motcua, a
 * first-party client. It is reached through a small proxy, its issuer address, that can tamper with the ID
 * token of a token answer or hold the answer back until the token has expired, as an attacker or a slow
 * network would.
 */
import http from 'node:http';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { freePort } from './platform.ts';

export const OIDC_CLIENT = { id: 'motcua', secret: 'motcua-test-secret' };

export interface TestProvider {
  issuer: string;
  /** the claims the provider gives each person, by subject (their login name on its form) */
  people: Map<string, Record<string, unknown>>;
  /** what the proxy does to the next token answers */
  faults: { tamperIdToken: boolean; idTokenTtlS: number; holdTokenMs: number };
  close(): Promise<void>;
}

export async function startOidcProvider({ redirectUri, postLogoutRedirectUri }: { redirectUri: string; postLogoutRedirectUri: string }): Promise<TestProvider> {
  const [proxyPort, providerPort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${proxyPort}`;
  const people = new Map<string, Record<string, unknown>>();
  const faults = { tamperIdToken: false, idTokenTtlS: 3600, holdTokenMs: 0 };
  const configuration: Configuration = {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [postLogoutRedirectUri],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'email', 'id_number'] },
    findAccount: async (_ctx: KoaContextWithOIDC, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, ...(people.get(sub) ?? { name: sub }) }),
    }),
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['motcua-test-provider-cookie-key'] },
    ttl: { IdToken: () => faults.idTokenTtlS, AccessToken: 600, Interaction: 600, Grant: 3600, Session: 3600 },
    // motcua is the platform's own client: the person is not asked to consent
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const providerServer = http.createServer(provider.callback());
  await new Promise<void>((r) => providerServer.listen(providerPort, '127.0.0.1', r));

  const proxy = http.createServer((req, res) => {
    const upstream = http.request({ host: '127.0.0.1', port: providerPort, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const isToken = req.url?.startsWith('/token') && (up.headers['content-type'] ?? '').includes('json');
      if (!isToken) {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        let body = Buffer.concat(chunks).toString('utf8');
        if (faults.tamperIdToken) {
          const answer = JSON.parse(body) as { id_token?: string };
          if (answer.id_token) {
            // the claims changed after signing: another person's subject, the signature kept
            const [header, payload, signature] = answer.id_token.split('.');
            const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
            claims.sub = 'ke-mao-danh';
            answer.id_token = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
            body = JSON.stringify(answer);
          }
        }
        const headers = { ...up.headers, 'content-length': String(Buffer.byteLength(body)) };
        setTimeout(() => {
          res.writeHead(up.statusCode ?? 502, headers);
          res.end(body);
        }, faults.holdTokenMs);
      });
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.listen(proxyPort, '127.0.0.1', r));

  return {
    issuer,
    people,
    faults,
    async close() {
      await Promise.all([new Promise((r) => proxy.close(r)), new Promise((r) => providerServer.close(r))]);
    },
  };
}

/**
 * The production shape as docker compose runs it (no Docker engine here, so its file is checked instead):
 * the node services run the server bundles, with production settings that pass the production check; the
 * engine schema of a fresh cluster is created by one node; the api scales behind its balancer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import yaml from 'js-yaml';
import { loadConfig, repoRoot } from '@motcua/domain/config/config.ts';
import { serverEntries } from '../../platform/src/build-server.ts';

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  deploy?: { replicas?: number };
}

const compose = yaml.load(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };
const dockerfile = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
/** ${VAR:?message} and ${VAR:-default} as compose fills them, with the operator's secrets set */
const fill = (v: string) =>
  v.replace(
    /\$\{(\w+)(:[?-][^}]*)?\}/g,
    (_m, name: string) =>
      ({
        POSTGRES_PASSWORD: 'pg-secret',
        ENGINE_PASSWORD: 'engine-secret',
        TOTP_ENCRYPTION_KEY: 'c2Vjb25kLWZhY3RvciBrZXkgb2YgdGhlIGNpdHkgISE=',
        PUBLIC_URL: 'https://dichvucong.example.gov.vn',
      })[name] ?? '',
  );

describe('the docker compose production shape', function () {
  const nodeServices = ['setup', 'api', 'worker'];

  it('runs the server bundles with plain Node, built by the image', () => {
    for (const name of nodeServices) {
      const cmd = compose.services[name]!.command!;
      expect(cmd[0], name).to.equal('node');
      const bundle = cmd.at(-1)!;
      expect(bundle, name).to.match(/^dist\/server\/bin\/(\w+)\.mjs$/);
      expect(Object.keys(serverEntries), name).to.include(/(\w+)\.mjs$/.exec(bundle)![1]);
    }
    expect(dockerfile).to.match(/npm run build:ui && npm run build:server/);
    expect(dockerfile).to.match(/npm ci --omit=dev/);
    expect(dockerfile).not.to.match(/tsx/);
  });

  it('gives the node services production settings that pass the production check, and no default secret', () => {
    for (const name of nodeServices) {
      const env = Object.fromEntries(Object.entries(compose.services[name]!.environment!).map(([k, v]) => [k, fill(String(v))]));
      expect(() => loadConfig({ ...env, NODE_ENV: 'production' }), name).not.to.throw();
    }
    const raw = fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8');
    expect(raw, 'secrets are required, not defaulted').not.to.match(/\$\{(POSTGRES_PASSWORD|ENGINE_PASSWORD|TOTP_ENCRYPTION_KEY):-/);
  });

  it('lets one engine node create the schema of a fresh cluster, the other start after it without', () => {
    const [one, two] = [compose.services['engine-1']!, compose.services['engine-2']!];
    expect(one.environment?.ENGINE_SCHEMA_UPDATE ?? 'true').to.not.equal('false');
    expect(two.environment!.ENGINE_SCHEMA_UPDATE).to.equal('false');
    expect((two.depends_on as Record<string, { condition: string }>)['engine-1']!.condition).to.equal('service_healthy');
    for (const e of [one, two]) expect(e.ports, 'engine ports are not published').to.equal(undefined);
  });

  it('puts the api replicas behind one balancer, the only published port', () => {
    expect(compose.services.api!.ports).to.equal(undefined);
    expect(compose.services.api!.deploy!.replicas).to.be.greaterThan(1);
    expect(compose.services.web!.ports).to.deep.equal(['3000:3000']);
    const published = Object.entries(compose.services)
      .filter(([, s]) => s.ports?.length)
      .map(([n]) => n);
    expect(published).to.deep.equal(['web']);
  });
});

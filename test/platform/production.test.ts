/**
 * The production shape refuses what is only fit for a development machine: the documented engine password,
 * the development key of second-factor secrets, the development signer, the embedded PostgreSQL, the demo accounts; and the engine is reachable only where
 * the api and the workers run.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { expect } from 'chai';
import { ConfigError, DEVELOPMENT_ENGINE_PASSWORD, DEVELOPMENT_TOTP_ENCRYPTION_KEY, loadConfig } from '@motcua/domain/config/config.ts';
import { engineJar } from '../../platform/src/engine-process.ts';
import { freePort, platform } from '../support/platform.ts';

const describeOnce = process.env.ENGINE_FLAVOR === 'camunda' ? describe.skip : describe;

const production = {
  NODE_ENV: 'production',
  ENGINE_PASSWORD: 'a-long-secret-of-the-city',
  TOTP_ENCRYPTION_KEY: 'c2Vjb25kLWZhY3RvciBrZXkgb2YgdGhlIGNpdHkgISE=',
  SIGNING_KEY_FILE: '/etc/motcua/signing-key.pem',
  SIGNING_CERT_FILE: '/etc/motcua/signing-cert.pem',
  DATABASE_URL: 'postgres://motcua@db.internal:5432/motcua',
  SEED_DEMO: 'false',
  PUBLIC_URL: 'https://dichvucong.example.gov.vn',
};

describe('the production configuration', function () {
  it('starts with its own secrets, signer, database and no demo data', () => {
    const c = loadConfig(production);
    expect(c.nodeEnv).to.equal('production');
  });

  it('refuses each development default, naming it', () => {
    const refused = (without: Record<string, string | undefined>) => {
      try {
        loadConfig({ ...production, ...without });
        return '';
      } catch (e) {
        expect(e).to.be.instanceOf(ConfigError);
        return (e as Error).message;
      }
    };
    expect(refused({ ENGINE_PASSWORD: undefined })).to.match(/ENGINE_PASSWORD: the development password is refused/);
    expect(refused({ ENGINE_PASSWORD: DEVELOPMENT_ENGINE_PASSWORD })).to.match(/ENGINE_PASSWORD/);
    expect(refused({ TOTP_ENCRYPTION_KEY: undefined })).to.match(/TOTP_ENCRYPTION_KEY: the development key is refused/);
    expect(refused({ TOTP_ENCRYPTION_KEY: DEVELOPMENT_TOTP_ENCRYPTION_KEY })).to.match(/TOTP_ENCRYPTION_KEY/);
    expect(refused({ SIGNING_KEY_FILE: undefined })).to.match(/development signer is refused/);
    expect(refused({ DATABASE_URL: undefined })).to.match(/DATABASE_URL: the embedded PostgreSQL/);
    expect(refused({ SEED_DEMO: undefined })).to.match(/SEED_DEMO/);
    expect(refused({ PUBLIC_URL: undefined })).to.match(/PUBLIC_URL/);
    // all at once, in one message
    expect(refused({ ENGINE_PASSWORD: undefined, SEED_DEMO: undefined })).to.match(/ENGINE_PASSWORD[\s\S]*SEED_DEMO/);
    // a development machine keeps its defaults
    expect(() => loadConfig({})).not.to.throw();
  });

  it('takes the second-factor key as 32 bytes in base64, and refuses anything else', () => {
    expect(loadConfig({}).totpEncryptionKey).to.equal(DEVELOPMENT_TOTP_ENCRYPTION_KEY);
    for (const bad of ['a-passphrase', Buffer.alloc(16).toString('base64'), Buffer.alloc(33).toString('base64'), '0'.repeat(64)])
      expect(() => loadConfig({ TOTP_ENCRYPTION_KEY: bad }), bad).to.throw(ConfigError, /TOTP_ENCRYPTION_KEY.*32 random bytes in base64/);
  });

  it('takes the trusted proxies as a hop count or a list of addresses, and refuses anything else', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).to.equal(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).to.equal('loopback, 10.0.0.0/8');
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).to.throw(ConfigError, /TRUST_PROXY/);
  });
});

describeOnce('the engine', function () {
  it('refuses to start in production with the documented password', async function () {
    this.timeout(120_000);
    const p = platform();
    const child = spawn('java', ['-jar', engineJar(p.flavor)], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        ENGINE_PASSWORD: DEVELOPMENT_ENGINE_PASSWORD,
        ENGINE_PORT: String(await freePort()),
        ENGINE_DATABASE_URL: 'jdbc:postgresql://127.0.0.1:1/none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 100_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code, out.slice(-2000)).to.not.equal(null).and.not.equal(0);
    expect(out).to.contain('refusing to start in production (NODE_ENV=production) with the development password');
  });

  it("listens on the loopback interface only (ENGINE_BIND_ADDRESS), not on the machine's other addresses", async function () {
    const port = Number(new URL(platform().engine.url).port);
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    if (!others.length) this.skip();
    const connect = (host: string) =>
      new Promise<string>((resolve) => {
        const s = net.connect({ host, port, timeout: 3000 }, () => {
          s.destroy();
          resolve('connected');
        });
        s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
        s.on('timeout', () => {
          s.destroy();
          resolve('timeout');
        });
      });
    expect(await connect('127.0.0.1')).to.equal('connected');
    for (const host of others) expect(await connect(host), host).to.not.equal('connected');
  });
});

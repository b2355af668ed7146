/**
 * Mocha root hooks: one real platform per test run. PostgreSQL is the server of DATABASE_URL when set, else
 * an embedded one under .data/test-postgres; the engine is the flavour of ENGINE_FLAVOR (operaton or
 * camunda), built if needed, on fresh databases; procedures are published from processes/ and demo data is
 * seeded. Suites get it from `platform()`.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadConfig, repoRoot, type Config } from '@motcua/domain/config/config.ts';
import { ShiftedClock } from '@motcua/domain/time/clock.ts';
import { createRootLogger, type Logger } from '@motcua/domain/logging/logger.ts';
import { bootPlatform, type Booted } from '../../platform/src/boot.ts';
import { externalPostgres, startEmbeddedPostgres, type PostgresHandle } from '../../platform/src/postgres.ts';
import type { EngineFlavor } from '../../platform/src/engine-process.ts';
import { OIDC_CLIENT, startOidcProvider, type TestProvider } from './oidc-provider.ts';
import { startPostalSimulator, type PostalSimulator } from './postal-simulator.ts';
import { VnpayGateway } from '../../dev-tools/vnpay-gateway.ts';
import { startSmsSimulator, startTestSmtp, type SmsSimulator, type TestSmtp } from './messages.ts';

export const artifactsDir = path.join(repoRoot, 'test-artifacts');

export interface TestPlatform extends Booted {
  flavor: EngineFlavor;
  postgres: PostgresHandle;
  logger: Logger;
  /** the services' clock: a test moves it past a deadline, then fires the engine's timer (see legal-time) */
  clock: ShiftedClock;
  /** the OpenID provider single sign-on goes to */
  oidc: TestProvider;
  /** the port the web app listens on in browser tests (the provider sends browsers back there) */
  webPort: number;
  /** the public postal service results are posted through (a simulator speaking its API) */
  postal: PostalSimulator;
  /** the payment gateway (VNPAY's protocol, its own HTTP server); its IPN goes to the web app's port */
  vnpay: VnpayGateway;
  /** the SMTP server notifications are mailed to, and the SMS provider they are texted through */
  mail: TestSmtp;
  sms: SmsSimulator;
}

let current: TestPlatform | undefined;

export function platform(): TestPlatform {
  if (!current) throw new Error('the test platform is not up (root hook missing?)');
  return current;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Where each log file stood when the current test began: a failed test shows what was logged during it. */
const logMarks = new Map<string, number>();
const logFiles = (flavor: string) => [`services-${flavor}.log`, `engine-${flavor}.log`].map((f) => path.join(artifactsDir, 'logs', f));
const sizeOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

/**
 * The warnings and errors the services and the engine logged while a failed test ran, for the test report: a
 * CI run keeps nothing else. The last 40 lines of both, each cut to 600 characters.
 */
function loggedDuring(flavor: string): string {
  const lines: string[] = [];
  for (const file of logFiles(flavor)) {
    const from = logMarks.get(file) ?? 0;
    const size = sizeOf(file);
    if (size <= from) continue;
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(Math.min(size - from, 4_000_000));
    fs.readSync(fd, buf, 0, buf.length, size - buf.length);
    fs.closeSync(fd);
    for (const line of buf.toString('utf8').split('\n')) {
      // pino's levels 40 (warn) and up; the engine's WARN and ERROR lines
      if (/"level":[4-6]0\b/.test(line) || /\b(WARN|ERROR|SEVERE)\b/.test(line)) lines.push(`${path.basename(file)}: ${line.slice(0, 600)}`);
    }
  }
  return lines.slice(-40).join('\n');
}

export const mochaHooks = {
  beforeEach() {
    if (!current) return;
    for (const file of logFiles(current.flavor)) logMarks.set(file, sizeOf(file));
  },
  async afterEach(this: Mocha.Context) {
    if (!current || this.currentTest?.state !== 'failed') return;
    // pino writes asynchronously: what the failure itself logged reaches the file first
    await new Promise((r) => setTimeout(r, 200));
    const logged = loggedDuring(current.flavor);
    if (logged) process.stdout.write(`      [platform] logged during the failed test:\n${logged.replace(/^/gm, '        ')}\n`);
  },
  async beforeAll(this: Mocha.Context) {
    this.timeout(15 * 60_000);
    const flavor = (process.env.ENGINE_FLAVOR ?? 'operaton') as EngineFlavor;
    const base = loadConfig({ ...process.env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info' });
    fs.mkdirSync(path.join(artifactsDir, 'logs'), { recursive: true });
    // the services' logs of a run go to a file beside the engine's, not between the test results
    const logger = createRootLogger('test', base.logLevel, path.join(artifactsDir, 'logs', `services-${flavor}.log`));
    const say = (line: string) => process.stdout.write(`      [platform] ${line}\n`);
    const postgres = base.databaseUrl
      ? externalPostgres(base.databaseUrl)
      : await startEmbeddedPostgres({ dir: path.join(base.dataDir, 'test-postgres'), port: await freePort(), password: 'motcua-test' });
    say(`PostgreSQL: ${postgres.embedded ? 'embedded' : new URL(postgres.serverUrl).host}; engine: ${flavor}`);
    // listening before any port is picked for later use: it cannot take one of those
    const postal = await startPostalSimulator();
    const webPort = await freePort();
    const redirectUri = `http://127.0.0.1:${webPort}/api/auth/oidc/callback`;
    const oidc = await startOidcProvider({ redirectUri, postLogoutRedirectUri: `http://127.0.0.1:${webPort}/dang-nhap` });
    const vnpay = await new VnpayGateway({
      tmnCode: 'MOTCUA01',
      secret: 'motcua-test-vnpay-secret',
      ipnUrl: `http://127.0.0.1:${webPort}/api/payments/vnpay/ipn`,
    }).start();
    // notifications go out for real: mail to an SMTP server, SMS to a simulated provider, both on this machine
    const mail = await startTestSmtp();
    const sms = await startSmsSimulator();
    const config: Config = {
      ...base,
      vnpayPayUrl: vnpay.payUrl,
      vnpayTmnCode: vnpay.tmnCode,
      vnpayHashSecret: vnpay.secret,
      paymentReturnUrl: `http://127.0.0.1:${webPort}/thanh-toan/ket-qua`,
      oidcIssuer: oidc.issuer,
      oidcClientId: OIDC_CLIENT.id,
      oidcClientSecret: OIDC_CLIENT.secret,
      oidcRedirectUri: redirectUri,
      // the tests hold a token back until it expires; a second of clock difference is plenty on one machine
      oidcClockToleranceS: 1,
      postalApiUrl: postal.url,
      postalApiKey: postal.apiKey,
      apiPort: 0,
      publicUrl: 'http://motcua.test',
      // fast failure handling, quick redelivery, short long-polls: tests wait for the engine, not for timers
      workerRetryBackoffMs: 200,
      workerLongPollMs: 2_000,
      // no gathering of tasks between fetches: a test's one dossier goes through at once
      workerPollIntervalMs: 20,
      workerLockMs: 20_000,
      loginRateLimit: 10_000,
      // the relay job looks at a command the request did not finish soon after
      commandRecoveryDelayS: 2,
      submitRateLimit: 100_000,
      trackRateLimit: 100_000,
      smtpUrl: mail.url,
      smsProviderUrl: sms.url,
      smsApiKey: sms.apiKey,
      notifySendTimeoutMs: 5_000,
    };
    const clock = new ShiftedClock();
    const dbSuffix = (process.env.TEST_DB_SUFFIX ?? '').replace(/[^a-z0-9_]/g, '');
    const booted = await bootPlatform({
      clock,
      config,
      flavor,
      postgres,
      // TEST_DB_SUFFIX lets two test runs share one PostgreSQL server (each on its own databases)
      appDatabase: `motcua_test_${flavor}${dbSuffix}`,
      engineDatabase: `motcua_test_${flavor}${dbSuffix}_engine`,
      fresh: true,
      enginePort: await freePort(),
      engineLogFile: path.join(artifactsDir, 'logs', `engine-${flavor}.log`),
      jobMaxWaitMs: 500,
      seedDemo: true,
      log: say,
    });
    current = { ...booted, flavor, postgres, logger, clock, oidc, webPort, postal, vnpay, mail, sms };
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await current?.stop();
    await current?.postgres.stop();
    await current?.oidc.close();
    await current?.postal.close();
    await current?.vnpay.stop();
    await current?.mail.close();
    await current?.sms.close();
  },
};

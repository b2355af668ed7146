/**
 * The one typed configuration of motcua. Every key has an environment variable, a default and a line of
 * documentation; `loadConfig` validates them all at boot and stops with a message naming every bad key.
 * Nothing else in the code base reads `process.env`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aes256Key, bool, channelList, int, key, oneOf, pgUrl, smtpUrl, str, trustProxy, url, type KeySpec } from './config-keys.ts';

/** The repository root: defaults for data directories hang off it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The engine password npm start uses on a development machine; refused in production. */
export const DEVELOPMENT_ENGINE_PASSWORD = 'motcua-dev-password';

/** The key that encrypts second-factor secrets on a development machine and in tests; refused in production. */
export const DEVELOPMENT_TOTP_ENCRYPTION_KEY = 'bW90Y3VhIGRldmVsb3BtZW50IFRPVFAga2V5IDIwMjY=';

/** Every configuration key. The order is the order of `.env.example`. */
export const configSpec = {
  nodeEnv: key(
    'NODE_ENV',
    'development, test or production. In production motcua refuses to start on a development default: the engine password, the second-factor key, the development signer, the embedded PostgreSQL, the demo accounts.',
    'development' as const,
    oneOf('development', 'test', 'production'),
  ),

  // database
  databaseUrl: key<string | undefined>(
    'DATABASE_URL',
    'PostgreSQL server of the application database (postgres://user:pass@host:port/motcua). Unset: an embedded PostgreSQL under DATA_DIR is started.',
    undefined,
    pgUrl,
  ),
  engineDatabaseName: key('ENGINE_DATABASE_NAME', "Database of the engine on the same server as DATABASE_URL's.", 'motcua_engine', str),
  dataDir: key('DATA_DIR', 'Directory for local state: the embedded PostgreSQL, development keys.', () => path.join(repoRoot, '.data'), str),
  embeddedPgPort: key('EMBEDDED_PG_PORT', 'Port of the embedded PostgreSQL (only without DATABASE_URL).', 54329, int(1024, 65535)),
  dbPoolMax: key('DB_POOL_MAX', 'Connections per process to the application database.', 10, int(1, 200)),
  dbPreparedStatements: key(
    'DB_PREPARED_STATEMENTS',
    "Statements run again and again are prepared once on each connection (as the engine's JDBC driver does). Turn off behind a pooler in transaction mode that does not keep prepared statements.",
    true,
    bool,
  ),

  // engine
  engineFlavor: key('ENGINE_FLAVOR', 'Which engine build npm start runs: operaton or camunda (7.24 CE).', 'operaton' as const, oneOf('operaton', 'camunda')),
  engineUrl: key('ENGINE_URL', 'Base URL of the engine REST API. Unset: the engine started by npm start.', undefined as string | undefined, url),
  enginePort: key('ENGINE_PORT', 'Port of the engine started by npm start.', 8080, int(1, 65535)),
  engineUser: key('ENGINE_USER', 'Technical user of the engine REST API (HTTP Basic).', 'motcua', str),
  enginePassword: key(
    'ENGINE_PASSWORD',
    'Password of ENGINE_USER (in production: a secret of your own; the development default is refused).',
    DEVELOPMENT_ENGINE_PASSWORD,
    str,
  ),
  engineJobMaxWaitMs: key(
    'ENGINE_JOB_MAX_WAIT_MS',
    "Longest idle back-off of the engine's job executor: SLA timers fire at most this late.",
    10000,
    int(100, 600000),
  ),
  engineInteractiveTimeoutMs: key(
    'ENGINE_INTERACTIVE_TIMEOUT_MS',
    'Timeout of an engine call a person waits on (api requests). A command not answered in time is finished by the relay.',
    5000,
    int(200, 120000),
  ),
  engineBackgroundTimeoutMs: key(
    'ENGINE_BACKGROUND_TIMEOUT_MS',
    'Timeout of an engine call in background work (workers, relay, reconciler).',
    30000,
    int(500, 600000),
  ),
  commandRecoveryDelayS: key(
    'COMMAND_RECOVERY_DELAY_S',
    "The relay's period: every this many seconds it carries out the engine commands pending at least this long (a request did not finish them).",
    10,
    int(1, 3600),
  ),
  reconcileWindowHours: key(
    'RECONCILE_WINDOW_HOURS',
    'How far back the reconciler compares dossiers and engine instances: a first pass, or a check whose repair failed.',
    24,
    int(1, 24 * 365),
  ),
  reconcileGraceS: key(
    'RECONCILE_GRACE_S',
    'How old a divergence must be before the reconciler repairs it (changes in flight are left alone).',
    60,
    int(0, 86400),
  ),
  engineStartTimeoutS: key('ENGINE_START_TIMEOUT_S', 'How long npm start waits for the engine to answer.', 180, int(10, 3600)),

  // api
  apiHost: key('API_HOST', 'Interface the api listens on.', '127.0.0.1', str),
  apiPort: key('API_PORT', 'Port of the api.', 3000, int(0, 65535)),
  publicUrl: key('PUBLIC_URL', 'Address at which citizens and officers open motcua (links in documents, QR codes).', undefined as string | undefined, url),
  trustProxy: key(
    'TRUST_PROXY',
    "Which proxies in front of the api are trusted to give the client's address (X-Forwarded-For), as Express reads it: a number of hops, or addresses and subnets separated by commas (loopback, uniquelocal, 10.0.0.0/8). Rate limits count per client address, so behind a balancer set this.",
    'loopback',
    trustProxy,
  ),
  cookieSecure: key('COOKIE_SECURE', 'Send the session cookie over HTTPS only. Turn on behind TLS.', false, bool),
  sessionTtlHours: key('SESSION_TTL_HOURS', 'Idle lifetime of a login session.', 12, int(1, 24 * 30)),
  adminTotpRequired: key(
    'ADMIN_TOTP_REQUIRED',
    'Administrators must use a second factor (an authenticator app): until they enrol one they can do nothing else. Unset: required in production only.',
    undefined as boolean | undefined,
    bool,
  ),
  totpEncryptionKey: key(
    'TOTP_ENCRYPTION_KEY',
    'Key that encrypts the second-factor (TOTP) secrets in the database (AES-256-GCM): 32 random bytes in base64 (openssl rand -base64 32). In production a key of your own (the development key is refused), kept apart from the database backups: without it every second factor must be enrolled again.',
    DEVELOPMENT_TOTP_ENCRYPTION_KEY,
    aes256Key,
  ),
  loginRateLimit: key('LOGIN_RATE_LIMIT', 'Login attempts per client address per 15 minutes.', 20, int(1, 100000)),
  submitRateLimit: key('SUBMIT_RATE_LIMIT', 'Dossier submissions per account per hour.', 60, int(1, 1000000)),
  trackRateLimit: key('TRACK_RATE_LIMIT', 'Public look-ups of a dossier by its code per client address per minute.', 60, int(1, 1000000)),
  uploadMaxBytes: key('UPLOAD_MAX_BYTES', 'Largest attachment accepted, in bytes.', 10 * 1024 * 1024, int(1024, 1024 * 1024 * 1024)),
  uploadMaxFiles: key('UPLOAD_MAX_FILES', 'Most attachments in one submission.', 20, int(1, 1000)),

  // single sign-on (OpenID Connect)
  oidcIssuer: key(
    'OIDC_ISSUER',
    "Issuer URL of the OpenID Connect provider (the national portal's or a VNeID-style one); unset: local passwords only.",
    undefined as string | undefined,
    url,
  ),
  oidcClientId: key('OIDC_CLIENT_ID', 'Client id of motcua at the OpenID provider.', undefined as string | undefined, str),
  oidcClientSecret: key('OIDC_CLIENT_SECRET', 'Client secret of motcua at the OpenID provider.', undefined as string | undefined, str),
  oidcName: key('OIDC_NAME', 'What the login button calls the provider («Đăng nhập bằng …»).', 'VNeID', str),
  oidcScopes: key('OIDC_SCOPES', 'Scopes asked of the provider, separated by spaces.', 'openid profile', str),
  oidcIdNumberClaim: key(
    'OIDC_ID_NUMBER_CLAIM',
    "The claim carrying the citizen's identity number (CCCD); a number in it is a verified identity.",
    'id_number',
    str,
  ),
  oidcRedirectUri: key(
    'OIDC_REDIRECT_URI',
    'Where the provider sends the browser back (registered with it). Unset: PUBLIC_URL + /api/auth/oidc/callback.',
    undefined as string | undefined,
    url,
  ),
  oidcClockToleranceS: key('OIDC_CLOCK_TOLERANCE_S', "Seconds of clock difference allowed when checking a token's times.", 30, int(0, 600)),

  // result return by public post (bưu chính công ích)
  postalApiUrl: key(
    'POSTAL_API_URL',
    "Base URL of the public postal service's consignment API (results sent by post); unset: applicants cannot choose post.",
    undefined as string | undefined,
    url,
  ),
  postalApiKey: key('POSTAL_API_KEY', "motcua's key at the postal service's API (sent as a Bearer token).", 'development', str),

  // workers
  workerMaxTasks: key('WORKER_MAX_TASKS', 'External tasks one worker process handles at once.', 8, int(1, 1000)),
  workerLockMs: key(
    'WORKER_LOCK_MS',
    "How long a fetched task stays locked to its worker; extended while its handler runs, so a crashed worker's task is redelivered soon after.",
    10000,
    int(500, 3600000),
  ),
  jobConcurrency: key(
    'JOB_CONCURRENCY',
    'Background jobs (engine-command relay, reconciliation, notification delivery, purges) one worker process runs at once.',
    4,
    int(1, 100),
  ),
  jobPollIntervalMs: key(
    'JOB_POLL_INTERVAL_MS',
    'How often the job runner looks for jobs that became due (new ones arrive at once by LISTEN/NOTIFY).',
    1000,
    int(100, 60000),
  ),
  workerLongPollMs: key('WORKER_LONG_POLL_MS', 'Long-polling wait of a fetch when no task is ready.', 20000, int(0, 600000)),
  workerPollIntervalMs: key(
    'WORKER_POLL_INTERVAL_MS',
    "Pause between a worker's fetches of external tasks: tasks that become ready meanwhile come in one fetch, which spares the engine a fetch per task under load; a task waits at most this long more.",
    250,
    int(0, 60000),
  ),
  workerRetries: key('WORKER_RETRIES', 'Attempts of a failing external task before it becomes an incident.', 3, int(1, 100)),
  workerRetryBackoffMs: key('WORKER_RETRY_BACKOFF_MS', 'First retry delay of a failing task; doubled at each attempt.', 5000, int(0, 3600000)),
  workerFaultExitBeforeComplete: key(
    'WORKER_FAULT_EXIT_BEFORE_COMPLETE',
    'Fault injection for crash tests only: comma-separated topics whose handler kills the worker process after its side effects and before completing the task. Leave empty.',
    '',
    str,
  ),

  // signing
  signingKeyFile: key(
    'SIGNING_KEY_FILE',
    "PEM PKCS#8 private key of the agency's signing certificate. Unset: a development key under DATA_DIR/pki, generated at first start.",
    undefined as string | undefined,
    str,
  ),
  signingCertFile: key('SIGNING_CERT_FILE', 'PEM certificate chain (signer first) matching SIGNING_KEY_FILE.', undefined as string | undefined, str),
  signingAgenciesDir: key(
    'SIGNING_AGENCIES_DIR',
    "Agencies' own signing keys: <dir>/<agency code>/signing-key.pem and signing-chain.pem; an agency without its own signs with its nearest ancestor's, else SIGNING_KEY_FILE's. Unset: DATA_DIR/pki/agencies (development certificates made there on first use when SIGNING_KEY_FILE is unset).",
    undefined as string | undefined,
    str,
  ),

  // online payment (VNPAY 2.1.0; the national payment platform plugs into the same interface)
  vnpayPayUrl: key(
    'VNPAY_PAY_URL',
    "The VNPAY gateway's payment page (e.g. https://sandbox.vnpayment.vn/paymentv2/vpcpay.html). Unset: no online payment (fees are paid at the counter); npm start then runs the development gateway (dev-tools/vnpay-gateway.ts). Its IPN goes to PUBLIC_URL/api/payments/vnpay/ipn, registered at the gateway.",
    undefined as string | undefined,
    url,
  ),
  vnpayTmnCode: key('VNPAY_TMN_CODE', 'Merchant code (vnp_TmnCode) motcua has at VNPAY.', undefined as string | undefined, str),
  vnpayHashSecret: key(
    'VNPAY_HASH_SECRET',
    'Secret with which VNPAY and motcua sign (HMAC-SHA512) what they send each other.',
    undefined as string | undefined,
    str,
  ),
  paymentReturnUrl: key(
    'PAYMENT_RETURN_URL',
    "Where the gateway sends the payer's browser back. Unset: PUBLIC_URL/thanh-toan/ket-qua.",
    undefined as string | undefined,
    url,
  ),
  paymentAttemptMinutes: key(
    'PAYMENT_ATTEMPT_MINUTES',
    'How long a payer has at the gateway (vnp_ExpireDate) before the attempt expires.',
    15,
    int(5, 24 * 60),
  ),
  // messages (mail and SMS; the in-account notification is always there)
  notifyDefaultChannels: key(
    'NOTIFY_DEFAULT_CHANNELS',
    'Outside channels of an account whose holder chose none, separated by commas: email, sms (none: in-account only). Each person changes theirs on the notification settings page.',
    ['email'] as ('email' | 'sms')[],
    channelList,
  ),
  smtpUrl: key(
    'SMTP_URL',
    'SMTP server mail is sent through: smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465. Unset: no mail is sent (npm start on a development machine sends it to its local mail catcher, see MAIL_CATCHER_PORT).',
    undefined as string | undefined,
    smtpUrl,
  ),
  mailFrom: key('MAIL_FROM', 'Sender of the mail (From:).', 'Một cửa điện tử <khong-tra-loi@motcua.local>', str),
  smsProviderUrl: key(
    'SMS_PROVIDER_URL',
    "Send endpoint of the SMS provider: a JSON POST {to, text, sender, reference} with the API key in the X-Api-Key header, answered with {messageId}; the reference is motcua's delivery id, for the provider to drop a repeated send. Unset: no SMS is sent.",
    undefined as string | undefined,
    url,
  ),
  smsApiKey: key('SMS_API_KEY', 'API key of the SMS provider.', undefined as string | undefined, str),
  smsSender: key('SMS_SENDER', 'Registered sender name (brandname) of the SMS.', 'MOTCUA', str),
  notifySendTimeoutMs: key(
    'NOTIFY_SEND_TIMEOUT_MS',
    'How long one send to the SMTP server or the SMS provider may take before it counts as failed (and is tried again).',
    15000,
    int(500, 600000),
  ),
  mailCatcherPort: key(
    'MAIL_CATCHER_PORT',
    'npm start without SMTP_URL: port of the local mail catcher, an SMTP server that keeps every mail as a .eml file under DATA_DIR/mail instead of sending it (0: no catcher, no mail). Not started in production.',
    1025,
    int(0, 65535),
  ),

  // logs and demo
  logLevel: key('LOG_LEVEL', 'pino log level.', 'info' as const, oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent')),
  publishApproval: key('PUBLISH_APPROVAL', "Publishing a procedure needs a second administrator's approval (four eyes).", false, bool),
  seedDemo: key('SEED_DEMO', 'Seed demo org units and accounts at start.', true, bool),
};

type Spec = typeof configSpec;
export type Config = { [K in keyof Spec]: Spec[K] extends KeySpec<infer T> ? T : never };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates every key from `env` (default: the process environment).
 * @throws ConfigError listing every invalid key, so a bad deployment stops at boot with one clear message.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(configSpec) as [string, KeySpec<unknown>][]) {
    if (name in overrides) {
      out[name] = (overrides as Record<string, unknown>)[name];
      continue;
    }
    const raw = env[spec.env];
    if (raw === undefined || raw === '') {
      out[name] = typeof spec.default === 'function' ? (spec.default as () => unknown)() : spec.default;
      continue;
    }
    try {
      out[name] = spec.parse(raw);
    } catch (e) {
      problems.push(`${spec.env}=${JSON.stringify(raw)}: ${(e as Error).message}`);
    }
  }
  if (!problems.length) problems.push(...productionProblems(out as Config));
  if (problems.length) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return out as Config;
}

/** In production, each development default still in use, named (a public machine must not run on them). */
export function productionProblems(c: Config): string[] {
  if (c.nodeEnv !== 'production') return [];
  const problems: string[] = [];
  if (c.enginePassword === DEVELOPMENT_ENGINE_PASSWORD)
    problems.push('ENGINE_PASSWORD: the development password is refused in production; set a secret of your own');
  if (c.totpEncryptionKey === DEVELOPMENT_TOTP_ENCRYPTION_KEY)
    problems.push('TOTP_ENCRYPTION_KEY: the development key is refused in production; set 32 random bytes of your own (openssl rand -base64 32)');
  if (!c.signingKeyFile || !c.signingCertFile)
    problems.push("SIGNING_KEY_FILE, SIGNING_CERT_FILE: the development signer is refused in production; give the agency's key and certificate");
  if (!c.databaseUrl) problems.push('DATABASE_URL: the embedded PostgreSQL is for development; give the production server');
  if (c.seedDemo) problems.push('SEED_DEMO: demo accounts with known passwords are refused in production; set SEED_DEMO=false');
  if (!c.publicUrl) problems.push('PUBLIC_URL: documents and QR codes need the public address');
  if (c.oidcIssuer && new URL(c.oidcIssuer).protocol !== 'https:') problems.push('OIDC_ISSUER: the provider must be reached over https in production');
  if (c.vnpayPayUrl && (!c.vnpayTmnCode || !c.vnpayHashSecret))
    problems.push('VNPAY_TMN_CODE, VNPAY_HASH_SECRET: online payment (VNPAY_PAY_URL) needs the merchant code and secret');
  return problems;
}

/** The `.env.example` text: every key with its documentation and default. */
export function envExample(): string {
  const lines = ['# motcua configuration. Every key is optional; the value shown is the default.', ''];
  for (const spec of Object.values(configSpec) as KeySpec<unknown>[]) {
    lines.push(`# ${spec.doc}`);
    const def = typeof spec.default === 'function' ? '' : spec.default;
    lines.push(`# ${spec.env}=${def === undefined ? '' : String(def)}`, '');
  }
  return lines.join('\n');
}

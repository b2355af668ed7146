/**
 * The service layer, wired from its parts. The api and the workers build it once per process from their
 * config; tests build it from theirs. Nothing here is a hidden singleton.
 */
import path from 'node:path';
import type { Config } from './config/config.ts';
import type { Db } from './db/db.ts';
import { EngineClient } from './engine/engine.client.ts';
import { createAccountsService } from './accounts/accounts.service.ts';
import { createCalendarsService } from './calendars/calendars.service.ts';
import { createOrgUnitsService } from './org-units/org-units.service.ts';
import { createDossiersService } from './dossiers/dossiers.service.ts';
import { createApologiesService } from './dossiers/apologies.service.ts';
import { createControlSheetService } from './dossiers/control-sheet.service.ts';
import { createCounterService } from './dossiers/counter.service.ts';
import { createDraftsService } from './dossiers/drafts.service.ts';
import { createRatingsService } from './dossiers/ratings.service.ts';
import { createCounterRatingService } from './dossiers/counter-rating.service.ts';
import { createQuestionnairesService } from './dossiers/questionnaires.service.ts';
import { createUploadsService } from './dossiers/uploads.service.ts';
import { createPapersService } from './papers/papers.service.ts';
import { createIdentityService } from './accounts/identity.service.ts';
import { createPeopleService } from './accounts/people.service.ts';
import { createSecondFactorService } from './accounts/second-factor.service.ts';
import { createOrganisationsService } from './accounts/organisations.service.ts';
import { createSsoService, type SsoSettings } from './accounts/sso.service.ts';
import { createRateLimitsService } from './rate-limits/rate-limits.service.ts';
import { createWorkspaceService } from './dossiers/workspace.service.ts';
import { createLifecycleService } from './dossiers/lifecycle.service.ts';
import { createReceptionService } from './dossiers/reception.service.ts';
import { createResultsService } from './documents/results.service.ts';
import { createVerificationService } from './documents/verification.service.ts';
import { createDraftResults } from './documents/draft-result.service.ts';
import { createNoticesService } from './documents/notices.service.ts';
import { createDeliveryService } from './delivery/delivery.service.ts';
import { httpPostalService, type PostalService } from './delivery/postal.client.ts';
import { createNotificationsService, type NotificationChannel } from './notifications/notifications.service.ts';
import { channelsFrom } from './notifications/channels.ts';
import { createPasswordResetService } from './accounts/password-reset.service.ts';
import { createProceduresService } from './procedures/procedures.service.ts';
import { createSlaService } from './sla/sla.service.ts';
import { createStudioService } from './procedures/studio.service.ts';
import { createTasksService } from './tasks/tasks.service.ts';
import { createEngineCommands } from './engine-commands/engine-commands.service.ts';
import { createReconciler } from './reconciliation/reconciler.service.ts';
import { ensureDevPki } from './signing/dev-pki.ts';
import { LocalKeySigner } from './signing/local-key-signer.ts';
import type { Signer } from './signing/signer.ts';
import { agencySigners } from './signing/agency-signers.ts';
import { createReportsService } from './reports/reports.service.ts';
import { createPublicStatistics } from './reports/public-statistics.ts';
import { createIndicatorsService } from './reports/indicators.service.ts';
import { createAuditService } from './audit/audit.service.ts';
import { createUrgeService } from './dossiers/urge.service.ts';
import { systemClock, type Clock } from './time/clock.ts';
import { createPaymentsService } from './payments/payments.service.ts';
import { vnpayGateway, type PaymentGateway } from './payments/payment-gateway.ts';

export interface ServiceDeps {
  config: Config;
  db: Db;
  engine: EngineClient;
  /** the agency's signer: the workers sign results, the api apology letters */
  signer?: Signer;
  /** the outside channels of notifications (default: those the config turns on) */
  notificationChannels?: NotificationChannel[];
  /** the postal service results are posted through (default: the configured POSTAL_API_URL, if any) */
  postal?: PostalService;
  /** the time the rules read (tests move their own) */
  clock?: Clock;
}

/**
 * The engine client of a process: `interactive` (the api: people wait on its calls, so they time out soon
 * and a command not answered in time is left to the relay) or `background` (workers, jobs).
 */
export function engineClientFrom(config: Config, engineUrl: string, use: 'interactive' | 'background' = 'background'): EngineClient {
  return new EngineClient({
    baseUrl: engineUrl,
    user: config.engineUser,
    password: config.enginePassword,
    timeoutMs: use === 'interactive' ? config.engineInteractiveTimeoutMs : config.engineBackgroundTimeoutMs,
  });
}

/** The configured signer, or the development certificate under DATA_DIR/pki (created on first use). */
export async function signerFrom(config: Config): Promise<Signer> {
  if (config.signingKeyFile && config.signingCertFile) return LocalKeySigner.fromFiles(config.signingKeyFile, config.signingCertFile);
  const files = await ensureDevPki(path.join(config.dataDir, 'pki'));
  return LocalKeySigner.fromFiles(files.keyFile, files.certFile);
}

/** The single sign-on settings, when a provider is configured. */
function ssoSettings(config: Config, publicUrl: string): SsoSettings | undefined {
  if (!config.oidcIssuer) return undefined;
  if (!config.oidcClientId) throw new Error('OIDC_CLIENT_ID: single sign-on (OIDC_ISSUER) needs the client id registered at the provider');
  const redirectUri = config.oidcRedirectUri ?? `${publicUrl}/api/auth/oidc/callback`;
  return {
    issuer: config.oidcIssuer,
    clientId: config.oidcClientId,
    clientSecret: config.oidcClientSecret,
    name: config.oidcName,
    scopes: config.oidcScopes,
    idNumberClaim: config.oidcIdNumberClaim,
    redirectUri,
    postLogoutRedirectUri: `${new URL(redirectUri).origin}/dang-nhap`,
    clockToleranceS: config.oidcClockToleranceS,
  };
}

/** The online payment gateway configured (VNPAY), or none: fees are then paid at the counter. */
export function paymentGatewayFrom(config: Config, publicUrl: string): PaymentGateway | undefined {
  if (!config.vnpayPayUrl) return undefined;
  if (!config.vnpayTmnCode || !config.vnpayHashSecret)
    throw new Error('VNPAY_TMN_CODE, VNPAY_HASH_SECRET: online payment (VNPAY_PAY_URL) needs the merchant code and secret');
  return vnpayGateway({
    payUrl: config.vnpayPayUrl,
    tmnCode: config.vnpayTmnCode,
    secret: config.vnpayHashSecret,
    returnUrl: config.paymentReturnUrl ?? `${publicUrl}/thanh-toan/ket-qua`,
  });
}

export function publicUrlOf(config: Config): string {
  return config.publicUrl ?? `http://${config.apiHost === '0.0.0.0' ? 'localhost' : config.apiHost}:${config.apiPort}`;
}

export function createServices({ config, db, engine, signer, notificationChannels, postal, clock = systemClock }: ServiceDeps) {
  const publicUrl = publicUrlOf(config);
  // each agency signs with its own certificate (development: made in its name on first use)
  const signers = signer
    ? agencySigners({
        db,
        dir: config.signingAgenciesDir ?? path.join(config.dataDir, 'pki', 'agencies'),
        fallback: signer,
        development: !config.signingKeyFile,
      })
    : undefined;
  const procedures = createProceduresService({ db, engine });
  const channels = notificationChannels ?? channelsFrom(config);
  const notifications = createNotificationsService({
    db,
    channels,
    defaultChannels: config.notifyDefaultChannels,
    publicUrl,
    // an attempt outlives every timeout of one send by far: past this its process is gone
    staleAttemptMs: config.notifySendTimeoutMs * 4,
  });
  const calendars = createCalendarsService({ db });
  const sla = createSlaService({ db, engine, procedures, notifications, calendars, clock });
  const commands = createEngineCommands({ db, engine, recoveryDelaySeconds: config.commandRecoveryDelayS });
  const tasks = createTasksService({ db, engine, commands, procedures, sla, clock });
  const secondFactor = createSecondFactorService({ db, secretKey: config.totpEncryptionKey });
  const accounts = createAccountsService({ db, sessionTtlHours: config.sessionTtlHours, secondFactor });
  const passwordResets = createPasswordResetService({ db, channels });
  const identity = createIdentityService({ db });
  const orgUnits = createOrgUnitsService({ db });
  const delivery = createDeliveryService({
    db,
    procedures,
    notifications,
    postal: postal ?? (config.postalApiUrl ? httpPostalService({ baseUrl: config.postalApiUrl, apiKey: config.postalApiKey }) : undefined),
    clock,
  });
  const dossiers = createDossiersService({ db, accounts, identity, engine, commands, procedures, sla, uploadMaxBytes: config.uploadMaxBytes, clock, delivery });
  const reports = createReportsService({ db, engine, clock });
  const indicators = createIndicatorsService({ db, reports, clock });
  const ratings = createRatingsService({ db, engine });
  const payments = createPaymentsService({
    db,
    commands,
    procedures,
    notifications,
    sla,
    gateway: paymentGatewayFrom(config, publicUrl),
    attemptMinutes: config.paymentAttemptMinutes,
    clock,
  });
  return {
    db,
    engine,
    clock,
    commands,
    reconciler: createReconciler({
      db,
      engine,
      commands,
      procedures,
      tasks: () => tasks,
      windowHours: config.reconcileWindowHours,
      graceSeconds: config.reconcileGraceS,
    }),
    accounts,
    passwordResets,
    identity,
    orgUnits,
    people: createPeopleService({ db, orgUnits, secondFactor, tasks }),
    secondFactor,
    organisations: createOrganisationsService({ db }),
    sso: createSsoService({ db, accounts, settings: ssoSettings(config, publicUrl) }),
    procedures,
    studio: createStudioService({ db, procedures, publishApproval: config.publishApproval }),
    notifications,
    calendars,
    sla,
    reports,
    indicators,
    publicStatistics: createPublicStatistics({ db, indexRanking: indicators.publicRanking }),
    audit: createAuditService({ db, engine, procedures }),
    urge: createUrgeService({ db, engine, notifications, procedures, clock }),
    dossiers,
    counter: createCounterService({ db, dossiers, tasks, engine, procedures }),
    tasks,
    draftResults: createDraftResults({ db, tasks, publicUrl, clock }),
    apologies: createApologiesService({ db, tasks, procedures, sla, notifications, signers, clock }),
    lifecycle: createLifecycleService({ db, commands, procedures, notifications, clock }),
    controlSheet: createControlSheetService({ db, engine, procedures, clock }),
    rateLimits: createRateLimitsService({ db }),
    uploads: createUploadsService({ db, procedures, uploadMaxBytes: config.uploadMaxBytes }),
    papers: createPapersService({ db, procedures, uploadMaxBytes: config.uploadMaxBytes }),
    drafts: createDraftsService({ db, procedures }),
    ratings,
    payments,
    questionnaires: createQuestionnairesService({ db }),
    counterRating: createCounterRatingService({ db, ratings, procedures, clock }),
    workspace: createWorkspaceService({ db, engine, procedures, clock }),
    reception: createReceptionService({ db, procedures, sla, notifications, identity, publicUrl, clock }),
    results: signers ? createResultsService({ db, procedures, notifications, signers, publicUrl, delivery }) : undefined,
    delivery,
    notices: createNoticesService({ db, procedures, signers, clock }),
    verification: createVerificationService({ db, procedures }),
  };
}

export type Services = ReturnType<typeof createServices>;

/**
 * The one registry of background jobs: job → service call, and which run on a schedule. Entry points like
 * the topic handlers: parse the payload, call a service. Failures throw, and the queue retries with back-off.
 */
import { JobName } from '@motcua/domain/jobs/job-queue.ts';
import type { Services } from '@motcua/domain/services.ts';

function stringField(payload: Record<string, unknown>, name: string): string {
  const v = payload[name];
  if (typeof v !== 'string' || !v) throw new Error(`job payload needs ${name}`);
  return v;
}

export function jobHandlers(services: Services): Record<JobName, (payload: Record<string, unknown>) => Promise<void>> {
  return {
    [JobName.EngineCommands]: async (p) => {
      // (a job queued per dossier by an earlier version: its commands; otherwise a round of the relay)
      if (p.dossierId !== undefined) await services.commands.runDossier(stringField(p, 'dossierId'));
      else await services.commands.relay();
    },
    [JobName.DeliverNotification]: (p) => services.notifications.deliver(stringField(p, 'notificationId')),
    [JobName.Reconcile]: async () => {
      // (the relay's chain of rounds, should it ever have ended)
      await services.commands.scheduleRelay();
      await services.reconciler.reconcile();
    },
    [JobName.PurgeUploads]: async () => {
      await services.uploads.purgeUnused();
    },
    [JobName.PurgeRateLimits]: async () => {
      await services.rateLimits.purgeEnded();
    },
    [JobName.FoldReportCounts]: async () => {
      await services.reports.foldCounts();
    },
    [JobName.TrackConsignments]: async () => {
      await services.delivery.trackConsignments();
    },
  };
}

/** Cron patterns (minute hour day month weekday), in the server's time zone. */
export const schedules: { name: JobName; pattern: string }[] = [
  { name: JobName.Reconcile, pattern: '* * * * *' },
  // files uploaded for applications never submitted (nor kept in a draft) go after a week
  { name: JobName.PurgeUploads, pattern: '17 * * * *' },
  { name: JobName.PurgeRateLimits, pattern: '*/10 * * * *' },
  { name: JobName.FoldReportCounts, pattern: '* * * * *' },
  // posted results: the postal service is asked after each parcel every minute (polling; no callback to expose)
  { name: JobName.TrackConsignments, pattern: '* * * * *' },
];

/**
 * Every text of the web app: [Vietnamese, English]. `{name}` marks a value filled in.
 * Each area keeps its texts in `messages/<area>.ts`, under the key prefixes it owns (a key under another
 * area's prefix does not compile there), so the areas never share a key.
 */
import { appMessages } from './messages/app.ts';
import { dossierTermsMessages } from './messages/dossier-terms.ts';
import { catalogueMessages } from './messages/catalogue.ts';
import { accountMessages } from './messages/account.ts';
import { applyMessages } from './messages/apply.ts';
import { profileMessages } from './messages/profile.ts';
import { myDossiersMessages } from './messages/my-dossiers.ts';
import { trackMessages } from './messages/track.ts';
import { inboxMessages } from './messages/inbox.ts';
import { taskMessages } from './messages/task.ts';
import { counterMessages } from './messages/counter.ts';
import { officerDossierMessages } from './messages/officer-dossier.ts';
import { unitMessages } from './messages/unit.ts';
import { organisationsMessages } from './messages/organisations.ts';
import { peopleMessages } from './messages/people.ts';
import { unitsMessages } from './messages/units.ts';
import { studioMessages } from './messages/studio.ts';
import { holidaysMessages } from './messages/holidays.ts';
import { reportMessages, satisfactionMessages } from './messages/report.ts';
import { statisticsMessages } from './messages/statistics.ts';
import { auditMessages } from './messages/audit.ts';
import { urgeMessages } from './messages/urge.ts';
import { dashboardMessages } from './messages/dashboard.ts';
import { indicatorsMessages } from './messages/indicators.ts';
import { ratingFormMessages } from './messages/rating-form.ts';
import { deliveryMessages } from './messages/delivery.ts';
import { paymentMessages } from './messages/payment.ts';
import { notificationsMessages } from './messages/notifications.ts';
import { papersMessages } from './messages/papers.ts';
import { verifyMessages } from './messages/verify.ts';
import { officerWorkMessages } from './messages/officer-work.ts';
import { workingTimeMessages } from './messages/working-time.ts';
import { citizenDossierMessages } from './messages/citizen-dossier.ts';
import { inAppNotificationsMessages } from './messages/in-app-notifications.ts';
import { passwordResetMessages } from './messages/password-reset.ts';

export const messages = {
  ...appMessages,
  ...dossierTermsMessages,
  ...catalogueMessages,
  ...accountMessages,
  ...applyMessages,
  ...profileMessages,
  ...myDossiersMessages,
  ...trackMessages,
  ...inboxMessages,
  ...taskMessages,
  ...counterMessages,
  ...officerDossierMessages,
  ...unitMessages,
  ...organisationsMessages,
  ...peopleMessages,
  ...unitsMessages,
  ...studioMessages,
  ...holidaysMessages,
  ...reportMessages,
  ...satisfactionMessages,
  ...statisticsMessages,
  ...auditMessages,
  ...urgeMessages,
  ...dashboardMessages,
  ...indicatorsMessages,
  ...ratingFormMessages,
  ...deliveryMessages,
  ...paymentMessages,
  ...notificationsMessages,
  ...papersMessages,
  ...verifyMessages,
  ...officerWorkMessages,
  ...workingTimeMessages,
  ...citizenDossierMessages,
  ...inAppNotificationsMessages,
  ...passwordResetMessages,
} as const;

export type MessageKey = keyof typeof messages;

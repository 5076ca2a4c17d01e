import { z } from 'zod';
import { backendEnvSchema, envBoolean, envInteger, envPort, envUrl } from '@portail/config';
import { DEFAULT_HTTP_PORTS } from '@portail/contracts';

export const notificationEnvSchema = backendEnvSchema.extend({
  HTTP_PORT: envPort(DEFAULT_HTTP_PORTS.notification),
  /** e.g. `smtp://mailpit:1025`; absent: e-mails are logged (recipient and template) and kept in the database. */
  SMTP_URL: envUrl(['smtp', 'smtps']).optional(),
  MAIL_FROM: envString('Portail Famille <no-reply@portail-famille.localhost>'),
  /** Base of the links in e-mails (the families' web front end). */
  PORTAL_URL: envUrl(['http', 'https'], 'http://localhost:3000'),
  PORTAL_NAME: envString('Portail Famille'),
  ORGANISATION_NAME: envString('Vichy Communauté'),
  SMTP_MAX_ATTEMPTS: envInteger(8, 1, 100, 'a number of attempts'),
  /** First retry delay; each further attempt waits twice as long (capped at one hour). */
  SMTP_RETRY_BASE_MS: envInteger(30_000, 10, 3_600_000, 'a delay in milliseconds'),
  MAIL_POLL_INTERVAL_MS: envInteger(1_000, 10, 60_000, 'a delay in milliseconds'),
  /**
   * E-mails that anyone can make the portal send to an address (sign-up, verification resent,
   * forgotten password, e-mail change): at most this many per address in 24 hours.
   */
  UNSOLICITED_EMAILS_PER_RECIPIENT_PER_DAY: envInteger(5, 1, 1000, 'a number of e-mails'),
  // Retention of personal data (the purge job, services/notification/src/retention/).
  RETENTION_JOB_ENABLED: envBoolean(true),
  RETENTION_INTERVAL_MS: envInteger(3_600_000, 1_000, 86_400_000, 'a number of milliseconds'),
  /**
   * Sent, failed and cancelled e-mails (recipient, subject) this long after they were queued;
   * at least 2 days, since the cap on unsolicited e-mails counts the last 24 hours.
   */
  OUTGOING_MESSAGES_RETENTION_DAYS: envInteger(90, 2, 3650, 'a number of days'),
  /** In-app notices this long after they were created. */
  NOTIFICATIONS_RETENTION_DAYS: envInteger(365, 7, 3650, 'a number of days'),
});

function envString(defaultValue: string) {
  return z.string().min(1, 'must not be empty').optional().default(defaultValue);
}

export type NotificationConfig = z.infer<typeof notificationEnvSchema>;

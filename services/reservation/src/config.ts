import { backendEnvSchema, envBoolean, envInteger, envPort } from '@portail/config';
import { DEFAULT_HTTP_PORTS } from '@portail/contracts';
import type { z } from 'zod';

export const reservationEnvSchema = backendEnvSchema.extend({
  HTTP_PORT: envPort(DEFAULT_HTTP_PORTS.reservation),
  /** Runs the timed jobs (offer expiry, bookings whose day passed) in this replica's loop. */
  RESERVATION_JOBS_ENABLED: envBoolean(true),
  /** How often the expiry job runs (once across replicas). */
  BOOKINGS_EXPIRY_INTERVAL_MS: envInteger(60_000, 1_000, 86_400_000, 'a number of milliseconds'),
  // Retention of personal data (the purge job, services/reservation/src/retention/).
  RETENTION_JOB_ENABLED: envBoolean(true),
  RETENTION_INTERVAL_MS: envInteger(3_600_000, 1_000, 86_400_000, 'a number of milliseconds'),
  /** Bookings, attendance, patterns and rights, this long after the end of their school year. */
  BOOKINGS_RETENTION_DAYS: envInteger(730, 365, 3650, 'a number of days'),
  /** A calendar feed, this long after the last right of its child readable by its account ended. */
  CALENDAR_FEEDS_RETENTION_DAYS: envInteger(30, 1, 3650, 'a number of days'),
});

export type ReservationConfig = z.infer<typeof reservationEnvSchema>;

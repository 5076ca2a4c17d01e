import { backendEnvSchema, envBoolean, envInteger, envPort } from '@portail/config';
import { DEFAULT_HTTP_PORTS } from '@portail/contracts';
import type { z } from 'zod';

export const reservationEnvSchema = backendEnvSchema.extend({
  HTTP_PORT: envPort(DEFAULT_HTTP_PORTS.reservation),
  /** Runs the timed jobs (offer expiry, bookings whose day passed) in this replica's loop. */
  RESERVATION_JOBS_ENABLED: envBoolean(true),
  /** How often the expiry job runs (once across replicas). */
  BOOKINGS_EXPIRY_INTERVAL_MS: envInteger(60_000, 1_000, 86_400_000, 'a number of milliseconds'),
});

export type ReservationConfig = z.infer<typeof reservationEnvSchema>;

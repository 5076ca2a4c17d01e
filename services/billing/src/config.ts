import { backendEnvSchema, envBoolean, envInteger, envPort } from '@portail/config';
import { DEFAULT_HTTP_PORTS } from '@portail/contracts';
import type { z } from 'zod';

export const billingEnvSchema = backendEnvSchema.extend({
  HTTP_PORT: envPort(DEFAULT_HTTP_PORTS.billing),
  /** Runs billing's timed jobs (runs left unfinished by a stopped replica) in this replica. */
  BILLING_JOBS_ENABLED: envBoolean(true),
  /** How often a run left unfinished is looked for and resumed (once across replicas). */
  BILLING_RUNS_RESUME_INTERVAL_MS: envInteger(
    30_000,
    1_000,
    86_400_000,
    'a number of milliseconds',
  ),
  /**
   * How long a run's request waits for the run: finished by then, it answers 200 with the
   * result, otherwise 202 with the run to follow. Below the gateway's SERVICE_TIMEOUT_MS.
   */
  BILLING_RUN_WAIT_MS: envInteger(2_000, 0, 60_000, 'a number of milliseconds'),
});

export type BillingConfig = z.infer<typeof billingEnvSchema>;

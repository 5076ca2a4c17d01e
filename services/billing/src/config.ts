import { z } from 'zod';
import { backendEnvSchema, envBoolean, envInteger, envPort } from '@portail/config';
import { DEFAULT_HTTP_PORTS } from '@portail/contracts';

export const billingEnvSchema = backendEnvSchema.extend({
  HTTP_PORT: envPort(DEFAULT_HTTP_PORTS.billing),
  /** Runs the overdue reminders in this replica's loop (once across replicas either way). */
  INVOICE_REMINDERS_ENABLED: envBoolean(true),
  /** How often the overdue reminders job looks for invoices past due (once across replicas). */
  INVOICE_REMINDERS_INTERVAL_MS: envInteger(
    3_600_000,
    1_000,
    86_400_000,
    'a number of milliseconds',
  ),
  /** The reminder steps: days after the due date, comma-separated (e.g. `1,15`). */
  INVOICE_REMINDER_DAYS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const steps = (value?.trim() ? value : '1,15').split(',').map((step) => Number(step.trim()));
      if (
        steps.length > 10 ||
        steps.some((step) => !Number.isInteger(step) || step < 0 || step > 365)
      ) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be up to 10 numbers of days (0-365), comma-separated',
        });
        return z.NEVER;
      }
      return [...new Set(steps)].sort((a, b) => a - b);
    }),
});

export type BillingConfig = z.infer<typeof billingEnvSchema>;

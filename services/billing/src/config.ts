import { z } from 'zod';
import { backendEnvSchema, envBoolean, envInteger, envPort, envUrl } from '@portail/config';
import { DEFAULT_HTTP_PORTS } from '@portail/contracts';

export const billingEnvSchema = backendEnvSchema.extend({
  HTTP_PORT: envPort(DEFAULT_HTTP_PORTS.billing),
  /**
   * Runs billing's timed jobs in this replica's loop (basket expiry, runs left unfinished by a
   * stopped replica; each runs once across replicas either way).
   */
  BILLING_JOBS_ENABLED: envBoolean(true),
  /** A pre-billed basket left unpaid this long expires and reservation releases its bookings. */
  BASKET_PAYMENT_DELAY_MINUTES: envInteger(60, 1, 10_080, 'a number of minutes'),
  /** How often the basket expiry job runs (once across replicas). */
  BASKET_EXPIRY_INTERVAL_MS: envInteger(60_000, 1_000, 86_400_000, 'a number of milliseconds'),
  /** How long the sandbox provider keeps a payment waiting before it expires. */
  SANDBOX_PAYMENT_LIFETIME_MINUTES: envInteger(20, 1, 1_440, 'a number of minutes'),
  /** Where the family comes back after paying online (`/paiements/<paymentId>` is added). */
  PAYMENT_RETURN_URL: envUrl(['http', 'https'], 'http://localhost:3000'),
  /** Who takes the online payments of invoices: `sandbox` (nothing leaves) or `payfip` (DGFiP). */
  PAYMENT_PROVIDER_INVOICES: z.enum(['sandbox', 'payfip']).optional().default('sandbox'),
  /** PayFIP's SOAP endpoint (one for the three modes). */
  PAYFIP_ENDPOINT: envUrl(['http', 'https'], 'https://www.payfip.gouv.fr/tpa/services/securite'),
  /** PayFIP's payment page, `?idop=<idOp>` added. */
  PAYFIP_PAYMENT_PAGE_URL: envUrl(
    ['http', 'https'],
    'https://www.payfip.gouv.fr/tpa/paiementws.web',
  ),
  /** PayFIP's mode per request: `T` test, `X` activation, `W` production. */
  PAYFIP_SAISIE: z.enum(['T', 'X', 'W']).optional().default('T'),
  /** The gateway's public address PayFIP notifies and sends families back to (`/payfip/...`). */
  PAYFIP_PUBLIC_URL: envUrl(['http', 'https'], 'http://localhost:3000/api/v1'),
  /** Where PayFIP sends its receipt when billing knows no e-mail of the family. */
  PAYFIP_DEFAULT_EMAIL: z.string().email().optional().default('regie@example.org'),
  /** A PayFIP payment whose result is still unknown (P5) this long after it started is expired. */
  PAYFIP_PENDING_LIFETIME_MINUTES: envInteger(20, 1, 1_440, 'a number of minutes'),
  /** How long one call to PayFIP may take. */
  PAYFIP_TIMEOUT_MS: envInteger(10_000, 100, 120_000, 'a number of milliseconds'),
  /** How often payments waiting on PayFIP are asked again (once across replicas). */
  PAYFIP_RECONCILE_INTERVAL_MS: envInteger(300_000, 1_000, 86_400_000, 'a number of milliseconds'),
  /** A payment waiting on PayFIP this long is asked again by the reconciliation job. */
  PAYFIP_RECONCILE_AFTER_MINUTES: envInteger(5, 0, 1_440, 'a number of minutes'),
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
  /** Who takes the card payments of pre-billed baskets: `sandbox` or `card` (PayZen / Systempay). */
  PAYMENT_PROVIDER_BASKETS: z.enum(['sandbox', 'card']).optional().default('sandbox'),
  /**
   * The régies' card shops, JSON: régie id or PayFIP number → { siteId, mode TEST|PRODUCTION,
   * testKey, productionKey }; or CARD_SHOPS_FILE, a file holding it. Secret: read as plain text,
   * checked by loadCardShops, which never quotes a key (loadConfig prints bad values).
   */
  CARD_SHOPS: z.string().optional(),
  CARD_SHOPS_FILE: z.string().optional(),
  /** The provider's payment page the family's app posts the signed form to. */
  CARD_PAYMENT_URL: envUrl(['http', 'https'], 'https://paiement.systempay.fr/vads-payment/'),
  /** The gateway's public address the provider notifies (`/card/notifications`, `vads_url_check`). */
  CARD_PUBLIC_URL: envUrl(['http', 'https'], 'http://localhost:3000/api/v1'),
  /** A card payment without a final notification this long after it started is expired. */
  CARD_PAYMENT_LIFETIME_MINUTES: envInteger(20, 1, 1_440, 'a number of minutes'),
  /** How often card payments past their lifetime are expired (once across replicas). */
  CARD_EXPIRY_INTERVAL_MS: envInteger(60_000, 1_000, 86_400_000, 'a number of milliseconds'),
  // Retention of personal data (the purge job, services/billing/src/retention/); accounting
  // records (invoices, credit notes, payments that moved money) are not purged.
  RETENTION_JOB_ENABLED: envBoolean(true),
  RETENTION_INTERVAL_MS: envInteger(3_600_000, 1_000, 86_400_000, 'a number of milliseconds'),
  /** Payments ended without money (denied, cancelled, expired, error), after they ended. */
  PAYMENT_ATTEMPTS_RETENTION_DAYS: envInteger(395, 30, 3650, 'a number of days'),
  /** Expired baskets (with their items), once no payment attempt refers to them. */
  EXPIRED_BASKETS_RETENTION_DAYS: envInteger(90, 1, 3650, 'a number of days'),
  /** Copies of bookings and attendance, this long after their day. */
  BOOKING_COPIES_RETENTION_DAYS: envInteger(730, 365, 3650, 'a number of days'),
  /** SEPA mandates revoked or lapsed that no debit used, after they ended (13 months). */
  SEPA_MANDATES_RETENTION_DAYS: envInteger(395, 30, 3650, 'a number of days'),
  /** Finished billing runs (their result lists households), after they ended. */
  BILLING_RUNS_RETENTION_DAYS: envInteger(395, 30, 3650, 'a number of days'),
  /**
   * The SEPA creditor of each régie, as JSON: `{ "<régie id or PayFIP number>": { "creditorId":
   * "FR…ZZZ…", "name": "…", "iban": "FR76…", "bic": "…" } }` (sepa/sepa-settings.ts checks it).
   * A secret: prefer SEPA_CREDITORS_FILE (a mounted file holding that JSON).
   */
  SEPA_CREDITORS: z.string().max(100_000).optional(),
  SEPA_CREDITORS_FILE: z.string().min(1).optional(),
  /** AES-256-GCM key (32 bytes, base64) that encrypts the debtors' IBANs at rest; or a file. */
  SEPA_IBAN_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes in base64 (44 characters)' })
    .optional(),
  SEPA_IBAN_KEY_FILE: z.string().min(1).optional(),
  /** Calendar days between the debit file (and the family's pre-notification) and the collection. */
  SEPA_PRENOTIFICATION_DAYS: envInteger(14, 2, 60, 'a number of days'),
  /** How often debits whose collection date passed without return count as paid (once across replicas). */
  SEPA_SETTLE_INTERVAL_MS: envInteger(3_600_000, 1_000, 86_400_000, 'a number of milliseconds'),
  /** A debit file's XML goes to the gateway in parts of this many bytes (below NATS max_payload). */
  SEPA_XML_PART_BYTES: envInteger(262_144, 1_024, 524_288, 'a number of bytes'),
});

export type BillingConfig = z.infer<typeof billingEnvSchema>;

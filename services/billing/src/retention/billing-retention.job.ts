import { retentionJobProvider, type RetentionRule } from '@portail/service-kit';
import type { BillingConfig } from '../config';

/** The cut-off (`$1`, an instant) as a day in Paris: booked days are dated in Paris. */
const PARIS_DAY = `($1::timestamptz AT TIME ZONE 'Europe/Paris')::date`;

/** An expired basket that no payment attempt refers to any more (those go first, later). */
const EXPIRED_BASKET = (
  basket: string,
) => `${basket}.status = 'expired' AND ${basket}.closed_at < $1
  AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.basket_id = ${basket}.id)`;

/**
 * What billing deletes, and when (the README's retention table lists the same): only what is not
 * an accounting record. Invoices and their lines, credit notes, payments that moved money, the
 * baskets they paid, reminders and family file numbers are the régie's accounts, kept ten years
 * and never touched here (the database refuses to change an issued invoice). The copies of
 * households and children are live data, anonymised at closure (privacy/).
 */
export function billingRetentionRules(config: BillingConfig): RetentionRule[] {
  return [
    {
      // no money moved: nothing for the accounts, only a trace for the family's questions
      table: 'payments',
      days: config.PAYMENT_ATTEMPTS_RETENTION_DAYS,
      // (a returned direct debit stays: it is a line of a file the bank collected)
      olderThan: `state IN ('denied', 'cancelled', 'expired', 'error')
        AND coalesce(settled_at, created_at) < $1
        AND NOT EXISTS (SELECT 1 FROM sepa_debits d WHERE d.payment_id = payments.id)`,
    },
    {
      // a mandate revoked or lapsed that no debit used: its (encrypted) IBAN has no more use;
      // one that was debited stays with the debit files, the régie's accounts
      table: 'sepa_mandates',
      days: config.SEPA_MANDATES_RETENTION_DAYS,
      olderThan: `state IN ('revoked', 'lapsed')
        AND coalesce(revoked_at, last_collected_on::timestamptz, consent_at) < $1
        AND NOT EXISTS (SELECT 1 FROM sepa_debits d WHERE d.mandate_id = sepa_mandates.id)`,
    },
    {
      table: 'basket_items',
      days: config.EXPIRED_BASKETS_RETENTION_DAYS,
      olderThan: `basket_id IN (SELECT b.id FROM baskets b WHERE ${EXPIRED_BASKET('b')})`,
    },
    {
      table: 'baskets',
      days: config.EXPIRED_BASKETS_RETENTION_DAYS,
      olderThan: `${EXPIRED_BASKET('baskets')}
        AND NOT EXISTS (SELECT 1 FROM basket_items i WHERE i.basket_id = baskets.id)`,
    },
    {
      // what reservation published; the invoices hold what was billed of it
      table: 'attendance',
      days: config.BOOKING_COPIES_RETENTION_DAYS,
      olderThan: `day < ${PARIS_DAY}`,
    },
    {
      table: 'booked_days',
      days: config.BOOKING_COPIES_RETENTION_DAYS,
      olderThan: `day < ${PARIS_DAY}`,
    },
    {
      // a run's result lists households and amounts; each invoice keeps its own issuer and date
      table: 'billing_runs',
      days: config.BILLING_RUNS_RETENTION_DAYS,
      olderThan: `status <> 'running' AND coalesce(finished_at, started_at) < $1`,
    },
  ];
}

/** Billing's purge, every RETENTION_INTERVAL_MS, once across replicas (`app.get(RetentionJob)`). */
export const billingRetentionJob = retentionJobProvider('billing.retention', billingRetentionRules);

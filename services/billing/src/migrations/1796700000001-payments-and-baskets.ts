import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTimedJobsTable, dropTimedJobsTable } from '@portail/service-kit';

/**
 * Payments recorded against invoices (counter and online), the pre-billed baskets with their
 * booked days, and pre-billed invoices (issued and numbered when their basket is paid, so an
 * expired basket takes no number). `invoices.paid_cents` is the sum of the paid payments, kept
 * by the same transaction that settles one (the invoice row locked); `credited_cents` is there
 * for the credit notes. The basket expiry job keeps its state in `timed_jobs`.
 */
export class PaymentsAndBaskets1796700000001 implements MigrationInterface {
  name = 'PaymentsAndBaskets1796700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE invoices DROP CONSTRAINT invoices_kind_check,
        ADD CONSTRAINT invoices_kind_check CHECK (kind IN ('post-billing', 'pre-billing')),
        ADD COLUMN IF NOT EXISTS credited_cents integer NOT NULL DEFAULT 0,
        ADD CONSTRAINT invoices_paid_cents_positive CHECK (paid_cents >= 0)`);
    // One post-billed invoice per household and month; a household pays many baskets a month.
    await queryRunner.query(
      'ALTER TABLE invoices DROP CONSTRAINT invoices_regie_id_household_id_month_kind_key',
    );
    await queryRunner.query(`
      CREATE UNIQUE INDEX invoices_one_post_billing_a_month ON invoices (regie_id, household_id, month)
      WHERE kind = 'post-billing'`);
    await queryRunner.query(`
      CREATE TABLE baskets (
        id uuid PRIMARY KEY,
        regie_id uuid NOT NULL REFERENCES regies (id),
        household_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'paid', 'expired')),
        -- Takes the household's new booked days; false once a payment of it has started.
        filling boolean NOT NULL DEFAULT true,
        opened_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        closed_at timestamptz,
        CHECK (status = 'open' OR NOT filling)
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX baskets_one_filling ON baskets (regie_id, household_id)
      WHERE status = 'open' AND filling`);
    await queryRunner.query(
      `CREATE INDEX baskets_open_by_expiry ON baskets (expires_at) WHERE status = 'open'`,
    );
    await queryRunner.query('CREATE INDEX baskets_by_household ON baskets (household_id)');
    await queryRunner.query(`
      CREATE TABLE basket_items (
        booking_id uuid PRIMARY KEY,
        basket_id uuid NOT NULL REFERENCES baskets (id),
        child_id uuid NOT NULL,
        child_name text NOT NULL,
        activity_code text NOT NULL,
        unit_code text NOT NULL,
        label text NOT NULL,
        day date NOT NULL,
        unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
        note text,
        added_at timestamptz NOT NULL,
        removed_at timestamptz,
        -- What the payment under way (then the invoice) covers, fixed when the payment starts.
        billed boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query('CREATE INDEX basket_items_by_basket ON basket_items (basket_id)');
    await queryRunner.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY,
        invoice_id uuid REFERENCES invoices (id),
        basket_id uuid REFERENCES baskets (id),
        regie_id uuid NOT NULL REFERENCES regies (id),
        household_id uuid NOT NULL,
        method text NOT NULL CHECK (method IN ('card', 'payfip', 'direct-debit', 'cash', 'cheque')),
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        state text NOT NULL
          CHECK (state IN ('waiting', 'paid', 'denied', 'cancelled', 'expired', 'error')),
        provider text,
        provider_reference text UNIQUE,
        redirect_url text,
        received_on date,
        cheque_number text,
        note text,
        recorded_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        settled_at timestamptz,
        CHECK (invoice_id IS NOT NULL OR basket_id IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX payments_by_invoice ON payments (invoice_id)');
    await queryRunner.query('CREATE INDEX payments_by_household ON payments (household_id)');
    // One online payment under way per invoice and per basket: starting again answers it.
    await queryRunner.query(`
      CREATE UNIQUE INDEX payments_one_waiting_per_invoice ON payments (invoice_id)
      WHERE state = 'waiting' AND basket_id IS NULL`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX payments_one_waiting_per_basket ON payments (basket_id)
      WHERE state = 'waiting'`);
    await createTimedJobsTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTimedJobsTable(queryRunner);
    await queryRunner.query('DROP TABLE payments');
    await queryRunner.query('DROP TABLE basket_items');
    await queryRunner.query('DROP TABLE baskets');
    await queryRunner.query('DROP INDEX invoices_one_post_billing_a_month');
    await queryRunner.query(`
      ALTER TABLE invoices DROP CONSTRAINT invoices_kind_check,
        DROP CONSTRAINT invoices_paid_cents_positive,
        DROP COLUMN credited_cents,
        ADD CONSTRAINT invoices_kind_check CHECK (kind IN ('post-billing')),
        ADD CONSTRAINT invoices_regie_id_household_id_month_kind_key
          UNIQUE (regie_id, household_id, month, kind)`);
  }
}

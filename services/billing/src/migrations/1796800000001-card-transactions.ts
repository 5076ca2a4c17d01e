import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Card payments at booking (PayZen / Systempay kind). `card_transactions` holds one transaction
 * per payment: the shop and mode it was signed for, its `vads_trans_date` and `vads_trans_id`
 * (unique per shop and day, as the provider requires), and the last verified notification (IPN)
 * the provider sent about it, which is what the card provider answers when billing asks. A
 * payment keeps the form the family's app posts to the provider's page (`payments.payment_form`,
 * signed fields only: no key is ever stored with it).
 */
export class CardTransactions1796800000001 implements MigrationInterface {
  name = 'CardTransactions1796800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE card_transactions (
        payment_id uuid PRIMARY KEY REFERENCES payments (id) ON DELETE CASCADE,
        site_id text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('TEST', 'PRODUCTION')),
        trans_date char(14) NOT NULL,
        trans_id char(6) NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        created_at timestamptz NOT NULL,
        notified_status text,
        notified_state text
          CHECK (notified_state IN ('waiting', 'paid', 'denied', 'cancelled', 'expired', 'error')),
        notified_amount_cents bigint,
        notified_at timestamptz,
        notification_count integer NOT NULL DEFAULT 0
      )`);
    // The provider refuses a transaction id seen the same day on the same shop.
    await queryRunner.query(`
      CREATE UNIQUE INDEX card_transactions_unique_per_shop_and_day
      ON card_transactions (site_id, (left(trans_date, 8)), trans_id)`);
    await queryRunner.query('ALTER TABLE payments ADD COLUMN payment_form jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE payments DROP COLUMN payment_form');
    await queryRunner.query('DROP TABLE card_transactions');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outgoing messages keep the account they were written for, so that closing the account
 * cancels its pending messages and erases the others; `cancelled` is that final status.
 * Messages queued before this migration have no account (an address only). Closed accounts
 * are remembered (the id only), so that a late event of another producer notifies no one.
 * Operators list messages by status, newest first.
 */
export class OutgoingMessagesAccount1764400000002 implements MigrationInterface {
  name = 'OutgoingMessagesAccount1764400000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outgoing_messages ADD COLUMN account_id uuid');
    await queryRunner.query(
      'ALTER TABLE outgoing_messages DROP CONSTRAINT outgoing_messages_status_check',
    );
    await queryRunner.query(`
      ALTER TABLE outgoing_messages ADD CONSTRAINT outgoing_messages_status_check
        CHECK (status IN ('pending', 'sent', 'failed', 'cancelled'))`);
    await queryRunner.query(`
      CREATE INDEX outgoing_messages_account_idx ON outgoing_messages (account_id)
        WHERE account_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE INDEX outgoing_messages_status_idx
        ON outgoing_messages (status, created_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE closed_accounts (
        account_id uuid PRIMARY KEY,
        closed_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE closed_accounts');
    await queryRunner.query('DROP INDEX outgoing_messages_status_idx');
    await queryRunner.query('DROP INDEX outgoing_messages_account_idx');
    await queryRunner.query(
      "UPDATE outgoing_messages SET status = 'failed' WHERE status = 'cancelled'",
    );
    await queryRunner.query(
      'ALTER TABLE outgoing_messages DROP CONSTRAINT outgoing_messages_status_check',
    );
    await queryRunner.query(`
      ALTER TABLE outgoing_messages ADD CONSTRAINT outgoing_messages_status_check
        CHECK (status IN ('pending', 'sent', 'failed'))`);
    await queryRunner.query('ALTER TABLE outgoing_messages DROP COLUMN account_id');
  }
}

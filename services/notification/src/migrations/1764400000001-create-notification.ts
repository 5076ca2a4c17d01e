import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outgoing e-mails (written by event handlers in the inbox transaction, sent by the mail
 * sender; the unique key makes one e-mail per event, recipient and template), in-app
 * notifications, and the e-mail preferences of each account.
 */
export class CreateNotification1764400000001 implements MigrationInterface {
  name = 'CreateNotification1764400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outgoing_messages (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        recipient text NOT NULL,
        template text NOT NULL,
        subject text NOT NULL,
        html text NOT NULL,
        text text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, recipient, template)
      )`);
    await queryRunner.query(`
      CREATE INDEX outgoing_messages_due_idx ON outgoing_messages (next_attempt_at)
        WHERE status = 'pending'`);
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        event_id uuid NOT NULL,
        category text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        link text,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, account_id)
      )`);
    await queryRunner.query(`
      CREATE INDEX notifications_inbox_idx
        ON notifications (account_id, (read_at IS NOT NULL), created_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE notification_preferences (
        account_id uuid NOT NULL,
        category text NOT NULL,
        email_enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, category)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notification_preferences');
    await queryRunner.query('DROP TABLE notifications');
    await queryRunner.query('DROP TABLE outgoing_messages');
  }
}

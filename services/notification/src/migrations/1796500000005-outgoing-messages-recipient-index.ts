import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The recent e-mails to one address, for the cap on the e-mails anyone can trigger. */
export class OutgoingMessagesRecipientIndex1796500000005 implements MigrationInterface {
  name = 'OutgoingMessagesRecipientIndex1796500000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX outgoing_messages_recipient_recent ON outgoing_messages (lower(recipient), created_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX outgoing_messages_recipient_recent');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A message with a single-use link (verification, password reset) stores the link's id in
 * identity, not its token: the mail sender asks identity for the token at send time and puts it
 * into the e-mail only. Any token a message stored before is blanked with the link.
 */
export class OutgoingMessagesLink1796760000001 implements MigrationInterface {
  name = 'OutgoingMessagesLink1796760000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outgoing_messages ADD COLUMN link_id uuid');
    await queryRunner.query(
      `UPDATE outgoing_messages SET html = '', text = ''
        WHERE template IN ('email-verification', 'email-change-verification', 'password-reset')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outgoing_messages DROP COLUMN link_id');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notice may belong to a topic (e.g. `application-to-review:{id}`): the notices of a topic
 * are withdrawn together once they no longer call for anything (a colleague decided), so that
 * "Nouvelle demande à instruire" does not stay in every agent's list.
 */
export class NotificationTopics1796500000004 implements MigrationInterface {
  name = 'NotificationTopics1796500000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE notifications ADD COLUMN topic text');
    await queryRunner.query(
      'CREATE INDEX notifications_topic_idx ON notifications (topic) WHERE topic IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX notifications_topic_idx');
    await queryRunner.query('ALTER TABLE notifications DROP COLUMN topic');
  }
}

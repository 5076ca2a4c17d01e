import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A child's calendar feeds (one per child and family account, only the SHA-256 of the secret
 * token kept), and the UID of the ICS event a closure was imported from: importing the same file
 * again creates nothing twice.
 */
export class CalendarFeedsAndImportedClosures1796500000003 implements MigrationInterface {
  name = 'CalendarFeedsAndImportedClosures1796500000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE calendar_feeds (
        child_id uuid NOT NULL,
        account_id uuid NOT NULL,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (child_id, account_id)
      )`);
    await queryRunner.query('ALTER TABLE activity_closures ADD COLUMN source_uid text');
    // A repeating event has one UID for all its occurrences: its first day tells them apart.
    await queryRunner.query(`
      CREATE UNIQUE INDEX activity_closures_imported
        ON activity_closures (activity_id, COALESCE(site_id, '00000000-0000-0000-0000-000000000000'),
                              source_uid, first_day)
        WHERE source_uid IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX activity_closures_imported');
    await queryRunner.query('ALTER TABLE activity_closures DROP COLUMN source_uid');
    await queryRunner.query('DROP TABLE calendar_feeds');
  }
}

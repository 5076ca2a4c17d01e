import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The purge job (services/reservation/src/retention/) picks bookings and attendance by day, every
 * hour: without these it would read both tables whole each time.
 */
export class RetentionIndexes1796820000011 implements MigrationInterface {
  name = 'RetentionIndexes1796820000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX bookings_by_day ON bookings (day)');
    await queryRunner.query('CREATE INDEX attendance_records_by_day ON attendance_records (day)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX attendance_records_by_day');
    await queryRunner.query('DROP INDEX bookings_by_day');
  }
}

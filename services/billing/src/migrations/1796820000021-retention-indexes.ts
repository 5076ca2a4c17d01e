import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The purge job (services/billing/src/retention/) picks the copies of bookings and attendance by
 * day, every hour: without these it would read both tables whole each time.
 */
export class RetentionIndexes1796820000021 implements MigrationInterface {
  name = 'RetentionIndexes1796820000021';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX booked_days_by_day ON booked_days (day)');
    await queryRunner.query('CREATE INDEX attendance_by_day ON attendance (day)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX attendance_by_day');
    await queryRunner.query('DROP INDEX booked_days_by_day');
  }
}

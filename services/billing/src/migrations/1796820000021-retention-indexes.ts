import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The purge job (services/billing/src/retention/) picks the copies of bookings and attendance by
 * day, every hour: without these it would read both tables whole each time. Deleting a basket
 * checks the payments that refer to it (foreign key), by basket.
 */
export class RetentionIndexes1796820000021 implements MigrationInterface {
  name = 'RetentionIndexes1796820000021';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX booked_days_by_day ON booked_days (day)');
    await queryRunner.query('CREATE INDEX attendance_by_day ON attendance (day)');
    await queryRunner.query('CREATE INDEX payments_by_basket ON payments (basket_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX payments_by_basket');
    await queryRunner.query('DROP INDEX attendance_by_day');
    await queryRunner.query('DROP INDEX booked_days_by_day');
  }
}

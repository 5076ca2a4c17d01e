import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The purge job (services/reservation/src/retention/) picks bookings and attendance by day, every
 * hour: without these it would read both tables whole each time. Deleting a booking or a right
 * checks the attendance that refers to it (foreign keys): without an index on those columns,
 * each deleted row read the whole attendance table (172,000 old bookings: over ten minutes).
 */
export class RetentionIndexes1796820000011 implements MigrationInterface {
  name = 'RetentionIndexes1796820000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX bookings_by_day ON bookings (day)');
    await queryRunner.query('CREATE INDEX attendance_records_by_day ON attendance_records (day)');
    await queryRunner.query(
      'CREATE INDEX attendance_records_by_booking ON attendance_records (booking_id)',
    );
    await queryRunner.query(
      'CREATE INDEX attendance_records_by_right ON attendance_records (right_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX attendance_records_by_right');
    await queryRunner.query('DROP INDEX attendance_records_by_booking');
    await queryRunner.query('DROP INDEX attendance_records_by_day');
    await queryRunner.query('DROP INDEX bookings_by_day');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recurring bookings ("périodicité"): one weekly pattern per booking right, the bookings it made
 * (`pattern_id`), and what an agent at the counter did (`on_behalf`, `deadline_overridden`,
 * `cancelled_by`): recorded on the booking itself, not only in the events.
 */
export class RecurringBookings1796500000001 implements MigrationInterface {
  name = 'RecurringBookings1796500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE booking_patterns (
        id uuid PRIMARY KEY,
        right_id uuid NOT NULL UNIQUE REFERENCES booking_rights (id),
        child_id uuid NOT NULL,
        household_id uuid NOT NULL,
        activity_id uuid NOT NULL REFERENCES activities (id),
        site_id uuid NOT NULL REFERENCES activity_sites (id),
        units jsonb NOT NULL,
        every_weeks smallint NOT NULL CHECK (every_weeks IN (1, 2)),
        anchor_day date NOT NULL,
        first_day date NOT NULL,
        last_day date NOT NULL CHECK (last_day >= first_day),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX booking_patterns_by_child ON booking_patterns (child_id, first_day)',
    );
    await queryRunner.query(`
      ALTER TABLE bookings
        ADD COLUMN pattern_id uuid REFERENCES booking_patterns (id),
        ADD COLUMN on_behalf boolean NOT NULL DEFAULT false,
        ADD COLUMN deadline_overridden boolean NOT NULL DEFAULT false,
        ADD COLUMN cancelled_by uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE bookings DROP COLUMN pattern_id, DROP COLUMN on_behalf,
        DROP COLUMN deadline_overridden, DROP COLUMN cancelled_by`);
    await queryRunner.query('DROP TABLE booking_patterns');
  }
}

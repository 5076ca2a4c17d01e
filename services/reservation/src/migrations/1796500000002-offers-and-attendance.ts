import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTimedJobsTable, dropTimedJobsTable } from '@portail/service-kit';

/**
 * Waiting-list offers (a unit's mode `offer` and hold time; a booking `offered` until
 * `offer_expires_at`), bookings `expired` once their day passed on the waiting list, the timed
 * jobs' state, attendance records and locked months.
 */
export class OffersAndAttendance1796500000002 implements MigrationInterface {
  name = 'OffersAndAttendance1796500000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE activity_units
        DROP CONSTRAINT IF EXISTS activity_units_waiting_list_mode_check,
        ADD CONSTRAINT activity_units_waiting_list_mode_check
          CHECK (waiting_list_mode IN ('promote', 'offer')),
        ADD COLUMN offer_hold_minutes integer NOT NULL DEFAULT 1440
          CHECK (offer_hold_minutes BETWEEN 15 AND 10080)`);
    await queryRunner.query(`
      ALTER TABLE bookings
        DROP CONSTRAINT IF EXISTS bookings_status_check,
        ADD CONSTRAINT bookings_status_check CHECK (status IN
          ('booked', 'waitlisted', 'offered', 'pending', 'refused', 'cancelled', 'expired')),
        ADD COLUMN offer_expires_at timestamptz,
        ADD CONSTRAINT bookings_offer_has_expiry
          CHECK (status <> 'offered' OR offer_expires_at IS NOT NULL)`);
    await queryRunner.query(`
      CREATE INDEX bookings_offers_by_expiry ON bookings (offer_expires_at) WHERE status = 'offered'`);
    await queryRunner.query(`
      CREATE INDEX bookings_waiting_by_day ON bookings (day) WHERE status IN ('waitlisted', 'pending')`);
    await createTimedJobsTable(queryRunner);
    await queryRunner.query(`
      CREATE TABLE attendance_records (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        municipal_service_id uuid NOT NULL,
        activity_id uuid NOT NULL REFERENCES activities (id),
        unit_id uuid NOT NULL REFERENCES activity_units (id),
        site_id uuid NOT NULL REFERENCES activity_sites (id),
        day date NOT NULL,
        child_id uuid NOT NULL,
        household_id uuid NOT NULL,
        right_id uuid NOT NULL REFERENCES booking_rights (id),
        booking_id uuid REFERENCES bookings (id),
        status text NOT NULL CHECK (status IN
          ('present', 'absent-justified', 'absent-unjustified', 'unexpected')),
        reason text CHECK ((status = 'absent-justified') = (reason IS NOT NULL)),
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        corrections integer NOT NULL DEFAULT 0,
        after_lock boolean NOT NULL DEFAULT false,
        UNIQUE (child_id, unit_id, day)
      )`);
    await queryRunner.query(
      'CREATE INDEX attendance_by_list ON attendance_records (unit_id, site_id, day)',
    );
    await queryRunner.query(`
      CREATE TABLE attendance_month_locks (
        municipal_service_id uuid NOT NULL,
        month text NOT NULL CHECK (month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        organisation_id uuid NOT NULL,
        locked_by uuid NOT NULL,
        locked_at timestamptz NOT NULL,
        PRIMARY KEY (municipal_service_id, month)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE attendance_month_locks');
    await queryRunner.query('DROP TABLE attendance_records');
    await dropTimedJobsTable(queryRunner);
    await queryRunner.query('DROP INDEX bookings_waiting_by_day');
    await queryRunner.query('DROP INDEX bookings_offers_by_expiry');
    await queryRunner.query(`
      ALTER TABLE bookings
        DROP CONSTRAINT bookings_offer_has_expiry,
        DROP COLUMN offer_expires_at,
        DROP CONSTRAINT bookings_status_check,
        ADD CONSTRAINT bookings_status_check
          CHECK (status IN ('booked', 'waitlisted', 'pending', 'refused', 'cancelled'))`);
    await queryRunner.query(`
      ALTER TABLE activity_units
        DROP COLUMN offer_hold_minutes,
        DROP CONSTRAINT activity_units_waiting_list_mode_check,
        ADD CONSTRAINT activity_units_waiting_list_mode_check CHECK (waiting_list_mode = 'promote')`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Activities (units, sites, capacities, closures), the booking rights enrolment grants, the
 * bookings, and one counter row per unit, site and day: a booking takes a place with a
 * conditional UPDATE of that row in its own transaction, so capacity holds across replicas.
 */
export class CreateReservation1764600000001 implements MigrationInterface {
  name = 'CreateReservation1764600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        municipal_service_id uuid NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, code)
      )`);
    await queryRunner.query(`
      CREATE TABLE activity_units (
        id uuid PRIMARY KEY,
        activity_id uuid NOT NULL REFERENCES activities (id),
        code text NOT NULL,
        label text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('meal', 'morning-care', 'evening-care',
          'wednesday-full', 'wednesday-half', 'holiday-week', 'course-session')),
        starts_at text NOT NULL,
        ends_at text NOT NULL,
        weekdays smallint[] NOT NULL,
        notice_policy jsonb NOT NULL,
        allows_late_requests boolean NOT NULL DEFAULT false,
        waiting_list_mode text NOT NULL DEFAULT 'promote' CHECK (waiting_list_mode = 'promote'),
        UNIQUE (activity_id, code)
      )`);
    await queryRunner.query(`
      CREATE TABLE activity_sites (
        id uuid PRIMARY KEY,
        activity_id uuid NOT NULL REFERENCES activities (id),
        name text NOT NULL,
        school_id uuid
      )`);
    await queryRunner.query(`
      CREATE TABLE unit_capacities (
        unit_id uuid NOT NULL REFERENCES activity_units (id),
        site_id uuid NOT NULL REFERENCES activity_sites (id),
        capacity integer NOT NULL CHECK (capacity >= 0),
        PRIMARY KEY (unit_id, site_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE capacity_overrides (
        unit_id uuid NOT NULL REFERENCES activity_units (id),
        site_id uuid NOT NULL REFERENCES activity_sites (id),
        day date NOT NULL,
        capacity integer NOT NULL CHECK (capacity >= 0),
        PRIMARY KEY (unit_id, site_id, day)
      )`);
    await queryRunner.query(`
      CREATE TABLE activity_closures (
        id uuid PRIMARY KEY,
        activity_id uuid NOT NULL REFERENCES activities (id),
        site_id uuid REFERENCES activity_sites (id),
        first_day date NOT NULL,
        last_day date NOT NULL CHECK (last_day >= first_day),
        label text NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX activity_closures_by_activity ON activity_closures (activity_id, first_day)',
    );
    await queryRunner.query(`
      CREATE TABLE booking_rights (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        municipal_service_id uuid NOT NULL,
        activity_code text NOT NULL,
        billing text NOT NULL CHECK (billing IN ('pre-billing', 'post-billing')),
        household_id uuid NOT NULL,
        child_id uuid NOT NULL,
        child_first_name text NOT NULL,
        child_last_name text NOT NULL,
        account_ids uuid[] NOT NULL,
        valid_from date NOT NULL,
        valid_until date NOT NULL,
        ended_on date
      )`);
    await queryRunner.query('CREATE INDEX booking_rights_by_child ON booking_rights (child_id)');
    await queryRunner.query(
      'CREATE INDEX booking_rights_by_account ON booking_rights USING gin (account_ids)',
    );
    await queryRunner.query(`
      CREATE TABLE slot_counters (
        unit_id uuid NOT NULL,
        site_id uuid NOT NULL,
        day date NOT NULL,
        booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0),
        capacity integer NOT NULL CHECK (capacity >= 0),
        PRIMARY KEY (unit_id, site_id, day)
      )`);
    await queryRunner.query(`
      CREATE TABLE bookings (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL UNIQUE,
        right_id uuid NOT NULL REFERENCES booking_rights (id),
        child_id uuid NOT NULL,
        household_id uuid NOT NULL,
        activity_id uuid NOT NULL REFERENCES activities (id),
        unit_id uuid NOT NULL REFERENCES activity_units (id),
        site_id uuid NOT NULL REFERENCES activity_sites (id),
        day date NOT NULL,
        status text NOT NULL
          CHECK (status IN ('booked', 'waitlisted', 'pending', 'refused', 'cancelled')),
        late boolean NOT NULL DEFAULT false,
        message text,
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL,
        cancelled_at timestamptz
      )`);
    // Idempotent booking: one live booking per child, unit and day.
    await queryRunner.query(`
      CREATE UNIQUE INDEX bookings_one_per_child_unit_day
        ON bookings (child_id, unit_id, day) WHERE status NOT IN ('cancelled', 'refused')`);
    await queryRunner.query(`
      CREATE INDEX bookings_waiting_list
        ON bookings (unit_id, site_id, day, seq) WHERE status = 'waitlisted'`);
    await queryRunner.query('CREATE INDEX bookings_by_household ON bookings (household_id, day)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'bookings',
      'slot_counters',
      'booking_rights',
      'activity_closures',
      'capacity_overrides',
      'unit_capacities',
      'activity_sites',
      'activity_units',
      'activities',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}

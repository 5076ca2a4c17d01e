import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Régies, their counters (invoice numbers per year, family file numbers), tariffs, billing's own
 * copies of identity's households and children and of reservation's bookings, attendance and
 * month locks, and the invoices with their lines. Numbers come from a counter row updated in the
 * issuing transaction: a rolled-back issuance gives its number back, so there is never a gap.
 */
export class CreateBilling1796600000001 implements MigrationInterface {
  name = 'CreateBilling1796600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE regies (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        name text NOT NULL,
        municipal_service_ids uuid[] NOT NULL,
        resident_organisation_ids uuid[] NOT NULL,
        treasury_address text[] NOT NULL,
        payfip_collectivity_number char(6) NOT NULL,
        debt_reference_format text NOT NULL,
        sepa_creditor jsonb,
        due_date_rule jsonb NOT NULL,
        payment_methods text[] NOT NULL,
        last_family_file_number integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX regies_by_organisation ON regies (organisation_id)');
    await queryRunner.query(`
      CREATE TABLE invoice_counters (
        regie_id uuid NOT NULL REFERENCES regies (id),
        year integer NOT NULL,
        last_number integer NOT NULL,
        PRIMARY KEY (regie_id, year)
      )`);
    await queryRunner.query(`
      CREATE TABLE family_files (
        regie_id uuid NOT NULL REFERENCES regies (id),
        household_id uuid NOT NULL,
        number integer NOT NULL,
        PRIMARY KEY (regie_id, household_id),
        UNIQUE (regie_id, number)
      )`);
    await queryRunner.query(`
      CREATE TABLE tariffs (
        id uuid PRIMARY KEY,
        regie_id uuid NOT NULL REFERENCES regies (id),
        activity_code text NOT NULL,
        unit_code text NOT NULL,
        label text NOT NULL,
        valid_from date NOT NULL,
        valid_until date NOT NULL CHECK (valid_until >= valid_from),
        brackets jsonb NOT NULL,
        sibling_reduction_percents integer[] NOT NULL,
        late_cancellation_percent integer NOT NULL,
        unjustified_absence_percent integer NOT NULL,
        unexpected_presence_percent integer NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX tariffs_by_unit ON tariffs (regie_id, activity_code, unit_code, valid_from)',
    );
    await queryRunner.query(`
      CREATE TABLE households (
        id uuid PRIMARY KEY,
        guardians jsonb NOT NULL,
        family_quotient integer,
        family_quotient_valid_until date,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE children (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        birth_date date NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX children_by_household ON children (household_id)');
    await queryRunner.query(`
      CREATE TABLE booked_days (
        booking_id uuid PRIMARY KEY,
        municipal_service_id uuid NOT NULL,
        activity_code text NOT NULL,
        unit_id uuid NOT NULL,
        unit_code text NOT NULL,
        day date NOT NULL,
        child_id uuid NOT NULL,
        household_id uuid NOT NULL,
        billing text NOT NULL,
        status text NOT NULL,
        late_cancellation boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX booked_days_by_month ON booked_days (municipal_service_id, day)',
    );
    await queryRunner.query(`
      CREATE TABLE attendance (
        unit_id uuid NOT NULL,
        child_id uuid NOT NULL,
        day date NOT NULL,
        municipal_service_id uuid NOT NULL,
        activity_code text NOT NULL,
        unit_code text NOT NULL,
        household_id uuid NOT NULL,
        booking_id uuid,
        status text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (unit_id, child_id, day)
      )`);
    await queryRunner.query(
      'CREATE INDEX attendance_by_month ON attendance (municipal_service_id, day)',
    );
    await queryRunner.query(`
      CREATE TABLE month_locks (
        municipal_service_id uuid NOT NULL,
        month char(7) NOT NULL,
        locked_at timestamptz NOT NULL,
        PRIMARY KEY (municipal_service_id, month)
      )`);
    await queryRunner.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY,
        regie_id uuid NOT NULL REFERENCES regies (id),
        year integer NOT NULL,
        number integer NOT NULL,
        household_id uuid NOT NULL,
        month char(7) NOT NULL,
        kind text NOT NULL CHECK (kind IN ('post-billing')),
        issued_on date NOT NULL,
        due_on date NOT NULL,
        total_cents integer NOT NULL CHECK (total_cents >= 0),
        paid_cents integer NOT NULL DEFAULT 0,
        cancelled boolean NOT NULL DEFAULT false,
        family_file_number integer NOT NULL,
        debt_reference text NOT NULL,
        addressee jsonb NOT NULL,
        issued_by uuid NOT NULL,
        issued_at timestamptz NOT NULL,
        UNIQUE (regie_id, year, number),
        UNIQUE (regie_id, household_id, month, kind)
      )`);
    await queryRunner.query(
      'CREATE INDEX invoices_by_household ON invoices (household_id, issued_on)',
    );
    await queryRunner.query(`
      CREATE TABLE invoice_lines (
        -- Deferred: the lines are written before the invoice row, whose number is taken last.
        invoice_id uuid NOT NULL REFERENCES invoices (id) DEFERRABLE INITIALLY DEFERRED,
        position integer NOT NULL,
        child_id uuid NOT NULL,
        child_name text NOT NULL,
        kind text NOT NULL,
        label text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
        amount_cents integer NOT NULL CHECK (amount_cents = quantity * unit_price_cents),
        note text,
        PRIMARY KEY (invoice_id, position)
      )`);
    // An issued invoice never changes: the database refuses it too.
    await queryRunner.query(`
      CREATE FUNCTION refuse_issued_invoice_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'an issued invoice never changes (%): use a credit note', TG_TABLE_NAME;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER invoice_lines_frozen BEFORE UPDATE OR DELETE ON invoice_lines
      FOR EACH ROW EXECUTE FUNCTION refuse_issued_invoice_change()`);
    await queryRunner.query(`
      CREATE TRIGGER invoices_frozen BEFORE UPDATE OF year, number, household_id, month,
        issued_on, due_on, total_cents, family_file_number, debt_reference, addressee
      ON invoices FOR EACH ROW EXECUTE FUNCTION refuse_issued_invoice_change()`);
    await queryRunner.query(`
      CREATE TABLE billing_runs (
        id uuid PRIMARY KEY,
        regie_id uuid NOT NULL REFERENCES regies (id),
        month char(7) NOT NULL,
        dry_run boolean NOT NULL,
        started_by uuid NOT NULL,
        started_at timestamptz NOT NULL,
        issued_count integer NOT NULL,
        already_issued_count integer NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'billing_runs',
      'invoice_lines',
      'invoices',
      'month_locks',
      'attendance',
      'booked_days',
      'children',
      'households',
      'tariffs',
      'family_files',
      'invoice_counters',
      'regies',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query('DROP FUNCTION refuse_issued_invoice_change()');
  }
}

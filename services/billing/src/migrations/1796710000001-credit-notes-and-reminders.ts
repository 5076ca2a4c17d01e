import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTimedJobsTable } from '@portail/service-kit';

/**
 * Credit notes ("avoirs") in their own gap-free series per régie and year (a counter row per
 * régie and year, as for invoices), frozen once issued; corrective invoices, each replacing one
 * earlier invoice of the same household and month (at most once: a corrective run issued twice
 * replaces nothing twice); the overdue reminders sent, one per invoice and step; and the timed
 * jobs' state.
 */
export class CreditNotesAndReminders1796710000001 implements MigrationInterface {
  name = 'CreditNotesAndReminders1796710000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A post-billed month is issued once per household (the partial unique index of
    // 1796700000001); corrective invoices of the same month follow, each replacing the invoice
    // before it.
    await queryRunner.query('ALTER TABLE invoices DROP CONSTRAINT invoices_kind_check');
    await queryRunner.query(`
      ALTER TABLE invoices ADD CONSTRAINT invoices_kind_known
        CHECK (kind IN ('post-billing', 'pre-billing', 'corrective'))`);
    await queryRunner.query(
      'ALTER TABLE invoices ADD COLUMN replaces_invoice_id uuid UNIQUE REFERENCES invoices (id)',
    );
    await queryRunner.query(`
      CREATE TABLE credit_note_counters (
        regie_id uuid NOT NULL REFERENCES regies (id),
        year integer NOT NULL,
        last_number integer NOT NULL,
        PRIMARY KEY (regie_id, year)
      )`);
    await queryRunner.query(`
      CREATE TABLE credit_notes (
        id uuid PRIMARY KEY,
        regie_id uuid NOT NULL REFERENCES regies (id),
        year integer NOT NULL,
        number integer NOT NULL,
        invoice_id uuid NOT NULL REFERENCES invoices (id),
        household_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('manual', 'corrective')),
        reason text NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        issued_on date NOT NULL,
        issued_by uuid NOT NULL,
        issued_at timestamptz NOT NULL,
        UNIQUE (regie_id, year, number)
      )`);
    await queryRunner.query('CREATE INDEX credit_notes_by_invoice ON credit_notes (invoice_id)');
    await queryRunner.query(
      'CREATE INDEX credit_notes_by_household ON credit_notes (household_id, issued_at)',
    );
    // A corrective run credits an invoice once (the invoice it replaces).
    await queryRunner.query(`
      CREATE UNIQUE INDEX credit_notes_corrective_once ON credit_notes (invoice_id)
        WHERE kind = 'corrective'`);
    await queryRunner.query(`
      CREATE TRIGGER credit_notes_frozen BEFORE UPDATE OR DELETE ON credit_notes
      FOR EACH ROW EXECUTE FUNCTION refuse_issued_invoice_change()`);
    await queryRunner.query(`
      CREATE TABLE invoice_reminders (
        invoice_id uuid NOT NULL REFERENCES invoices (id),
        days_overdue integer NOT NULL,
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (invoice_id, days_overdue)
      )`);
    await queryRunner.query('CREATE INDEX invoices_by_due_date ON invoices (due_on)');
    await createTimedJobsTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX invoices_by_due_date');
    await queryRunner.query('DROP TABLE invoice_reminders');
    await queryRunner.query('DROP TABLE credit_notes');
    await queryRunner.query('DROP TABLE credit_note_counters');
    await queryRunner.query('ALTER TABLE invoices DROP COLUMN replaces_invoice_id');
    await queryRunner.query('ALTER TABLE invoices DROP CONSTRAINT invoices_kind_known');
    await queryRunner.query(
      "ALTER TABLE invoices ADD CONSTRAINT invoices_kind_check CHECK (kind IN ('post-billing', 'pre-billing'))",
    );
  }
}

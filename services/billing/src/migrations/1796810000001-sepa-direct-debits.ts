import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SEPA direct debit: mandates per household and régie (the IBAN encrypted, only its masked
 * form in clear; at most one active mandate per household and régie; the RUM unique per
 * creditor, numbered by a counter row per creditor), the monthly debit files (one per régie and
 * month, the pain.008 document kept as sent) and their debits, one per invoice, each with the
 * `direct-debit` payment that keeps the invoice from being paid twice.
 */
export class SepaDirectDebits1796810000001 implements MigrationInterface {
  name = 'SepaDirectDebits1796810000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sepa_rum_counters (
        creditor_id text PRIMARY KEY,
        last_number integer NOT NULL CHECK (last_number >= 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE sepa_mandates (
        id uuid PRIMARY KEY,
        regie_id uuid NOT NULL REFERENCES regies (id),
        household_id uuid NOT NULL,
        creditor_id text NOT NULL,
        rum text NOT NULL,
        debtor_name text NOT NULL,
        iban_ciphertext text NOT NULL,
        iban_masked text NOT NULL,
        bic text,
        signed_on date NOT NULL,
        consent_channel text NOT NULL CHECK (consent_channel IN ('online', 'paper')),
        consent_by uuid NOT NULL,
        consent_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('active', 'revoked', 'lapsed')),
        next_sequence text NOT NULL CHECK (next_sequence IN ('FRST', 'RCUR')),
        -- Set by an amendment, cleared by the file that carries it: the account replaced
        -- (encrypted) and whether the new one is at another bank (SMNDA).
        amended_from_ciphertext text,
        amended_other_bank boolean,
        last_collected_on date,
        revoked_at timestamptz,
        revoked_by uuid,
        revocation_reason text,
        created_at timestamptz NOT NULL,
        UNIQUE (creditor_id, rum)
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX sepa_mandates_one_active ON sepa_mandates (regie_id, household_id)
      WHERE state = 'active'`);
    await queryRunner.query(
      'CREATE INDEX sepa_mandates_by_household ON sepa_mandates (household_id)',
    );
    await queryRunner.query(`
      CREATE TABLE sepa_debit_files (
        id uuid PRIMARY KEY,
        regie_id uuid NOT NULL REFERENCES regies (id),
        month text NOT NULL,
        collection_date date NOT NULL,
        message_id text NOT NULL UNIQUE,
        creditor_id text NOT NULL,
        creditor_name text NOT NULL,
        creditor_iban_masked text NOT NULL,
        transaction_count integer NOT NULL,
        control_sum_cents bigint NOT NULL,
        groups jsonb NOT NULL,
        xml text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (regie_id, month)
      )`);
    await queryRunner.query(`
      CREATE TABLE sepa_debits (
        id uuid PRIMARY KEY,
        file_id uuid NOT NULL REFERENCES sepa_debit_files (id),
        invoice_id uuid NOT NULL REFERENCES invoices (id),
        household_id uuid NOT NULL,
        mandate_id uuid NOT NULL REFERENCES sepa_mandates (id),
        payment_id uuid NOT NULL REFERENCES payments (id),
        end_to_end_id text NOT NULL UNIQUE,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        sequence text NOT NULL CHECK (sequence IN ('FRST', 'RCUR')),
        debtor_name text NOT NULL,
        rum text NOT NULL,
        iban_masked text NOT NULL,
        state text NOT NULL CHECK (state IN ('announced', 'paid', 'returned')),
        return_reason text,
        returned_on date,
        settled_at timestamptz,
        UNIQUE (file_id, invoice_id)
      )`);
    await queryRunner.query('CREATE INDEX sepa_debits_by_file ON sepa_debits (file_id)');
    await queryRunner.query(
      `CREATE INDEX sepa_debits_announced ON sepa_debits (file_id) WHERE state = 'announced'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE sepa_debits');
    await queryRunner.query('DROP TABLE sepa_debit_files');
    await queryRunner.query('DROP TABLE sepa_mandates');
    await queryRunner.query('DROP TABLE sepa_rum_counters');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A régie's SEPA creditor (ICS, IBAN, BIC) comes from the SEPA settings, a secret
 * (`SEPA_CREDITORS` / `SEPA_CREDITORS_FILE`), never from the API nor the database: the column
 * the first billing slice kept it in (never used by a debit) goes.
 */
export class CreditorFromSettings1796830000001 implements MigrationInterface {
  name = 'CreditorFromSettings1796830000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE regies DROP COLUMN sepa_creditor');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE regies ADD COLUMN sepa_creditor jsonb');
  }
}

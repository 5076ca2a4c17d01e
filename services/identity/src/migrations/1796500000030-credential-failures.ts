import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed password checks counted per account AND client address (pseudonymised), so that
 * someone guessing an agent's password from one address locks out that address, not the agent.
 * Replaces the per-account count and lock of `accounts`.
 */
export class CredentialFailures1796500000030 implements MigrationInterface {
  name = 'CredentialFailures1796500000030';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE credential_failures (
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        address_key text NOT NULL CHECK (length(address_key) <= 64),
        failures integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_failure_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, address_key)
      )`);
    await queryRunner.query(
      'CREATE INDEX credential_failures_last_failure ON credential_failures (last_failure_at)',
    );
    await queryRunner.query(
      'ALTER TABLE accounts DROP COLUMN failed_login_count, DROP COLUMN locked_until',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE accounts ADD COLUMN failed_login_count integer NOT NULL DEFAULT 0, ' +
        'ADD COLUMN locked_until timestamptz',
    );
    await queryRunner.query('DROP TABLE credential_failures');
  }
}

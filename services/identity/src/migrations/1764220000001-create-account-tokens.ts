import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single-use tokens of e-mail verification and password reset, rotating refresh tokens, and
 * the new address of an e-mail change waiting for its verification. Tokens are stored only
 * as SHA-256 hashes.
 */
export class CreateAccountTokens1764220000001 implements MigrationInterface {
  name = 'CreateAccountTokens1764220000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE accounts ADD COLUMN pending_email text');
    await queryRunner.query(`
      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('email-verification', 'password-reset')),
        token_hash text NOT NULL UNIQUE,
        email text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX account_tokens_account_idx ON account_tokens (account_id, purpose, created_at)',
    );
    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        chain_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX refresh_tokens_chain_idx ON refresh_tokens (chain_id)');
    await queryRunner.query(
      'CREATE INDEX refresh_tokens_account_idx ON refresh_tokens (account_id) WHERE revoked_at IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE refresh_tokens');
    await queryRunner.query('DROP TABLE account_tokens');
    await queryRunner.query('ALTER TABLE accounts DROP COLUMN pending_email');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccounts1764210000000 implements MigrationInterface {
  name = 'CreateAccounts1764210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('family', 'agent', 'admin')),
        email text NOT NULL,
        email_normalized text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'active', 'closed')),
        first_name text NOT NULL,
        last_name text NOT NULL,
        phone text,
        address_line1 text,
        address_line2 text,
        postal_code text,
        city text,
        terms_accepted_at timestamptz,
        email_verified_at timestamptz,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE accounts');
  }
}

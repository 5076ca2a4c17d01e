import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrganisations1764180000000 implements MigrationInterface {
  name = 'CreateOrganisations1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('intercommunality', 'commune')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE organisations');
  }
}

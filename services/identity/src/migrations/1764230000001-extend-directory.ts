import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Contact details on organisations; their municipal services and schools. */
export class ExtendDirectory1764230000001 implements MigrationInterface {
  name = 'ExtendDirectory1764230000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE organisations
        ADD COLUMN contact jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await queryRunner.query(`
      CREATE TABLE municipal_services (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        code text NOT NULL,
        name text NOT NULL,
        category text NOT NULL CHECK (category IN ('education', 'school-catering',
          'out-of-school-care', 'leisure-centre', 'nursery', 'music-conservatory', 'sports', 'other')),
        description text,
        contact jsonb NOT NULL DEFAULT '{}'::jsonb,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, code),
        -- lets agent_assignments check that a service belongs to the agent's organisation
        UNIQUE (organisation_id, id)
      )`);
    await queryRunner.query(`
      CREATE TABLE schools (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('maternelle', 'elementaire')),
        address jsonb NOT NULL DEFAULT '{}'::jsonb,
        phone text,
        director_name text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX schools_organisation_name_key ON schools (organisation_id, lower(name))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE schools');
    await queryRunner.query('DROP TABLE municipal_services');
    await queryRunner.query(
      'ALTER TABLE organisations DROP COLUMN contact, DROP COLUMN active, DROP COLUMN updated_at',
    );
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Procedures ("démarches") and applications ("demandes") with their history. Places are
 * counted in `procedures.places_taken`, moved by a conditional UPDATE in the transaction that
 * changes an application's status, so concurrent submissions never exceed `capacity`. One
 * live application per child and procedure (a withdrawn or rejected one does not count).
 */
export class CreateApplications1764500000001 implements MigrationInterface {
  name = 'CreateApplications1764500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    await queryRunner.query(`
      CREATE TABLE procedures (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        organisation_name text NOT NULL,
        municipal_service_id uuid NOT NULL,
        municipal_service_name text NOT NULL,
        season text NOT NULL CHECK (season ~ '^\\d{4}-\\d{4}$'),
        title text NOT NULL,
        description text NOT NULL,
        form jsonb NOT NULL,
        required_documents jsonb NOT NULL DEFAULT '[]',
        eligibility jsonb NOT NULL DEFAULT '{}',
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        capacity integer CHECK (capacity IS NULL OR capacity > 0),
        places_taken integer NOT NULL DEFAULT 0 CHECK (places_taken >= 0),
        validation_mode text NOT NULL CHECK (validation_mode IN ('automatic', 'manual')),
        "grant" jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (closes_at > opens_at),
        CHECK (capacity IS NULL OR places_taken <= capacity)
      )`);
    await queryRunner.query(
      'CREATE INDEX procedures_service_idx ON procedures (municipal_service_id, season)',
    );
    await queryRunner.query(
      'CREATE INDEX procedures_open_idx ON procedures (status, opens_at, closes_at)',
    );
    await queryRunner.query('CREATE SEQUENCE application_reference_seq');
    await queryRunner.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY,
        reference text NOT NULL UNIQUE,
        procedure_id uuid NOT NULL REFERENCES procedures (id),
        organisation_id uuid NOT NULL,
        municipal_service_id uuid NOT NULL,
        season text NOT NULL,
        household_id uuid NOT NULL,
        child_id uuid NOT NULL,
        child jsonb NOT NULL,
        child_search text NOT NULL,
        status text NOT NULL CHECK (status IN
          ('draft', 'submitted', 'information-requested', 'accepted', 'rejected', 'withdrawn')),
        answers jsonb NOT NULL DEFAULT '{}',
        summary jsonb NOT NULL DEFAULT '[]',
        message text,
        school_assignment jsonb,
        holds_place boolean NOT NULL DEFAULT false,
        filed_by_kind text NOT NULL CHECK (filed_by_kind IN ('family', 'agent')),
        filed_by_account_id uuid NOT NULL,
        submitted_at timestamptz,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX applications_one_live_per_child_idx ON applications (procedure_id, child_id)
        WHERE status NOT IN ('withdrawn', 'rejected')`);
    // Agents' list: their services, newest submission first, filtered by status or procedure.
    await queryRunner.query(`
      CREATE INDEX applications_service_idx
        ON applications (municipal_service_id, submitted_at DESC, id DESC)
        WHERE status <> 'draft'`);
    await queryRunner.query(`
      CREATE INDEX applications_service_status_idx
        ON applications (municipal_service_id, status, submitted_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE INDEX applications_procedure_idx
        ON applications (procedure_id, status, submitted_at DESC)`);
    await queryRunner.query(
      'CREATE INDEX applications_child_search_idx ON applications (child_search text_pattern_ops)',
    );
    await queryRunner.query('CREATE INDEX applications_child_idx ON applications (child_id)');
    await queryRunner.query(
      'CREATE INDEX applications_household_idx ON applications (household_id, created_at DESC)',
    );
    await queryRunner.query(`
      CREATE TABLE application_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        status text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL CHECK (actor_kind IN ('family', 'agent', 'admin', 'system')),
        actor_account_id uuid,
        message text
      )`);
    await queryRunner.query(
      'CREATE INDEX application_history_application_idx ON application_history (application_id, id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE application_history');
    await queryRunner.query('DROP TABLE applications');
    await queryRunner.query('DROP SEQUENCE application_reference_seq');
    await queryRunner.query('DROP TABLE procedures');
  }
}

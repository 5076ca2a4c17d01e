import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Agents' organisation and services, households' links to services, and the audit log. */
export class CreateAgentAssignments1764230000002 implements MigrationInterface {
  name = 'CreateAgentAssignments1764230000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE agent_assignments (
        account_id uuid NOT NULL REFERENCES accounts (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        municipal_service_id uuid NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['agent', 'supervisor']),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, municipal_service_id),
        FOREIGN KEY (organisation_id, municipal_service_id)
          REFERENCES municipal_services (organisation_id, id)
      )`);
    await queryRunner.query(
      'CREATE INDEX agent_assignments_service_idx ON agent_assignments (municipal_service_id)',
    );
    await queryRunner.query(`
      CREATE TABLE household_service_links (
        household_id uuid NOT NULL,
        municipal_service_id uuid NOT NULL REFERENCES municipal_services (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (household_id, municipal_service_id)
      )`);
    await queryRunner.query(
      'CREATE INDEX household_service_links_service_idx ON household_service_links (municipal_service_id)',
    );
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_account_id uuid NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('family', 'agent', 'admin')),
        organisation_id uuid,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        household_id uuid,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await queryRunner.query('CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC)');
    await queryRunner.query('CREATE INDEX audit_log_actor_idx ON audit_log (actor_account_id, at)');
    await queryRunner.query('CREATE INDEX audit_log_household_idx ON audit_log (household_id, at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_log');
    await queryRunner.query('DROP TABLE household_service_links');
    await queryRunner.query('DROP TABLE agent_assignments');
  }
}

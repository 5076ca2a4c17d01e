import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `editor` role: editing the organisation's public content (news, tiles, their files) needs
 * it, granted by administrators or the organisation's supervisors, no longer any agent.
 */
export class AgentEditorRole1796760000002 implements MigrationInterface {
  name = 'AgentEditorRole1796760000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE agent_assignments DROP CONSTRAINT IF EXISTS agent_assignments_roles_check',
    );
    await queryRunner.query(`
      ALTER TABLE agent_assignments ADD CONSTRAINT agent_assignments_roles_check
        CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['agent', 'supervisor', 'editor'])`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE agent_assignments
          SET roles = CASE WHEN roles = ARRAY['editor'] THEN ARRAY['agent']
                           ELSE array_remove(roles, 'editor') END
        WHERE 'editor' = ANY (roles)`,
    );
    await queryRunner.query(
      'ALTER TABLE agent_assignments DROP CONSTRAINT agent_assignments_roles_check',
    );
    await queryRunner.query(`
      ALTER TABLE agent_assignments ADD CONSTRAINT agent_assignments_roles_check
        CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['agent', 'supervisor'])`);
  }
}

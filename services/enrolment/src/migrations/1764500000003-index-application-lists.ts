import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes measured by the enrolment benchmark (50 000 applications): the agents' list in
 * submission order is read from an index in that order and stops at the page, instead of
 * sorting every matching row; the child-name filter ("contains") uses trigrams.
 */
export class IndexApplicationLists1764500000003 implements MigrationInterface {
  name = 'IndexApplicationLists1764500000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(`
      CREATE INDEX applications_submission_order_idx
        ON applications (submitted_at DESC NULLS FIRST, id DESC)`);
    await queryRunner.query(`
      CREATE INDEX applications_child_search_trgm_idx
        ON applications USING gin (child_search gin_trgm_ops)`);
    await queryRunner.query('DROP INDEX applications_child_search_idx');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX applications_child_search_idx ON applications (child_search text_pattern_ops)',
    );
    await queryRunner.query('DROP INDEX applications_child_search_trgm_idx');
    await queryRunner.query('DROP INDEX applications_submission_order_idx');
  }
}

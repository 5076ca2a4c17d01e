import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A document an application sent to a service relies on is evidence: the family's deletion only
 * hides it from its list (`hidden_at`); the document and its bytes stay with the application.
 */
export class KeepEvidenceDocuments1796500000023 implements MigrationInterface {
  name = 'KeepEvidenceDocuments1796500000023';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE documents ADD COLUMN hidden_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE documents DROP COLUMN hidden_at');
  }
}

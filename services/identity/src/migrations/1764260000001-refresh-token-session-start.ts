import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the login that started each refresh-token chain happened, for the absolute session life
 * (SESSION_MAX_AGE_DAYS). Existing links take their chain's earliest link.
 */
export class RefreshTokenSessionStart1764260000001 implements MigrationInterface {
  name = 'RefreshTokenSessionStart1764260000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE refresh_tokens ADD COLUMN session_started_at timestamptz');
    await queryRunner.query(`
      UPDATE refresh_tokens AS link
         SET session_started_at = chain.started_at
        FROM (SELECT chain_id, min(created_at) AS started_at
                FROM refresh_tokens GROUP BY chain_id) AS chain
       WHERE chain.chain_id = link.chain_id`);
    await queryRunner.query(
      'ALTER TABLE refresh_tokens ALTER COLUMN session_started_at SET DEFAULT now(), ' +
        'ALTER COLUMN session_started_at SET NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE refresh_tokens DROP COLUMN session_started_at');
  }
}

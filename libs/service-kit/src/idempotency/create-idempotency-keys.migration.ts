import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every service database holds the Idempotency-Keys of the commands it carried out. */
export class CreateIdempotencyKeys1796450000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1796450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        -- the first outcome ({ reply } or { error }); null between the commit and its storing
        outcome jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await queryRunner.query(
      'CREATE INDEX idx_idempotency_keys_created_at ON idempotency_keys (created_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE idempotency_keys');
  }
}

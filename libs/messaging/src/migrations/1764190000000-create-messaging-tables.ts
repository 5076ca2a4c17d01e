import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables of the events backbone, the same in every service database:
 * - outbox: events recorded in the transaction of the state change, waiting for the relay;
 * - inbox: ids of the events a consumer has applied, written in the transaction of the effect;
 * - dead_letters: events a consumer gave up on, for an operator to inspect and replay.
 */
export class CreateMessagingTables1764190000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        sequence bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        aggregate_id text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await queryRunner.query(
      'CREATE INDEX outbox_pending ON outbox (sequence) WHERE published_at IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL',
    );
    await queryRunner.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        type text NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE dead_letters (
        id uuid PRIMARY KEY,
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        type text NOT NULL,
        envelope jsonb NOT NULL,
        error text NOT NULL,
        attempts integer NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz,
        UNIQUE (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dead_letters');
    await queryRunner.query('DROP TABLE inbox');
    await queryRunner.query('DROP TABLE outbox');
  }
}

import type { QueryRunner } from 'typeorm';

/**
 * The state of every timed job of a service, one row per job: what survives a restart (the next
 * run is due `intervalMs` after `last_run_at`) and what the metrics show. A service lists it in
 * one of its own migrations (`await createTimedJobsTable(queryRunner)`); it is idempotent.
 */
export async function createTimedJobsTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE IF NOT EXISTS timed_jobs (
      name text PRIMARY KEY,
      last_run_at timestamptz,
      last_success_at timestamptz,
      last_duration_ms integer,
      last_error text,
      runs_total bigint NOT NULL DEFAULT 0,
      failures_total bigint NOT NULL DEFAULT 0,
      consecutive_failures integer NOT NULL DEFAULT 0
    )`);
}

export async function dropTimedJobsTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query('DROP TABLE IF EXISTS timed_jobs');
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runs become asynchronous: a run is recorded `running` when it starts, shows its progress
 * (households processed of the month's), and ends `done` with its result (the first households
 * shown) or `failed` with the error; a run left `running` by a stopped replica is resumed by the
 * `billing.runs-resume` timed job (hence the timed jobs' table). An invoice keeps the run that
 * issued it, so a resumed run counts as its own the invoices it issued before it stopped.
 */
export class AsynchronousRuns1796720000001 implements MigrationInterface {
  name = 'AsynchronousRuns1796720000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE billing_runs
        ADD COLUMN status text NOT NULL DEFAULT 'done'
          CHECK (status IN ('running', 'done', 'failed')),
        ADD COLUMN household_count integer,
        ADD COLUMN processed_count integer NOT NULL DEFAULT 0,
        ADD COLUMN total_cents bigint,
        ADD COLUMN households jsonb,
        ADD COLUMN error jsonb,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN finished_at timestamptz,
        ALTER COLUMN issued_count SET DEFAULT 0,
        ALTER COLUMN already_issued_count SET DEFAULT 0`);
    await queryRunner.query(
      "CREATE INDEX billing_runs_running ON billing_runs (started_at) WHERE status = 'running'",
    );
    await queryRunner.query(
      'CREATE INDEX billing_runs_by_regie ON billing_runs (regie_id, month, started_at)',
    );
    // The run that issued an invoice (none for one issued alone): what a resumed run counts.
    await queryRunner.query('ALTER TABLE invoices ADD COLUMN billing_run_id uuid');
    // The resume job keeps its state in `timed_jobs`, created by 1796700000001.
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE invoices DROP COLUMN billing_run_id');
    await queryRunner.query('DROP INDEX billing_runs_by_regie');
    await queryRunner.query('DROP INDEX billing_runs_running');
    await queryRunner.query(`
      ALTER TABLE billing_runs DROP COLUMN status, DROP COLUMN household_count,
        DROP COLUMN processed_count, DROP COLUMN total_cents, DROP COLUMN households,
        DROP COLUMN error, DROP COLUMN attempts, DROP COLUMN finished_at,
        ALTER COLUMN issued_count DROP DEFAULT, ALTER COLUMN already_issued_count DROP DEFAULT`);
  }
}

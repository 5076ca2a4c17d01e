import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTimedJobsTable, dropTimedJobsTable } from '@portail/service-kit';

/** The state of identity's timed jobs: the purge of personal data past their retention. */
export class RetentionTimedJobs1796760000003 implements MigrationInterface {
  name = 'RetentionTimedJobs1796760000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTimedJobsTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTimedJobsTable(queryRunner);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTimedJobsTable, dropTimedJobsTable } from '@portail/service-kit';

/**
 * The purge job (`enrolment.retention`, services/enrolment/src/retention/) keeps its state in
 * `timed_jobs`, enrolment's first timed job.
 */
export class RetentionJobState1796820000001 implements MigrationInterface {
  name = 'RetentionJobState1796820000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTimedJobsTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTimedJobsTable(queryRunner);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { MessagingMetrics } from '@portail/messaging';
import { Clock, SERVICE_CONFIG, ScheduledJob } from '@portail/service-kit';
import type { BillingConfig } from '../config';
import { StartRun } from './start-run.use-case';

/**
 * Every BILLING_RUNS_RESUME_INTERVAL_MS, once across replicas (see ScheduledJob): the billing runs
 * left `running` by a replica that stopped are worked on again (StartRun.resumeLeftOver); its
 * last run, success, duration and failures are on GET /metrics.
 */
@Injectable()
export class RunsResumeJob extends ScheduledJob {
  static readonly NAME = 'billing.runs-resume';

  constructor(
    @Inject(SERVICE_CONFIG) config: BillingConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    dataSource: DataSource,
    clock: Clock,
    private readonly runs: StartRun,
    metrics: MessagingMetrics,
  ) {
    super(
      {
        name: RunsResumeJob.NAME,
        intervalMs: config.BILLING_RUNS_RESUME_INTERVAL_MS,
        enabled: config.BILLING_JOBS_ENABLED,
      },
      { dataSource, clock, logger, registry: metrics.registry },
    );
  }

  protected work(): Promise<number> {
    return this.runs.resumeLeftOver();
  }
}

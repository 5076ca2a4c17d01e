import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { MessagingMetrics } from '@portail/messaging';
import {
  Clock,
  SERVICE_CONFIG,
  TimedJob,
  registerTimedJobMetrics,
  type TimedJobRun,
} from '@portail/service-kit';
import type { BillingConfig } from '../config';
import { StartRun } from './start-run.use-case';

/**
 * Every BILLING_RUNS_RESUME_INTERVAL_MS, once across replicas (see TimedJob): the billing runs
 * left `running` by a replica that stopped are worked on again (StartRun.resumeLeftOver); its
 * last run, success, duration and failures are on GET /metrics.
 */
@Injectable()
export class RunsResumeJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  static readonly NAME = 'billing.runs-resume';
  readonly job: TimedJob;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: BillingConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    dataSource: DataSource,
    clock: Clock,
    runs: StartRun,
    metrics: MessagingMetrics,
  ) {
    this.job = new TimedJob(
      {
        name: RunsResumeJob.NAME,
        intervalMs: config.BILLING_RUNS_RESUME_INTERVAL_MS,
        run: () => runs.resumeLeftOver(),
      },
      { dataSource, clock, logger },
    );
    registerTimedJobMetrics(metrics.registry, dataSource);
  }

  runOnce(): Promise<TimedJobRun> {
    return this.job.runOnce();
  }

  onApplicationBootstrap(): void {
    if (this.config.BILLING_JOBS_ENABLED) this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}

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
import { SendOverdueReminders } from './send-overdue-reminders.use-case';

/**
 * Runs SendOverdueReminders every INVOICE_REMINDERS_INTERVAL_MS, once across replicas (see
 * TimedJob: advisory lock, state in `timed_jobs`, due again after a restart by the Clock); its
 * last run, success, duration and failures are on GET /metrics.
 */
@Injectable()
export class OverdueRemindersJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  static readonly NAME = 'billing.overdue-reminders';
  readonly job: TimedJob;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: BillingConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    dataSource: DataSource,
    clock: Clock,
    reminders: SendOverdueReminders,
    metrics: MessagingMetrics,
  ) {
    this.job = new TimedJob(
      {
        name: OverdueRemindersJob.NAME,
        intervalMs: config.INVOICE_REMINDERS_INTERVAL_MS,
        run: (now) => reminders.run(now),
      },
      { dataSource, clock, logger },
    );
    registerTimedJobMetrics(metrics.registry, dataSource);
  }

  runOnce(): Promise<TimedJobRun> {
    return this.job.runOnce();
  }

  onApplicationBootstrap(): void {
    if (this.config.INVOICE_REMINDERS_ENABLED) this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}

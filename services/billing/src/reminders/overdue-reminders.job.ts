import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { MessagingMetrics } from '@portail/messaging';
import { Clock, SERVICE_CONFIG, ScheduledJob } from '@portail/service-kit';
import type { BillingConfig } from '../config';
import { SendOverdueReminders } from './send-overdue-reminders.use-case';

/**
 * Runs SendOverdueReminders every INVOICE_REMINDERS_INTERVAL_MS, once across replicas (see
 * ScheduledJob: advisory lock, state in `timed_jobs`, due again after a restart by the Clock); its
 * last run, success, duration and failures are on GET /metrics.
 */
@Injectable()
export class OverdueRemindersJob extends ScheduledJob {
  static readonly NAME = 'billing.overdue-reminders';

  constructor(
    @Inject(SERVICE_CONFIG) config: BillingConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    dataSource: DataSource,
    clock: Clock,
    private readonly reminders: SendOverdueReminders,
    metrics: MessagingMetrics,
  ) {
    super(
      {
        name: OverdueRemindersJob.NAME,
        intervalMs: config.INVOICE_REMINDERS_INTERVAL_MS,
        enabled: config.INVOICE_REMINDERS_ENABLED,
      },
      { dataSource, clock, logger, registry: metrics.registry },
    );
  }

  protected work(now: Date): Promise<number> {
    return this.reminders.run(now);
  }
}

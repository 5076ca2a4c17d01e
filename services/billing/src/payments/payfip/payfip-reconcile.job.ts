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
import type { BillingConfig } from '../../config';
import { PayfipCallbacks } from './payfip-callbacks';

/**
 * Asks PayFIP again about the payments still waiting PAYFIP_RECONCILE_AFTER_MINUTES after they
 * started (a notification lost, a family that never came back), every
 * PAYFIP_RECONCILE_INTERVAL_MS, once across replicas (TimedJob, judged by the Clock). A result
 * still unknown (P5) stays waiting until PAYFIP_PENDING_LIFETIME_MINUTES, then is expired.
 */
@Injectable()
export class PayfipReconcileJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  static readonly NAME = 'billing.payfip-reconcile';
  readonly job: TimedJob;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: BillingConfig,
    private readonly callbacks: PayfipCallbacks,
    dataSource: DataSource,
    clock: Clock,
    @Inject(SERVICE_LOGGER) logger: Logger,
    metrics: MessagingMetrics,
  ) {
    this.job = new TimedJob(
      {
        name: PayfipReconcileJob.NAME,
        intervalMs: config.PAYFIP_RECONCILE_INTERVAL_MS,
        run: (now) => this.run(now),
      },
      { dataSource, clock, logger },
    );
    registerTimedJobMetrics(metrics.registry, dataSource);
  }

  runOnce(): Promise<TimedJobRun> {
    return this.job.runOnce();
  }

  onApplicationBootstrap(): void {
    if (this.config.BILLING_JOBS_ENABLED && this.config.PAYMENT_PROVIDER_INVOICES === 'payfip') {
      this.job.start();
    }
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** How many payments reached a final state. */
  async run(now: Date): Promise<number> {
    const result = await this.callbacks.reconcile(now, this.config.PAYFIP_RECONCILE_AFTER_MINUTES);
    if (result.failed) {
      throw new Error(`${result.failed} PayFIP payment(s) could not be asked (see the log)`);
    }
    return result.settled.length;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { MessagingMetrics } from '@portail/messaging';
import { Clock, SERVICE_CONFIG, ScheduledJob } from '@portail/service-kit';
import type { BillingConfig } from '../../config';
import { PayfipCallbacks } from './payfip-callbacks';

/**
 * Asks PayFIP again about the payments still waiting PAYFIP_RECONCILE_AFTER_MINUTES after they
 * started (a notification lost, a family that never came back), every
 * PAYFIP_RECONCILE_INTERVAL_MS, once across replicas (ScheduledJob, judged by the Clock), when
 * PayFIP is the invoices' provider. A result still unknown (P5) stays waiting until
 * PAYFIP_PENDING_LIFETIME_MINUTES, then is expired.
 */
@Injectable()
export class PayfipReconcileJob extends ScheduledJob {
  static readonly NAME = 'billing.payfip-reconcile';

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: BillingConfig,
    private readonly callbacks: PayfipCallbacks,
    dataSource: DataSource,
    clock: Clock,
    @Inject(SERVICE_LOGGER) logger: Logger,
    metrics: MessagingMetrics,
  ) {
    super(
      {
        name: PayfipReconcileJob.NAME,
        intervalMs: config.PAYFIP_RECONCILE_INTERVAL_MS,
        enabled: config.BILLING_JOBS_ENABLED && config.PAYMENT_PROVIDER_INVOICES === 'payfip',
      },
      { dataSource, clock, logger, registry: metrics.registry },
    );
  }

  protected work(now: Date): Promise<number> {
    return this.run(now);
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

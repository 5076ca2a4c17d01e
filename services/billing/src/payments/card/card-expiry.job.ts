import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { MessagingMetrics } from '@portail/messaging';
import { Clock, SERVICE_CONFIG, ScheduledJob } from '@portail/service-kit';
import type { BillingConfig } from '../../config';
import { CardNotifications } from './card-notifications';

/**
 * Ends the card payments left without a final notification past CARD_PAYMENT_LIFETIME_MINUTES
 * (the family closed the page, a notification was lost): expired, the family is told
 * (`billing.payment.failed`) and its basket may be paid again. Every CARD_EXPIRY_INTERVAL_MS,
 * once across replicas (ScheduledJob, judged by the Clock), when the card provider is on.
 */
@Injectable()
export class CardExpiryJob extends ScheduledJob {
  static readonly NAME = 'billing.card-expiry';

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: BillingConfig,
    private readonly notifications: CardNotifications,
    dataSource: DataSource,
    clock: Clock,
    @Inject(SERVICE_LOGGER) logger: Logger,
    metrics: MessagingMetrics,
  ) {
    super(
      {
        name: CardExpiryJob.NAME,
        intervalMs: config.CARD_EXPIRY_INTERVAL_MS,
        enabled: config.BILLING_JOBS_ENABLED && config.PAYMENT_PROVIDER_BASKETS === 'card',
      },
      { dataSource, clock, logger, registry: metrics.registry },
    );
  }

  protected work(now: Date): Promise<number> {
    return this.run(now);
  }

  /** How many payments ended. */
  async run(now: Date): Promise<number> {
    const result = await this.notifications.expireLate(
      now,
      this.config.CARD_PAYMENT_LIFETIME_MINUTES,
    );
    if (result.failed) throw new Error(`${result.failed} card payment(s) could not be ended`);
    return result.ended;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { EventRecorder, MessagingMetrics } from '@portail/messaging';
import { Clock, SERVICE_CONFIG, ScheduledJob } from '@portail/service-kit';
import type { BillingConfig } from '../config';
import { OnlinePayments } from '../payments/online-payments';
import { accountIdsOf } from '../payments/payment-store';
import { RegieStore } from '../regies/regie-store';

/** Baskets judged per run (the next run takes the rest). */
const BATCH = 500;

/**
 * Expires the pre-billed baskets left unpaid past their delay, every BASKET_EXPIRY_INTERVAL_MS,
 * once across replicas (TimedJob, judged by the Clock). A basket whose payment is still waiting
 * is first asked of the provider: paid, it is invoiced instead; still waiting, it waits for the
 * provider's answer (a provider's operation has a bounded lifetime). An expired basket records
 * `billing.basket.expired` with its bookings still booked: reservation cancels them (cause
 * `basket-expired`), which frees their places for the waiting list.
 */
@Injectable()
export class BasketExpiry extends ScheduledJob {
  static readonly NAME = 'billing.basket-expiry';

  constructor(
    @Inject(SERVICE_CONFIG) config: BillingConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly payments: OnlinePayments,
    private readonly regies: RegieStore,
    private readonly events: EventRecorder,
    clock: Clock,
    metrics: MessagingMetrics,
  ) {
    super(
      {
        name: BasketExpiry.NAME,
        intervalMs: config.BASKET_EXPIRY_INTERVAL_MS,
        enabled: config.BILLING_JOBS_ENABLED,
      },
      { dataSource, clock, logger, registry: metrics.registry },
    );
  }

  protected work(now: Date): Promise<number> {
    return this.run(now);
  }

  /** How many baskets expired. */
  async run(now: Date): Promise<number> {
    const due = await this.dataSource.query<
      Array<{ id: string; waiting_payment_id: string | null }>
    >(
      `SELECT b.id, (SELECT p.id FROM payments p WHERE p.basket_id = b.id AND p.state = 'waiting')
         AS waiting_payment_id
       FROM baskets b WHERE b.status = 'open' AND b.expires_at <= $1
       ORDER BY b.expires_at LIMIT ${BATCH}`,
      [now],
    );
    let expired = 0;
    let failed = 0;
    for (const basket of due) {
      // One basket failing (its provider unreachable…) does not hold the others back.
      try {
        if (basket.waiting_payment_id) {
          const payment = await this.payments.launch(basket.waiting_payment_id);
          if (payment.state === 'waiting' || payment.state === 'paid') continue;
        }
        if (await this.expire(basket.id, now)) expired += 1;
      } catch (error) {
        failed += 1;
        this.logger.error({ err: error, basketId: basket.id }, 'Basket expiry failed');
      }
    }
    if (failed) throw new Error(`${failed} basket(s) could not be judged (see the log)`);
    return expired;
  }

  private expire(basketId: string, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [basket] = await manager.query<
        Array<{ id: string; regie_id: string; household_id: string }>
      >(
        `SELECT id, regie_id, household_id FROM baskets b WHERE id = $1 AND status = 'open'
           AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.basket_id = b.id AND p.state = 'waiting')
         FOR UPDATE`,
        [basketId],
      );
      if (!basket) return false;
      const items = await manager.query<Array<{ booking_id: string; unit_price_cents: number }>>(
        `SELECT booking_id, unit_price_cents FROM basket_items
         WHERE basket_id = $1 AND removed_at IS NULL ORDER BY day, booking_id`,
        [basket.id],
      );
      await manager.query(
        `UPDATE baskets SET status = 'expired', filling = false, closed_at = $2 WHERE id = $1`,
        [basket.id, now],
      );
      // An emptied basket (every booking cancelled) releases nothing and tells nobody.
      if (!items.length) return true;
      const regie = await this.regies.load(basket.regie_id, manager);
      await this.events.record(
        manager,
        'billing.basket.expired',
        {
          basketId: basket.id,
          regieId: regie.id,
          regieName: regie.name,
          organisationId: regie.organisation_id,
          householdId: basket.household_id,
          accountIds: await accountIdsOf(manager, basket.household_id),
          bookingIds: items.map((item) => item.booking_id),
          totalCents: items.reduce((sum, item) => sum + item.unit_price_cents, 0),
          expiredAt: now.toISOString(),
        },
        { aggregateId: basket.id },
      );
      return true;
    });
  }
}

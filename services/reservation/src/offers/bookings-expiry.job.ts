import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { MessagingMetrics } from '@portail/messaging';
import { Clock, SERVICE_CONFIG, ScheduledJob } from '@portail/service-kit';
import type { ReservationConfig } from '../config';
import { ExpireBookings } from './expire-bookings.use-case';

/**
 * Runs ExpireBookings every BOOKINGS_EXPIRY_INTERVAL_MS, once across replicas (see ScheduledJob);
 * its last run, success, duration and failures are on GET /metrics.
 */
@Injectable()
export class BookingsExpiryJob extends ScheduledJob {
  static readonly NAME = 'reservation.bookings-expiry';

  constructor(
    @Inject(SERVICE_CONFIG) config: ReservationConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    dataSource: DataSource,
    clock: Clock,
    private readonly expire: ExpireBookings,
    metrics: MessagingMetrics,
  ) {
    super(
      {
        name: BookingsExpiryJob.NAME,
        intervalMs: config.BOOKINGS_EXPIRY_INTERVAL_MS,
        enabled: config.RESERVATION_JOBS_ENABLED,
      },
      { dataSource, clock, logger, registry: metrics.registry },
    );
  }

  protected work(now: Date): Promise<number> {
    return this.expire.run(now);
  }
}

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
import type { ReservationConfig } from '../config';
import { ExpireBookings } from './expire-bookings.use-case';

/**
 * Runs ExpireBookings every BOOKINGS_EXPIRY_INTERVAL_MS, once across replicas (see TimedJob);
 * its last run, success, duration and failures are on GET /metrics.
 */
@Injectable()
export class BookingsExpiryJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  static readonly NAME = 'reservation.bookings-expiry';
  readonly job: TimedJob;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ReservationConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
    dataSource: DataSource,
    clock: Clock,
    expire: ExpireBookings,
    metrics: MessagingMetrics,
  ) {
    this.job = new TimedJob(
      {
        name: BookingsExpiryJob.NAME,
        intervalMs: config.BOOKINGS_EXPIRY_INTERVAL_MS,
        run: (now) => expire.run(now),
      },
      { dataSource, clock, logger },
    );
    registerTimedJobMetrics(metrics.registry, dataSource);
  }

  runOnce(): Promise<TimedJobRun> {
    return this.job.runOnce();
  }

  onApplicationBootstrap(): void {
    if (this.config.RESERVATION_JOBS_ENABLED) this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}

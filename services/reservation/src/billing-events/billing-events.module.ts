import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { BookingsModule } from '../bookings/bookings.module';
import { BasketExpiredHandler } from './basket-expired.handler';

/** Reservation's consumers of billing's events: an expired basket releases its bookings. */
@Module({
  imports: [ActivitiesModule, BookingsModule],
  providers: [BasketExpiredHandler],
})
export class BillingEventsModule {}

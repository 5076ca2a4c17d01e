import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { BookingLedger } from '../bookings/booking-ledger';
import { BookingsExpiryJob } from './bookings-expiry.job';
import { ExpireBookings } from './expire-bookings.use-case';
import { OffersController } from './offers.controller';
import { RespondToOffer } from './respond-to-offer.use-case';

/** Waiting-list offers: the family's answer, and the timed job that expires them. */
@Module({
  imports: [ActivitiesModule],
  controllers: [OffersController],
  providers: [BookingLedger, RespondToOffer, ExpireBookings, BookingsExpiryJob],
})
export class OffersModule {}

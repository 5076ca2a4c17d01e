import { Module } from '@nestjs/common';
import { BookingRights } from '../rights/booking-rights';
import { CalendarFeedsController } from './calendar-feeds.controller';
import { ManageCalendarFeed } from './manage-calendar-feed.use-case';
import { ReadCalendarFeed } from './read-calendar-feed.use-case';

/** A child's bookings as an ICS feed at a secret, revocable URL. */
@Module({
  controllers: [CalendarFeedsController],
  providers: [BookingRights, ManageCalendarFeed, ReadCalendarFeed],
})
export class CalendarFeedsModule {}

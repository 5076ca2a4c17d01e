import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { BookingsModule } from '../bookings/bookings.module';
import { CalendarModule } from '../calendar';
import { BookingEngine } from './booking-engine';
import { BookingRequestsController } from './booking-requests.controller';
import { CancelBookingRange } from './cancel-booking-range.use-case';
import { ChangeRecurringBooking } from './change-recurring-booking.use-case';
import { ChildAccess } from './child-access';
import { CounterBooking } from './counter-booking.use-case';
import { ListRecurringBookings } from './list-recurring-bookings.use-case';
import { SubmitRecurringBooking } from './submit-recurring-booking.use-case';

/**
 * Requests over many dates: recurring patterns ("périodicité"), range cancellations, and an
 * agent's counter bookings, all through one set-based booking engine.
 */
@Module({
  imports: [ActivitiesModule, BookingsModule, CalendarModule],
  controllers: [BookingRequestsController],
  providers: [
    BookingEngine,
    ChildAccess,
    SubmitRecurringBooking,
    ChangeRecurringBooking,
    ListRecurringBookings,
    CancelBookingRange,
    CounterBooking,
  ],
})
export class BookingRequestsModule {}

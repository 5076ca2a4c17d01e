import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { CalendarModule } from '../calendar';
import { BookingRights } from '../rights/booking-rights';
import { EnrolmentEventsHandler } from '../rights/enrolment-events.handler';
import { RightEnding } from '../rights/right-ending';
import { BookingLedger } from './booking-ledger';
import { BookingsController } from './bookings.controller';
import { CancelBooking } from './cancel-booking.use-case';
import { ChildSchoolSite } from './child-school-site';
import { CreateBooking } from './create-booking.use-case';
import { DecideBooking } from './decide-booking.use-case';
import { GetOccupancy } from './get-occupancy.use-case';
import { ListMyBookings } from './list-my-bookings.use-case';
import { ListSlots } from './list-slots.use-case';
import { SlotPrices } from './slot-prices';
import { SetCapacity } from './set-capacity.use-case';

/** Booking rights (from enrolment's events), bookings, waiting lists, the family's month, occupancy. */
@Module({
  imports: [ActivitiesModule, CalendarModule],
  controllers: [BookingsController],
  providers: [
    BookingRights,
    BookingLedger,
    EnrolmentEventsHandler,
    RightEnding,
    CreateBooking,
    CancelBooking,
    ListMyBookings,
    ListSlots,
    GetOccupancy,
    DecideBooking,
    SetCapacity,
    ChildSchoolSite,
    SlotPrices,
  ],
  exports: [BookingRights, BookingLedger, ChildSchoolSite, RightEnding],
})
export class BookingsModule {}

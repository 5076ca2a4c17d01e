import type { BackendServiceDefinition } from '@portail/service-kit';
import { ClockModule } from '@portail/service-kit';
import { ActivitiesModule } from './activities/activities.module';
import { ACTIVITY_ENTITIES } from './activities/activity.entities';
import { BookingPattern } from './booking-requests/booking-pattern.entity';
import { BookingRequestsModule } from './booking-requests/booking-requests.module';
import { Booking, SlotCounter } from './bookings/booking.entity';
import { BookingsModule } from './bookings/bookings.module';
import { OffersModule } from './offers/offers.module';
import { ATTENDANCE_ENTITIES } from './attendance/attendance.entities';
import { AttendanceModule } from './attendance/attendance.module';
import { BillingEventsModule } from './billing-events/billing-events.module';
import { CreateReservation1764600000001 } from './migrations/1764600000001-create-reservation';
import { OffersAndAttendance1796500000002 } from './migrations/1796500000002-offers-and-attendance';
import { CalendarFeed } from './calendar-feeds/calendar-feed.entity';
import { CalendarFeedsModule } from './calendar-feeds/calendar-feeds.module';
import { CalendarFeedsAndImportedClosures1796500000003 } from './migrations/1796500000003-calendar-feeds-and-imported-closures';
import { RecurringBookings1796500000001 } from './migrations/1796500000001-recurring-bookings';
import { BookingRight } from './rights/booking-right.entity';
import { PrivacyModule } from './privacy/privacy.module';
import { RetentionModule } from './retention/retention.module';
import { RetentionIndexes1796820000011 } from './migrations/1796820000011-retention-indexes';

/** Activities, booking rights and bookings (see README, "Reservation"). */
export const reservationService: BackendServiceDefinition = {
  name: 'reservation',
  imports: [
    ClockModule,
    ActivitiesModule,
    BookingsModule,
    BookingRequestsModule,
    OffersModule,
    AttendanceModule,
    CalendarFeedsModule,
    PrivacyModule,
    BillingEventsModule,
    RetentionModule,
  ],
  entities: [
    ...ACTIVITY_ENTITIES,
    BookingRight,
    Booking,
    SlotCounter,
    BookingPattern,
    ...ATTENDANCE_ENTITIES,
    CalendarFeed,
  ],
  migrations: [
    CreateReservation1764600000001,
    RecurringBookings1796500000001,
    OffersAndAttendance1796500000002,
    CalendarFeedsAndImportedClosures1796500000003,
    RetentionIndexes1796820000011,
  ],
};

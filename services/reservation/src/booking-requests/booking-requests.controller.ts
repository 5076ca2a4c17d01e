import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CancelBookingRangeCommand,
  ChangeRecurringBookingCommand,
  ChildRef,
  CounterBookingCommand,
  CounterCancelCommand,
  ReservationSubjects,
  SubmitRecurringBookingCommand,
  type BookingPatternView,
  type BookingRequestView,
  type Caller,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { CancelBookingRange } from './cancel-booking-range.use-case';
import { ChangeRecurringBooking } from './change-recurring-booking.use-case';
import { CounterBooking } from './counter-booking.use-case';
import { ListRecurringBookings } from './list-recurring-bookings.use-case';
import { SubmitRecurringBooking } from './submit-recurring-booking.use-case';

@Controller()
export class BookingRequestsController {
  constructor(
    private readonly submitRecurring: SubmitRecurringBooking,
    private readonly changeRecurring: ChangeRecurringBooking,
    private readonly listRecurring: ListRecurringBookings,
    private readonly cancelRange: CancelBookingRange,
    private readonly counter: CounterBooking,
  ) {}

  @HandlesRequest(ReservationSubjects.recurringBookingsSubmit)
  submit(
    @CurrentCaller() caller: Caller,
    @Payload() command: SubmitRecurringBookingCommand,
  ): Promise<BookingRequestView> {
    return this.submitRecurring.execute(caller, command);
  }

  @HandlesRequest(ReservationSubjects.recurringBookingsChange)
  change(
    @CurrentCaller() caller: Caller,
    @Payload() command: ChangeRecurringBookingCommand,
  ): Promise<BookingRequestView> {
    return this.changeRecurring.execute(caller, command);
  }

  @HandlesRequest(ReservationSubjects.recurringBookingsList)
  list(@CurrentCaller() caller: Caller, @Payload() query: ChildRef): Promise<BookingPatternView[]> {
    return this.listRecurring.execute(caller, query);
  }

  @HandlesRequest(ReservationSubjects.bookingsCancelRange)
  cancelBookings(
    @CurrentCaller() caller: Caller,
    @Payload() command: CancelBookingRangeCommand,
  ): Promise<BookingRequestView> {
    return this.cancelRange.execute(caller, command);
  }

  @HandlesRequest(ReservationSubjects.counterBookingsCreate)
  counterBook(
    @CurrentCaller() caller: Caller,
    @Payload() command: CounterBookingCommand,
  ): Promise<BookingRequestView> {
    return this.counter.book(caller, command);
  }

  @HandlesRequest(ReservationSubjects.counterBookingsCancel)
  counterCancel(
    @CurrentCaller() caller: Caller,
    @Payload() command: CounterCancelCommand,
  ): Promise<BookingRequestView> {
    return this.counter.cancel(caller, command);
  }
}

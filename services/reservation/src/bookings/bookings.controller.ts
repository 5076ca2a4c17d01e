import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ActivityBookingsQuery,
  BookingRef,
  DecideBookingCommand,
  CreateBookingCommand,
  ListMyBookingsQuery,
  ListSlotsQuery,
  OccupancyQuery,
  ReservationSubjects,
  SetCapacityCommand,
  type ActivityView,
  type BookingView,
  type Caller,
  type OccupancyLine,
  type SlotView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { CancelBooking } from './cancel-booking.use-case';
import { CreateBooking } from './create-booking.use-case';
import { DecideBooking } from './decide-booking.use-case';
import { GetOccupancy } from './get-occupancy.use-case';
import { ListMyBookings } from './list-my-bookings.use-case';
import { ListSlots } from './list-slots.use-case';
import { SetCapacity } from './set-capacity.use-case';

@Controller()
export class BookingsController {
  constructor(
    private readonly createBooking: CreateBooking,
    private readonly cancelBooking: CancelBooking,
    private readonly listMyBookings: ListMyBookings,
    private readonly listSlots: ListSlots,
    private readonly getOccupancy: GetOccupancy,
    private readonly decideBooking: DecideBooking,
    private readonly setCapacity: SetCapacity,
  ) {}

  /** Here rather than with the activities: a capacity rise promotes waitlisted bookings. */
  @HandlesRequest(ReservationSubjects.capacitiesSet)
  capacity(
    @CurrentCaller() caller: Caller,
    @Payload() command: SetCapacityCommand,
  ): Promise<ActivityView> {
    return this.setCapacity.execute(caller, command);
  }

  @HandlesRequest(ReservationSubjects.bookingsListForActivity)
  listForActivity(
    @CurrentCaller() caller: Caller,
    @Payload() query: ActivityBookingsQuery,
  ): Promise<BookingView[]> {
    return this.decideBooking.list(caller, query);
  }

  @HandlesRequest(ReservationSubjects.bookingsDecide)
  decide(
    @CurrentCaller() caller: Caller,
    @Payload() command: DecideBookingCommand,
  ): Promise<BookingView> {
    return this.decideBooking.decide(caller, command);
  }

  @HandlesRequest(ReservationSubjects.bookingsCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateBookingCommand,
  ): Promise<BookingView> {
    return this.createBooking.execute(caller, command);
  }

  @HandlesRequest(ReservationSubjects.bookingsCancel)
  cancel(@CurrentCaller() caller: Caller, @Payload() command: BookingRef): Promise<BookingView> {
    return this.cancelBooking.execute(caller, command.bookingId);
  }

  @HandlesRequest(ReservationSubjects.bookingsListMine)
  listMine(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListMyBookingsQuery,
  ): Promise<BookingView[]> {
    return this.listMyBookings.execute(caller, query);
  }

  @HandlesRequest(ReservationSubjects.slotsList)
  slots(@CurrentCaller() caller: Caller, @Payload() query: ListSlotsQuery): Promise<SlotView[]> {
    return this.listSlots.execute(caller, query);
  }

  @HandlesRequest(ReservationSubjects.occupancyGet)
  occupancy(
    @CurrentCaller() caller: Caller,
    @Payload() query: OccupancyQuery,
  ): Promise<OccupancyLine[]> {
    return this.getOccupancy.execute(caller, query);
  }
}

import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  BookingRef,
  BookingRequestView,
  ChildRef,
  CommonErrorCode,
  CounterBookingBody,
  CounterCancelParams,
  CounterRecurringBookingBody,
  ReservationErrorCode,
  ReservationSubjects,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';

const COUNTER_PROBLEMS = [
  CommonErrorCode.VALIDATION_FAILED,
  ReservationErrorCode.BOOKING_CHILD_NOT_FOUND,
  ReservationErrorCode.ACTIVITY_OUT_OF_SCOPE,
  ReservationErrorCode.ACTIVITY_NOT_FOUND,
  ReservationErrorCode.UNIT_NOT_FOUND,
  ReservationErrorCode.SITE_NOT_FOUND,
  ReservationErrorCode.NO_BOOKING_RIGHT,
  ReservationErrorCode.SITE_NOT_CHILD_SCHOOL,
  ReservationErrorCode.CHILD_SCHOOL_UNKNOWN,
] as const;

/**
 * Bookings at the counter: an agent of the activity's service (or an administrator) books or
 * cancels on a family's behalf, and may override the notice deadline; both are recorded on the
 * booking and in the request's event. Another service's agent gets 403.
 */
@ApiTags('reservation')
@Allow('agent', 'admin')
@Controller('agent')
export class CounterBookingsController {
  constructor(private readonly services: ServiceClient) {}

  @Post('children/:childId/bookings')
  @ApiOperation({
    summary: "Book a unit at a site on a day on a family's behalf",
    description: '`overrideDeadline: true` books past the notice period (recorded).',
  })
  @ApiResponse({ status: 201, type: BookingRequestView })
  @ApiProblems(...COUNTER_PROBLEMS, ReservationErrorCode.SLOT_CLOSED)
  book(
    @CurrentCaller() caller: Caller,
    @Param() params: ChildRef,
    @Body() body: CounterBookingBody,
  ): Promise<BookingRequestView> {
    return this.services.request(
      ReservationSubjects.counterBookingsCreate,
      { ...body, childId: params.childId },
      { caller },
    );
  }

  @Post('children/:childId/recurring-bookings')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Book a weekly pattern on a family's behalf (or, with dryRun, its summary)",
  })
  @ApiResponse({ status: 200, type: BookingRequestView })
  @ApiProblems(...COUNTER_PROBLEMS, ReservationErrorCode.BOOKING_PATTERN_EXISTS)
  recurring(
    @CurrentCaller() caller: Caller,
    @Param() params: ChildRef,
    @Body() body: CounterRecurringBookingBody,
  ): Promise<BookingRequestView> {
    return this.services.request(
      ReservationSubjects.recurringBookingsSubmit,
      { ...body, childId: params.childId },
      { caller },
    );
  }

  @Delete('bookings/:bookingId')
  @ApiOperation({
    summary: "Cancel a booking on a family's behalf",
    description:
      'Late past the cancelling deadline, unless `overrideDeadline=true` (recorded); the place goes to the waiting list.',
  })
  @ApiResponse({ status: 200, type: BookingRequestView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    ReservationErrorCode.BOOKING_NOT_FOUND,
    ReservationErrorCode.ACTIVITY_OUT_OF_SCOPE,
    ReservationErrorCode.BOOKING_ALREADY_CANCELLED,
  )
  cancel(
    @CurrentCaller() caller: Caller,
    @Param() params: BookingRef,
    @Query() query: CounterCancelParams,
  ): Promise<BookingRequestView> {
    return this.services.request(
      ReservationSubjects.counterBookingsCancel,
      { ...query, bookingId: params.bookingId },
      { caller },
    );
  }
}

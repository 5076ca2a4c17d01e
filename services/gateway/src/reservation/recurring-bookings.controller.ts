import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  BookingPatternView,
  BookingRequestView,
  CancelBookingRangeBody,
  ChangeRecurringBookingBody,
  ChildRef,
  CommonErrorCode,
  PatternRef,
  ReservationErrorCode,
  ReservationSubjects,
  SubmitRecurringBookingBody,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';

const PATTERN_PROBLEMS = [
  CommonErrorCode.VALIDATION_FAILED,
  CommonErrorCode.FORBIDDEN,
  ReservationErrorCode.BOOKING_CHILD_NOT_FOUND,
  ReservationErrorCode.ACTIVITY_NOT_FOUND,
  ReservationErrorCode.UNIT_NOT_FOUND,
  ReservationErrorCode.SITE_NOT_FOUND,
  ReservationErrorCode.NO_BOOKING_RIGHT,
  ReservationErrorCode.SITE_NOT_CHILD_SCHOOL,
  ReservationErrorCode.CHILD_SCHOOL_UNKNOWN,
] as const;

/**
 * A family's requests over many dates: weekly patterns ("périodicité") and range cancellations.
 * Each answers the outcome of every date; `dryRun: true` is the summary before confirming.
 */
@ApiTags('reservation')
@Allow('family')
@Controller('children/:childId')
export class RecurringBookingsController {
  constructor(private readonly services: ServiceClient) {}

  @Post('recurring-bookings')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Book a weekly pattern for a child (or, with dryRun, its summary)',
    description:
      "Units and ISO weekdays, every week or every other week, from `from` (default today) to `until` (default the end of the booking right, 400 days at most). Holidays, closures and days the unit does not open are skipped (`skipped`); each other date is booked, waitlisted, pending or refused with the French reason. Submitting the same pattern again creates nothing twice; another pattern for the same right is 409 (change it with PUT). Meals and care are booked at the child's school's site.",
  })
  @ApiResponse({ status: 200, type: BookingRequestView })
  @ApiProblems(...PATTERN_PROBLEMS, ReservationErrorCode.BOOKING_PATTERN_EXISTS)
  submit(
    @CurrentCaller() caller: Caller,
    @Param() params: ChildRef,
    @Body() body: SubmitRecurringBookingBody,
  ): Promise<BookingRequestView> {
    return this.services.request(
      ReservationSubjects.recurringBookingsSubmit,
      { ...body, childId: params.childId },
      { caller },
    );
  }

  @Get('recurring-bookings')
  @ApiOperation({ summary: "A child's weekly patterns" })
  @ApiResponse({ status: 200, type: [BookingPatternView] })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, ReservationErrorCode.BOOKING_CHILD_NOT_FOUND)
  list(@CurrentCaller() caller: Caller, @Param() params: ChildRef): Promise<BookingPatternView[]> {
    return this.services.request(ReservationSubjects.recurringBookingsList, params, { caller });
  }

  @Put('recurring-bookings/:patternId')
  @ApiOperation({
    summary: 'Change a weekly pattern from a day on',
    description:
      'Days before `fromDay` (and before today) are left as they are; later bookings of the pattern no longer in it are cancelled (late past their cancelling deadline), new dates are booked.',
  })
  @ApiResponse({ status: 200, type: BookingRequestView })
  @ApiProblems(...PATTERN_PROBLEMS, ReservationErrorCode.BOOKING_PATTERN_NOT_FOUND)
  change(
    @CurrentCaller() caller: Caller,
    @Param() params: PatternRef,
    @Body() body: ChangeRecurringBookingBody,
  ): Promise<BookingRequestView> {
    return this.services.request(
      ReservationSubjects.recurringBookingsChange,
      { ...body, childId: params.childId, patternId: params.patternId },
      { caller },
    );
  }

  @Post('booking-cancellations')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Cancel a child's bookings of an activity over a date range at once",
    description:
      'Each booking is cancelled under the cancellation rules (late past its deadline) and its place goes to the waiting list; `dryRun` tells what would be cancelled.',
  })
  @ApiResponse({ status: 200, type: BookingRequestView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    ReservationErrorCode.BOOKING_CHILD_NOT_FOUND,
    ReservationErrorCode.ACTIVITY_NOT_FOUND,
    ReservationErrorCode.NO_BOOKING_RIGHT,
  )
  cancelRange(
    @CurrentCaller() caller: Caller,
    @Param() params: ChildRef,
    @Body() body: CancelBookingRangeBody,
  ): Promise<BookingRequestView> {
    return this.services.request(
      ReservationSubjects.bookingsCancelRange,
      { ...body, childId: params.childId },
      { caller },
    );
  }
}

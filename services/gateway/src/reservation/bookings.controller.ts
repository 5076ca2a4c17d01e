import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  BookingRef,
  BookingView,
  ChildRef,
  CommonErrorCode,
  CreateBookingBody,
  ListMyBookingsQuery,
  ListSlotsParams,
  ReservationErrorCode,
  ReservationSubjects,
  SlotView,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';

/**
 * A family's bookings ("réservations") for the children its booking rights cover. Another
 * household's child or booking answers 404.
 */
@ApiTags('reservation')
@Allow('family')
@Controller()
export class BookingsController {
  constructor(private readonly services: ServiceClient) {}

  @Get('children/:childId/slots')
  @ApiOperation({
    summary: "A child's month: every day of every bookable unit with its state and deadlines",
  })
  @ApiResponse({ status: 200, type: [SlotView] })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, ReservationErrorCode.BOOKING_CHILD_NOT_FOUND)
  slots(
    @CurrentCaller() caller: Caller,
    @Param() params: ChildRef,
    @Query() query: ListSlotsParams,
  ): Promise<SlotView[]> {
    return this.services.request(
      ReservationSubjects.slotsList,
      { ...query, childId: params.childId },
      { caller },
    );
  }

  @Post('children/:childId/bookings')
  @ApiOperation({
    summary: 'Book a unit at a site on a day for a child',
    description:
      'status booked, waitlisted (full: in request order, promoted when a place frees) or pending (late request the unit lets an agent decide). Booking the same child, unit and day again returns the existing booking.',
  })
  @ApiResponse({ status: 201, type: BookingView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    ReservationErrorCode.BOOKING_CHILD_NOT_FOUND,
    ReservationErrorCode.UNIT_NOT_FOUND,
    ReservationErrorCode.SITE_NOT_FOUND,
    ReservationErrorCode.NO_BOOKING_RIGHT,
    ReservationErrorCode.SLOT_CLOSED,
    ReservationErrorCode.NOTICE_PERIOD_PASSED,
  )
  book(
    @CurrentCaller() caller: Caller,
    @Param() params: ChildRef,
    @Body() body: CreateBookingBody,
  ): Promise<BookingView> {
    return this.services.request(
      ReservationSubjects.bookingsCreate,
      { ...body, childId: params.childId },
      { caller },
    );
  }

  @Delete('bookings/:bookingId')
  @ApiOperation({
    summary:
      'Cancel a booking (late past the cancelling deadline); its place goes to the waiting list',
  })
  @ApiResponse({ status: 200, type: BookingView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    ReservationErrorCode.BOOKING_NOT_FOUND,
    ReservationErrorCode.BOOKING_ALREADY_CANCELLED,
  )
  cancel(@CurrentCaller() caller: Caller, @Param() params: BookingRef): Promise<BookingView> {
    return this.services.request(ReservationSubjects.bookingsCancel, params, { caller });
  }

  @Get('me/bookings')
  @ApiOperation({ summary: "Your household's bookings, by day" })
  @ApiResponse({ status: 200, type: [BookingView] })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  mine(
    @CurrentCaller() caller: Caller,
    @Query() query: ListMyBookingsQuery,
  ): Promise<BookingView[]> {
    return this.services.request(ReservationSubjects.bookingsListMine, query, { caller });
  }
}

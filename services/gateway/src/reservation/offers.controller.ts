import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  BookingRef,
  CommonErrorCode,
  OfferView,
  ReservationErrorCode,
  ReservationSubjects,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';

/**
 * A family's answer to a place offered from the waiting list (units in mode `offer`). Another
 * household's booking answers 404.
 */
@ApiTags('reservation')
@Allow('family')
@Controller('bookings/:bookingId/offer')
export class OffersController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The booking with its offer: until when the place is held' })
  @ApiResponse({ status: 200, type: OfferView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, ReservationErrorCode.BOOKING_NOT_FOUND)
  get(@CurrentCaller() caller: Caller, @Param() params: BookingRef): Promise<OfferView> {
    return this.services.request(ReservationSubjects.offersGet, params, { caller });
  }

  @Post('confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Take the place held for your child (status offered → booked) before it expires',
  })
  @ApiResponse({ status: 200, type: OfferView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    ReservationErrorCode.BOOKING_NOT_FOUND,
    ReservationErrorCode.BOOKING_NOT_OFFERED,
    ReservationErrorCode.OFFER_EXPIRED,
  )
  confirm(@CurrentCaller() caller: Caller, @Param() params: BookingRef): Promise<OfferView> {
    return this.services.request(ReservationSubjects.offersConfirm, params, { caller });
  }

  @Post('decline')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Give the held place up: the booking is cancelled, the place offered to the next child',
  })
  @ApiResponse({ status: 200, type: OfferView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    ReservationErrorCode.BOOKING_NOT_FOUND,
    ReservationErrorCode.BOOKING_NOT_OFFERED,
  )
  decline(@CurrentCaller() caller: Caller, @Param() params: BookingRef): Promise<OfferView> {
    return this.services.request(ReservationSubjects.offersDecline, params, { caller });
  }
}

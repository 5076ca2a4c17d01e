import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  BasketRef,
  BasketView,
  BillingErrorCode,
  BillingSubjects,
  CommonErrorCode,
  PaymentView,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';

/** Pre-billing ("paiement à la réservation"): the family's baskets of booked days. */
@ApiTags('billing')
@Allow('family')
@Controller('me/baskets')
export class MyBasketsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: 'Your baskets of pre-billed bookings: open ones, and those paid or expired lately',
  })
  @ApiResponse({ status: 200, type: [BasketView] })
  @ApiProblems(CommonErrorCode.FORBIDDEN)
  list(@CurrentCaller() caller: Caller): Promise<BasketView[]> {
    return this.services.request(BillingSubjects.basketsListMine, {}, { caller });
  }

  @Post(':basketId/payments')
  @ApiOperation({
    summary: 'Pay an open basket by card: its invoice is issued, numbered and paid once paid',
    description:
      'Answers the payment and where to pay; paying again while it waits answers the same payment.',
  })
  @ApiResponse({ status: 201, type: PaymentView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    BillingErrorCode.BASKET_NOT_FOUND,
    BillingErrorCode.NOTHING_TO_PAY,
    BillingErrorCode.PAYMENT_PROVIDER_FAILED,
  )
  pay(@CurrentCaller() caller: Caller, @Param() params: BasketRef): Promise<PaymentView> {
    return this.services.request(BillingSubjects.basketsPayMine, params, { caller });
  }
}

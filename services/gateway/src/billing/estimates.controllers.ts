import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  BillingSubjects,
  CommonErrorCode,
  EstimateQuery,
  EstimateView,
  HouseholdErrorCode,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';

/** "What will I pay this month", from the family's current bookings. */
@ApiTags('billing')
@Allow('family')
@Controller('me/invoices/estimate')
export class EstimatesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: "An estimate of a month's post-billed bookings, per child and activity",
    description:
      'Booked days priced with the current tariffs as present days; absences and changes to come are not known. ' +
      'Days no tariff covers yet are counted in unpricedDays.',
  })
  @ApiResponse({ status: 200, type: EstimateView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    HouseholdErrorCode.HOUSEHOLD_NOT_FOUND,
  )
  estimate(@CurrentCaller() caller: Caller, @Query() query: EstimateQuery): Promise<EstimateView> {
    return this.services.request(BillingSubjects.estimatesGetMine, query, { caller });
  }
}

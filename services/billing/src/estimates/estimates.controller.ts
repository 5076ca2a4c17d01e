import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BillingSubjects, EstimateQuery, type Caller, type EstimateView } from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { EstimateMonth } from './estimate-month.use-case';

/** Families: what the current bookings of a month will cost. */
@Controller()
export class EstimatesController {
  constructor(private readonly estimates: EstimateMonth) {}

  @HandlesRequest(BillingSubjects.estimatesGetMine)
  mine(@CurrentCaller() caller: Caller, @Payload() query: EstimateQuery): Promise<EstimateView> {
    return this.estimates.mine(caller, query);
  }
}

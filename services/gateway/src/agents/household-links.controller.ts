import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  HouseholdErrorCode,
  AgentSubjects,
  CommonErrorCode,
  HouseholdLinkPath,
  HouseholdLinkView,
  ListHouseholdLinksQuery,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';

@ApiTags('agents')
@Allow('agent')
@Controller('agent/household-links')
export class HouseholdLinksController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: 'Households that deal with your services (each lookup is in the audit log)',
  })
  @ApiResponse({ status: 200, type: [HouseholdLinkView] })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListHouseholdLinksQuery,
  ): Promise<HouseholdLinkView[]> {
    return this.services.request(AgentSubjects.householdLinksList, { ...query }, { caller });
  }

  @Get(':householdId')
  @ApiOperation({
    summary: 'Which of your services one household deals with (audited)',
  })
  @ApiResponse({ status: 200, type: HouseholdLinkView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, HouseholdErrorCode.HOUSEHOLD_NOT_FOUND)
  get(
    @CurrentCaller() caller: Caller,
    @Param() params: HouseholdLinkPath,
  ): Promise<HouseholdLinkView> {
    return this.services.request(
      AgentSubjects.householdLinksGet,
      { householdId: params.householdId },
      { caller },
    );
  }
}

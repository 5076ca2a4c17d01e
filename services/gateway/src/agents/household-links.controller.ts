import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AgentSubjects, type Caller } from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import { HouseholdIdParam, HouseholdLinkDto, ListHouseholdLinksQueryDto } from './agent.dto';

@ApiTags('agents')
@Allow('agent')
@Controller('agent/household-links')
export class HouseholdLinksController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: 'Households that deal with your services (each lookup is in the audit log)',
  })
  @ApiResponse({ status: 200, type: [HouseholdLinkDto] })
  @ApiResponse({ status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' })
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListHouseholdLinksQueryDto,
  ): Promise<HouseholdLinkDto[]> {
    return this.services.requestUntyped(AgentSubjects.householdLinksList, { ...query }, { caller });
  }

  @Get(':householdId')
  @ApiOperation({
    summary: 'Which of your services one household deals with (audited)',
  })
  @ApiResponse({ status: 200, type: HouseholdLinkDto })
  @ApiResponse({ status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' })
  @ApiResponse({ status: 403, type: ProblemDetailsDto, description: 'HOUSEHOLD_OUT_OF_SCOPE' })
  get(
    @CurrentCaller() caller: Caller,
    @Param() params: HouseholdIdParam,
  ): Promise<HouseholdLinkDto> {
    return this.services.requestUntyped(
      AgentSubjects.householdLinksGet,
      { householdId: params.householdId },
      { caller },
    );
  }
}

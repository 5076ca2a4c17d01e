import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HouseholdSubjects, type Caller } from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import { ChildDto, ChildInputDto } from './child.dto';
import {
  ChildIdParams,
  CreateHouseholdDto,
  GuardianDto,
  GuardianIdParams,
  GuardianInputDto,
  HistoryQueryDto,
  HouseholdChangeDto,
  HouseholdDto,
  HouseholdPathParams,
  UpdateHouseholdDto,
} from './household.dto';

const INVALID = { status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' };
const NOT_FOUND = {
  status: 404,
  type: ProblemDetailsDto,
  description: "HOUSEHOLD_NOT_FOUND: unknown, or another family's household",
};

/**
 * A family's household ("foyer"), guardians and children. A family reaches only its own:
 * any other household id answers 404, as if it did not exist.
 */
@ApiTags('households')
@Controller()
export class HouseholdsController {
  constructor(private readonly services: ServiceClient) {}

  @Post('households')
  @Allow('family')
  @ApiOperation({
    summary: 'Declare your household (one per account; you are its first guardian)',
  })
  @ApiResponse({ status: 201, type: HouseholdDto })
  @ApiResponse(INVALID)
  @ApiResponse({ status: 409, type: ProblemDetailsDto, description: 'HOUSEHOLD_ALREADY_EXISTS' })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateHouseholdDto): Promise<HouseholdDto> {
    return this.services.requestUntyped(HouseholdSubjects.create, body, { caller });
  }

  @Get('me/household')
  @Allow('family')
  @ApiOperation({ summary: 'Your household, with its guardians and children' })
  @ApiResponse({ status: 200, type: HouseholdDto })
  @ApiResponse({
    status: 404,
    type: ProblemDetailsDto,
    description: 'HOUSEHOLD_NOT_FOUND: none yet',
  })
  mine(@CurrentCaller() caller: Caller): Promise<HouseholdDto> {
    return this.services.requestUntyped(HouseholdSubjects.getMine, {}, { caller });
  }

  @Get('households/:householdId')
  @Allow('family', 'agent', 'admin')
  @ApiOperation({
    summary: 'A household with its guardians and children',
    description:
      'A family reads its own; an agent a household that deals with one of its services (written to the audit log); an admin any.',
  })
  @ApiResponse({ status: 200, type: HouseholdDto })
  @ApiResponse(INVALID)
  @ApiResponse({
    status: 403,
    type: ProblemDetailsDto,
    description: 'HOUSEHOLD_OUT_OF_SCOPE (agents)',
  })
  @ApiResponse(NOT_FOUND)
  get(
    @CurrentCaller() caller: Caller,
    @Param() params: HouseholdPathParams,
  ): Promise<HouseholdDto> {
    return this.services.requestUntyped(
      HouseholdSubjects.get,
      { householdId: params.householdId },
      { caller },
    );
  }

  @Patch('households/:householdId')
  @Allow('family')
  @ApiOperation({
    summary: 'Change the CAF number or the family quotient',
    description: 'Absent fields are kept; null clears a field. The change is kept in the history.',
  })
  @ApiResponse({ status: 200, type: HouseholdDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: HouseholdPathParams,
    @Body() body: UpdateHouseholdDto,
  ): Promise<HouseholdDto> {
    return this.services.requestUntyped(
      HouseholdSubjects.update,
      { ...body, householdId: params.householdId },
      { caller },
    );
  }

  @Get('households/:householdId/history')
  @Allow('family', 'admin')
  @ApiOperation({ summary: 'Who changed what and when in the household, most recent first' })
  @ApiResponse({ status: 200, type: [HouseholdChangeDto] })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  history(
    @CurrentCaller() caller: Caller,
    @Param() params: HouseholdPathParams,
    @Query() query: HistoryQueryDto,
  ): Promise<HouseholdChangeDto[]> {
    return this.services.requestUntyped(
      HouseholdSubjects.history,
      { householdId: params.householdId, ...(query.limit ? { limit: query.limit } : {}) },
      { caller },
    );
  }

  @Post('households/:householdId/guardians')
  @Allow('family')
  @ApiOperation({
    summary: 'Add the second guardian',
    description: 'Separated parents each keep their own address and commune of residence.',
  })
  @ApiResponse({ status: 201, type: GuardianDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  @ApiResponse({ status: 409, type: ProblemDetailsDto, description: 'GUARDIAN_LIMIT_REACHED' })
  addGuardian(
    @CurrentCaller() caller: Caller,
    @Param() params: HouseholdPathParams,
    @Body() body: GuardianInputDto,
  ): Promise<GuardianDto> {
    return this.services.requestUntyped(
      HouseholdSubjects.guardiansAdd,
      { ...body, householdId: params.householdId },
      { caller },
    );
  }

  @Put('households/:householdId/guardians/:guardianId')
  @Allow('family')
  @ApiOperation({ summary: "Replace a guardian's details" })
  @ApiResponse({ status: 200, type: GuardianDto })
  @ApiResponse(INVALID)
  @ApiResponse({ ...NOT_FOUND, description: `${NOT_FOUND.description}; GUARDIAN_NOT_FOUND` })
  updateGuardian(
    @CurrentCaller() caller: Caller,
    @Param() params: GuardianIdParams,
    @Body() body: GuardianInputDto,
  ): Promise<GuardianDto> {
    return this.services.requestUntyped(
      HouseholdSubjects.guardiansUpdate,
      { ...body, householdId: params.householdId, guardianId: params.guardianId },
      { caller },
    );
  }

  @Delete('households/:householdId/guardians/:guardianId')
  @Allow('family')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove the second guardian (the first one stays)' })
  @ApiResponse({ status: 204 })
  @ApiResponse(INVALID)
  @ApiResponse({ ...NOT_FOUND, description: `${NOT_FOUND.description}; GUARDIAN_NOT_FOUND` })
  @ApiResponse({
    status: 409,
    type: ProblemDetailsDto,
    description: 'PRIMARY_GUARDIAN_NOT_REMOVABLE',
  })
  async removeGuardian(
    @CurrentCaller() caller: Caller,
    @Param() params: GuardianIdParams,
  ): Promise<void> {
    await this.services.requestUntyped(
      HouseholdSubjects.guardiansRemove,
      { householdId: params.householdId, guardianId: params.guardianId },
      { caller },
    );
  }

  @Post('households/:householdId/children')
  @Allow('family')
  @ApiOperation({ summary: 'Add a child to the household' })
  @ApiResponse({ status: 201, type: ChildDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  createChild(
    @CurrentCaller() caller: Caller,
    @Param() params: HouseholdPathParams,
    @Body() body: ChildInputDto,
  ): Promise<ChildDto> {
    return this.services.requestUntyped(
      HouseholdSubjects.childrenCreate,
      { ...body, householdId: params.householdId },
      { caller },
    );
  }

  @Get('households/:householdId/children/:childId')
  @Allow('family', 'agent', 'admin')
  @ApiOperation({
    summary: 'A child, with health information and authorisations',
    description: "An agent's read is written to the audit log.",
  })
  @ApiResponse({ status: 200, type: ChildDto })
  @ApiResponse(INVALID)
  @ApiResponse({
    status: 403,
    type: ProblemDetailsDto,
    description: 'HOUSEHOLD_OUT_OF_SCOPE (agents)',
  })
  @ApiResponse({ ...NOT_FOUND, description: `${NOT_FOUND.description}; CHILD_NOT_FOUND` })
  getChild(@CurrentCaller() caller: Caller, @Param() params: ChildIdParams): Promise<ChildDto> {
    return this.services.requestUntyped(
      HouseholdSubjects.childrenGet,
      { householdId: params.householdId, childId: params.childId },
      { caller },
    );
  }

  @Put('households/:householdId/children/:childId')
  @Allow('family')
  @ApiOperation({
    summary: "Replace a child's details",
    description: 'Absent optional parts (health, authorisations) take their defaults again.',
  })
  @ApiResponse({ status: 200, type: ChildDto })
  @ApiResponse(INVALID)
  @ApiResponse({ ...NOT_FOUND, description: `${NOT_FOUND.description}; CHILD_NOT_FOUND` })
  updateChild(
    @CurrentCaller() caller: Caller,
    @Param() params: ChildIdParams,
    @Body() body: ChildInputDto,
  ): Promise<ChildDto> {
    return this.services.requestUntyped(
      HouseholdSubjects.childrenUpdate,
      { ...body, householdId: params.householdId, childId: params.childId },
      { caller },
    );
  }
}
